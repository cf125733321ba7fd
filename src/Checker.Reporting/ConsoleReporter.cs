using System.Text;
using Checker.Core.Findings;

namespace Checker.Reporting;

/// <summary>The summary on stdout: a table per page (rule, outcome, message), then the totals.</summary>
public static class ConsoleReporter
{
    public static string Render(RunReport report, string reportPath)
    {
        var text = new StringBuilder();
        foreach (var page in report.Pages)
        {
            text.AppendLine();
            text.AppendLine($"{Clean(page.Url)}");
            if (page.Status == PageStatus.Failed)
            {
                text.AppendLine($"  NOT AUDITED  {Clean(page.Error ?? "unknown error")}");
                continue;
            }
            var width = page.Findings.Select(f => f.RuleId.Length).DefaultIfEmpty(10).Max();
            foreach (var f in page.Findings.OrderBy(f => MarkdownReporter.OutcomeOrder(f.Outcome)).ThenByDescending(f => f.Severity))
            {
                var outcome = MarkdownReporter.OutcomeName(f.Outcome).ToUpperInvariant();
                var standing = ReportBuilder.Standing(f, report.Run);
                var severity = f.Outcome == Outcome.Fail
                    ? $" ({f.Severity.ToString().ToLowerInvariant()}{(standing is null or "below fail-on" ? "" : ", " + standing)}{(f.Baseline == BaselineStates.New ? ", new" : "")})"
                    : "";
                text.AppendLine($"  {f.RuleId.PadRight(width)}  {(outcome + severity),-22}  {Clean(f.Message)}");
            }
        }
        var s = report.Summary;
        text.AppendLine();
        text.AppendLine($"{s.Pages} page(s), {s.Audited} audited, {s.Failed} not audited; " +
                        $"{s.Failing} failing finding(s) at or above '{report.Run.FailOn.ToString().ToLowerInvariant()}'" +
                        $"{(report.Run.FailOnNewOnly ? " (new ones only)" : "")}{(s.Suppressed > 0 ? $"; {s.Suppressed} allowed by the config" : "")}.");
        if (report.Baseline is { } baseline)
            text.AppendLine($"Against the baseline: {baseline.New} new, {baseline.Unchanged} unchanged, {baseline.Fixed.Count} fixed.");
        text.AppendLine($"Report: {reportPath}");
        return text.ToString();
    }

    /// <summary>Page text on a terminal: no control characters (escape sequences could rewrite the screen).</summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(char.IsControl(c) ? ' ' : ReportText.IsUnsafe(c) ? ReportText.Replacement : c);
        var result = sb.ToString();
        return result.Length > 400 ? result[..400] + "…" : result;
    }
}
