namespace Checker.Core.Crawling;

/// <summary>
/// One address per page: fragment dropped, scheme and host lower-cased, default port and tracking parameters
/// (utm_*, gclid, fbclid, …) removed, so that the same article reached by three links is audited once.
/// </summary>
public static class CrawlUrl
{
    private static readonly string[] TrackingParameters = ["gclid", "fbclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref_src", "_ga"];

    public static string? Normalise(string url, Uri? relativeTo = null)
    {
        Uri? uri;
        if (relativeTo is null ? !Uri.TryCreate(url.Trim(), UriKind.Absolute, out uri) : !Uri.TryCreate(relativeTo, url.Trim(), out uri)) return null;
        if (uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)) return null;
        // One "?" only: a second one belongs to the first parameter ("??d=3" stays so), or normalising twice would differ.
        var query = string.Join("&", (uri.Query.Length > 0 ? uri.Query[1..] : "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p =>
            {
                var name = p.Split('=')[0].ToLowerInvariant();
                return !name.StartsWith("utm_", StringComparison.Ordinal) && !TrackingParameters.Contains(name);
            }));
        try
        {
            var builder = new UriBuilder(uri) { Fragment = "", Query = query, Host = uri.Host.ToLowerInvariant() };
            if (builder.Uri.IsDefaultPort) builder.Port = -1;
            var path = builder.Uri.AbsolutePath.Length == 0 ? "/" : builder.Uri.AbsolutePath;
            var normal = builder.Uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + path + (query.Length > 0 ? "?" + query : "");
            // Rebuilding can turn a path that parsed into one that does not (FuzzTests: "/r:'x" is taken for a DOS path).
            return Uri.TryCreate(normal, UriKind.Absolute, out _) ? normal : null;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    /// <summary>Same site: the same host, "www." aside.</summary>
    public static bool SameSite(string url, Uri site) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && Host(uri) == Host(site);

    private static string Host(Uri uri) => uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..].ToLowerInvariant() : uri.Host.ToLowerInvariant();
}
