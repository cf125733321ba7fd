using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// Site sessions (--isolation site, the default): the pages of a site share one browser page per phase. Before any
/// choice each page must be seen as a first visit (everything wiped between pages); after the reject or accept choice
/// on the site's first page, the next pages are judged in the state it left, as a reader browsing on would be, and a
/// banner that asks again is a finding (consent.choice-not-remembered). One real run of two two-page sites: one keeps
/// the choice for the whole site, one stores it in a cookie that covers only the first page's folder.
/// </summary>
[NonParallelizable]
public sealed class SiteSessionTests
{
    private const string RemembersFirst = "https://remembers.news.test/news/one/";
    private const string RemembersSecond = "https://remembers.news.test/news/two/";
    private const string ForgetsFirst = "https://forgets.news.test/news/one/";
    private const string ForgetsSecond = "https://forgets.news.test/news/two/";

    // A site whose home page shows no banner and whose news page shows Klaro's (a CMP autoconsent knows).
    private const string LaterHome = "https://bannerlater.news.test/";
    private const string LaterNews = "https://bannerlater.news.test/news/two/";

    // A site whose two sections show two different banners, by turns, and whose about page shows none.
    private const string TurnsOne = "https://turns.news.test/news/one/";
    private const string TurnsTwo = "https://turns.news.test/news/two/";
    private const string TurnsThree = "https://turns.news.test/news/three/";
    private const string TurnsAbout = "https://turns.news.test/about/";

    private string _out = "";
    private CliResult _run = null!;
    private JsonElement _report;
    private string _turnsOut = "";
    private CliResult _turnsRun = null!;
    private JsonElement _turnsReport;

    [OneTimeSetUp]
    public async Task AuditTwoSites()
    {
        _out = NewOutputFolder();
        _turnsOut = NewOutputFolder();
        // Interleaved on purpose: the run groups the pages by site itself. The turns site's four pages in one session
        // (one worker), before any choice only; both runs at once.
        var run = RunAsync(["audit", RemembersFirst, ForgetsFirst, RemembersSecond, ForgetsSecond, LaterHome, LaterNews, "--out", _out, .. FixtureWeb.AuditOptions]);
        var turns = RunAsync(["audit", TurnsOne, TurnsTwo, TurnsThree, TurnsAbout, "--phases", "initial", "--concurrency", "1",
            "--out", _turnsOut, .. FixtureWeb.AuditOptions]);
        (_run, _turnsRun) = (await run, await turns);
        _report = ReadReport(_out);
        _turnsReport = ReadReport(_turnsOut);
    }

    private JsonElement Evidence(string url, string phase) => ReadPhaseEvidence(_out, _report, url, phase);

