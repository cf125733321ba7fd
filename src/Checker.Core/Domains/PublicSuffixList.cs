using System.Globalization;

namespace Checker.Core.Domains;

/// <summary>
/// The Public Suffix List algorithm (https://publicsuffix.org/list/): finds the registrable domain ("eTLD+1") of a
/// host, which is what "first party" and "third party" mean for cookies and requests. The rules come from the
/// list file itself (Debian's publicsuffix package by default), never from a hand-made guess.
/// </summary>
public sealed class PublicSuffixList
{
    public static readonly string[] DefaultLocations =
    [
        "/usr/share/publicsuffix/public_suffix_list.dat",
        "/usr/share/publicsuffix/effective_tld_names.dat",
    ];

    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal);
    private static readonly IdnMapping Idn = new();

    public string Source { get; }
    public int RuleCount => _rules.Count + _wildcards.Count + _exceptions.Count;

    private PublicSuffixList(string source) => Source = source;

    public static PublicSuffixList Parse(TextReader reader, string source)
    {
        var list = new PublicSuffixList(source);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            // A rule is the first whitespace-delimited token of a line; "//" starts a comment.
            var rule = line.Trim();
            if (rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal)) continue;
            var space = rule.IndexOfAny([' ', '\t']);
            if (space > 0) rule = rule[..space];
            var prefix = rule.StartsWith('!') ? "!" : rule.StartsWith("*.", StringComparison.Ordinal) ? "*." : "";
            var body = rule[prefix.Length..];
            body = ToAscii(body) ?? body;
            if (prefix == "!") list._exceptions.Add(body);
            else if (prefix == "*.") list._wildcards.Add(body);
            else list._rules.Add(body);
        }
        if (list.RuleCount == 0) throw new InvalidDataException($"{source} holds no public suffix rules");
        return list;
    }

    public static PublicSuffixList Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>The first list file found at the usual places, or null when none is installed.</summary>
    public static string? FindInstalled(string? explicitPath = null)
    {
        if (!string.IsNullOrEmpty(explicitPath)) return explicitPath;
        var fromEnvironment = Environment.GetEnvironmentVariable("CHECKER_PUBLIC_SUFFIX_LIST");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        return DefaultLocations.FirstOrDefault(File.Exists);
    }

    /// <summary>The public suffix of a host, by the list's rules with "*" as the implicit default rule.</summary>
    public string PublicSuffix(string host)
    {
        var labels = Normalise(host).Split('.');
        // Walk from the longest candidate to the shortest; the first (longest) match wins, exceptions first.
        for (var i = 0; i < labels.Length; i++)
        {
            var candidate = string.Join('.', labels, i, labels.Length - i);
            if (_exceptions.Contains(candidate)) return string.Join('.', labels, i + 1, labels.Length - i - 1);
            if (_rules.Contains(candidate)) return candidate;
            if (i + 1 < labels.Length && _wildcards.Contains(string.Join('.', labels, i + 1, labels.Length - i - 1)))
                return candidate;
        }
        return labels[^1];
    }

    /// <summary>The registrable domain (public suffix plus one label), or the host itself when it is a suffix or an IP.</summary>
    public string RegistrableDomain(string host)
    {
        var normalised = Normalise(host);
        if (normalised.Length == 0 || IsIpAddress(normalised)) return normalised;
        var suffix = PublicSuffix(normalised);
        if (normalised.Length == suffix.Length) return normalised;
        var rest = normalised[..(normalised.Length - suffix.Length - 1)];
        var lastDot = rest.LastIndexOf('.');
        return (lastDot < 0 ? rest : rest[(lastDot + 1)..]) + "." + suffix;
    }

    /// <summary>Whether two hosts belong to the same site (same registrable domain).</summary>
    public bool SameSite(string hostA, string hostB) =>
        string.Equals(RegistrableDomain(hostA), RegistrableDomain(hostB), StringComparison.Ordinal);

    private static string Normalise(string host)
    {
        var trimmed = host.Trim().TrimStart('.').TrimEnd('.').ToLowerInvariant();
        if (trimmed.StartsWith('[')) return trimmed;
        return ToAscii(trimmed) ?? trimmed;
    }

    private static string? ToAscii(string value)
    {
        if (value.Length == 0 || value.All(c => c < 128)) return value.ToLowerInvariant();
        try { return Idn.GetAscii(value); }
        catch (ArgumentException) { return null; }
    }

    private static bool IsIpAddress(string host) =>
        host.StartsWith('[') || System.Net.IPAddress.TryParse(host, out _);
}
