using System.Reflection;

namespace Checker.Sites;

/// <summary>One file of a fixture site, with any extra response headers its ".headers" sidecar declares.</summary>
public sealed record SiteFile(byte[] Content, string ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>
/// Where the files of the fixture web come from: one folder per host name ("www.news.test/index.html").
/// A file "x.headers" beside "x" adds its "Name: value" lines to the response (Set-Cookie, redirects, …),
/// so that every site's behaviour is data, not code. Two pseudo-headers: "Status: 404" sets the status code and
/// "Delay-Ms: 60000" holds the response back (slow or hanging resources). "Require-Basic: user:password",
/// "Require-Header: Name=value" and "Require-Cookie: name=value" make a staging page: 401 without them.
/// "Fail-First: N" drops the connection of the first N requests of the file (a flaky server).
/// </summary>
public abstract class SiteSource
{
    public abstract IReadOnlyCollection<string> Hosts { get; }

    protected abstract byte[]? Read(string host, string relativePath);

    public SiteFile? Find(string host, string requestPath)
    {
        host = host.ToLowerInvariant();
        var path = Uri.UnescapeDataString(requestPath).TrimStart('/');
        if (path.Split('/').Any(segment => segment is ".." or "."))
            return null;
        if (path.Length == 0 || path.EndsWith('/')) path += "index.html";
        var content = Read(host, path);
        if (content is null && !Path.HasExtension(path))
        {
            path += "/index.html";
            content = Read(host, path);
        }
        if (content is null || path.EndsWith(".headers", StringComparison.Ordinal)) return null;
        return new SiteFile(content, ContentTypeOf(path), ParseHeaders(Read(host, path + ".headers")));
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ParseHeaders(byte[]? sidecar)
    {
        if (sidecar is null) return [];
        return System.Text.Encoding.UTF8.GetString(sidecar)
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => new KeyValuePair<string, string>(parts[0].Trim(), parts[1].Trim()))
            .ToList();
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json",
        ".gif" => "image/gif",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".svg" => "image/svg+xml",
        ".txt" => "text/plain; charset=utf-8",
        ".xml" => "application/xml",
        ".pdf" => "application/pdf",
        _ => "application/octet-stream",
    };
}

/// <summary>
/// Sites read from a folder on disk (one sub-folder per host): the test fixture web. Extra hosts may be served from
/// folders elsewhere, such as a package folder acting as a CDN for real consent libraries.
/// </summary>
public sealed class DirectorySiteSource(string root, IReadOnlyDictionary<string, string>? extraHosts = null) : SiteSource
{
    public override IReadOnlyCollection<string> Hosts =>
        Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Concat(extraHosts?.Keys ?? []).ToList();

    protected override byte[]? Read(string host, string relativePath)
    {
        var hostRoot = extraHosts is not null && extraHosts.TryGetValue(host, out var folder) ? folder : Path.Combine(root, host);
        var file = Path.GetFullPath(Path.Combine(hostRoot, relativePath));
        return file.StartsWith(Path.GetFullPath(hostRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(file)
            ? File.ReadAllBytes(file)
            : null;
    }
}

/// <summary>Sites embedded in this assembly: the demo, so that `checker demo` needs nothing but the tool.</summary>
public sealed class EmbeddedSiteSource : SiteSource
{
    private const string Prefix = "Checker.Sites.Demo/";
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public EmbeddedSiteSource()
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            _files[name[Prefix.Length..].Replace('\\', '/')] = memory.ToArray();
        }
    }

    public override IReadOnlyCollection<string> Hosts => _files.Keys.Select(k => k.Split('/')[0]).Distinct().ToList();

    protected override byte[]? Read(string host, string relativePath) =>
        _files.GetValueOrDefault($"{host}/{relativePath}");
}
