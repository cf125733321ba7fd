namespace Checker.Browser;

public enum ThirdPartyCookies
{
    Allow,
    Block,
}

/// <summary>How pages are visited: what the page sees of the browser, and how far a visit may take.</summary>
public sealed record BrowserSettings
{
    public required string ExecutablePath { get; init; }
    /// <summary>A Playwright browser server's ws:// endpoint to use instead of launching Chromium here.</summary>
    public string? Endpoint { get; init; }
    public string Locale { get; init; } = "en-US";
    public int ViewportWidth { get; init; } = 1366;
    public int ViewportHeight { get; init; } = 768;
    public ThirdPartyCookies ThirdPartyCookies { get; init; } = ThirdPartyCookies.Allow;
    /// <summary>Chromium's --host-resolver-rules, e.g. "MAP *.test 127.0.0.1:8443".</summary>
    public string? HostResolverRules { get; init; }
    public bool IgnoreHttpsErrors { get; init; }
    /// <summary>Bounds one whole visit of one page.</summary>
    public TimeSpan PageTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>After the load event, how long at most to wait for network and DOM to go quiet.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(8);
    /// <summary>When no banner shows once the page settled, how long to keep looking for one that comes late.</summary>
    public TimeSpan BannerWait { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Whether the reject and accept phases try DuckDuckGo's autoconsent before our generic engine.</summary>
    public bool UseAutoconsent { get; init; } = true;
    /// <summary>Headers, cookies and HTTP credentials for the audited sites (staging); secrets, never written out.</summary>
    public SiteAccess Access { get; init; } = SiteAccess.None;
    /// <summary>How long no request may be in flight for the network to count as quiet.</summary>
    public TimeSpan NetworkQuietWindow { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>How long the DOM must stay unchanged to count as settled.</summary>
    public TimeSpan QuietWindow { get; init; } = TimeSpan.FromMilliseconds(300);
    /// <summary>More Chromium switches, after the tool's own (benchmarks try process models with them).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
