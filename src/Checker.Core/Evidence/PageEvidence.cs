namespace Checker.Core.Evidence;

/// <summary>
/// Everything one visit of one page recorded, in one phase. Immutable and JSON-serialisable: rules read it,
/// nothing writes it after the collector returns. A collector that failed leaves its error here instead of data.
/// </summary>
public sealed record PageEvidence
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string Url { get; init; }
    public required string Phase { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required NavigationEvidence Navigation { get; init; }
    public BrowserEvidence? Browser { get; init; }
    public IReadOnlyList<CookieEvidence> Cookies { get; init; } = [];
    public StorageEvidence Storage { get; init; } = new();
    public IReadOnlyList<RequestEvidence> Requests { get; init; } = [];
    public IReadOnlyList<TrackerHostEvidence> TrackerHosts { get; init; } = [];
    public BannerEvidence? Banner { get; init; }
    /// <summary>
    /// Initial phase, first page of a browser session: the banner's settings layer, opened with its settings control
    /// once everything else of the visit was recorded (nothing chosen), so that the purposes a reader would find there
    /// can be judged even when reject sits on the first layer. Later pages of the session carry it, with
    /// <see cref="SettingsLayerFrom"/> naming the page where it was opened.
    /// </summary>
    public BannerEvidence? SettingsLayer { get; init; }
    public string? SettingsLayerFrom { get; init; }
    /// <summary>Reject and accept phases: what was clicked. Null in phases without interaction.</summary>
    public InteractionEvidence? Interaction { get; init; }
    /// <summary>The IAB TCF signals of the page, or null when it has no TCF consent platform.</summary>
    public TcfEvidence? Tcf { get; init; }
    /// <summary>Whether Global Privacy Control was on for this visit.</summary>
    public bool GlobalPrivacyControl { get; init; }
    public ArticleEvidence? Article { get; init; }
    /// <summary>Screenshots saved beside the evidence (file names relative to it): "viewport", "banner", "settings" (the banner's second layer, where it was opened).</summary>
    public IReadOnlyDictionary<string, string> Screenshots { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<CollectorError> CollectorErrors { get; init; } = [];

    /// <summary>True when a named collector failed, so that a rule depending on it can answer "error", never "pass".</summary>
    public bool CollectorFailed(string collector) =>
        CollectorErrors.Any(e => string.Equals(e.Collector, collector, StringComparison.Ordinal));
}

public static class Collectors
{
    public const string Navigation = "navigation";
    public const string Cookies = "cookies";
    public const string Storage = "storage";
    public const string Network = "network";
    public const string Banner = "banner";
    public const string Article = "article";
    public const string Interaction = "interaction";
    public const string Screenshot = "screenshot";
    public const string Tcf = "tcf";
    public const string SettingsLayer = "settings-layer";
}

public sealed record CollectorError(string Collector, string Message);

public sealed record NavigationEvidence
{
    public required string RequestedUrl { get; init; }
    public string? FinalUrl { get; init; }
    public int? Status { get; init; }
    /// <summary>Set when the page could not be loaded at all; the rest of the evidence is then empty.</summary>
    public string? Error { get; init; }
    public NavigationTimings Timings { get; init; } = new();
    /// <summary>Visits it took: more than one when a transient failure (a dropped connection, a 503) was retried.</summary>
    public int Attempts { get; init; } = 1;
    /// <summary>
    /// Which page of its browser session this visit was: 1 for a fresh context (every visit with --isolation page, the
    /// first page of a site session), 2 and on for the site's later pages loaded in the same page (--isolation site).
    /// </summary>
    public int SessionPage { get; init; } = 1;
    /// <summary>
    /// Which site of its browser session this visit's site is: 1 for a fresh context, 2 and on when the browser page
    /// came from other sites' pages, wiped of everything they left (--isolation site moves a worker's pages on).
    /// </summary>
    public int SessionSite { get; init; } = 1;
    public bool Loaded => Error is null && FinalUrl is not null;
}

public sealed record NavigationTimings
{
    /// <summary>From the start of navigation to the load event.</summary>
    public long? LoadMs { get; init; }
    /// <summary>From the load event until network and DOM went quiet (or the settle bound was reached).</summary>
    public long? SettleMs { get; init; }
    /// <summary>The whole visit, context creation to context close.</summary>
    public long? TotalMs { get; init; }
    /// <summary>Milliseconds of each step of the visit, in order (context, load, settle, choice, reload, each collector): where the time went.</summary>
    public IReadOnlyDictionary<string, long>? StepsMs { get; init; }
    /// <summary>CPU milliseconds the whole process tree spent in each step; only when measuring (CHECKER_STEP_CPU=1).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, long>? StepsCpuMs { get; init; }
}

public sealed record BrowserEvidence
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string UserAgent { get; init; }
    public required string Locale { get; init; }
    public required int ViewportWidth { get; init; }
    public required int ViewportHeight { get; init; }
    public required string ThirdPartyCookies { get; init; }
}

public enum Party
{
    First,
    Third,
}

public sealed record CookieEvidence
{
    public required string Name { get; init; }
    public required string Domain { get; init; }
    public required string Path { get; init; }
    /// <summary>Null for a session cookie.</summary>
    public DateTimeOffset? Expires { get; init; }
    public bool Secure { get; init; }
    public bool HttpOnly { get; init; }
    public string? SameSite { get; init; }
    public string? PartitionKey { get; init; }
    public required Party Party { get; init; }
    public Classification? Classification { get; init; }
    /// <summary>Set or renewed after the banner interaction of this phase (always false without one).</summary>
    public bool SetAfterInteraction { get; init; }
}

/// <summary>What a cookie or host is, and where that knowledge came from, so that a reader can weigh it.</summary>
public sealed record Classification
{
    public required string Category { get; init; }
    public string? Vendor { get; init; }
    public required string Source { get; init; }
    public bool IsTracking => TrackingCategories.Contains(Category);

    /// <summary>Categories that need consent under ePrivacy art. 5(3): not strictly necessary for the service asked for.</summary>
    public static readonly IReadOnlySet<string> TrackingCategories =
        new HashSet<string>(["analytics", "marketing", "personalization"], StringComparer.OrdinalIgnoreCase);
}

public sealed record StorageEvidence
{
    public string? Origin { get; init; }
    public IReadOnlyList<string> LocalStorageKeys { get; init; } = [];
    public IReadOnlyList<string> SessionStorageKeys { get; init; } = [];
}

public sealed record RequestEvidence
{
    public required string Url { get; init; }
    public required string Host { get; init; }
    public required string ResourceType { get; init; }
    public required string Method { get; init; }
    public int? Status { get; init; }
    public string? Failure { get; init; }
    public string? FrameUrl { get; init; }
    public bool IsMainFrame { get; init; }
    public required Party Party { get; init; }
    public IReadOnlyList<string> SetCookieNames { get; init; } = [];
    public Classification? Tracker { get; init; }
    /// <summary>Sent after the banner interaction of this phase (its reload included).</summary>
    public bool AfterInteraction { get; init; }
}

public sealed record TrackerHostEvidence
{
    public required string Host { get; init; }
    public required string RegistrableDomain { get; init; }
    public required int RequestCount { get; init; }
    public required Classification Classification { get; init; }
}
