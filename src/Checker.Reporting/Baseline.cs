using Checker.Core.Findings;

namespace Checker.Reporting;

/// <summary>
/// Compares a run with an earlier one by finding fingerprints (rule, page, key evidence): a failing finding is
/// "new" or "unchanged"; one that failed before and fails no more, on a page audited again with its rule evaluated
/// again, is "fixed". Nothing is called fixed that was not looked at (a page not audited, a rule turned off).
/// </summary>
public static class Baseline
{
    public static (IReadOnlyList<PageReport> Pages, BaselineReport Report) Compare(IReadOnlyList<PageReport> pages, RunReport baseline, string source)
    {
        var before = baseline.Pages
            .Where(p => p.Status == PageStatus.Audited)
            .SelectMany(p => p.Findings.Where(f => f.Outcome == Outcome.Fail && f.Fingerprint is not null).Select(f => (Page: p, Finding: f)))
            .ToList();
        var beforeFingerprints = before.Select(b => b.Finding.Fingerprint!).ToHashSet(StringComparer.Ordinal);

        var compared = pages.Select(page => page with
        {
            Findings = page.Findings.Select(f => f.Outcome == Outcome.Fail
                ? f with { Baseline = f.Fingerprint is not null && beforeFingerprints.Contains(f.Fingerprint) ? BaselineStates.Unchanged : BaselineStates.New }
                : f).ToList(),
        }).ToList();

        var nowFailing = compared.SelectMany(p => p.Findings).Where(f => f.Outcome == Outcome.Fail).Select(f => f.Fingerprint)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        // Only a rule that was evaluated again on a page audited again can be said to pass there now.
        var evaluatedAgain = compared.Where(p => p.Status == PageStatus.Audited)
            .SelectMany(p => p.Findings.Select(f => (FindingFingerprint.NormaliseUrl(p.Url), f.RuleId))).ToHashSet();
        var fixedFindings = before
            .Where(b => evaluatedAgain.Contains((FindingFingerprint.NormaliseUrl(b.Page.Url), b.Finding.RuleId)) && !nowFailing.Contains(b.Finding.Fingerprint!))
            .Select(b => new FixedFinding(b.Page.Url, b.Finding.RuleId, b.Finding.Fingerprint!, b.Finding.Message))
            .ToList();

        var failing = compared.SelectMany(p => p.Findings).Where(f => f.Outcome == Outcome.Fail).ToList();
        return (compared, new BaselineReport
        {
            Source = source,
            BaselineStartedAt = baseline.Run.StartedAt,
            New = failing.Count(f => f.Baseline == BaselineStates.New),
            Unchanged = failing.Count(f => f.Baseline == BaselineStates.Unchanged),
            Fixed = fixedFindings,
        });
    }
}
