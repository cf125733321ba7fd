using Checker.Browser;
using Checker.Core.Findings;
using Checker.Core.Runs;

namespace Checker.Cli.Audit;

/// <summary>Everything an audit run needs, parsed and validated from the command line.</summary>
public sealed record AuditRequest
{
    public required string Command { get; init; }
    public required IReadOnlyList<string> Urls { get; init; }
    public required string OutputDirectory { get; init; }
    public required IReadOnlyList<string> Formats { get; init; }
    public required Commands.GateRequest Gate { get; init; }
    public required string RulesFolder { get; init; }
    public string? BrowserPath { get; init; }
    /// <summary>A Playwright browser server (ws://…) to run the pages in, instead of a local Chromium.</summary>
    public string? BrowserEndpoint { get; init; }
    public string? CookieDatabasePath { get; init; }
    public string? PublicSuffixListPath { get; init; }
    public required string Locale { get; init; }
    public required int ViewportWidth { get; init; }
    public required int ViewportHeight { get; init; }
    public required ThirdPartyCookies ThirdPartyCookies { get; init; }
    public string? HostResolverRules { get; init; }
    public required bool IgnoreHttpsErrors { get; init; }
    public required TimeSpan PageTimeout { get; init; }
    /// <summary>The phases each page is visited in, in report order.</summary>
    public required IReadOnlyList<string> Phases { get; init; }
    public required bool UseAutoconsent { get; init; }
    /// <summary>--header, --cookie, --http-credentials: secrets for the audited sites.</summary>
    public SiteAccess Access { get; init; } = SiteAccess.None;
    /// <summary>`--reference` as given: files, folders, URLs of originals.</summary>
    public IReadOnlyList<string> References { get; init; } = [];
    /// <summary>--run-timeout: the whole run stops after this long, its report written (exit code 4).</summary>
    public TimeSpan? RunTimeout { get; init; }
    /// <summary>Pages audited at once (each with its phases side by side).</summary>
    public int Concurrency { get; init; } = 1;
    /// <summary>
    /// --isolation site (true): the pages of a site are visited in one browser page per phase, kept from page to page;
    /// --isolation page (false): every visit in a fresh context.
    /// </summary>
    public bool SiteSessions { get; init; } = true;
    /// <summary>
    /// --max-visits: browser visits (contexts) open at once across pages and phases; null for the default (4 per CPU
    /// core with a local browser, which is what this machine's measurements peak at; no limit with a remote browser).
    /// </summary>
    public int? MaxVisits { get; init; }
    /// <summary>--delay-ms: least time between starting two pages of one host (a crawl raises it to robots.txt's Crawl-delay).</summary>
    public TimeSpan HostDelay { get; init; }
    /// <summary>Continue the run in <see cref="OutputDirectory"/>: pages in its journal are not audited again.</summary>
    public bool Resume { get; init; }
    /// <summary>The share of <see cref="Urls"/> this run audits (`--shard K/N`).</summary>
    public Shard Shard { get; init; } = Shard.All;
    /// <summary>`checker crawl`: the site whose pages are found first; <see cref="Urls"/> then holds the start page only.</summary>
    public CrawlRequest? Crawl { get; init; }
}

public sealed record CrawlRequest(string Site, Checker.Core.Crawling.CrawlOptions Options);

/// <summary>Bad input or set-up, found before anything is audited: one line for the user, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
