using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// The four-phase consent audit (initial, reject, accept, gpc) of banners built to break one rule each, with the
/// verdicts a privacy auditor would give, read from the report of one real run.
/// </summary>
[NonParallelizable]
public sealed class ConsentPhaseTests
{
    private const string Compliant = "https://compliant.news.test/";
    private const string RejectIgnored = "https://rejectignored.news.test/";
    private const string SecondLayer = "https://secondlayer.news.test/";
    private const string Wall = "https://wall.news.test/";
    private const string Unequal = "https://unequal.news.test/";
    private const string GpcOk = "https://gpcok.news.test/";
    private const string NoBanner = "https://tracking-nobanner.news.test/";

    private string _out = "";
    private CliResult _run = null!;
    private JsonElement _report;

    [OneTimeSetUp]
    public async Task AuditInFourPhases()
    {
        var shared = await SharedRuns.ConsentWebAsync();
        (_out, _run, _report) = (shared.Out, shared.Run, shared.Report);
    }

    private JsonElement PageOf(string url) => Page(_report, url);

    private JsonElement PhaseEvidence(string url, string phase) => ReadPhaseEvidence(_out, _report, url, phase);

    [Test]
    public void Every_page_is_visited_in_four_phases_each_with_its_own_evidence()
    {
        Assert.That(_run.ExitCode, Is.EqualTo(1), _run.ToString());
        foreach (var page in _report.GetProperty("pages").EnumerateArray())
        {
            var phases = page.GetProperty("phases").EnumerateObject().Select(p => p.Name).ToList();
            Assert.That(phases, Is.EqualTo(new[] { "initial", "reject", "accept", "gpc" }), page.GetProperty("url").GetString());
            Assert.That(page.GetProperty("phases").EnumerateObject().Select(p => p.Value.GetProperty("status").GetString()), Has.All.EqualTo("audited"));
        }
        Assert.That(_report.GetProperty("run").GetProperty("options").GetProperty("phases").GetString(), Is.EqualTo("initial,reject,accept,gpc"));
    }

