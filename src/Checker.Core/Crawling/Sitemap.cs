using System.Xml;
using System.Xml.Linq;

namespace Checker.Core.Crawling;

/// <summary>A sitemap or sitemap index (sitemaps.org 0.9, Google News extension): pages with their dates, or more sitemaps.</summary>
public sealed record Sitemap(IReadOnlyList<SitemapPage> Pages, IReadOnlyList<string> Sitemaps)
{
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>Reads a sitemap; null when the text is not one (an HTML error page, broken XML).</summary>
    public static Sitemap? Parse(string xml)
    {
        XDocument document;
        try
        {
            // No DTDs, no external entities: a sitemap is data from the site, not to be trusted.
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
        var root = document.Root;
        if (root is null) return null;
        var ns = root.Name.Namespace;
        if (root.Name.LocalName == "sitemapindex")
            return new Sitemap([], root.Elements(ns + "sitemap").Select(s => (string?)s.Element(ns + "loc")).OfType<string>().Select(s => s.Trim()).ToList());
        if (root.Name.LocalName != "urlset") return null;
        var pages = root.Elements(ns + "url").Select(u =>
        {
            var loc = ((string?)u.Element(ns + "loc"))?.Trim();
            var published = (string?)u.Element(News + "news")?.Element(News + "publication_date");
            var modified = (string?)u.Element(ns + "lastmod");
            return loc is null ? null : new SitemapPage(loc, Date(published) ?? Date(modified), published is not null);
        }).OfType<SitemapPage>().ToList();
        return new Sitemap(pages, []);
    }

    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParse(text?.Trim(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? date : null;
}

/// <param name="Date">Google News publication date, else lastmod.</param>
/// <param name="IsNews">Listed in a Google News sitemap: the newest articles, audited first.</param>
public sealed record SitemapPage(string Url, DateTimeOffset? Date, bool IsNews);
