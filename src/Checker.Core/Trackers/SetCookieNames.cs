namespace Checker.Core.Trackers;

/// <summary>The cookie names a response sets, from its Set-Cookie header values (Chromium joins several with newlines).</summary>
public static class SetCookieNames
{
    public static IReadOnlyList<string> Parse(IEnumerable<string> headerValues) =>
        headerValues
            .SelectMany(v => v.Split('\n'))
            .Select(v => v.Split(';', 2)[0].Split('=', 2)[0].Trim())
            .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