    [Test]
    public void The_compliant_banner_is_rejected_on_its_first_layer_and_the_reject_holds()
    {
        var page = PageOf(Compliant);
        var reject = PhaseEvidence(Compliant, "reject").GetProperty("interaction");
        Assert.That(reject.GetProperty("outcome").GetString(), Is.EqualTo("done"));
        Assert.That(reject.GetProperty("decidedBy").GetString(), Is.EqualTo("generic"));
        Assert.That(reject.GetProperty("reloaded").GetBoolean(), Is.True);
        var step = reject.GetProperty("steps").EnumerateArray().Single();
        Assert.That((step.GetProperty("text").GetString(), step.GetProperty("kind").GetString(), step.GetProperty("layer").GetInt32()),
            Is.EqualTo(("Reject all", "reject", 1)));
        Assert.That(Outcome(page, "consent.reject-not-respected"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.unequal-prominence"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.no-policy-link"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.cookie-wall"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.tracking-after-gpc"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.consent-cookie-lifetime"), Is.EqualTo("pass"));
        foreach (var finding in page.GetProperty("findings").EnumerateArray())
            Assert.That(finding.GetProperty("outcome").GetString(), Is.AnyOf("pass", "not-applicable"),
                finding.GetProperty("ruleId").GetString() + ": " + finding.GetProperty("message").GetString());
    }

    [Test]
    public void Accepting_the_compliant_banner_loads_the_tracker_that_consent_gates()
    {
        var accept = PhaseEvidence(Compliant, "accept");
        Assert.That(accept.GetProperty("interaction").GetProperty("steps")[0].GetProperty("text").GetString(), Is.EqualTo("Accept all"));
        var trackers = accept.GetProperty("requests").EnumerateArray().Where(r => r.GetProperty("afterInteraction").GetBoolean())
            .Select(r => r.GetProperty("host").GetString());
        Assert.That(trackers, Does.Contain("metrics.tracker.test"));
        var before = Finding(PageOf(Compliant), "consent.tracking-before-consent");
        Assert.That(EvidenceValues(before), Does.Contain("metrics.tracker.test"), "named as gated by consent");
    }

    [Test]
    public void A_reject_that_still_loads_the_tracker_is_not_respected()
    {
        var page = PageOf(RejectIgnored);
        Assert.That(Outcome(page, "consent.tracking-before-consent"), Is.EqualTo("pass"), "nothing loads before a choice");
        var finding = Finding(page, "consent.reject-not-respected");
        Assert.That(finding.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(EvidenceValues(finding), Does.Contain("metrics.tracker.test").And.Contain("_ga"));
        var ga = PhaseEvidence(RejectIgnored, "reject").GetProperty("cookies").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "_ga");
        Assert.That(ga.GetProperty("setAfterInteraction").GetBoolean(), Is.True);
    }

    [Test]
    public void A_reject_behind_settings_is_found_on_the_second_layer_after_unticking_the_preticked_purposes()
    {
        var page = PageOf(SecondLayer);
        var interaction = PhaseEvidence(SecondLayer, "reject").GetProperty("interaction");
        Assert.That(interaction.GetProperty("outcome").GetString(), Is.EqualTo("done"));
        var steps = interaction.GetProperty("steps").EnumerateArray()
            .Select(s => $"{s.GetProperty("layer").GetInt32()}:{s.GetProperty("action").GetString()}:{s.GetProperty("text").GetString()}").ToList();
        Assert.That(steps, Is.EqualTo(new[]
        {
            "1:click:Manage preferences", "2:uncheck:Audience measurement", "2:uncheck:Personalised advertising", "2:click:Save my choices",
        }));
        var noReject = Finding(page, "consent.no-reject-first-layer");
        Assert.That(noReject.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(noReject.GetProperty("message").GetString(), Does.Contain("second layer"));
        var preticked = Finding(page, "consent.preticked-boxes");
        Assert.That(preticked.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(EvidenceValues(preticked), Is.EquivalentTo(new[] { "Audience measurement", "Personalised advertising" }));
        Assert.That(Outcome(page, "consent.reject-not-respected"), Is.EqualTo("pass"), "unticked and saved: nothing loads");
    }

    [Test]
    public void Controls_in_the_banner_markup_that_are_not_shown_are_recorded_as_hidden_and_not_counted()
    {
        var banner = PhaseEvidence(SecondLayer, "initial").GetProperty("banner");
        var controls = banner.GetProperty("controls").EnumerateArray()
            .ToDictionary(c => c.GetProperty("text").GetString()!, c => c.GetProperty("visible").GetBoolean());
        Assert.That(controls["Accept all"], Is.True, _run.ToString());
        Assert.That(controls["Manage preferences"], Is.True);
        Assert.That(controls["Save my choices"], Is.False, "the second layer's button is in the markup, hidden");
        Assert.That(EvidenceValues(Finding(PageOf(SecondLayer), "consent.no-reject-first-layer")), Does.Not.Contain("Save my choices"));
        Assert.That(banner.GetProperty("appearedAfterLoadMs").ValueKind, Is.EqualTo(JsonValueKind.Null), "the banner is in the page's own markup");
    }

    [Test]
    public void Where_autoconsent_knows_no_rule_for_a_banner_the_cross_check_says_only_the_generic_engine_found_it()
    {
        var crossCheck = PhaseEvidence(Compliant, "reject").GetProperty("interaction").GetProperty("crossCheck");
        Assert.That(crossCheck.GetProperty("verdict").GetString(), Is.EqualTo("one-engine"), _run.ToString());
        Assert.That(crossCheck.GetProperty("detail").GetString(), Does.StartWith("only the generic engine"));
    }

    [Test]
    public void A_full_page_banner_with_no_way_to_refuse_is_a_cookie_wall()
    {
        var page = PageOf(Wall);
        var wall = Finding(page, "consent.cookie-wall");
        Assert.That(wall.GetProperty("outcome").GetString(), Is.EqualTo("fail"), wall.GetProperty("message").GetString());
        var banner = PhaseEvidence(Wall, "initial").GetProperty("banner");
        Assert.That(banner.GetProperty("viewportCoverage").GetDouble(), Is.GreaterThan(0.95));
        Assert.That(banner.GetProperty("scrollLocked").GetBoolean(), Is.True);
        Assert.That(PhaseEvidence(Wall, "reject").GetProperty("interaction").GetProperty("outcome").GetString(), Is.EqualTo("no-control"));
        var lifetime = Finding(page, "consent.consent-cookie-lifetime");
        Assert.That(lifetime.GetProperty("outcome").GetString(), Is.EqualTo("fail"), "a two-year consent cookie");
        Assert.That(EvidenceValues(lifetime), Does.Contain("wall_consent"));
    }

    [Test]
    public void A_tiny_grey_reject_link_beside_a_big_accept_button_is_unequal()
    {
        var page = PageOf(Unequal);
        var finding = Finding(page, "consent.unequal-prominence");
        Assert.That(finding.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(finding.GetProperty("message").GetString(), Does.Contain("plain text link").And.Contain("contrast"));
        Assert.That(Outcome(page, "consent.no-reject-first-layer"), Is.EqualTo("pass"), "a reject exists, however small");
        Assert.That(Outcome(page, "consent.no-policy-link"), Is.EqualTo("fail"));
        var controls = PhaseEvidence(Unequal, "initial").GetProperty("banner").GetProperty("controls").EnumerateArray().ToList();
        var reject = controls.Single(c => c.GetProperty("text").GetString() == "Reject");
        Assert.That(reject.GetProperty("fontSizePx").GetDouble(), Is.EqualTo(11));
        Assert.That(reject.GetProperty("color").GetString(), Is.EqualTo("rgb(187, 187, 187)"));
    }

    [Test]
    public void Global_Privacy_Control_is_sent_and_a_site_that_honours_it_loads_no_tracker()
    {
        var gpc = PhaseEvidence(GpcOk, "gpc");
        Assert.That(gpc.GetProperty("globalPrivacyControl").GetBoolean(), Is.True);
        Assert.That(Outcome(PageOf(GpcOk), "consent.tracking-after-gpc"), Is.EqualTo("pass"));
        Assert.That(Outcome(PageOf(GpcOk), "consent.tracking-before-consent"), Is.EqualTo("fail"), "without GPC it tracks");
        var ignored = Finding(PageOf(NoBanner), "consent.tracking-after-gpc");
        Assert.That(ignored.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(ignored.GetProperty("severity").GetString(), Is.EqualTo("warning"));
    }

    [Test]
    public void The_initial_phase_keeps_screenshots_of_the_viewport_and_the_banner()
    {
        var screenshots = PhaseEvidence(Compliant, "initial").GetProperty("screenshots");
        foreach (var kind in new[] { "viewport", "banner" })
        {
            var file = Path.Combine(_out, "evidence", screenshots.GetProperty(kind).GetString()!);
            var bytes = File.ReadAllBytes(file);
            Assert.That(bytes.Take(4), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }), kind);
        }
    }
}
