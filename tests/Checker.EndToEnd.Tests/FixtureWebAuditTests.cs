using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// A real audit of the fixture web's publisher pages (real CLI, real Chromium; the shared run, see SharedRuns), then
/// what a user would check in its report: each page's findings, evidence and the run's exit code.
/// </summary>
[NonParallelizable]
public sealed class FixtureWebAuditTests
{
    private const string Compliant = "https://compliant.news.test/";
    private const string NoTracking = "https://notracking.news.test/";
    private const string TrackingNoBanner = "https://tracking-nobanner.news.test/";
    private const string French = "https://lepetit.news.test/";
    private const string Byline = "https://byline.news.test/";
    private const string Stealth = "https://stealth.news.test/";
    private const string Shadow = "https://shadow.news.test/";

    private string _out = "";
    private CliResult _run = null!;
    private JsonElement _report;

    [OneTimeSetUp]
    public async Task AuditTheFixtureWeb()
    {
        // These pages are audited, with default options, in the shared run of the consent sites.
        Assert.That(SharedRuns.OtherPublisherPages, Is.SupersetOf(new[] { NoTracking, Byline, Stealth, Shadow }));
        (_out, _run, _report) = await SharedRuns.ConsentWebAsync();
    }

    [Test]
    public void The_run_fails_because_some_pages_break_error_rules()
    {
        Assert.That(_run.ExitCode, Is.EqualTo(1), _run.ToString());
        Assert.That(_report.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
        Assert.That(_report.GetProperty("summary").GetProperty("audited").GetInt32(), Is.EqualTo(SharedRuns.PageCount));
        Assert.That(_report.GetProperty("tool").GetProperty("name").GetString(), Is.EqualTo("checker"));
    }

    [Test]
    public void The_compliant_page_passes_every_rule_that_applies()
    {
        var page = Page(_report, Compliant);
        Assert.That(page.GetProperty("status").GetString(), Is.EqualTo("audited"));
        foreach (var finding in page.GetProperty("findings").EnumerateArray())
            Assert.That(finding.GetProperty("outcome").GetString(), Is.AnyOf("pass", "not-applicable"),
                finding.GetProperty("ruleId").GetString() + ": " + finding.GetProperty("message").GetString());
        Assert.That(Outcome(page, "consent.tracking-before-consent"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.no-reject-first-layer"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "attribution.missing-byline"), Is.EqualTo("pass"));

        var evidence = ReadEvidence(_out, page);
        Assert.That(evidence.GetProperty("cookies").GetArrayLength(), Is.Zero, "nothing is set before a choice");
        Assert.That(evidence.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("host").GetString()),
            Has.None.EqualTo("metrics.tracker.test"), "the tracker only loads after accept");
        var article = evidence.GetProperty("article");
        Assert.That(article.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()), Does.Contain("Claire Martin"));
        Assert.That(article.GetProperty("datePublished").GetString(), Is.EqualTo("2026-11-20T08:00:00+01:00"));
        Assert.That(article.GetProperty("publisher").GetString(), Is.EqualTo("The Compliant Courier"));
        var controls = evidence.GetProperty("banner").GetProperty("controls").EnumerateArray().Select(c => c.GetProperty("text").GetString());
        Assert.That(controls, Is.EquivalentTo(new[] { "Accept all", "Reject all", "Privacy policy" }));
    }

    [Test]
    public void A_page_with_trackers_and_no_banner_fails_with_the_cookies_and_hosts_as_evidence()
    {
        var page = Page(_report, TrackingNoBanner);
        var before = Finding(page, "consent.tracking-before-consent");
        Assert.That(before.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(EvidenceValues(before), Is.SupersetOf(new[] { "_ga", "uid", "collect.tracker.test", "metrics.tracker.test" }));
        var missing = Finding(page, "consent.banner-missing");
        Assert.That(missing.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(missing.GetProperty("severity").GetString(), Is.EqualTo("error"));

        var evidence = ReadEvidence(_out, page);
        var ga = evidence.GetProperty("cookies").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "_ga");
        Assert.That(ga.GetProperty("party").GetString(), Is.EqualTo("first"));
        Assert.That(ga.GetProperty("classification").GetProperty("source").GetString(), Is.EqualTo("builtin"));
        var request = evidence.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("host").GetString() == "collect.tracker.test");
        Assert.That(request.GetProperty("party").GetString(), Is.EqualTo("third"));
        Assert.That(request.GetProperty("resourceType").GetString(), Is.EqualTo("image"));
        Assert.That(request.GetProperty("setCookieNames").EnumerateArray().Select(n => n.GetString()), Does.Contain("uid"));
        Assert.That(request.GetProperty("frameUrl").GetString(), Is.EqualTo(TrackingNoBanner));
        var storage = evidence.GetProperty("storage");
        Assert.That(storage.GetProperty("origin").GetString(), Is.EqualTo("https://tracking-nobanner.news.test"));
        Assert.That(storage.GetProperty("localStorageKeys").EnumerateArray().Select(k => k.GetString()), Does.Contain("_tt_visitor"));
        Assert.That(storage.GetProperty("sessionStorageKeys").EnumerateArray().Select(k => k.GetString()), Does.Contain("_tt_session"));
    }

    [Test]
    public void A_third_party_SameSite_None_cookie_from_a_tracker_host_is_recorded()
    {
        var evidence = ReadEvidence(_out, Page(_report, TrackingNoBanner));
        var uid = evidence.GetProperty("cookies").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "uid");
        Assert.That(uid.GetProperty("domain").GetString(), Is.EqualTo(".tracker.test"));
        Assert.That(uid.GetProperty("sameSite").GetString(), Is.EqualTo("None"));
        Assert.That(uid.GetProperty("secure").GetBoolean(), Is.True);
        Assert.That(uid.GetProperty("party").GetString(), Is.EqualTo("third"));
        Assert.That(uid.GetProperty("expires").GetString(), Is.Not.Null);
        Assert.That(evidence.GetProperty("browser").GetProperty("thirdPartyCookies").GetString(), Is.EqualTo("allow"));
    }

