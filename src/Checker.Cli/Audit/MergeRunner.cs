using Checker.Core.Serialization;
using Checker.Reporting;
using Serilog;

namespace Checker.Cli.Audit;

/// <summary>
/// `report merge`: the reports of several runs (the shards of one audit, or runs of different page lists) joined
/// into one, their evidence copied beside it. Findings are kept as judged; the summary and exit code are derived
/// again from all the pages. A page in several runs is taken from the last run given.
/// </summary>
public static class MergeRunner
{
    public static async Task<int> RunAsync(IReadOnlyList<string> inputs, string output, IReadOnlyList<string> formats, TextWriter stdout,
        CancellationToken cancellationToken)
    {
        if (inputs.Count == 0) throw new UsageException("report merge: give the folders (or report.json files) of the runs to merge");
        var folders = new List<ReportFolder>();
        foreach (var input in inputs)
        {
            try { folders.Add(ReportFolder.Load(input)); }
            catch (ReportReadException e) { throw new UsageException(e.Message); }
        }
        output = Path.GetFullPath(output);
        if (folders.Any(f => f.Directory == output)) throw new UsageException("report merge: --out must be a new folder, not one of the runs merged");

        var pages = new Dictionary<string, PageReport>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var folder in folders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Evidence names carry the page's position in the full URL list, so the shards of one list never collide.
            EvaluateRunner.CopyEvidence(folder.Directory, output);
            foreach (var page in folder.Report.Pages)
            {
                if (pages.ContainsKey(page.Url)) Log.Warning("{Url} is in more than one run; the one from {Folder} is kept", page.Url, folder.Directory);
                else order.Add(page.Url);
                pages[page.Url] = page;
            }
        }
        var first = folders[0].Report;
        var rules = folders.SelectMany(f => f.Report.Rules).DistinctBy(r => r.Id).ToList();
        var run = first.Run with
        {
            Command = "merge",
            StartedAt = folders.Min(f => f.Report.Run.StartedAt),
            FinishedAt = folders.Max(f => f.Report.Run.FinishedAt),
            Options = new Dictionary<string, string?>(first.Run.Options)
            {
                ["mergedFrom"] = string.Join(" ", folders.Select(f => Path.Combine(f.Directory, "report.json"))),
                ["shard"] = null,
            },
        };
        var report = ReportBuilder.Build(new ToolInfo("checker", AuditRunner.ToolVersion), run, rules, order.Select(u => pages[u]).ToList());
        await ReportWriter.WriteAsync(ReportFolder.From(output, report), output, formats, CancellationToken.None);
        Log.Information("Merged {Runs} run(s): {Pages} page(s)", folders.Count, report.Pages.Count);
        await stdout.WriteAsync(ConsoleReporter.Render(report, Path.Combine(output, "report.json")));
        return report.Summary.ExitCode;
    }
}
