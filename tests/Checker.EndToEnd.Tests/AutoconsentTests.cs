using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// A real CMP from npm (orestbida's vanilla-cookieconsent 3), which autoconsent knows: autoconsent decides, and our
/// generic engine's reading of the same banner is kept beside its verdict. With --autoconsent off, ours decides.
/// </summary>
[NonParallelizable]
public sealed class AutoconsentTests
{
    private const string Url = "https://vanillacc.news.test/";
    private const string DeafFirstClick = "https://deaf.news.test/";
    private const string DeafToTwoClicks = "https://deafer.news.test/";

    private Task<(string Output, CliResult Run)> _genericOnly = null!, _deaf = null!;

    /// <summary>The class's own runs, started together: each is one page, mostly its CLI and browser starting.</summary>
    [OneTimeSetUp]
    public void StartRuns()
    {
        _genericOnly = FixtureWeb.AuditAsync(Url, "--autoconsent", "off", "--phases", "initial,reject");
        _deaf = FixtureWeb.AuditAsync(DeafFirstClick, DeafToTwoClicks, "--phases", "initial,reject,accept",
            "--public-suffix-list", FixtureWeb.PublicSuffixListWithFixturePublishers);
    }

    [OneTimeTearDown]
    public async Task WaitForRuns()
    {
        await Task.WhenAll(_genericOnly, _deaf).ContinueWith(_ => { }, TaskScheduler.Default);
        _genericOnly.Dispose();
        _deaf.Dispose();
    }

    private static JsonElement Interaction(string output, string phase, string url = Url) =>
        ReadPhaseEvidence(output, ReadReport(output), url, phase).GetProperty("interaction");

    [Test]
    public async Task Autoconsent_rejects_and_accepts_a_cmp_it_knows_and_the_generic_reading_agrees()
    {
        var (output, run, _) = await SharedRuns.ConsentWebAsync();
        var page = Page(ReadReport(output), Url);

        var reject = Interaction(output, "reject");
        Assert.That(reject.GetProperty("decidedBy").GetString(), Is.EqualTo("autoconsent"), run.ToString());
        Assert.That(reject.GetProperty("autoconsent").GetProperty("cmp").GetString(), Is.EqualTo("cookieconsent3"));
        Assert.That(reject.GetProperty("autoconsent").GetProperty("result").GetBoolean(), Is.True);
        Assert.That(reject.GetProperty("genericPlan").GetString(), Is.EqualTo("reject on the first layer: \"Reject all\""));
        Assert.That(reject.GetProperty("crossCheck").GetProperty("verdict").GetString(), Is.EqualTo("agree"));
        Assert.That(Interaction(output, "accept").GetProperty("decidedBy").GetString(), Is.EqualTo("autoconsent"));

        Assert.That(Outcome(page, "consent.reject-not-respected"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.tracking-before-consent"), Is.EqualTo("pass"));
        Assert.That(EvidenceValues(Finding(page, "consent.tracking-before-consent")), Does.Contain("metrics.tracker.test"), "gated by consent");
        Assert.That(Outcome(page, "consent.no-reject-first-layer"), Is.EqualTo("pass"));
        Assert.That(ReadReport(output).GetProperty("run").GetProperty("options").GetProperty("autoconsent").GetString(), Does.StartWith("on"));
    }

    [Test]
    public async Task With_autoconsent_off_the_generic_engine_handles_the_same_cmp()
    {
        var (output, run) = await _genericOnly;
        var reject = Interaction(output, "reject");
        Assert.That(reject.GetProperty("decidedBy").GetString(), Is.EqualTo("generic"), run.ToString());
        Assert.That(reject.GetProperty("steps")[0].GetProperty("text").GetString(), Is.EqualTo("Reject all"));
        Assert.That(reject.GetProperty("autoconsent").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(Outcome(Page(ReadReport(output), Url), "consent.reject-not-respected"), Is.EqualTo("pass"));
    }

    [Test]
    public async Task A_banner_that_stays_after_autoconsents_click_is_asked_of_autoconsent_again_and_the_choice_holds() =>
        // The second click took: autoconsent's own, asked again.
        await AssertChosenOnAsync(DeafFirstClick, decidedBy: "autoconsent", message: "the banner stayed on screen: asked again");

    [Test]
    public async Task A_banner_that_stays_after_autoconsent_was_asked_twice_is_chosen_by_the_generic_engine_and_the_choice_holds() =>
        // The third click took: the generic engine's.
        await AssertChosenOnAsync(DeafToTwoClicks, decidedBy: "generic", message: "clicked twice, but the banner stayed on screen");

    /// <summary>
    /// autoconsent knew the deaf banner and reported its clicks in both phases; the engine named decided, the message
    /// says why; and the choice held: accepting loads the analytics the banner gates, rejecting keeps them out.
    /// </summary>
    private async Task AssertChosenOnAsync(string url, string decidedBy, string message)
    {
        var (output, run) = await _deaf;
        var page = Page(ReadReport(output), url);
        foreach (var phase in new[] { "reject", "accept" })
        {
            var interaction = Interaction(output, phase, url);
            Assert.That(interaction.GetProperty("autoconsent").GetProperty("cmp").GetString(), Is.EqualTo("tarteaucitron deny"), run.ToString());
            Assert.That(interaction.GetProperty("autoconsent").GetProperty("result").GetBoolean(), Is.True, "autoconsent reports its clicks");
            Assert.That(interaction.GetProperty("outcome").GetString(), Is.EqualTo("done"), phase);
            Assert.That(interaction.GetProperty("decidedBy").GetString(), Is.EqualTo(decidedBy), phase);
            Assert.That(interaction.GetProperty("message").GetString(), Does.Contain(message), phase);
        }
        var accepted = ReadPhaseEvidence(output, ReadReport(output), url, "accept").GetProperty("requests").EnumerateArray()
            .Select(r => new Uri(r.GetProperty("url").GetString()!).Host).ToList();
        Assert.That(accepted, Does.Contain("metrics.tracker.test"));
        Assert.That(Outcome(page, "consent.reject-not-respected"), Is.EqualTo("pass"));
        Assert.That(Outcome(page, "consent.tracking-before-consent"), Is.EqualTo("pass"));
    }
}
