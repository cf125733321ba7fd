using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// The verdict of every consent rule on every consent site of the fixture web, from one real four-phase run: the
/// table a privacy auditor would fill in by hand. Columns follow <see cref="Rules"/>; p = pass, F = fail,
/// - = not-applicable, ? = incomplete.
/// </summary>
[NonParallelizable]
public sealed class ConsentVerdictMatrixTests
{
    private static readonly string[] Rules =
    [
        "consent.tracking-before-consent", "consent.banner-missing", "consent.implied-consent", "consent.no-reject-first-layer",
        "consent.reject-not-respected", "consent.unequal-prominence", "consent.preticked-boxes", "consent.no-policy-link",
        "consent.cookie-wall", "consent.tracking-after-gpc", "consent.consent-cookie-lifetime", "consent.tcf-consent-before-choice",
        "consent.tcf-legitimate-interest",
    ];

    //                                      TBC BM IC NR RNR UP PB NPL CW GPC CCL TCB TLI
    private static readonly (string Site, string Verdicts)[] Expected =
    [
        ("compliant.news.test",             "p   p  p  p  p   p  -  p   p  p   p   -   -"),
        ("rejectignored.news.test",         "p   p  p  p  F   p  -  p   p  p   p   -   -"),
        ("secondlayer.news.test",           "p   p  p  F  p   -  F  p   p  p   p   -   -"),
        ("wall.news.test",                  "p   p  p  F  -   -  -  p   F  p   F   -   -"),
        ("unequal.news.test",               "p   p  p  p  p   F  -  F   p  p   p   -   -"),
        ("lepetit.news.test",               "p   p  F  F  -   -  -  p   p  p   ?   -   -"),
        ("gpcok.news.test",                 "F   F  -  -  -   -  -  -   -  p   -   -   -"),
        ("tracking-nobanner.news.test",     "F   F  -  -  -   -  -  -   -  F   -   -   -"),
        ("tcf-bad.news.test",               "p   p  p  p  p   p  -  p   p  p   p   F   F"),
        ("tcf-good.news.test",              "p   p  p  p  p   p  -  p   p  p   p   p   p"),
        ("iframe.news.test",                "p   p  p  p  p   p  -  p   p  p   p   -   -"),
        ("delayed.news.test",               "p   p  p  p  p   p  -  p   p  p   p   -   -"),
        ("vanillacc.news.test",             "p   p  p  p  p   p  -  p   p  p   p   -   -"),
        ("orejime.news.test",               "p   p  p  p  p   p  -  p   p  p   p   -   -"),
        ("osano.news.test",                 "p   p  p  p  p   F  -  p   p  p   p   -   -"),
        ("klaro.news.test",                 "p   p  p  p  p   p  p  p   p  p   p   -   -"),
        ("tarteaucitron.news.test",         "p   p  p  p  p   p  -  p   p  p   p   -   -"),
    ];

    private JsonElement _report;
    private string _out = "";

    [OneTimeSetUp]
    public async Task Audit()
    {
        var shared = await SharedRuns.ConsentWebAsync();
        (_out, _report) = (shared.Out, shared.Report);
        Assert.That(Expected.Select(e => e.Site), Is.EquivalentTo(SharedRuns.ConsentSites), "the matrix covers every consent site of the run");
    }

    public static IEnumerable<TestCaseData> Sites() => Expected.Select(e => new TestCaseData(e.Site, e.Verdicts).SetName($"Verdicts on {e.Site}"));

    public static IEnumerable<TestCaseData> SessionSites() =>
        Expected.Select(e => new TestCaseData(e.Site, e.Verdicts).SetName($"Same verdicts in the site session of {e.Site}"));

    [TestCaseSource(nameof(Sites))]
    public void Every_consent_rule_gives_the_auditors_verdict(string site, string verdicts)
    {
        var page = Page(_report, $"https://{site}/");
        var expected = verdicts.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(expected, Has.Length.EqualTo(Rules.Length), "one verdict per rule");
        var actual = Rules.Select(r => Code(Outcome(page, r))).ToArray();
        var explained = Rules.Zip(actual, expected).Where(x => x.Second != x.Third)
            .Select(x => $"{x.First}: expected {x.Third}, got {x.Second} ({Finding(page, x.First).GetProperty("message").GetString()})");
        Assert.That(actual, Is.EqualTo(expected), string.Join("\n", explained));
    }

