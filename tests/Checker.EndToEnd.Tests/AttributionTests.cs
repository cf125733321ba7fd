using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// The attribution rules on the fixture web's articles, from one real run (initial phase: attribution needs no
/// clicking): the verdicts an editor or a syndication manager would give.
/// </summary>
[NonParallelizable]
public sealed class AttributionTests
{
    private static readonly string[] Rules =
    [
        "attribution.missing-byline", "attribution.missing-date", "attribution.missing-publisher", "attribution.uncredited-wire-copy",
        "attribution.uncredited-correspondent", "attribution.copy-artifacts",
    ];

    //                                   byline date publisher wire correspondent artifacts
    private static readonly (string Site, string Verdicts)[] Expected =
    [
        ("byline.news.test",           "p p p - p p"),
        ("nobyline.news.test",         "F p p - - p"),
        ("wire-uncredited.news.test",  "p p p F - p"),
        ("wire-credited.news.test",    "p p p p - p"),
        ("undated.news.test",          "p F F - - p"),
    ];

    private string _out = "";
    private JsonElement _report;
    private CliResult _run = null!;

    [OneTimeSetUp]
    public async Task Audit()
    {
        _out = NewOutputFolder();
        _run = await RunAsync(["audit", .. Expected.Select(e => $"https://{e.Site}/"), "--phases", "initial", "--out", _out, .. FixtureWeb.AuditOptions]);
        _report = ReadReport(_out);
    }

    public static IEnumerable<TestCaseData> Sites() => Expected.Select(e => new TestCaseData(e.Site, e.Verdicts).SetName($"Attribution verdicts on {e.Site}"));

    [TestCaseSource(nameof(Sites))]
    public void Every_attribution_rule_gives_the_editors_verdict(string site, string verdicts)
    {
        var page = Page(_report, $"https://{site}/");
        var expected = verdicts.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var actual = Rules.Select(r => Outcome(page, r) switch
        {
            "pass" => "p", "fail" => "F", "not-applicable" => "-", "incomplete" => "?", _ => "E",
        }).ToArray();
        Assert.That(string.Join(" ", actual), Is.EqualTo(string.Join(" ", expected)),
            string.Join("\n", Rules.Select(r => $"{r}: {Finding(page, r).GetProperty("message").GetString()}")) + "\n" + _run.Stderr);
    }

    [Test]
    public void Wire_copy_without_credit_is_shown_with_the_agencys_mark()
    {
        var finding = Finding(Page(_report, "https://wire-uncredited.news.test/"), "attribution.uncredited-wire-copy");
        Assert.That(finding.GetProperty("message").GetString(), Does.Contain("AFP"));
        Assert.That(EvidenceValues(finding)[0], Does.StartWith("PARIS (AFP) —"));
        var credited = Finding(Page(_report, "https://wire-credited.news.test/"), "attribution.uncredited-wire-copy");
        Assert.That(EvidenceValues(credited), Does.Contain("AFP"));
    }

    [Test]
    public void The_article_evidence_says_where_each_name_and_date_came_from()
    {
        var article = ReadEvidence(_out, Page(_report, "https://byline.news.test/")).GetProperty("article");
        Assert.That(article.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "Amara Okafor", "Lucas Schmidt" }));
        Assert.That(article.GetProperty("authors")[0].GetProperty("source").GetString(), Is.EqualTo("json-ld"));
        Assert.That(article.GetProperty("datePublishedSource").GetString(), Is.EqualTo("json-ld"));
        Assert.That(article.GetProperty("visibleAuthors").EnumerateArray().Select(a => a.GetString()), Does.Contain("Amara Okafor"));
        Assert.That(article.GetProperty("structuredData").GetProperty("types")[0].GetString(), Is.EqualTo("NewsArticle"));
        Assert.That(article.GetProperty("mainTextSource").GetString(), Is.AnyOf("readability", "dom"));
    }
}
