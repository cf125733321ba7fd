using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// Real open-source CMPs from npm (Osano cookieconsent, Klaro, vanilla-cookieconsent, Orejime, tarteaucitron.js), configured as the law asks (nothing before a choice, reject honoured):
/// every consent rule that applies passes, whichever engine clicked.
/// </summary>
[NonParallelizable]
public sealed class OpenSourceCmpTests
{
    private static readonly string[] Sites =
        ["https://osano.news.test/", "https://klaro.news.test/", "https://vanillacc.news.test/", "https://orejime.news.test/", "https://tarteaucitron.news.test/"];
    private string _out = "";
    private JsonElement _report;
    private CliResult _run = null!;

    [OneTimeSetUp]
    public async Task Audit()
    {
        var shared = await SharedRuns.ConsentWebAsync();
        (_out, _run, _report) = (shared.Out, shared.Run, shared.Report);
    }

    private JsonElement Evidence(string url, string phase) => ReadPhaseEvidence(_out, _report, url, phase);

    [TestCase("https://osano.news.test/", "autoconsent")]
    [TestCase("https://klaro.news.test/", "autoconsent")]
    [TestCase("https://vanillacc.news.test/", "autoconsent")]
    [TestCase("https://tarteaucitron.news.test/", "autoconsent")]
    [TestCase("https://orejime.news.test/", "generic")] // no autoconsent rule, and its text never says "cookie"
    public void The_engine_that_knows_the_cmp_decides(string url, string engine)
    {
        foreach (var phase in new[] { "reject", "accept" })
            Assert.That(Evidence(url, phase).GetProperty("interaction").GetProperty("decidedBy").GetString(), Is.EqualTo(engine), phase);
    }

    [Test]
    public void Osanos_default_opt_in_layout_makes_decline_a_text_link_beside_an_allow_button()
    {
        var finding = Finding(Page(_report, "https://osano.news.test/"), "consent.unequal-prominence");
        Assert.That(finding.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(finding.GetProperty("message").GetString(), Does.Contain("plain text link"));
        Assert.That(Outcome(Page(_report, "https://orejime.news.test/"), "consent.unequal-prominence"), Is.EqualTo("pass"));
    }

    [TestCaseSource(nameof(Sites))]
    public void A_compliant_open_source_cmp_is_rejected_and_accepted_and_passes(string url)
    {
        var page = Page(_report, url);
        Assert.That(Evidence(url, "initial").GetProperty("banner").GetProperty("detected").GetBoolean(), Is.True, _run.ToString());
        foreach (var phase in new[] { "reject", "accept" })
            Assert.That(Evidence(url, phase).GetProperty("interaction").GetProperty("outcome").GetString(), Is.EqualTo("done"), phase);
        Assert.That(Outcome(page, "consent.tracking-before-consent"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.reject-not-respected"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.no-reject-first-layer"), Is.EqualTo("pass"));
        var accepted = Evidence(url, "accept").GetProperty("requests").EnumerateArray()
            .Where(r => r.GetProperty("afterInteraction").GetBoolean()).Select(r => r.GetProperty("host").GetString());
        Assert.That(accepted, Does.Contain("metrics.tracker.test"), "accepting loads the tracker the CMP gates");
    }
}
