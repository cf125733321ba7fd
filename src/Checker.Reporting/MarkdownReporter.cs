using System.Text;
using Checker.Core.Findings;

namespace Checker.Reporting;

/// <summary>A short summary fit for a pull-request comment or $GITHUB_STEP_SUMMARY.</summary>
public static class MarkdownReporter
{
    public static string Render(RunReport report)
    {
        var md = new StringBuilder();
        var s = report.Summary;
        md.AppendLine("# Checker compliance report").AppendLine();
        md.AppendLine($"{s.Pages} page(s): {s.Audited} audited, {s.Failed} not audited. " +
                      $"**{s.Failing} failing finding(s)** at or above `{report.Run.FailOn.ToString().ToLowerInvariant()}` · exit code {s.ExitCode}.")
          .AppendLine();
        foreach (var page in report.Pages)
        {
            md.AppendLine($"## {Escape(page.Url)}").AppendLine();
            if (page.Status == PageStatus.Failed)
            {
                md.AppendLine($"Not audited: {Escape(page.Error ?? "unknown error")}").AppendLine();
                continue;
            }
            md.AppendLine("| Rule | Outcome | Severity | Message |").AppendLine("|---|---|---|---|");
            foreach (var f in page.Findings.OrderBy(f => OutcomeOrder(f.Outcome)).ThenByDescending(f => f.Severity))
                md.AppendLine($"| `{f.RuleId}` | {Icon(f.Outcome)} {OutcomeName(f.Outcome)} | {f.Severity.ToString().ToLowerInvariant()} | {Escape(f.Message)} |");
            md.AppendLine();
        }
        return md.ToString();
    }

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
            else if (!char.IsControl(c)) sb.Append(c);
        }
        return sb.ToString();
    }
}
