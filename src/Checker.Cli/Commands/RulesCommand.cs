using System.CommandLine;
using Checker.Cli.Audit;
using Checker.Core.Rules;

namespace Checker.Cli.Commands;

public static class RulesCommand
{
    public static Command Create()
    {
        var rules = new Option<string?>("--rules") { Description = "Rules folder (default: the rules shipped with the tool)" };
        var list = new Command("list", "List the rules: id, severity, title");
        list.Options.Add(rules);
        list.SetAction((result, _) => CliRunner.RunAsync(async () =>
        {
            var folder = result.GetValue(rules) ?? Environment.GetEnvironmentVariable("CHECKER_RULES")
                         ?? Path.Combine(AppContext.BaseDirectory, "rules");
            RuleCatalog catalog;
            try { catalog = BuiltInRules.LoadEngine(folder).Catalog; }
            catch (RuleCatalogException e) { throw new UsageException($"broken rules: {e.Message}"); }
            var width = catalog.Rules.Max(r => r.Id.Length);
            foreach (var rule in catalog.Rules)
                await Console.Out.WriteLineAsync($"{rule.Id.PadRight(width)}  {rule.Severity.ToString().ToLowerInvariant(),-7}  {rule.Title}");
            return 0;
        }));
        var command = new Command("rules", "Inspect the rules");
        command.Subcommands.Add(list);
        return command;
    }
}
