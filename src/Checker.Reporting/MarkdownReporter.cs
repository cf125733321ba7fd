using System.Text;
using Checker.Core.Findings;

namespace Checker.Reporting;

/// <summary>A short summary fit for a pull-request comment or $GITHUB_STEP_SUMMARY.</summary>
public static class MarkdownReporter
{
    /// <summary>At most this many failing findings are listed; the rest are counted (the HTML report has them all).</summary>
    public const int MaxListed = 50;

    /// <summary>At most this many sites in the overview, and rules across its matrix: a pull-request comment stays short.</summary>
    public const int MaxSites = 30;
    public const int MaxMatrixRules = 8;

    public static string Render(RunReport report)
    {
        var md = new StringBuilder();
        var s = report.Summary;
        var run = report.Run;
        md.AppendLine("# Checker compliance report").AppendLine();
        md.AppendLine($"{(s.ExitCode == ExitCodes.Success ? "✅" : "❌")} {s.Pages} page(s): {s.Audited} audited, {s.Failed} not audited. " +
                      $"**{s.Failing} failing finding(s)** at or above `{run.FailOn.ToString().ToLowerInvariant()}`" +
                      $"{(run.FailOnNewOnly ? " (new ones only)" : "")} · exit code {s.ExitCode}." +
                      $"{(s.Suppressed > 0 ? $" {s.Suppressed} accepted by the allowlist." : "")}");
        if (report.Baseline is { } baseline)
            md.AppendLine().AppendLine($"Against the baseline of {baseline.BaselineStartedAt:yyyy-MM-dd HH:mm} UTC: " +
                                       $"**{baseline.New} new**, {baseline.Unchanged} unchanged, {baseline.Fixed.Count} fixed.");
        md.AppendLine();

        Overview(md, report);

        var failing = report.Pages.SelectMany(p => p.Findings.Where(f => f.Outcome == Outcome.Fail).Select(f => (Page: p, Finding: f)))
            .OrderByDescending(x => ReportBuilder.Gates(x.Finding, run)).ThenByDescending(x => x.Finding.Severity).ToList();
        if (failing.Count > 0)
        {
            md.AppendLine($"## Failing ({failing.Count})").AppendLine();
            md.AppendLine("| Page | Rule | Severity | | Message |").AppendLine("|---|---|---|---|---|");
            foreach (var (page, f) in failing.Take(MaxListed))
                md.AppendLine($"| {Escape(page.Url)} | `{f.RuleId}` | {f.Severity.ToString().ToLowerInvariant()} | {Mark(f, run)} | {Escape(Shorten(f.Message))} |");
            if (failing.Count > MaxListed) md.AppendLine().AppendLine($"… and {failing.Count - MaxListed} more in report.html / report.json.");
            md.AppendLine();
        }
        var notAudited = report.Pages.Where(p => p.Status == PageStatus.Failed).ToList();
        if (notAudited.Count > 0)
        {
            md.AppendLine($"## Not audited ({notAudited.Count})").AppendLine();
            foreach (var page in notAudited) md.AppendLine($"- {Escape(page.Url)}: {Escape(page.Error ?? "unknown error")}");
            md.AppendLine();
        }
        if (report.Baseline is { Fixed.Count: > 0 } withFixed)
        {
            md.AppendLine($"## Fixed since the baseline ({withFixed.Fixed.Count})").AppendLine();
            foreach (var f in withFixed.Fixed.Take(MaxListed)) md.AppendLine($"- {Escape(f.Url)}: `{f.RuleId}`");
            md.AppendLine();
        }
        md.AppendLine("## Pages").AppendLine();
        md.AppendLine("| Page | ❌ fail | ❔ incomplete | ⛔ error | ✅ pass |").AppendLine("|---|---|---|---|---|");
        foreach (var page in report.Pages)
        {
            int Count(Outcome o) => page.Findings.Count(f => f.Outcome == o);
            md.AppendLine(page.Status == PageStatus.Failed
                ? $"| {Escape(page.Url)} | not audited | | | |"
                : $"| {Escape(page.Url)} | {Count(Outcome.Fail)} | {Count(Outcome.Incomplete)} | {Count(Outcome.Error)} | {Count(Outcome.Pass)} |");
        }
        return md.ToString();
    }