    [Test]
    public void The_second_page_of_a_site_is_loaded_in_the_page_its_first_page_used()
    {
        Assert.That(_run.ExitCode, Is.AnyOf(0, 1), _run.ToString());
        Assert.That(_report.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("status").GetString()), Has.All.EqualTo("audited"));
        Assert.That(_report.GetProperty("run").GetProperty("options").GetProperty("isolation").GetString(), Is.EqualTo("site"));
        foreach (var phase in new[] { "initial", "reject", "accept", "gpc" })
        {
            Assert.That(Evidence(RemembersFirst, phase).GetProperty("navigation").GetProperty("sessionPage").GetInt32(), Is.EqualTo(1), phase);
            Assert.That(Evidence(RemembersSecond, phase).GetProperty("navigation").GetProperty("sessionPage").GetInt32(), Is.EqualTo(2), phase);
        }
    }

    [Test]
    public void Before_any_choice_the_second_page_is_a_first_visit_again()
    {
        // The first page's visit left nothing behind, and the site's cacheable script was fetched again: the same
        // cookies as on a first visit (its Set-Cookie included, which a cached copy would not give), and the banner.
        foreach (var phase in new[] { "initial", "gpc" })
        {
            var first = Evidence(RemembersFirst, phase);
            var second = Evidence(RemembersSecond, phase);
            Assert.That(second.GetProperty("banner").GetProperty("detected").GetBoolean(), Is.True, phase);
            Assert.That(CookieNames(second), Is.EqualTo(new[] { "site_lang" }), phase);
            Assert.That(CookieNames(second), Is.EqualTo(CookieNames(first)), phase);
            Assert.That(second.GetProperty("requests").EnumerateArray().Count(r => r.GetProperty("url").GetString()!.EndsWith("/static/settings.js")),
                Is.EqualTo(1), phase);
            Assert.That(second.GetProperty("interaction").ValueKind, Is.EqualTo(JsonValueKind.Null), phase);
        }
    }

    private static IEnumerable<string?> CookieNames(JsonElement evidence) =>
        evidence.GetProperty("cookies").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order();

    [Test]
    public void After_the_choice_the_next_page_is_judged_in_the_state_it_left()
    {
        var reject = Evidence(RemembersSecond, "reject");
        var interaction = reject.GetProperty("interaction");
        Assert.That(interaction.GetProperty("carriedFrom").GetString(), Is.EqualTo(RemembersFirst));
        Assert.That(interaction.GetProperty("bannerReturned").GetBoolean(), Is.False);
        Assert.That(interaction.GetProperty("choiceCookies").EnumerateArray().Select(c => c.GetString()), Does.Contain("consent (remembers.news.test)"));
        Assert.That(reject.GetProperty("banner").GetProperty("detected").GetBoolean(), Is.False);
        // The accepted choice loads the tracker on the next page too, and every request there counts as after the choice.
        var accept = Evidence(RemembersSecond, "accept");
        var trackerRequests = accept.GetProperty("requests").EnumerateArray().Where(r => r.GetProperty("host").GetString() == "metrics.tracker.test").ToList();
        Assert.That(trackerRequests, Is.Not.Empty);
        Assert.That(trackerRequests.Select(r => r.GetProperty("afterInteraction").GetBoolean()), Has.All.True);
        var page = Page(_report, RemembersSecond);
        Assert.That(Outcome(page, "consent.choice-not-remembered"), Is.EqualTo("pass"), Finding(page, "consent.choice-not-remembered").ToString());
        Assert.That(Outcome(page, "consent.reject-not-respected"), Is.EqualTo("pass"));
    }

    [Test]
    public void A_banner_first_shown_on_a_later_page_is_chosen_on_by_the_consent_library_that_knows_it()
    {
        // autoconsent is held back on the later pages of a site whose first page showed no banner (it costs them a third
        // of their CPU), and let in where a banner does appear: Klaro's own opt-out and opt-in, not a guess at its buttons.
        foreach (var phase in new[] { "reject", "accept" })
        {
            Assert.That(Evidence(LaterHome, phase).GetProperty("interaction").GetProperty("outcome").GetString(), Is.EqualTo("no-banner"), phase);
            var interaction = Evidence(LaterNews, phase).GetProperty("interaction");
            Assert.That(interaction.GetProperty("outcome").GetString(), Is.EqualTo("done"), phase);
            Assert.That(interaction.GetProperty("decidedBy").GetString(), Is.EqualTo("autoconsent"), $"{phase}: {interaction}");
            Assert.That(interaction.GetProperty("autoconsent").GetProperty("cmp").GetString(), Is.EqualTo("Klaro"), phase);
        }
    }

    [Test]
    public void A_banner_that_asks_again_on_the_next_page_is_found_with_the_cookie_that_should_have_kept_the_choice()
    {
        var page = Page(_report, ForgetsSecond);
        var finding = Finding(page, "consent.choice-not-remembered");
        Assert.That(finding.GetProperty("outcome").GetString(), Is.EqualTo("fail"), finding.ToString());
        Assert.That(EvidenceValues(finding), Does.Contain(ForgetsFirst));
        Assert.That(EvidenceValues(finding), Does.Contain("consent (forgets.news.test)"));
        foreach (var phase in new[] { "reject", "accept" })
        {
            var interaction = Evidence(ForgetsSecond, phase).GetProperty("interaction");
            Assert.That(interaction.GetProperty("bannerReturned").GetBoolean(), Is.True, phase);
            // Asked again, the choice is made again, as the reader would have to.
            Assert.That(interaction.GetProperty("outcome").GetString(), Is.EqualTo("done"), phase);
        }
    }

    [Test]
    public void The_same_banner_is_photographed_once_per_session_and_later_pages_point_at_it()
    {
        var first = Evidence(RemembersFirst, "initial").GetProperty("screenshots");
        var second = Evidence(RemembersSecond, "initial").GetProperty("screenshots");
        foreach (var kind in new[] { "viewport", "banner" })
        {
            var file = first.GetProperty(kind).GetString()!;
            Assert.That(File.Exists(Path.Combine(_out, "evidence", file)), Is.True, kind);
            Assert.That(second.GetProperty(kind).GetString(), Is.EqualTo(file), $"{kind}: the second page's banner is the first page's");
        }
        Assert.That(Directory.EnumerateFiles(Path.Combine(_out, "evidence"), "*remembers*.png").Count(), Is.EqualTo(2), "one viewport and one banner picture");
    }

    [Test]
    public void Two_banners_shown_by_turns_are_each_photographed_once_and_later_pages_point_at_theirs()
    {
        Assert.That(_turnsRun.ExitCode, Is.AnyOf(0, 1), _turnsRun.ToString());
        JsonElement Pictures(string url) => ReadPhaseEvidence(_turnsOut, _turnsReport, url, "initial").GetProperty("screenshots");
        var (one, two, three) = (Pictures(TurnsOne), Pictures(TurnsTwo), Pictures(TurnsThree));
        foreach (var kind in new[] { "viewport", "banner" })
        {
            Assert.That(File.Exists(Path.Combine(_turnsOut, "evidence", one.GetProperty(kind).GetString()!)), Is.True, kind);
            Assert.That(File.Exists(Path.Combine(_turnsOut, "evidence", two.GetProperty(kind).GetString()!)), Is.True, kind);
            Assert.That(two.GetProperty(kind).GetString(), Is.Not.EqualTo(one.GetProperty(kind).GetString()), $"{kind}: the second banner has its own");
            Assert.That(three.GetProperty(kind).GetString(), Is.EqualTo(one.GetProperty(kind).GetString()), $"{kind}: the first banner, back, is the first page's");
        }
        Assert.That(Directory.EnumerateFiles(Path.Combine(_turnsOut, "evidence"), "*.png").Count(), Is.EqualTo(4), "two pictures of each banner");
    }

    [Test]
    public void A_later_page_without_a_banner_is_watched_for_one_as_long_as_the_site_needs_not_the_whole_wait()
    {
        var first = ReadPhaseEvidence(_turnsOut, _turnsReport, TurnsOne, "initial").GetProperty("banner");
        var about = ReadPhaseEvidence(_turnsOut, _turnsReport, TurnsAbout, "initial").GetProperty("banner");
        Assert.That(first.GetProperty("detected").GetBoolean(), Is.True);
        Assert.That(about.GetProperty("detected").GetBoolean(), Is.False);
        // The site's banners came at once on its three news pages: its about page gets the least later wait (1 s),
        // not the whole --banner-wait (3 s), and says how long it was watched.
        Assert.That(about.GetProperty("lookedForMs").GetInt64(), Is.InRange(1000, 2500));
        Assert.That(ReadPhaseEvidence(_turnsOut, _turnsReport, TurnsAbout, "initial").GetProperty("navigation").GetProperty("sessionPage").GetInt32(),
            Is.EqualTo(4));
    }

    [Test]
    public void On_the_page_where_the_choice_was_made_there_is_nothing_to_tell()
    {
        foreach (var url in new[] { RemembersFirst, ForgetsFirst })
            Assert.That(Outcome(Page(_report, url), "consent.choice-not-remembered"), Is.EqualTo("not-applicable"), url);
    }

    [Test]
    public void With_isolation_page_every_visit_is_fresh_and_nothing_is_carried()
    {
        var output = NewOutputFolder();
        var run = RunAsync(["audit", ForgetsFirst, ForgetsSecond, "--isolation", "page", "--phases", "initial,reject", "--out", output, .. FixtureWeb.AuditOptions])
            .GetAwaiter().GetResult();
        Assert.That(run.ExitCode, Is.AnyOf(0, 1), run.ToString());
        var report = ReadReport(output);
        var reject = ReadPhaseEvidence(output, report, ForgetsSecond, "reject");
        Assert.That(reject.GetProperty("navigation").GetProperty("sessionPage").GetInt32(), Is.EqualTo(1));
        Assert.That(reject.GetProperty("interaction").GetProperty("carriedFrom").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(Outcome(Page(report, ForgetsSecond), "consent.choice-not-remembered"), Is.EqualTo("not-applicable"));
        Assert.That(report.GetProperty("run").GetProperty("options").GetProperty("isolation").GetString(), Is.EqualTo("page"));
    }
}
