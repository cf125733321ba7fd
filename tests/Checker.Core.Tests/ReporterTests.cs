using System.Text.Json;
using System.Xml.Linq;
using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Rules;
using Checker.Reporting;
using Json.Schema;

namespace Checker.Core.Tests;

/// <summary>
/// The report formats, rendered from one small run with a failing, a warning, an incomplete, a not-applicable and an
/// erroring finding, a page that could not be audited, and page text that holds markup and script.
/// </summary>
public sealed class ReporterTests
{
    private const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&";
    private const string Url = "https://www.news.test/article";
    private const string Unreachable = "https://down.news.test/";

    private static readonly RuleEngine Engine = BuiltInRules.LoadEngine(TestPaths.Rules);

    // Loaded once: the schema registers its $id, and a second registration is refused.
    private static readonly Lazy<JsonSchema> SarifSchema =
        new(() => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemata", "sarif-2.1.0.json")));

    private static Finding F(string rule, Outcome outcome, Severity severity, string message, params EvidenceItem[] evidence) => new()
    {
        RuleId = rule,
        Outcome = outcome,
        Severity = severity,
        Message = message,
        Evidence = evidence,
        Fingerprint = FindingFingerprint.Of(Url, rule, evidence),
    };

    private static RunReport Report(Severity failOn = Severity.Error) => ReportBuilder.Build(
        new ToolInfo("checker", "1.2.3"),
        new RunInfo
        {
            Command = "audit",
            StartedAt = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 11, 28, 10, 0, 9, TimeSpan.Zero),
            FailOn = failOn,
        },
        Engine.Catalog,
        [
            new PageReport
            {
                Url = Url,
                Status = PageStatus.Audited,
                DurationMs = 4200,
                Findings =
                [
                    F("consent.tracking-before-consent", Outcome.Fail, Severity.Error, "Before any consent the page set " + Hostile,
                        new EvidenceItem("cookie", Hostile, "marketing")),
                    F("consent.unequal-prominence", Outcome.Fail, Severity.Warning, "reject is smaller"),
                    F("consent.reject-not-respected", Outcome.Incomplete, Severity.Error, "the reject phase did not load"),
                    F("consent.tcf-legitimate-interest", Outcome.NotApplicable, Severity.Error, "no TCF"),
                    F("consent.cookie-wall", Outcome.Error, Severity.Error, "the banner could not be looked for"),
                    F("consent.banner-missing", Outcome.Pass, Severity.Error, "A consent banner is shown."),
                ],
            },
            new PageReport { Url = Unreachable, Status = PageStatus.Failed, Error = "net::ERR_NAME_NOT_RESOLVED" },
        ]);

    [Test]
    public void Junit_has_a_suite_per_page_and_maps_outcomes_as_ci_tools_expect()
    {
        var xml = XDocument.Parse(JunitReporter.Render(Report()));
        var root = xml.Root!;
        Assert.That(root.Name.LocalName, Is.EqualTo("testsuites"));
        var suites = root.Elements("testsuite").ToList();
        Assert.That(suites.Select(s => s.Attribute("name")!.Value), Is.EqualTo(new[] { Url, Unreachable }));

        var page = suites[0];
        XElement Case(string rule) => page.Elements("testcase").Single(c => c.Attribute("name")!.Value == rule);
        Assert.That(Case("consent.tracking-before-consent").Element("failure")!.Attribute("message")!.Value, Does.Contain(Hostile));
        Assert.That(Case("consent.unequal-prominence").Element("failure"), Is.Null, "a warning below fail-on does not fail the suite");
        Assert.That(Case("consent.unequal-prominence").Element("system-out")!.Value, Does.StartWith("warning"));
        Assert.That(Case("consent.reject-not-respected").Element("skipped")!.Attribute("message")!.Value, Does.StartWith("incomplete"));
        Assert.That(Case("consent.tcf-legitimate-interest").Element("skipped")!.Attribute("message")!.Value, Does.StartWith("not applicable"));
        Assert.That(Case("consent.cookie-wall").Element("error"), Is.Not.Null);
        Assert.That(Case("consent.banner-missing").HasElements, Is.False, "a pass is a bare test case");
        Assert.That(page.Attribute("failures")!.Value, Is.EqualTo("1"));
        Assert.That(page.Attribute("skipped")!.Value, Is.EqualTo("2"));
        Assert.That(page.Attribute("errors")!.Value, Is.EqualTo("1"));

        Assert.That(suites[1].Element("testcase")!.Element("error")!.Attribute("message")!.Value, Does.Contain("ERR_NAME_NOT_RESOLVED"));
        Assert.That(root.Attribute("failures")!.Value, Is.EqualTo("1"));
        Assert.That(root.Attribute("errors")!.Value, Is.EqualTo("2"));
    }

