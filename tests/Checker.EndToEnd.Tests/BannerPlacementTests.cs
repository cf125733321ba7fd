using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>Banners that come late or live in a CMP's own iframe are found and clicked like any other.</summary>
[NonParallelizable]
public sealed class BannerPlacementTests
{
    private const string Delayed = "https://delayed.news.test/";
    private const string InFrame = "https://iframe.news.test/";
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
    public void A_banner_that_shows_after_the_page_went_quiet_is_waited_for()
    {
        var banner = Evidence(Delayed, "initial").GetProperty("banner");
        Assert.That(banner.GetProperty("detected").GetBoolean(), Is.True, _run.ToString());
        Assert.That(banner.GetProperty("appearedAfterLoadMs").GetDouble(), Is.GreaterThanOrEqualTo(1000), "shown 1.5 s after load");
        Assert.That(banner.GetProperty("method").GetString(), Does.EndWith("+late"));
        var reject = Evidence(Delayed, "reject").GetProperty("interaction");
        Assert.That(reject.GetProperty("outcome").GetString(), Is.EqualTo("done"));
        Assert.That(reject.GetProperty("steps")[0].GetProperty("text").GetString(), Is.EqualTo("Reject"));
        Assert.That(Outcome(Page(_report, Delayed), "consent.no-reject-first-layer"), Is.EqualTo("pass"));
    }

    [Test]
    public void A_banner_in_a_cross_site_iframe_is_found_and_its_reject_clicked_there()
    {
        var banner = Evidence(InFrame, "initial").GetProperty("banner");
        Assert.That(banner.GetProperty("detected").GetBoolean(), Is.True, _run.ToString());
        Assert.That(banner.GetProperty("frameUrl").GetString(), Is.EqualTo("https://cmp.iframe-cmp.test/message.html"));
        var step = Evidence(InFrame, "reject").GetProperty("interaction").GetProperty("steps")[0];
        Assert.That(step.GetProperty("text").GetString(), Is.EqualTo("Reject all"));
        Assert.That(step.GetProperty("frameUrl").GetString(), Is.EqualTo("https://cmp.iframe-cmp.test/message.html"));
        var page = Page(_report, InFrame);
        Assert.That(Outcome(page, "consent.reject-not-respected"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.no-reject-first-layer"), Is.EqualTo("pass"));
        var accepted = Evidence(InFrame, "accept").GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("host").GetString());
        Assert.That(accepted, Does.Contain("metrics.tracker.test"), "accepting in the frame reaches the page");
    }
}
