using System.Diagnostics;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>The .NET tool package, as a CI job would use it: packed, installed from a local folder, run.</summary>
[NonParallelizable]
public sealed class PackagingTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Checker.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Checker.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<CliResult> Run(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("CHECKER_RULES");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    [Test]
    public async Task The_tool_package_installs_and_its_checker_command_audits_the_demo()
    {
        var packages = NewOutputFolder();
        var tools = NewOutputFolder();
        var pack = await Run("dotnet", RepositoryRoot(), "pack", "src/Checker.Cli", "-c", "Release", "-o", packages, "--nologo");
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
        var install = await Run("dotnet", packages, "tool", "install", "--tool-path", tools, "--add-source", packages, "Checker.Cli");
        Assert.That(install.ExitCode, Is.Zero, install.ToString());

        var checker = Path.Combine(tools, "checker");
        var rules = await Run(checker, tools, "rules", "list");
        Assert.That(rules.ExitCode, Is.Zero, rules.ToString());
        Assert.That(rules.Stdout, Does.Contain("consent.reject-not-respected"), "the rules ship inside the package");

        var output = NewOutputFolder();
        var demo = await Run(checker, tools, "demo", "--phases", "initial,reject", "--format", "json,sarif", "--out", output);
        Assert.That(demo.ExitCode, Is.EqualTo(1), demo.ToString());
        Assert.That(Outcome(Page(ReadReport(output), "https://www.atlas-daily.example/2020/10/02/morocco-usa-sign-military-cooperation-agreement/"),
            "consent.tracking-before-consent"), Is.EqualTo("fail"));
        Assert.That(File.Exists(Path.Combine(output, "report.sarif")), Is.True);
        Assert.That(ReadReport(output).GetProperty("run").GetProperty("options").GetProperty("autoconsent").GetString(), Does.Not.Contain("not shipped"),
            "autoconsent ships inside the package");
    }
}
