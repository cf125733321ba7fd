using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>IAB TCF signals read from a real CMP API (@iabtcf/cmpapi from npm) through __tcfapi, as vendors read them.</summary>
[NonParallelizable]
public sealed class TcfTests
{
    private const string Bad = "https://tcf-bad.news.test/";
    private const string Good = "https://tcf-good.news.test/";
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

    [Test]
    public void A_cmp_that_signals_consent_while_still_asking_fails()
    {
        var tcf = Evidence(Bad, "initial").GetProperty("tcf");
        Assert.That(tcf.GetProperty("apiPresent").GetBoolean(), Is.True, _run.ToString());
        Assert.That(tcf.GetProperty("eventStatus").GetString(), Is.EqualTo("cmpuishown"));
        Assert.That(tcf.GetProperty("cmpId").GetInt32(), Is.EqualTo(10));
        var finding = Finding(Page(_report, Bad), "consent.tcf-consent-before-choice");
        Assert.That(finding.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(finding.GetProperty("message").GetString(), Does.Contain("purposes consented: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11"));
    }

    [Test]
    public void Legitimate_interest_for_ads_purposes_after_accept_fails()
    {
        var accept = Evidence(Bad, "accept").GetProperty("tcf");
        // After the reload that follows the choice, the CMP loads the stored string: "tcloaded".
        Assert.That(accept.GetProperty("eventStatus").GetString(), Is.EqualTo("tcloaded"));
        Assert.That(accept.GetProperty("cookieTcString").GetString(), Is.EqualTo(accept.GetProperty("tcString").GetString()));
        var finding = Finding(Page(_report, Bad), "consent.tcf-legitimate-interest");
        Assert.That(finding.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(finding.GetProperty("message").GetString(), Does.Contain("accept phase: legitimate interest for purpose(s) 3, 4"));
    }

    [Test]
    public void A_well_configured_cmp_passes_both_tcf_rules()
    {
        var page = Page(_report, Good);
        Assert.That(Evidence(Good, "initial").GetProperty("tcf").GetProperty("tcString").GetString(), Is.Empty);
        Assert.That(Outcome(page, "consent.tcf-consent-before-choice"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.tcf-legitimate-interest"), Is.EqualTo("pass"));
        var rejected = Evidence(Good, "reject").GetProperty("tcf");
        Assert.That(rejected.GetProperty("tcString").GetString(), Is.Not.Empty.And.EqualTo(rejected.GetProperty("cookieTcString").GetString()));
    }
}
