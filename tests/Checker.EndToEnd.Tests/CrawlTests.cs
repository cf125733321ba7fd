using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>`checker crawl` on a fixture site with robots.txt, a sitemap index, a Google News sitemap and links.</summary>
[NonParallelizable]
public sealed class CrawlTests
{
    private const string Site = "https://crawl.news.test/";

    private static string[] Urls(JsonElement report) =>
        [.. report.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("url").GetString()!)];

    [Test]
    public async Task A_crawl_audits_the_newest_news_first_then_the_site_as_linked_and_never_what_robots_txt_forbids()
    {
        var output = NewOutputFolder();
        var run = await RunAsync(["crawl", Site, "--max-pages", "20", "--phases", "initial", "--delay-ms", "0", "--out", output, .. FixtureWeb.AuditOptions]);
        Assert.That(run.ExitCode, Is.AnyOf(0, 1), run.ToString());
        Assert.That(Urls(ReadReport(output)), Is.EqualTo(new[]
        {
            // Google News sitemap, newest first; the other sitemap; then the start page and its links, breadth first.
            "https://crawl.news.test/news/a2/", "https://crawl.news.test/news/a1/", "https://crawl.news.test/news/a3/",
            "https://crawl.news.test/about/", "https://crawl.news.test/", "https://crawl.news.test/section/world/",
            "https://crawl.news.test/news/a4/", "https://crawl.news.test/news/a5/",
        }), "no /private/ page, no other site, no image, 'A1 again' with its utm_source and #top counted once");
        using var crawl = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "crawl.json")));
        Assert.That(crawl.RootElement.GetProperty("disallowedByRobots").GetInt32(), Is.EqualTo(2));
        Assert.That(crawl.RootElement.GetProperty("pages")[0].GetProperty("source").GetString(), Is.EqualTo("sitemap:news"));
        Assert.That(run.Stderr, Does.Contain("Found 8 page(s)"));
    }

    [Test]
    public async Task Max_pages_and_exclude_patterns_bound_the_crawl()
    {
        var output = NewOutputFolder();
        var run = await RunAsync(["crawl", Site, "--max-pages", "3", "--exclude", "*/news/a1/*", "--phases", "initial", "--delay-ms", "0", "--out", output,
            .. FixtureWeb.AuditOptions]);
        Assert.That(run.ExitCode, Is.AnyOf(0, 1), run.ToString());
        Assert.That(Urls(ReadReport(output)), Is.EqualTo(new[] { "https://crawl.news.test/news/a2/", "https://crawl.news.test/news/a3/", "https://crawl.news.test/about/" }));
    }
}
