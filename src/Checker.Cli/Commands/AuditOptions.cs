using System.CommandLine;
using System.Globalization;
using Checker.Browser;
using Checker.Cli.Audit;
using Checker.Core.Findings;

namespace Checker.Cli.Commands;

/// <summary>The options shared by `audit` and `demo`, and their translation into an <see cref="AuditRequest"/>.</summary>
public sealed class AuditOptions
{
    public Option<string?> Out { get; } = new("--out", "-o")
    {
        Description = "Folder for report.json, the other formats and the evidence (default: reports/<timestamp>/)",
    };
    public Option<string> Format { get; } = new("--format")
    {
        Description = "Report formats, comma-separated: json (always written), html, junit, sarif, md",
        DefaultValueFactory = _ => "json,md",
    };
    public GateOptions Gate { get; } = new();
    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds one page may take, load to last collector",
        DefaultValueFactory = _ => 30,
    };
    public Option<string> Locale { get; } = new("--locale")
    {
        Description = "Browser locale (Accept-Language, navigator.language)",
        DefaultValueFactory = _ => "en-US",
    };
    public Option<string> Viewport { get; } = new("--viewport")
    {
        Description = "Viewport WIDTHxHEIGHT of a desktop browser",
        DefaultValueFactory = _ => "1366x768",
    };
    public Option<string> ThirdPartyCookies { get; } = new("--third-party-cookies")
    {
        Description = "allow (as most desktop Chrome users have it) or block third-party cookies",
        DefaultValueFactory = _ => "allow",
    };
    public Option<string?> BrowserPath { get; } = new("--browser-path")
    {
        Description = $"Chromium or Chrome executable (default: ${BrowserLocator.EnvironmentVariable}, then one found on this machine)",
    };
    public Option<string?> BrowserEndpoint { get; } = new("--browser-endpoint")
    {
        Description = "ws:// endpoint of a Playwright browser server (launch-server, a grid) to run the pages in, instead of a local Chromium",
    };
    public Option<string?> HostResolverRules { get; } = new("--host-resolver-rules")
    {
        Description = "Chromium host resolver rules, e.g. \"MAP *.test 127.0.0.1:8443\" (staging audits, local test sites)",
    };
    public Option<bool> IgnoreHttpsErrors { get; } = new("--ignore-https-errors")
    {
        Description = "Accept invalid or self-signed TLS certificates (staging audits)",
    };
    public Option<string?> CookieDb { get; } = new("--cookie-db")
    {
        Description = "Open Cookie Database CSV (or its folder) to classify cookies with",
    };
    public Option<string> Phases { get; } = new("--phases")
    {
        Description = "Visits of each page, comma-separated: initial (no interaction), reject, accept, gpc (Global Privacy Control)",
        DefaultValueFactory = _ => string.Join(",", Checker.Core.Evidence.Phases.All),
    };
    public Option<string> Autoconsent { get; } = new("--autoconsent")
    {
        Description = "on: the reject and accept phases try DuckDuckGo's autoconsent (known CMPs) before the generic engine; off: generic engine only",
        DefaultValueFactory = _ => "on",
    };
    public Option<string?> Rules { get; } = new("--rules")
    {
        Description = "Rules folder (default: the rules shipped with the tool)",
    };
    public Option<string[]> References { get; } = new("--reference")
    {
        Description = "Original articles to compare pages with (attribution.copied-content, syndication-canonical): a .txt/.md/.html file, a folder of them, or a URL; repeatable",
    };
    public Option<int> Concurrency { get; } = new("--concurrency", "-j")
    {
        Description = "Pages audited at once over one browser (each page's phases also run side by side)",
        DefaultValueFactory = _ => 1,
    };
    public Option<string> Isolation { get; } = new("--isolation")
    {
        Description = "site: the pages of one host share a browser page per phase (cleared between pages before any choice; the reject and accept choices carried on, as a reader's browser does); page: a fresh context for every visit",
        DefaultValueFactory = _ => "site",
    };
    public Option<int?> MaxVisits { get; } = new("--max-visits")
    {
        Description = "Browser pages open at once, across pages and phases (default with a local browser: 6 per CPU core with site sessions, 3 with --isolation page; no limit with --browser-endpoint)",
    };
    public Option<string?> RunTimeout { get; } = new("--run-timeout")
    {
        Description = "Stop the whole run after this long (90s, 20m, 2h; a bare number is minutes), writing the report of the pages done (exit code 4); --resume continues",
    };
    public Option<string?> Resume { get; } = new("--resume")
    {
        Description = "Continue the run in this folder (same URLs): pages already in its journal are kept, the rest are audited",
    };
    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "K/N: audit only the K-th of N deterministic shares of the URLs (CI matrix jobs, Kubernetes Indexed Jobs); join with 'report merge'",
    };
    public Option<string[]> Header { get; } = new("--header")
    {
        Description = "\"Name: value\" sent with the audited site's own requests (staging keys); repeatable; never written to reports or logs",
    };
    public Option<string[]> Cookie { get; } = new("--cookie")
    {
        Description = "\"name=value\" set for each audited page's host before it loads (staging sessions); repeatable; never written out",
    };
    public Option<string?> HttpCredentials { get; } = new("--http-credentials")
    {
        Description = "USER:PASSWORD for HTTP authentication of the audited site (default: $CHECKER_HTTP_CREDENTIALS); never written out",
    };
    public Option<string?> PublicSuffixList { get; } = new("--public-suffix-list")
    {
        Description = "Public Suffix List file (default: Debian's publicsuffix package)",
    };

    /// <summary>
    /// --delay-ms: politeness per host. `crawl` uses it for its discovery requests too, and starts at 250 ms; `audit`
    /// is given its list by the user and starts at none.
    /// </summary>
    public Option<int> DelayMs { get; }

    public AuditOptions(int defaultDelayMs = 0)
    {
        DelayMs = new Option<int>("--delay-ms")
        {
            Description = "Least time in milliseconds between starting two pages of the same host (robots.txt Crawl-delay may ask for more when crawling)",
            DefaultValueFactory = _ => defaultDelayMs,
        };
        ThirdPartyCookies.AcceptOnlyFromAmong("allow", "block");
        Autoconsent.AcceptOnlyFromAmong("on", "off");
        Isolation.AcceptOnlyFromAmong("site", "page");
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     Out, Format, Timeout, Locale, Viewport, ThirdPartyCookies, BrowserPath, BrowserEndpoint, HostResolverRules,
                     IgnoreHttpsErrors, Header, Cookie, HttpCredentials, CookieDb, Rules, PublicSuffixList, Phases, Autoconsent, References,
                     Concurrency, Isolation, MaxVisits, DelayMs, RunTimeout, Resume, Shard,
                 })
            command.Options.Add(option);
        Gate.AddTo(command);
    }

    public AuditRequest ToRequest(ParseResult result, string command, IReadOnlyList<string> urls, string? hostResolverRules = null,
        bool? ignoreHttpsErrors = null)
    {
        var formats = ParseFormats(result.GetValue(Format)!, alwaysJson: true);

        var timeout = result.GetValue(Timeout);
        if (timeout is < 1 or > 3600) throw new UsageException("--timeout must be between 1 and 3600 seconds");
        var (width, height) = ParseViewport(result.GetValue(Viewport)!);
        var phases = result.GetValue(Phases)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant()).Distinct().ToList();
        var unknownPhases = phases.Except(Checker.Core.Evidence.Phases.All).ToList();
        if (unknownPhases.Count > 0 || phases.Count == 0)
            throw new UsageException($"--phases: unknown phase {string.Join(", ", unknownPhases)} (known: {string.Join(", ", Checker.Core.Evidence.Phases.All)})");
        phases = Checker.Core.Evidence.Phases.All.Where(phases.Contains).ToList();

        var concurrency = result.GetValue(Concurrency);
        if (concurrency is < 1 or > 64) throw new UsageException("--concurrency must be between 1 and 64");
        var maxVisits = result.GetValue(MaxVisits);
        if (maxVisits is < 1 or > 256) throw new UsageException("--max-visits must be between 1 and 256");
        var delay = result.GetValue(DelayMs);
        if (delay is < 0 or > 60_000) throw new UsageException("--delay-ms must be between 0 and 60000");
        var shard = Checker.Core.Runs.Shard.All;
        if (result.GetValue(Shard) is { } shardText)
            shard = Checker.Core.Runs.Shard.Parse(shardText, out var shardProblem) ?? throw new UsageException($"--shard: {shardProblem}");
        var endpoint = result.GetValue(BrowserEndpoint);
        if (endpoint is not null && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var ws) && ws.Scheme is "ws" or "wss"))
            throw new UsageException($"--browser-endpoint: '{endpoint}' is not a ws:// or wss:// URL");
        var resume = result.GetValue(Resume);
        var output = result.GetValue(Out);
        if (resume is not null && output is not null && Path.GetFullPath(resume) != Path.GetFullPath(output))
            throw new UsageException("--resume DIR writes into DIR: leave out --out, or give the same folder");

        return new AuditRequest
        {
            Access = ParseAccess(result),
            RunTimeout = result.GetValue(RunTimeout) is { } runTimeout
                ? ParseDuration(runTimeout) ?? throw new UsageException($"--run-timeout: '{runTimeout}' is not a duration such as 90s, 20m or 2h")
                : null,
            Command = command,
            Urls = urls,
            Concurrency = concurrency,
            SiteSessions = result.GetValue(Isolation) != "page",
            HostDelay = TimeSpan.FromMilliseconds(delay),
            MaxVisits = maxVisits,
            Resume = resume is not null,
            Shard = shard,
            OutputDirectory = Path.GetFullPath(resume ?? output
                                               ?? Path.Combine("reports", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture))),
            Formats = formats,
            Gate = Gate.ToRequest(result),
            RulesFolder = result.GetValue(Rules) ?? Environment.GetEnvironmentVariable("CHECKER_RULES")
                          ?? Path.Combine(AppContext.BaseDirectory, "rules"),
            BrowserPath = result.GetValue(BrowserPath),
            BrowserEndpoint = endpoint,
            CookieDatabasePath = result.GetValue(CookieDb),
            PublicSuffixListPath = result.GetValue(PublicSuffixList),
            Locale = result.GetValue(Locale)!,
            ViewportWidth = width,
            ViewportHeight = height,
            ThirdPartyCookies = Enum.Parse<ThirdPartyCookies>(result.GetValue(ThirdPartyCookies)!, ignoreCase: true),
            HostResolverRules = hostResolverRules ?? result.GetValue(HostResolverRules),
            IgnoreHttpsErrors = ignoreHttpsErrors ?? result.GetValue(IgnoreHttpsErrors),
            PageTimeout = TimeSpan.FromSeconds(timeout),
            Phases = phases,
            UseAutoconsent = result.GetValue(Autoconsent) == "on",
            References = result.GetValue(References) ?? [],
        };
    }

    /// <summary>"90s", "20m", "2h", or a bare number of minutes; between 1 second and a week.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        text = text.Trim().ToLowerInvariant();
        var (number, unit) = text.Length > 0 && char.IsLetter(text[^1]) ? (text[..^1], text[^1]) : (text, 'm');
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0) return null;
        TimeSpan? duration = unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => null,
        };
        return duration is { } d && d >= TimeSpan.FromSeconds(1) && d <= TimeSpan.FromDays(7) ? d : null;
    }

    /// <summary>--header, --cookie and --http-credentials; a malformed one is named without its value (it may be a secret).</summary>
    private SiteAccess ParseAccess(ParseResult result)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var text in result.GetValue(Header) ?? [])
            headers.Add(SiteAccess.ParseHeader(text, out var problem) ?? throw new UsageException($"--header: {problem}"));
        var cookies = new List<KeyValuePair<string, string>>();
        foreach (var text in result.GetValue(Cookie) ?? [])
            cookies.Add(SiteAccess.ParseCookie(text, out var problem) ?? throw new UsageException($"--cookie: {problem}"));
        var credentials = result.GetValue(HttpCredentials) ?? Environment.GetEnvironmentVariable("CHECKER_HTTP_CREDENTIALS");
        string? user = null, password = null;
        if (!string.IsNullOrEmpty(credentials))
        {
            var parts = credentials.Split(':', 2);
            if (parts.Length != 2 || parts[0].Length == 0) throw new UsageException("--http-credentials: expected USER:PASSWORD");
            (user, password) = (parts[0], parts[1]);
        }
        return new SiteAccess { Headers = headers, Cookies = cookies, Username = user, Password = password };
    }

    /// <summary>"json,html" → known formats; report.json is the contract, so an audit always writes it.</summary>
    public static IReadOnlyList<string> ParseFormats(string list, bool alwaysJson)
    {
        var (known, unknown) = Checker.Reporting.ReportWriter.Parse(list);
        if (unknown.Count > 0)
            throw new UsageException($"--format: unknown format {string.Join(", ", unknown)} (known: {string.Join(", ", Checker.Reporting.ReportWriter.Formats)})");
        if (known.Count == 0) throw new UsageException("--format: no format given");
        return alwaysJson && !known.Contains("json") ? ["json", .. known] : known;
    }

    private static (int Width, int Height) ParseViewport(string value)
    {
        var parts = value.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out var w) && int.TryParse(parts[1], out var h) && w is >= 200 and <= 8000 &&
            h is >= 200 and <= 8000)
            return (w, h);
        throw new UsageException($"--viewport {value}: expected WIDTHxHEIGHT, e.g. 1366x768");
    }
}