    [Test]
    public void Junit_with_fail_on_warning_counts_the_warning_as_a_failure() =>
        Assert.That(XDocument.Parse(JunitReporter.Render(Report(Severity.Warning))).Root!.Attribute("failures")!.Value, Is.EqualTo("2"));

    [Test]
    public void Junit_survives_control_characters_in_page_text()
    {
        var report = Report() with
        {
            Pages = [new PageReport { Url = Url, Status = PageStatus.Failed, Error = "bad\u0001byte\u001b[31m and a lone \ud800 surrogate" }],
        };
        var xml = XDocument.Parse(JunitReporter.Render(report));
        Assert.That(xml.Descendants("error").Single().Attribute("message")!.Value, Does.Contain("byte"));
    }

    [Test]
    public void Sarif_is_valid_against_the_official_2_1_0_schema()
    {
        using var sarif = JsonDocument.Parse(SarifReporter.Render(Report()));
        var result = SarifSchema.Value.Evaluate(sarif.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = result.Details?.Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? [];
        Assert.That(result.IsValid, Is.True, string.Join("\n", errors.Take(10)));
    }

    [Test]
    public void Sarif_reports_what_needs_a_look_with_rule_help_levels_locations_and_fingerprints()
    {
        using var sarif = JsonDocument.Parse(SarifReporter.Render(Report()));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.That(rules.GetArrayLength(), Is.EqualTo(Engine.Catalog.Rules.Count));
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => r.GetProperty("ruleId").GetString()), Is.EquivalentTo(new[]
        {
            "consent.tracking-before-consent", "consent.unequal-prominence", "consent.reject-not-respected", "consent.cookie-wall",
        }), "fail, incomplete and error; not pass or not-applicable");

