using Checker.Core.Findings;
using Checker.Core.Rules;

namespace Checker.Reporting;

/// <summary>Derives the summary and exit code of a run from its pages, so they can never disagree with them.</summary>
public static class ReportBuilder
{
    /// <summary>Whether a finding fails the run: failing, at or above fail-on, not allowlisted, and new when only new ones count.</summary>
    public static bool Gates(Finding finding, RunInfo run) =>
        finding.IsOpenFailure && finding.Severity >= run.FailOn && (!run.FailOnNewOnly || finding.Baseline != BaselineStates.Unchanged);

    /// <summary>How a failing finding that does not gate is marked: "allowed", "known" (in the baseline) or "below fail-on".</summary>
    public static string? Standing(Finding finding, RunInfo run) => finding.Outcome != Outcome.Fail ? null
        : finding.Suppression is not null ? "allowed"
        : run.FailOnNewOnly && finding.Baseline == BaselineStates.Unchanged ? "known"
        : finding.Severity < run.FailOn ? "below fail-on"
        : null;

    public static RunReport Build(ToolInfo tool, RunInfo run, RuleCatalog catalog, IReadOnlyList<PageReport> pages, RunReport? baseline = null,
        string? baselineSource = null) =>
        Build(tool, run, catalog.Rules.Select(r => new RuleInfo(r.Id, r.Title, r.Severity, r.HelpText, r.Tags,
            r.References.Select(x => x.Url is null ? x.Title : $"{x.Title} <{x.Url}>").ToList())
        {
            Description = r.Description,
            ReferenceLinks = r.References,
        }).ToList(), pages, baseline, baselineSource);

    /// <summary>The report of pages judged with the given rules (as saved in earlier reports, for `report merge`).</summary>
    public static RunReport Build(ToolInfo tool, RunInfo run, IReadOnlyList<RuleInfo> rules, IReadOnlyList<PageReport> pages,
        RunReport? baseline = null, string? baselineSource = null)
    {
        BaselineReport? comparison = null;
        if (baseline is not null) (pages, comparison) = Baseline.Compare(pages, baseline, baselineSource ?? "baseline");
        var findings = pages.SelectMany(p => p.Findings).ToList();
        var outcomes = Enum.GetValues<Outcome>().ToDictionary(
            o => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(o.ToString()),
            o => findings.Count(f => f.Outcome == o));
        var failing = findings.Count(f => Gates(f, run));
        var failedPages = pages.Count(p => p.Status == PageStatus.Failed);
        var exitCode = failing > 0 ? ExitCodes.FindingsFailed
            : failedPages > 0 ? ExitCodes.PagesNotAudited
            : ExitCodes.Success;
        return new RunReport
        {
            Tool = tool,
            Run = run,
            Summary = new RunSummary
            {
                Pages = pages.Count,
                Audited = pages.Count - failedPages,
                Failed = failedPages,
                Outcomes = outcomes,
                Failing = failing,
                Suppressed = findings.Count(f => f.Outcome == Outcome.Fail && f.Suppression is not null),
                ExitCode = exitCode,
            },
            Rules = rules,
            Pages = pages,
            Baseline = comparison,
        };
    }
}
