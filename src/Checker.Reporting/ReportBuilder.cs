using Checker.Core.Findings;
using Checker.Core.Rules;

namespace Checker.Reporting;

/// <summary>Derives the summary and exit code of a run from its pages, so they can never disagree with them.</summary>
public static class ReportBuilder
{
    public static RunReport Build(ToolInfo tool, RunInfo run, RuleCatalog catalog, IReadOnlyList<PageReport> pages)
    {
        var findings = pages.SelectMany(p => p.Findings).ToList();
        var outcomes = Enum.GetValues<Outcome>().ToDictionary(
            o => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(o.ToString()),
            o => findings.Count(f => f.Outcome == o));
        var failing = findings.Count(f => f.Outcome == Outcome.Fail && f.Severity >= run.FailOn);
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
                ExitCode = exitCode,
            },
            Rules = catalog.Rules.Select(r => new RuleInfo(r.Id, r.Title, r.Severity, r.HelpText, r.Tags,
                r.References.Select(x => x.Url is null ? x.Title : $"{x.Title} <{x.Url}>").ToList())
            {
                Description = r.Description,
                ReferenceLinks = r.References,
            }).ToList(),
            Pages = pages,
        };
    }
}
