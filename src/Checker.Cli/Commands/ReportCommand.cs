using System.CommandLine;
using Checker.Cli.Audit;
using Checker.Reporting;

namespace Checker.Cli.Commands;

public static class ReportCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("report") { Description = "A saved run: its report.json, or its folder" };
        var format = new Option<string>("--format") { Description = "Formats to write: json, html, junit, sarif, md", DefaultValueFactory = _ => "html" };
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write into (default: beside the report)" };
        var render = new Command("render", "Write a saved report in other formats (HTML, JUnit, SARIF, Markdown)");
        render.Arguments.Add(input);
        render.Options.Add(format);
        render.Options.Add(output);
        render.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var formats = AuditOptions.ParseFormats(result.GetValue(format)!, alwaysJson: false);
            ReportFolder folder;
            try { folder = ReportFolder.Load(result.GetValue(input)!); }
            catch (ReportReadException e) { throw new UsageException(e.Message); }
            var target = Path.GetFullPath(result.GetValue(output) ?? folder.Directory);
            IReadOnlyList<string> written;
            try { written = await ReportWriter.WriteAsync(folder, target, formats, cancellationToken); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write reports to {target}: {e.Message}");
            }
            foreach (var path in written) await Console.Out.WriteLineAsync(path);
            return 0;
        }));
        var runs = new Argument<string[]>("runs") { Description = "Folders (or report.json files) of the runs to join, e.g. the shards of one audit", Arity = ArgumentArity.OneOrMore };
        var mergeOut = new Option<string>("--out", "-o") { Description = "Folder for the merged report and evidence", Required = true };
        var mergeFormat = new Option<string>("--format") { Description = "Formats to write: json (always), html, junit, sarif, md", DefaultValueFactory = _ => "json,md" };
        var merge = new Command("merge", "Join the reports of several runs (the shards of one audit) into one");
        merge.Arguments.Add(runs);
        merge.Options.Add(mergeOut);
        merge.Options.Add(mergeFormat);
        merge.SetAction((result, cancellationToken) => CliRunner.RunAsync(() => MergeRunner.RunAsync(result.GetValue(runs)!, result.GetValue(mergeOut)!,
            AuditOptions.ParseFormats(result.GetValue(mergeFormat)!, alwaysJson: true), Console.Out, cancellationToken)));

        var command = new Command("report", "Work with saved reports");
        command.Subcommands.Add(render);
        command.Subcommands.Add(merge);
        return command;
    }
}
