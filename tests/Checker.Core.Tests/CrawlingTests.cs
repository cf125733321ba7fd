using Checker.Core.Crawling;

namespace Checker.Core.Tests;

public sealed class CrawlingTests
{
    private const string Robots = """
        User-agent: *
        Disallow: /private/
        Allow: /private/open$
        Crawl-delay: 2
        Sitemap: https://site.test/sitemap.xml

        User-agent: checker
        User-agent: otherbot
        Disallow: /no-checker/
        Disallow: /*.pdf$
        """;

    [Test]
    public void Robots_txt_group_for_our_token_is_used_instead_of_the_star_group()
    {
        var robots = RobotsTxt.Parse(Robots);
        Assert.That(robots.Allows("https://site.test/no-checker/x"), Is.False);
        Assert.That(robots.Allows("https://site.test/report.pdf"), Is.False);
        Assert.That(robots.Allows("https://site.test/report.pdf?x=1"), Is.True, "'$' anchors the end");
        Assert.That(robots.Allows("https://site.test/private/x"), Is.True, "the * group does not apply when one names us");
        Assert.That(robots.Sitemaps, Is.EqualTo(new[] { "https://site.test/sitemap.xml" }));
    }

    [Test]
    public void Robots_txt_star_group_longest_match_wins_and_allow_wins_ties()
    {
        var robots = RobotsTxt.Parse(Robots, "someotherbot");
        Assert.That(robots.Allows("https://site.test/private/x"), Is.False);
        Assert.That(robots.Allows("https://site.test/private/open"), Is.True);
        Assert.That(robots.Allows("https://site.test/"), Is.True);
        Assert.That(robots.CrawlDelay, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(RobotsTxt.Parse("garbage\n\u0000:::\nDisallow /x").Allows("https://site.test/x"), Is.True);
    }

    [Test]
    public void Sitemaps_give_pages_with_news_dates_or_more_sitemaps_and_refuse_what_is_not_one()
    {
        var news = Sitemap.Parse("""
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url><loc> https://site.test/a </loc><news:news><news:publication_date>2026-11-28T08:00:00Z</news:publication_date></news:news></url>
              <url><loc>https://site.test/b</loc><lastmod>2026-01-01</lastmod></url>
            </urlset>
            """)!;
        Assert.That(news.Pages[0], Is.EqualTo(new SitemapPage("https://site.test/a", new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero), true)));
        Assert.That(news.Pages[1].IsNews, Is.False);
        var index = Sitemap.Parse("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>https://site.test/s1.xml</loc></sitemap></sitemapindex>")!;
        Assert.That(index.Sitemaps, Is.EqualTo(new[] { "https://site.test/s1.xml" }));
        Assert.That(Sitemap.Parse("<html><body>Not found</body></html>"), Is.Null);
        Assert.That(Sitemap.Parse("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><urlset>&e;</urlset>"), Is.Null,
            "no DTD, no external entity");
    }

    [TestCase("HTTPS://Site.Test:443/a/?utm_source=x&id=3&fbclid=y#top", "https://site.test/a/?id=3")]
    [TestCase("https://site.test", "https://site.test/")]
    [TestCase("javascript:alert(1)", null)]
    [TestCase("mailto:x@site.test", null)]
    public void Addresses_are_normalised_so_that_one_page_is_audited_once(string raw, string? expected) =>
        Assert.That(CrawlUrl.Normalise(raw), Is.EqualTo(expected));
}