    /// <summary>
    /// One line per site (pages, pages failing the gate, worst severity, baseline changes) and the matrix of sites ×
    /// the rules failing most, as pages failing; capped at <see cref="MaxSites"/> and <see cref="MaxMatrixRules"/>.
    /// </summary>
    private static void Overview(StringBuilder md, RunReport report)
    {
        var sites = SiteOverview.Build(report);
        if (sites.Count == 0) return;
        var rules = SiteOverview.FailingRules(sites).OrderByDescending(x => x.Pages).ThenBy(x => x.Rule, StringComparer.Ordinal).ToList();
        var shown = rules.Take(MaxMatrixRules).ToList();
        var baseline = report.Baseline is not null;
        md.AppendLine($"## Sites ({sites.Count})").AppendLine();
        md.Append("| Site | Pages | Fail the gate | Worst |");
        if (baseline) md.Append(" New | Unchanged | Fixed |");
        foreach (var (rule, _) in shown) md.Append($" `{rule}` |");
        md.AppendLine();
        md.Append("|---|---|---|---|");
        if (baseline) md.Append("---|---|---|");
        md.AppendLine(string.Concat(shown.Select(_ => "---|")));
        foreach (var site in sites.Take(MaxSites))
        {
            md.Append($"| {Escape(site.Site)} | {site.Pages.Count}{(site.NotAudited > 0 ? $" ({site.NotAudited} not audited)" : "")} | " +
                      $"{(site.PagesFailingGate > 0 ? $"❌ {site.PagesFailingGate}" : "✅ 0")} | {(site.Worst is { } w ? w.ToString().ToLowerInvariant() : "")} |");
            if (site.Baseline is { } b) md.Append($" {b.New} | {b.Unchanged} | {b.Fixed} |");
            foreach (var (rule, _) in shown) md.Append($" {(site.FailingPagesByRule.TryGetValue(rule, out var pages) ? pages.Count : "·")} |");
            md.AppendLine();
        }
        if (sites.Count > MaxSites) md.AppendLine().AppendLine($"… and {sites.Count - MaxSites} more sites in report.html.");
        if (rules.Count > shown.Count)
            md.AppendLine().AppendLine($"Rules failing beyond these columns: {string.Join(", ", rules.Skip(MaxMatrixRules).Select(r => $"`{r.Rule}` ({r.Pages} pages)"))}.");
        md.AppendLine();
    }

    /// <summary>How a failing finding stands: gating, allowed, known from the baseline, below fail-on; and new or not.</summary>
    public static string Mark(Finding finding, RunInfo run)
    {
        var standing = ReportBuilder.Standing(finding, run) ?? "fails the run";
        return finding.Baseline == BaselineStates.New ? $"{standing}, new" : standing;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public static string OutcomeName(Outcome outcome) => outcome switch
    {
        Outcome.NotApplicable => "not-applicable",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    public static int OutcomeOrder(Outcome outcome) => outcome switch
    {
        Outcome.Fail => 0,
        Outcome.Error => 1,
        Outcome.Incomplete => 2,
        Outcome.Pass => 3,
        _ => 4,
    };

    private static string Icon(Outcome outcome) => outcome switch
    {
        Outcome.Pass => "✅",
        Outcome.Fail => "❌",
        Outcome.Error => "⛔",
        Outcome.Incomplete => "❔",
        _ => "➖",
    };

    /// <summary>Page text in Markdown: no markup, no links, no table breaks survive.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '<' or '>' or '&') sb.Append(c switch { '<' => "&lt;", '>' => "&gt;", _ => "&amp;" });
            else if (c is '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '!') sb.Append('\\').Append(c);
            else if (ReportText.IsUnsafe(c)) sb.Append(ReportText.Replacement);
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
