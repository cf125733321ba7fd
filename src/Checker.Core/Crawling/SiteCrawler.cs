using Checker.Core.Configuration;

namespace Checker.Core.Crawling;

/// <summary>What the crawler needs of the web: a document's text, and a page's links (through the audit browser).</summary>
public interface ISiteFetcher
{
    /// <summary>The body of a document when it answered 2xx; null otherwise.</summary>
    Task<string?> FetchTextAsync(string url, CancellationToken cancellationToken);

    /// <summary>The absolute addresses of a page's links once it loaded; empty when it did not.</summary>
    Task<IReadOnlyList<string>> LinksAsync(string url, CancellationToken cancellationToken);
}

public sealed record CrawlOptions
{
    public int MaxPages { get; init; } = 50;
    public IReadOnlyList<string> Sitemaps { get; init; } = [];
    public IReadOnlyList<string> Include { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    /// <summary>Least time between two requests of the crawl to the site (robots.txt Crawl-delay may ask for more).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(250);
}

/// <param name="Source">"sitemap:news", "sitemap", "link" or "start".</param>
public sealed record CrawledPage(string Url, string Source, DateTimeOffset? Date);

/// <param name="CrawlDelaySeconds">The Crawl-delay robots.txt asks of our product token, if any: the audit keeps to it too.</param>
public sealed record CrawlResult(IReadOnlyList<CrawledPage> Pages, int DisallowedByRobots, int SitemapsRead, int PagesVisitedForLinks,
    double? CrawlDelaySeconds = null);

/// <summary>
/// Finds the pages of a site to audit: the sitemaps robots.txt names (indexes followed, Google News sitemaps first,
/// newest first), then same-site links breadth-first from the start page; addresses normalised and de-duplicated,
/// robots.txt respected for our product token, include/exclude patterns applied, one request at a time with a
/// pause between them.
/// </summary>
public sealed class SiteCrawler(ISiteFetcher fetcher, CrawlOptions options)
{
    private const int MaxSitemaps = 50;
    private DateTimeOffset _lastRequest = DateTimeOffset.MinValue;
    private TimeSpan _delay = options.Delay;

    public async Task<CrawlResult> CrawlAsync(string start, CancellationToken cancellationToken)
    {
        var site = new Uri(CrawlUrl.Normalise(start) ?? throw new ArgumentException($"not an http(s) URL: {start}"));
        var robotsText = await PoliteAsync(() => fetcher.FetchTextAsync(new Uri(site, "/robots.txt").AbsoluteUri, cancellationToken), cancellationToken);
        var robots = robotsText is null ? RobotsTxt.AllowAll : RobotsTxt.Parse(robotsText);
        if (robots.CrawlDelay is { } asked && asked > _delay) _delay = asked;

        var found = new List<CrawledPage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var disallowed = 0;
        bool Take(string raw, string source, DateTimeOffset? date)
        {
            if (found.Count >= options.MaxPages) return false;
            var url = CrawlUrl.Normalise(raw);
            if (url is null || !CrawlUrl.SameSite(url, site) || !seen.Add(url)) return true;
            if (!robots.Allows(url)) { disallowed++; return true; }
            if (options.Include.Count > 0 && !options.Include.Any(p => Glob.IsMatch(p, url))) return true;
            if (options.Exclude.Any(p => Glob.IsMatch(p, url))) return true;
            if (LooksLikeAFile(url)) return true;
            found.Add(new CrawledPage(url, source, date));
            return true;
        }

        // Sitemaps: those asked for, else those robots.txt names, else the conventional address.
        var queue = new Queue<string>(options.Sitemaps.Count > 0 ? options.Sitemaps
            : robots.Sitemaps.Count > 0 ? robots.Sitemaps : [new Uri(site, "/sitemap.xml").AbsoluteUri]);
        var sitemapsRead = 0;
        var fromSitemaps = new List<SitemapPage>();
        var sitemapSeen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0 && sitemapsRead < MaxSitemaps)
        {
            var address = queue.Dequeue();
            if (!sitemapSeen.Add(address)) continue;
            var text = await PoliteAsync(() => fetcher.FetchTextAsync(address, cancellationToken), cancellationToken);
            if (text is null || Sitemap.Parse(text) is not { } sitemap) continue;
            sitemapsRead++;
            foreach (var child in sitemap.Sitemaps) queue.Enqueue(child);
            fromSitemaps.AddRange(sitemap.Pages);
        }
        // Google News sitemaps list the latest articles: first, newest first; then the rest, newest first.
        foreach (var page in fromSitemaps.OrderByDescending(p => p.IsNews).ThenByDescending(p => p.Date ?? DateTimeOffset.MinValue))
            Take(page.Url, page.IsNews ? "sitemap:news" : "sitemap", page.Date);

        // Then the site as a reader walks it: the start page, and its links breadth-first.
        var visited = 0;
        var frontier = new Queue<string>([site.AbsoluteUri]);
        var queued = new HashSet<string>(StringComparer.Ordinal) { site.AbsoluteUri };
        Take(site.AbsoluteUri, "start", null);
        while (frontier.Count > 0 && found.Count < options.MaxPages && visited < options.MaxPages * 2)
        {
            var page = frontier.Dequeue();
            if (!robots.Allows(page)) continue;
            visited++;
            var links = await PoliteAsync(() => fetcher.LinksAsync(page, cancellationToken), cancellationToken);
            foreach (var link in links)
            {
                var url = CrawlUrl.Normalise(link);
                if (url is null || !CrawlUrl.SameSite(url, site) || LooksLikeAFile(url)) continue;
                Take(url, "link", null);
                if (queued.Add(url)) frontier.Enqueue(url);
            }
        }
        return new CrawlResult(found, disallowed, sitemapsRead, visited, robots.CrawlDelay?.TotalSeconds);
    }

    private async Task<T> PoliteAsync<T>(Func<Task<T>> request, CancellationToken cancellationToken)
    {
        var wait = _lastRequest + _delay - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
        try
        {
            return await request();
        }
        finally
        {
            _lastRequest = DateTimeOffset.UtcNow;
        }
    }

    private static readonly string[] FileExtensions =
        [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".zip", ".mp3", ".mp4", ".css", ".js", ".xml", ".rss", ".json", ".ico"];

    private static bool LooksLikeAFile(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && FileExtensions.Any(e => uri.AbsolutePath.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
