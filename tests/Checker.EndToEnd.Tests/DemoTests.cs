using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>`checker demo`: the seed article served in-process, audited, every problem flagged with its evidence.</summary>
[Parallelizable]
public sealed class DemoTests
{
    [Test]
    public async Task The_demo_flags_every_problem_of_the_seed_article_and_exits_1()
    {
        var output = NewOutputFolder();
        var run = await RunAsync("demo", "--out", output);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Does.Contain("Demo reports written to " + output));
        var report = ReadReport(output);
        var page = report.GetProperty("pages")[0];
        Assert.That(page.GetProperty("status").GetString(), Is.EqualTo("audited"));

        var tracking = Finding(page, "consent.tracking-before-consent");
        Assert.That(tracking.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(EvidenceValues(tracking), Does.Contain("pa_uid").And.Contain("collect.pulse-analytics.example"));

        var implied = Finding(page, "consent.implied-consent");
        Assert.That(implied.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(EvidenceValues(implied), Does.Contain("We'll assume you're ok with this, but you can opt-out if you wish."));

        var noReject = Finding(page, "consent.no-reject-first-layer");
        Assert.That(noReject.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(EvidenceValues(noReject), Is.EquivalentTo(new[] { "Accept", "Read More" }));

        Assert.That(Outcome(page, "attribution.missing-byline"), Is.EqualTo("fail"));
        var correspondent = Finding(page, "attribution.uncredited-correspondent");
        Assert.That(correspondent.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(EvidenceValues(correspondent)[0], Does.EndWith("says our correspondent in Casablanca, Nina Kozlowski."));
        // The outlet the copy came from is still linked in the body: the finding points at it.
        Assert.That(EvidenceValues(correspondent), Does.Contain("www.rfi.fr"));
        Assert.That(correspondent.GetProperty("message").GetString(), Does.Contain("www.rfi.fr, which may be the source"));

        var artifacts = Finding(page, "attribution.copy-artifacts");
        Assert.That(artifacts.GetProperty("outcome").GetString(), Is.EqualTo("fail"));
        Assert.That(EvidenceValues(artifacts), Is.EquivalentTo(new[] { "► To read: US involvement in the Sahel remains intact, Washington assures", "." }));
        Assert.That(artifacts.GetProperty("evidence")[0].GetProperty("detail").GetString(), Does.Contain("another site: https://www.rfi.fr/"));

        Assert.That(Outcome(page, "consent.banner-missing"), Is.EqualTo("pass"), "the banner is there; what it says is the problem");

        var evidence = ReadEvidence(output, page);
        var article = evidence.GetProperty("article");
        Assert.That(article.GetProperty("authors").GetArrayLength(), Is.Zero);
        Assert.That(article.GetProperty("credits").GetArrayLength(), Is.Zero);
        Assert.That(article.GetProperty("datePublished").GetString(), Is.EqualTo("2020-10-02T18:40:00Z"), "ISO 8601, UTC written as Z");
        Assert.That(article.GetProperty("publisher").GetString(), Is.EqualTo("Atlas Daily"));
        // Read once, in the initial phase the attribution rules judge: the reject, accept and gpc visits do not read it again.
        var otherPhases = page.GetProperty("phases").EnumerateObject().Where(p => p.Name != "initial").ToList();
        Assert.That(otherPhases.Select(p => p.Name), Is.EquivalentTo(new[] { "reject", "accept", "gpc" }));
        foreach (var phase in otherPhases)
            Assert.That(ReadPhaseEvidence(output, report, page.GetProperty("url").GetString()!, phase.Name).GetProperty("article").ValueKind,
                Is.EqualTo(System.Text.Json.JsonValueKind.Null), phase.Name);
        Assert.That(File.Exists(Path.Combine(output, "report.md")), Is.True);
    }
}
