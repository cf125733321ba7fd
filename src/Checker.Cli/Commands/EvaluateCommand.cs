using System.CommandLine;
using Checker.Cli.Audit;

namespace Checker.Cli.Commands;

public static class EvaluateCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("report") { Description = "A saved run: its folder, or its report.json" };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the new report (default: the run's own folder, rewritten)" };
        var format = new Option<string>("--format") { Description = "Report formats: json (always written), html, junit, sarif, md", DefaultValueFactory = _ => "json,md" };
        var gate = new GateOptions();
        var rules = RulesFolder.CreateOption();
        var command = new Command("evaluate", "Re-run the rules on a saved run's evidence, without a browser");
        command.Arguments.Add(input);
        foreach (var option in new Option[] { output, format, rules }) command.Options.Add(option);
        gate.AddTo(command);
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(() => EvaluateRunner.RunAsync(
            result.GetValue(input)!,
            result.GetValue(output),
            RulesFolder.Resolve(result.GetValue(rules)),
            gate.ToRequest(result),
            AuditOptions.ParseFormats(result.GetValue(format)!, alwaysJson: true),
            Console.Out,
            cancellationToken)));
        return command;
    }
}

/// <summary>Where the rules are read from: --rules, else $CHECKER_RULES, else the rules shipped beside the tool.</summary>
public static class RulesFolder
{
    public static Option<string?> CreateOption() => new("--rules") { Description = "Rules folder (default: the rules shipped with the tool)" };

    public static string Resolve(string? option) =>
        option ?? Environment.GetEnvironmentVariable("CHECKER_RULES") ?? Path.Combine(AppContext.BaseDirectory, "rules");
}
