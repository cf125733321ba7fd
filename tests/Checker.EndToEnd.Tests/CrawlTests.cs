using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>`checker crawl` on a fixture site with robots.txt, a sitemap index, a Google News sitemap and links.</summary>
// Alone: its pacing tests read when visits started, which a busy machine shifts by half a second.
[NonParallelizable]
public sealed class CrawlTests
{
    private const string Site = "https://crawl.news.test/";

    private static string[] Urls(JsonElement report) =>
        [.. report.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("url").GetString()!)];

    private static DateTimeOffset StartedAt(string folder, JsonElement report, string url, string phase) =>
        ReadPhaseEvidence(folder, report, url, phase).GetProperty("startedAt").GetDateTimeOffset();

    /// <summary>When each page's initial visit started, in order.</summary>
    private static List<DateTimeOffset> Starts(string folder, JsonElement report) =>
        [.. Urls(report).Select(url => StartedAt(folder, report, url, "initial")).Order()];

    private (string Output, CliResult Run) _wholeCrawl, _boundedCrawl;

    /// <summary>
    /// The two crawls no test times run at once, before the pacing tests (which read when visits started, so they run
    /// alone after): each is a few pages of one phase, and one after the other they left a core idle.
    /// </summary>
    [OneTimeSetUp]
    public async Task CrawlTwice()
    {
        var whole = CrawlAsync("--max-pages", "20");
        var bounded = CrawlAsync("--max-pages", "3", "--exclude", "*/news/a1/*");
        (_wholeCrawl, _boundedCrawl) = (await whole, await bounded);
    }

    private static async Task<(string, CliResult)> CrawlAsync(params string[] bounds)
    {
        var output = NewOutputFolder();
        return (output, await RunAsync(["crawl", Site, .. bounds, "--phases", "initial", "--delay-ms", "0", "--out", output, .. FixtureWeb.AuditOptions]));
    }

    [Test]
    public void A_crawl_audits_the_newest_news_first_then_the_site_as_linked_and_never_what_robots_txt_forbids()
    {
        var (output, run) = _wholeCrawl;
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
    public void Max_pages_and_exclude_patterns_bound_the_crawl()
    {
        var (output, run) = _boundedCrawl;
        Assert.That(run.ExitCode, Is.AnyOf(0, 1), run.ToString());
        Assert.That(Urls(ReadReport(output)), Is.EqualTo(new[] { "https://crawl.news.test/news/a2/", "https://crawl.news.test/news/a3/", "https://crawl.news.test/about/" }));
    }

    [Test]
    public async Task A_crawl_keeps_to_the_crawl_delay_robots_txt_asks_for_even_when_auditing_pages_side_by_side()
    {
        var output = NewOutputFolder();
        var run = await RunAsync(["crawl", "https://polite.news.test/", "--max-pages", "3", "--concurrency", "3", "--phases", "initial",
            "--delay-ms", "0", "--out", output, .. FixtureWeb.AuditOptions]);
        Assert.That(run.ExitCode, Is.AnyOf(0, 1), run.ToString());
        var report = ReadReport(output);
        var starts = Starts(output, report);
        TestContext.Out.WriteLine($"gaps: {string.Join(", ", starts.Zip(starts.Skip(1), (a, b) => (b - a).TotalSeconds.ToString("0.000")))} s");
        Assert.That(starts, Has.Count.EqualTo(3));
        // The visits' own clocks start a moment after their turn (the first visit of a run the latest: up to 0.15 s
        // on a busy machine); without the pacer the three would start within that moment.
        Assert.That(starts.Zip(starts.Skip(1), (a, b) => (b - a).TotalSeconds), Has.All.GreaterThanOrEqualTo(1.6),
            "robots.txt says Crawl-delay: 2; three pages at once would otherwise start together");
        Assert.That(report.GetProperty("run").GetProperty("options").GetProperty("delayMs").GetString(), Is.EqualTo("2000"));
        Assert.That(run.Stderr, Does.Contain("robots.txt asks for 2 s between requests"));
    }

    [Test]
    public async Task An_audit_given_delay_ms_starts_the_pages_of_one_host_that_far_apart()
    {
        var output = NewOutputFolder();
        var urls = Path.Combine(output, "urls.txt");
        File.WriteAllLines(urls, ["https://crawl.news.test/news/a1/", "https://crawl.news.test/news/a2/", "https://crawl.news.test/news/a3/"]);
        var run = await RunAsync(["audit", "--urls-file", urls, "--concurrency", "3", "--phases", "initial,reject", "--delay-ms", "1500",
            "--out", Path.Combine(output, "out"), .. FixtureWeb.AuditOptions]);
        Assert.That(run.ExitCode, Is.AnyOf(0, 1), run.ToString());
        var folder = Path.Combine(output, "out");
        var report = ReadReport(folder);
        var starts = Starts(folder, report);
        TestContext.Out.WriteLine($"gaps: {string.Join(", ", starts.Zip(starts.Skip(1), (a, b) => (b - a).TotalSeconds.ToString("0.000")))} s");
        Assert.That(starts.Zip(starts.Skip(1), (a, b) => (b - a).TotalSeconds), Has.All.GreaterThanOrEqualTo(1.1), "1.5 s apart, less the moment a visit's clock starts after its turn");
        Assert.That((starts[^1] - starts[0]).TotalSeconds, Is.GreaterThanOrEqualTo(2.7), "three pages, two gaps of 1.5 s");
        // The phases of one page are one visit of the site: they start together.
        var phases = new[] { "initial", "reject" }.Select(phase => StartedAt(folder, report, "https://crawl.news.test/news/a2/", phase)).ToList();
        Assert.That((phases[1] - phases[0]).Duration().TotalSeconds, Is.LessThan(1.4), "well under the 1.5 s the pages of the host are spaced by");
    }
}