    [Test]
    public void A_page_without_banner_or_trackers_needs_no_banner()
    {
        var page = Page(_report, NoTracking);
        Assert.That(Outcome(page, "consent.tracking-before-consent"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.banner-missing"), Is.EqualTo("not-applicable"));
        Assert.That(Outcome(page, "consent.implied-consent"), Is.EqualTo("not-applicable"));
        Assert.That(Outcome(page, "attribution.missing-byline"), Is.EqualTo("not-applicable"), "a section front is not an article");
    }

    [Test]
    public void A_french_banner_that_claims_consent_from_browsing_is_implied_consent()
    {
        var page = Page(_report, French);
        var implied = Finding(page, "consent.implied-consent");
        Assert.That(implied.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(EvidenceValues(implied).Single(), Does.StartWith("En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies"));
        Assert.That(Outcome(page, "consent.no-reject-first-layer"), Is.EqualTo("fail"), "only OK and a link");
        Assert.That(Outcome(page, "attribution.missing-byline"), Is.EqualTo("pass"));
    }

    [Test]
    public void An_article_with_byline_date_and_json_ld_graph_is_fully_attributed()
    {
        var page = Page(_report, Byline);
        Assert.That(Outcome(page, "attribution.missing-byline"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "attribution.uncredited-correspondent"), Is.EqualTo("pass"), "the page's own bylined correspondent");
        Assert.That(Outcome(page, "attribution.copy-artifacts"), Is.EqualTo("pass"));
        var article = ReadEvidence(_out, page).GetProperty("article");
        var authors = article.GetProperty("authors").EnumerateArray().ToList();
        Assert.That(authors.Select(a => a.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "Amara Okafor", "Lucas Schmidt" }));
        Assert.That(authors[0].GetProperty("source").GetString(), Is.EqualTo("json-ld"));
        Assert.That(article.GetProperty("datePublished").GetString(), Is.EqualTo("2026-11-25T06:30:00Z"));
        Assert.That(article.GetProperty("dateModified").GetString(), Is.EqualTo("2026-11-25T12:00:00Z"));
        Assert.That(article.GetProperty("publisher").GetString(), Is.EqualTo("Science Daily Post"));
        Assert.That(article.GetProperty("canonicalUrl").GetString(), Is.EqualTo("https://byline.news.test/"));
        Assert.That(article.GetProperty("credits").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void A_banner_hidden_from_automation_is_seen_because_the_browser_looks_like_a_desktop_chrome()
    {
        var page = Page(_report, Stealth);
        Assert.That(Outcome(page, "consent.banner-missing"), Is.EqualTo("pass"));
        var evidence = ReadEvidence(_out, page);
        Assert.That(evidence.GetProperty("banner").GetProperty("selector").GetString(), Is.EqualTo("#cmp"));
        Assert.That(evidence.GetProperty("browser").GetProperty("userAgent").GetString(), Does.Not.Contain("Headless"));
        Assert.That(Outcome(page, "consent.no-reject-first-layer"), Is.EqualTo("fail"), "'I agree' and 'Manage options' only");
    }

    [Test]
    public void A_banner_inside_an_open_shadow_root_is_found_with_its_buttons()
    {
        var evidence = ReadEvidence(_out, Page(_report, Shadow));
        var banner = evidence.GetProperty("banner");
        Assert.That(banner.GetProperty("detected").GetBoolean(), Is.True);
        Assert.That(banner.GetProperty("inShadowRoot").GetBoolean(), Is.True);
        Assert.That(banner.GetProperty("controls").EnumerateArray().Select(c => c.GetProperty("text").GetString()),
            Is.EquivalentTo(new[] { "Alle akzeptieren", "Einstellungen" }));
        Assert.That(Outcome(Page(_report, Shadow), "consent.no-reject-first-layer"), Is.EqualTo("fail"));
    }

    [Test]
    public void The_console_summary_lists_each_page_and_the_markdown_report_is_written()
    {
        Assert.That(_run.Stdout, Does.Contain(TrackingNoBanner).And.Contain("consent.banner-missing").And.Contain("FAIL (error)"));
        var pages = SharedRuns.PageCount;
        Assert.That(_run.Stdout, Does.Contain($"{pages} page(s), {pages} audited"));
        Assert.That(_run.Stderr, Does.Not.Contain($"[{pages}/{pages}]"), "progress is quiet when stderr is not a terminal");
        var markdown = File.ReadAllText(Path.Combine(_out, "report.md"));
        Assert.That(markdown, Does.Contain("| https://compliant.news.test/ |").And.Contain("`consent.banner-missing`"));
    }
}