        var tracking = results.Single(r => r.GetProperty("ruleId").GetString() == "consent.tracking-before-consent");
        Assert.That(tracking.GetProperty("level").GetString(), Is.EqualTo("error"));
        Assert.That(tracking.GetProperty("kind").GetString(), Is.EqualTo("fail"));
        Assert.That(tracking.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), Is.EqualTo(Url));
        Assert.That(tracking.GetProperty("partialFingerprints").GetProperty(SarifReporter.FingerprintKey).GetString(), Has.Length.EqualTo(32));
        var rule = rules[tracking.GetProperty("ruleIndex").GetInt32()];
        Assert.That(rule.GetProperty("id").GetString(), Is.EqualTo("consent.tracking-before-consent"));
        Assert.That(rule.GetProperty("helpUri").GetString(), Does.StartWith("https://"));
        Assert.That(rule.GetProperty("help").GetProperty("text").GetString(), Does.Contain("References"));

        var warning = results.Single(r => r.GetProperty("ruleId").GetString() == "consent.unequal-prominence");
        Assert.That(warning.GetProperty("level").GetString(), Is.EqualTo("warning"));
        var incomplete = results.Single(r => r.GetProperty("ruleId").GetString() == "consent.reject-not-respected");
        Assert.That((incomplete.GetProperty("kind").GetString(), incomplete.GetProperty("level").GetString()), Is.EqualTo(("open", "none")));

        var notification = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications")[0];
        Assert.That(notification.GetProperty("message").GetProperty("text").GetString(), Does.Contain(Unreachable));
    }

    [Test]
    public void Html_encodes_page_text_and_allows_only_its_own_script_and_style()
    {
        var folder = ReportFolder.From(Path.GetTempPath(), Report());
        var html = HtmlReporter.Render(folder);
        Assert.That(html, Does.Not.Contain(Hostile));
        Assert.That(html, Does.Not.Contain("<img src=x"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(html, "<script").Count, Is.EqualTo(1), "one script: the filter");
        Assert.That(html, Does.Contain($"content=\"{System.Net.WebUtility.HtmlEncode(HtmlReporter.ContentSecurityPolicy)}\""));
        Assert.That(HtmlReporter.ContentSecurityPolicy, Does.StartWith("default-src 'none'").And.Contain("script-src 'sha256-"));
        Assert.That(html, Does.Contain("Not audited: net::ERR_NAME_NOT_RESOLVED"));
    }

    [Test]
    public void Html_links_a_page_only_when_its_url_is_http_or_https()
    {
        var report = Report() with { Pages = [new PageReport { Url = "javascript:alert(1)", Status = PageStatus.Failed, Error = "unsupported" }] };
        var html = HtmlReporter.Render(ReportFolder.From(Path.GetTempPath(), report));
        Assert.That(html, Does.Not.Contain("href=\"javascript:"));
    }

    [Test]
    public void Fingerprints_follow_rule_page_and_evidence_not_wording()
    {
        EvidenceItem[] ga = [new("cookie", "_ga", "analytics")];
        var a = FindingFingerprint.Of("https://News.test/a#top", "consent.tracking-before-consent", ga);
        Assert.That(FindingFingerprint.Of("https://news.test/a", "consent.tracking-before-consent", [new("cookie", "_ga", "other detail")]), Is.EqualTo(a),
            "details, fragment and host case do not count");
        Assert.That(FindingFingerprint.Of("https://news.test/a", "consent.tracking-before-consent", [new("cookie", "_fbp")]), Is.Not.EqualTo(a));
        Assert.That(FindingFingerprint.Of("https://news.test/b", "consent.tracking-before-consent", ga), Is.Not.EqualTo(a));
        Assert.That(FindingFingerprint.Of("https://news.test/a", "consent.banner-missing", ga), Is.Not.EqualTo(a));
    }

    [Test]
    public void The_engine_fingerprints_every_finding()
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "consent.banner-missing", "fail.json"));
        var evidence = Checker.Core.Serialization.CheckerJson.Deserialize<PageEvidence>(json);
        Assert.That(Engine.Evaluate(PageAudit.Of(evidence)).Select(f => f.Fingerprint), Has.All.Length.EqualTo(32));
    }

    private static RunReport Rebuild(RunReport current, RunReport? baseline, bool failOnNewOnly = false) => ReportBuilder.Build(
        current.Tool, current.Run with { FailOnNewOnly = failOnNewOnly }, Engine.Catalog, current.Pages, baseline, "before/report.json");

    [Test]
    public void Against_a_baseline_failing_findings_are_new_or_unchanged_and_vanished_ones_fixed()
    {
        var before = Report();
        var page = before.Pages[0];
        // Now: the tracking finding cites one more cookie (a new problem), unequal prominence is gone (fixed).
        var now = before with
        {
            Pages =
            [
                page with
                {
                    Findings = page.Findings.Select(f => f.RuleId switch
                    {
                        "consent.tracking-before-consent" => F(f.RuleId, Outcome.Fail, f.Severity, f.Message, [.. f.Evidence, new EvidenceItem("cookie", "_fbp")]),
                        "consent.unequal-prominence" => F(f.RuleId, Outcome.Pass, f.Severity, "as prominent"),
                        _ => f,
                    }).ToList(),
                },
                before.Pages[1],
            ],
        };
        var compared = Rebuild(now, before);
        var findings = compared.Pages[0].Findings;
        Assert.That(findings.Single(f => f.RuleId == "consent.tracking-before-consent").Baseline, Is.EqualTo(BaselineStates.New));
        Assert.That(compared.Baseline!.Fixed.Select(f => f.RuleId), Is.EquivalentTo(new[] { "consent.tracking-before-consent", "consent.unequal-prominence" }),
            "the old tracking finding (other evidence) and the unequal buttons no longer fail");
        Assert.That(compared.Baseline.New, Is.EqualTo(1));

        var same = Rebuild(before, before, failOnNewOnly: true);
        Assert.That(same.Pages[0].Findings.Where(f => f.Outcome == Outcome.Fail).Select(f => f.Baseline), Has.All.EqualTo(BaselineStates.Unchanged));
        Assert.That(same.Summary.Failing, Is.Zero, "nothing new: the gate passes");
        Assert.That(Rebuild(before, before).Summary.Failing, Is.EqualTo(1), "without failOnNewOnly the known failure still counts");
        Assert.That(Rebuild(now, before, failOnNewOnly: true).Summary.Failing, Is.EqualTo(1));
    }

    [Test]
    public void A_rule_not_evaluated_again_is_not_called_fixed()
    {
        var before = Report();
        var now = before with { Pages = [before.Pages[0] with { Findings = before.Pages[0].Findings.Where(f => f.RuleId != "consent.unequal-prominence").ToList() }] };
        Assert.That(Rebuild(now, before).Baseline!.Fixed.Select(f => f.RuleId), Does.Not.Contain("consent.unequal-prominence"));
    }

    [Test]
    public void An_allowlisted_finding_is_reported_as_accepted_and_does_not_fail_the_run()
    {
        var before = Report();
        var page = before.Pages[0];
        var allowed = before with
        {
            Pages = [page with { Findings = page.Findings.Select(f => f.RuleId == "consent.tracking-before-consent"
                ? f with { Suppression = new Suppression("strictly necessary", new DateOnly(2027, 1, 31), "checker.json line 9") } : f).ToList() }],
        };
        var report = Rebuild(allowed, null);
        Assert.That(report.Summary.Failing, Is.Zero);
        Assert.That(report.Summary.Suppressed, Is.EqualTo(1));
        var junit = XDocument.Parse(JunitReporter.Render(report));
        Assert.That(junit.Descendants("testcase").Single(c => c.Attribute("name")!.Value == "consent.tracking-before-consent").Element("skipped")!
            .Attribute("message")!.Value, Does.StartWith("allowed (checker.json line 9): strictly necessary until 2027-01-31"));
        using var sarif = JsonDocument.Parse(SarifReporter.Render(report));
        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("ruleId").GetString() == "consent.tracking-before-consent");
        Assert.That(result.GetProperty("suppressions")[0].GetProperty("status").GetString(), Is.EqualTo("accepted"));
        Assert.That(SarifSchema.Value.Evaluate(sarif.RootElement).IsValid, Is.True);
    }

    [Test]
    public async Task Report_files_replace_a_previous_run_whole_and_leave_no_temporary_file()
    {
        var directory = Directory.CreateTempSubdirectory("checker-report-write-").FullName;
        try
        {
            // A longer report.json from before: the new one, streamed into its file, must not keep its tail.
            await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), new string(' ', 1 << 20) + "{\"stale\": true}");
            var report = Report();
            var written = await ReportWriter.WriteAsync(ReportFolder.From(directory, report), directory, ReportWriter.Formats, CancellationToken.None);

            Assert.That(written.Select(Path.GetFileName), Is.EqualTo(ReportWriter.Formats.Select(ReportWriter.FileName)));
            var json = await File.ReadAllTextAsync(Path.Combine(directory, "report.json"));
            Assert.That(json, Is.EqualTo(Serialization.CheckerJson.Serialize(report)), "the streamed report is the report, byte for byte");
            Assert.That(ReportFolder.Load(directory).Report.Pages.Select(p => p.Url), Is.EqualTo(new[] { Url, Unreachable }));
            Assert.That(Directory.GetFiles(directory).Select(Path.GetFileName), Is.EquivalentTo(ReportWriter.Formats.Select(ReportWriter.FileName)),
                "no temporary file is left beside the reports");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
