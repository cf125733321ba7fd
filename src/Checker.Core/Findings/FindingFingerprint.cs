using System.Security.Cryptography;
using System.Text;

namespace Checker.Core.Findings;

/// <summary>
/// A stable identity for a finding across runs: the rule, the page (scheme, host, path and query; no fragment) and
/// the finding's key evidence (kinds and values, not the wording or counts of its message). The same problem found
/// again gets the same fingerprint; a new cookie or tracker in the evidence makes a new one.
/// </summary>
public static class FindingFingerprint
{
    public static string Of(string url, string ruleId, IEnumerable<EvidenceItem> evidence)
    {
        var key = new StringBuilder();
        key.Append(ruleId).Append('\n').Append(NormaliseUrl(url)).Append('\n');
        foreach (var item in evidence.Select(e => $"{e.Kind}={e.Value}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            key.Append(item).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..32];
    }

    public static string NormaliseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return url.Trim();
        try
        {
            var builder = new UriBuilder(uri) { Fragment = "" };
            if (builder.Uri.IsDefaultPort) builder.Port = -1;
            // Scheme and host are case-insensitive; path and query are not.
            return builder.Uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + builder.Uri.PathAndQuery;
        }
        catch (UriFormatException)
        {
            return url.Trim(); // a URL that parses but does not rebuild is its own key
        }
    }
}
