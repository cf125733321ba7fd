namespace Checker.Browser;

/// <summary>
/// What a staging or paywalled site needs to let the auditor in: extra request headers, cookies, HTTP authentication.
/// These are secrets. They go only to the audited site (never to third parties on its pages), and nothing that is
/// written (evidence, reports, logs) carries their values: <see cref="Describe"/> is the only way they are shown.
/// </summary>
public sealed record SiteAccess
{
    public static readonly SiteAccess None = new();

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Cookies { get; init; } = [];
    public string? Username { get; init; }
    public string? Password { get; init; }

    public const string Redacted = "[redacted]";

    /// <summary>Names only, values redacted: what reports and logs may say about the access used.</summary>
    public IReadOnlyDictionary<string, string?> Describe() => new Dictionary<string, string?>
    {
        ["headers"] = Headers.Count == 0 ? null : string.Join("; ", Headers.Select(h => $"{h.Key}: {Redacted}")),
        ["cookies"] = Cookies.Count == 0 ? null : string.Join("; ", Cookies.Select(c => $"{c.Key}={Redacted}")),
        ["httpCredentials"] = Username is null ? null : $"{Username}:{Redacted}",
    };

    /// <summary>"Name: value" as --header takes it; null and a reason when it is not one.</summary>
    public static KeyValuePair<string, string>? ParseHeader(string text, out string? problem)
    {
        var parts = text.Split(':', 2);
        problem = null;
        if (parts.Length == 2 && parts[0].Trim() is { Length: > 0 } name && name.All(c => c > ' ' && c < 127 && c != ':'))
            return new(name, parts[1].Trim());
        problem = "expected \"Name: value\"";
        return null;
    }

    /// <summary>"name=value" as --cookie takes it.</summary>
    public static KeyValuePair<string, string>? ParseCookie(string text, out string? problem)
    {
        var parts = text.Split('=', 2);
        problem = null;
        if (parts.Length == 2 && parts[0].Trim() is { Length: > 0 } name && !name.Any(c => c <= ' ' || c is ';' or ',' or '='))
            return new(name, parts[1].Trim());
        problem = "expected \"name=value\"";
        return null;
    }
}
