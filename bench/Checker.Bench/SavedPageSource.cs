using Checker.Sites;

namespace Checker.Bench;

/// <summary>
/// Saved pages of a labelled set, each served as HTML under its own host and path ("host/path", a folder's path ending
/// in index.html as <see cref="SiteSource.Find"/> asks for it); <paramref name="read"/> gives a page's bytes.
/// </summary>
internal sealed class SavedPageSource<TPage>(IEnumerable<(string Host, string Path, TPage Page)> pages, Func<TPage, byte[]> read) : SiteSource
{
    private readonly Dictionary<string, TPage> _pages = pages
        .GroupBy(p => p.Host + "/" + p.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Page, StringComparer.Ordinal);

    public override IReadOnlyCollection<string> Hosts => _pages.Keys.Select(k => k[..k.IndexOf('/')]).Distinct(StringComparer.Ordinal).ToList();

    protected override byte[]? Read(string host, string relativePath)
    {
        if (relativePath.EndsWith(".headers", StringComparison.Ordinal))
            return _pages.ContainsKey(host + "/" + relativePath[..^".headers".Length]) ? "Content-Type: text/html\n"u8.ToArray() : null;
        return _pages.TryGetValue(host + "/" + relativePath, out var page) ? read(page) : null;
    }
}

/// <summary>Where a saved page is served from and audited at, from its original address.</summary>
internal static class SavedPageAddress
{
    /// <summary>The original address over HTTPS (the local server speaks only HTTPS): same host, path and query.</summary>
    public static string AuditUrl(Uri original) => "https://" + original.Host + original.PathAndQuery;

    /// <summary>The path the server is asked for (<see cref="SiteSource.Find"/> adds index.html to a folder).</summary>
    public static string ServedPath(Uri original)
    {
        var path = Uri.UnescapeDataString(original.AbsolutePath).TrimStart('/');
        return path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
    }
}
