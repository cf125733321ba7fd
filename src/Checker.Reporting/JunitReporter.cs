using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Checker.Core.Findings;

namespace Checker.Reporting;

/// <summary>
/// JUnit XML, as CI systems read it (GitLab, Jenkins, Azure DevOps, GitHub test-report actions): one test suite per
/// page, one test case per rule. A failing finding at or above the run's fail-on severity is a failure; one below
/// it passes with its message in system-out (a warning does not fail the run, so it must not fail the suite);
/// "not-applicable" is skipped; "incomplete" is skipped with the reason (could not tell — not a pass, not a
/// failure); "error" is an error. A page that could not be audited is a suite with one erroring case.
/// </summary>
public static class JunitReporter
{
    public static string Render(RunReport report)
    {
        var suites = report.Pages.Select((page, index) => Suite(report, page, index)).ToList();
        int Sum(string attribute) => suites.Sum(s => int.Parse(s.Attribute(attribute)!.Value, CultureInfo.InvariantCulture));
        var root = new XElement("testsuites",
            new XAttribute("name", "checker"),
            new XAttribute("tests", Sum("tests")),
            new XAttribute("failures", Sum("failures")),
            new XAttribute("errors", Sum("errors")),
            new XAttribute("skipped", Sum("skipped")),
            new XAttribute("time", Seconds((report.Run.FinishedAt - report.Run.StartedAt).TotalMilliseconds)),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root + "\n";
    }

    private static XElement Suite(RunReport report, PageReport page, int index)
    {
        var className = "checker." + HostOf(page.Url);
        var cases = new List<XElement>();
        int failures = 0, errors = 0, skipped = 0;
        if (page.Status == PageStatus.Failed)
        {
            errors++;
            cases.Add(new XElement("testcase", new XAttribute("classname", className), new XAttribute("name", "page loads"),
                new XAttribute("time", Seconds(page.DurationMs ?? 0)),
                new XElement("error", new XAttribute("message", Clean(page.Error ?? "the page could not be audited")), new XAttribute("type", "page-not-audited"))));
        }
        foreach (var finding in page.Findings)
        {
            var testCase = new XElement("testcase", new XAttribute("classname", className), new XAttribute("name", finding.RuleId),
                new XAttribute("time", "0"));
            var message = Clean(finding.Message);
            switch (finding.Outcome)
            {
                case Outcome.Fail when finding.Suppression is { } suppression:
                    skipped++;
                    testCase.Add(new XElement("skipped", new XAttribute("message",
                        Clean($"allowed ({suppression.Source}): {suppression.Reason}{(suppression.Expires is { } until ? $" until {until:yyyy-MM-dd}" : "")} — {finding.Message}"))));
                    break;
                case Outcome.Fail when ReportBuilder.Gates(finding, report.Run):
                    failures++;
                    testCase.Add(new XElement("failure", new XAttribute("message", message),
                        new XAttribute("type", finding.Severity.ToString().ToLowerInvariant()), Details(finding)));
                    break;
                case Outcome.Fail:
                    testCase.Add(new XElement("system-out",
                        $"{finding.Severity.ToString().ToLowerInvariant()} ({ReportBuilder.Standing(finding, report.Run)}, does not fail the run): {message}\n{Details(finding)}"));
                    break;
                case Outcome.Error:
                    errors++;
                    testCase.Add(new XElement("error", new XAttribute("message", message), new XAttribute("type", "rule-error")));
                    break;
                case Outcome.NotApplicable:
                    skipped++;
                    testCase.Add(new XElement("skipped", new XAttribute("message", "not applicable: " + message)));
                    break;
                case Outcome.Incomplete:
                    skipped++;
                    testCase.Add(new XElement("skipped", new XAttribute("message", "incomplete (could not tell): " + message)));
                    break;
            }
            cases.Add(testCase);
        }
        return new XElement("testsuite",
            new XAttribute("name", Clean(page.Url)),
            new XAttribute("id", index),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("skipped", skipped),
            new XAttribute("time", Seconds(page.DurationMs ?? 0)),
            new XAttribute("timestamp", report.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "url"), new XAttribute("value", Clean(page.Url))),
                new XElement("property", new XAttribute("name", "status"), new XAttribute("value", page.Status))),
            cases);
    }

    private static string Details(Finding finding) =>
        Clean(string.Join("\n", finding.Evidence.Select(e => $"{e.Kind}: {e.Value}{(e.Detail is null ? "" : $" ({e.Detail})")}")));

    private static string HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "page";

    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot carry most control characters at all, even escaped: a page's text may hold them.</summary>
    internal static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(c).Append(text[++i]);
            else sb.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }
        return sb.ToString();
    }
}
