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

    private static JsonElement Interaction(string output, string phase) =>
        ReadPhaseEvidence(output, ReadReport(output), Url, phase).GetProperty("interaction");

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
        var output = NewOutputFolder();
        var run = await RunAsync(["audit", Url, "--autoconsent", "off", "--phases", "initial,reject", "--out", output, .. FixtureWeb.AuditOptions]);
        var reject = Interaction(output, "reject");
        Assert.That(reject.GetProperty("decidedBy").GetString(), Is.EqualTo("generic"), run.ToString());
        Assert.That(reject.GetProperty("steps")[0].GetProperty("text").GetString(), Is.EqualTo("Reject all"));
        Assert.That(reject.GetProperty("autoconsent").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(Outcome(Page(ReadReport(output), Url), "consent.reject-not-respected"), Is.EqualTo("pass"));
    }
}