    /// <summary>
    /// Site sessions judge like fresh visits: each site's second page, loaded in the page its first page used (wiped
    /// before any choice, in the choice's state after one), gives every consent verdict the fresh first visit gave,
    /// and records the same cookies and tracker hosts before any choice and with GPC.
    /// </summary>
    [TestCaseSource(nameof(SessionSites))]
    public void A_page_audited_in_its_site_session_is_judged_as_a_fresh_visit_judges_it(string site, string verdicts)
    {
        var first = Page(_report, $"https://{site}/");
        var second = Page(_report, SharedRuns.SecondPage(site));
        var differences = Rules.Where(r => Outcome(first, r) != Outcome(second, r))
            .Select(r => $"{r}: fresh {Outcome(first, r)}, in session {Outcome(second, r)} ({Finding(second, r).GetProperty("message").GetString()})");
        Assert.That(differences, Is.Empty);
        foreach (var phase in new[] { "initial", "gpc" })
        {
            var fresh = ReadPhaseEvidence(_out, _report, $"https://{site}/", phase);
            var reused = ReadPhaseEvidence(_out, _report, SharedRuns.SecondPage(site), phase);
            Assert.That(reused.GetProperty("navigation").GetProperty("sessionPage").GetInt32(), Is.EqualTo(2), $"{phase}: loaded in the session's page");
            Assert.That(CookieNames(reused), Is.EqualTo(CookieNames(fresh)), $"{phase}: cookies");
            Assert.That(TrackerHosts(reused), Is.EqualTo(TrackerHosts(fresh)), $"{phase}: tracker hosts");
        }
    }

    /// <summary>
    /// A browser page that goes on from one site to the next is wiped of everything the sites before left: each front
    /// page, whatever page it was audited in, records before any choice and with GPC the cookies and tracker hosts a
    /// fresh context records (--isolation page), and the reject and accept phases start with no choice made.
    /// </summary>
    [TestCaseSource(nameof(MovedSites))]
    public async Task A_site_audited_in_a_browser_page_other_sites_used_records_what_a_fresh_context_records(string site)
    {
        var fresh = await SharedRuns.FreshFrontPagesAsync();
        Assert.That(fresh.Run.ExitCode, Is.AnyOf(0, 1), fresh.Run.ToString());
        foreach (var phase in new[] { "initial", "gpc" })
        {
            var inSession = ReadPhaseEvidence(_out, _report, $"https://{site}/", phase);
            var inFreshContext = ReadPhaseEvidence(fresh.Out, fresh.Report, $"https://{site}/", phase);
            Assert.That(inFreshContext.GetProperty("navigation").GetProperty("sessionSite").GetInt32(), Is.EqualTo(1));
            Assert.That(CookieNames(inSession), Is.EqualTo(CookieNames(inFreshContext)), $"{phase}: cookies");
            Assert.That(TrackerHosts(inSession), Is.EqualTo(TrackerHosts(inFreshContext)), $"{phase}: tracker hosts");
        }
        foreach (var phase in new[] { "reject", "accept" })
        {
            var interaction = ReadPhaseEvidence(_out, _report, $"https://{site}/", phase).GetProperty("interaction");
            Assert.That(interaction.TryGetProperty("carriedFrom", out var carried) ? carried.GetString() : null, Is.Null,
                $"{phase}: the choice is made on the site's own first page, not carried from another site");
        }
    }

    public static IEnumerable<TestCaseData> MovedSites() =>
        Expected.Select(e => new TestCaseData(e.Site).SetName($"Fresh-context evidence in the shared browser page of {e.Site}"));

    [Test]
    public void Browser_pages_go_on_from_site_to_site()
    {
        foreach (var phase in new[] { "initial", "reject", "accept", "gpc" })
        {
            var moved = SharedRuns.ConsentSites.Count(site =>
                ReadPhaseEvidence(_out, _report, $"https://{site}/", phase).GetProperty("navigation").GetProperty("sessionSite").GetInt32() > 1);
            Assert.That(moved, Is.GreaterThanOrEqualTo(SharedRuns.ConsentSites.Length / 2),
                $"{phase}: most sites are audited in a browser page an earlier site used (two workers, {SharedRuns.ConsentSites.Length} sites)");
        }
    }

    private static IEnumerable<string> CookieNames(JsonElement evidence) =>
        evidence.GetProperty("cookies").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()} ({c.GetProperty("domain").GetString()})").Order();

    private static IEnumerable<string> TrackerHosts(JsonElement evidence) =>
        evidence.GetProperty("trackerHosts").EnumerateArray().Select(h => h.GetProperty("host").GetString()!).Order();

    [Test]
    public void Which_engine_decided_is_recorded_for_every_interaction()
    {
        var engines = new Dictionary<string, int>();
        foreach (var page in _report.GetProperty("pages").EnumerateArray())
        foreach (var phase in new[] { "reject", "accept" })
        {
            var file = page.GetProperty("phases").GetProperty(phase).GetProperty("evidence").GetString()!;
            var interaction = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, file))).RootElement.GetProperty("interaction");
            var key = interaction.GetProperty("outcome").GetString() == "done" ? interaction.GetProperty("decidedBy").GetString()! : "none";
            engines[key] = engines.GetValueOrDefault(key) + 1;
        }
        TestContext.Out.WriteLine("interactions decided: " + string.Join(", ", engines.Select(e => $"{e.Key} {e.Value}")));
        Assert.That(engines.GetValueOrDefault("autoconsent"), Is.GreaterThan(0));
        Assert.That(engines.GetValueOrDefault("generic"), Is.GreaterThan(0));
    }

    private static string Code(string outcome) => outcome switch
    {
        "pass" => "p",
        "fail" => "F",
        "not-applicable" => "-",
        "incomplete" => "?",
        _ => "E",
    };
}
