namespace Checker.Core.Crawling;

/// <summary>
/// robots.txt as RFC 9309 reads it: the group for our product token (or "*" when none names us), Allow and
/// Disallow path prefixes with '*' and '$', the longest match wins and Allow wins a tie; Sitemap lines; Crawl-delay.
/// An unreachable or missing robots.txt allows everything.
/// </summary>
public sealed class RobotsTxt
{
    public const string ProductToken = "checker";

    private readonly List<(bool Allow, string Pattern)> _rules;

    private RobotsTxt(List<(bool Allow, string Pattern)> rules, IReadOnlyList<string> sitemaps, TimeSpan? crawlDelay)
    {
        _rules = rules;
        Sitemaps = sitemaps;
        CrawlDelay = crawlDelay;
    }

    public IReadOnlyList<string> Sitemaps { get; }
    public TimeSpan? CrawlDelay { get; }

    public static RobotsTxt AllowAll { get; } = new([], [], null);

    public static RobotsTxt Parse(string text, string productToken = ProductToken)
    {
        var groups = new List<(List<string> Agents, List<(bool, string)> Rules, TimeSpan? Delay)>();
        var sitemaps = new List<string>();
        (List<string> Agents, List<(bool, string)> Rules, TimeSpan? Delay)? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (current is null || !lastWasAgent)
                    {
                        current = ([], [], null);
                        groups.Add(current.Value);
                    }
                    current.Value.Agents.Add(value.ToLowerInvariant());
                    lastWasAgent = true;
                    continue;
                case "allow" or "disallow" when current is not null:
                    if (value.Length > 0) current.Value.Rules.Add((key == "allow", value));
                    break;
                case "crawl-delay" when current is not null:
                    if (double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= 60)
                    {
                        var index = groups.IndexOf(current.Value);
                        current = (current.Value.Agents, current.Value.Rules, TimeSpan.FromSeconds(seconds));
                        groups[index] = current.Value;
                    }
                    break;
                case "sitemap":
                    sitemaps.Add(value);
                    break;
            }
            lastWasAgent = false;
        }
        var token = productToken.ToLowerInvariant();
        var ours = groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))).ToList();
        if (ours.Count == 0) ours = groups.Where(g => g.Agents.Contains("*")).ToList();
        return new RobotsTxt(ours.SelectMany(g => g.Rules).ToList(), sitemaps, ours.Select(g => g.Delay).FirstOrDefault(d => d is not null));
    }

    public bool Allows(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        var path = uri.PathAndQuery;
        var best = (Allow: true, Length: -1);
        foreach (var (allow, pattern) in _rules)
        {
            if (!Matches(pattern, path)) continue;
            var length = pattern.Length;
            if (length > best.Length || (length == best.Length && allow)) best = (allow, length);
        }
        return best.Allow;
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var regex = "^" + string.Join(".*", (anchored ? pattern[..^1] : pattern).Split('*').Select(System.Text.RegularExpressions.Regex.Escape))
                    + (anchored ? "$" : "");
        return System.Text.RegularExpressions.Regex.IsMatch(path, regex, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
