using System.CommandLine;
using Checker.Browser;
using Checker.Cli.Audit;
using Checker.Core.Domains;
using Checker.Core.Rules;

namespace Checker.Cli.Commands;

/// <summary>Says what the tool found on this machine: browser, data files, rules. Exit 2 when something needed is missing.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var browserPath = new Option<string?>("--browser-path") { Description = "Chromium or Chrome executable to check" };
        var command = new Command("doctor", "Show the browser, data and rules the tool would use, with versions");
        command.Options.Add(browserPath);
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var ok = true;
            var output = Console.Out;
            await output.WriteLineAsync($"checker     {AuditRunner.ToolVersion} (.NET {Environment.Version})");
            var (browser, problem) = BrowserLocator.Locate(result.GetValue(browserPath));
            if (browser is null)
            {
                ok = false;
                await output.WriteLineAsync($"browser     MISSING: {problem}");
            }
            else
            {
                var version = await BrowserLocator.ReadVersionAsync(browser.ExecutablePath, cancellationToken) ?? "version unknown";
                await output.WriteLineAsync($"browser     {version} at {browser.ExecutablePath} (found by {browser.FoundBy})");
                // Not a failure: only --third-party-cookies block needs a browser with cookie settings.
                if (BrowserLocator.IsHeadlessShell(browser.ExecutablePath))
                {
                    var (desktop, cannotBlock) = BrowserLocator.Locate(result.GetValue(browserPath), needsCookieSettings: true);
                    await output.WriteLineAsync(desktop is not null
                        ? $"blocking    --third-party-cookies block runs in {desktop.ExecutablePath} (the headless shell cannot block them)"
                        : $"blocking    --third-party-cookies block is not available: {cannotBlock}");
                }
            }
            var psl = PublicSuffixList.FindInstalled();
            if (psl is null || !File.Exists(psl))
            {
                ok = false;
                await output.WriteLineAsync("suffixes    MISSING: install the Public Suffix List ('apt-get install -y publicsuffix')");
            }
            else
            {
                await output.WriteLineAsync($"suffixes    {PublicSuffixList.Load(psl).RuleCount} rules from {psl}");
            }
            var rulesFolder = Environment.GetEnvironmentVariable("CHECKER_RULES") ?? Path.Combine(AppContext.BaseDirectory, "rules");
            try
            {
                var catalog = BuiltInRules.LoadEngine(rulesFolder).Catalog;
                await output.WriteLineAsync($"rules       {catalog.Rules.Count} rules from {catalog.Folder}");
            }
            catch (RuleCatalogException e)
            {
                ok = false;
                await output.WriteLineAsync($"rules       BROKEN: {e.Message}");
            }
            return ok ? 0 : Checker.Reporting.ExitCodes.UsageError;
        }));
        return command;
    }
}
