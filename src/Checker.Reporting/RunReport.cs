using Checker.Core.Findings;

namespace Checker.Reporting;

/// <summary>
/// report.json: the stable contract of a run. Fields are only ever added within a schema version;
/// a change that removes or renames one raises <see cref="CurrentSchemaVersion"/>.
/// </summary>
public sealed record RunReport
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required ToolInfo Tool { get; init; }
    public required RunInfo Run { get; init; }
    public required RunSummary Summary { get; init; }
    public IReadOnlyList<RuleInfo> Rules { get; init; } = [];
    public IReadOnlyList<PageReport> Pages { get; init; } = [];
    /// <summary>The comparison with an earlier run (--baseline), or null.</summary>
    public BaselineReport? Baseline { get; init; }
}

/// <summary>What changed since the baseline run: counts, and the findings that no longer fail.</summary>
public sealed record BaselineReport
{
    public required string Source { get; init; }
    public required DateTimeOffset BaselineStartedAt { get; init; }
    public required int New { get; init; }
    public required int Unchanged { get; init; }
    public IReadOnlyList<FixedFinding> Fixed { get; init; } = [];
}

public sealed record FixedFinding(string Url, string RuleId, string Fingerprint, string Message);

public sealed record ToolInfo(string Name, string Version);

public sealed record RunInfo
{
    public required string Command { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required Severity FailOn { get; init; }
    /// <summary>Whether only findings new since the baseline fail the run.</summary>
    public bool FailOnNewOnly { get; init; }
    /// <summary>The config file applied (null: none, the shipped rules as they are) and its profile.</summary>
    public string? Config { get; init; }
    public string? Profile { get; init; }
    /// <summary>The options the run was made with (browser, locale, timeouts, data sources), for reproducing it.</summary>
    public IReadOnlyDictionary<string, string?> Options { get; init; } = new Dictionary<string, string?>();
}

public sealed record RunSummary
{
    public required int Pages { get; init; }
    public required int Audited { get; init; }
    public required int Failed { get; init; }
    /// <summary>Count of findings per outcome.</summary>
    public required IReadOnlyDictionary<string, int> Outcomes { get; init; }
    /// <summary>Failing findings at or above the run's failOn severity, not allowlisted (and new, with failOnNewOnly): what the exit code gates on.</summary>
    public required int Failing { get; init; }
    /// <summary>Failing findings the config's allowlist accepts.</summary>
    public int Suppressed { get; init; }
    public required int ExitCode { get; init; }
}

public sealed record RuleInfo(string Id, string Title, Severity Severity, string HelpText, IReadOnlyList<string> Tags, IReadOnlyList<string> References)
{
    /// <summary>What the rule checks, in a sentence or two.</summary>
    public string? Description { get; init; }
    /// <summary>The rule's references as title and link (the same as <see cref="References"/>, structured).</summary>
    public IReadOnlyList<Checker.Core.Rules.RuleReference> ReferenceLinks { get; init; } = [];
}

public static class PageStatus
{
    public const string Audited = "audited";
    public const string Failed = "failed";
}

public sealed record PageReport
{
    public required string Url { get; init; }
    public string? FinalUrl { get; init; }
    /// <summary>
    /// The site the page belongs to: the registrable domain of its address (Public Suffix List), which the report's
    /// overview groups pages by. Absent from reports written before it was added: see <see cref="SiteOverview.SiteOf"/>.
    /// </summary>
    public string? Site { get; init; }
    /// <summary>"audited" or "failed".</summary>
    public required string Status { get; init; }
    public int? HttpStatus { get; init; }
    public string? Error { get; init; }
    /// <summary>Path of the page's evidence JSON (its first phase, normally "initial"), relative to the report.</summary>
    public string? Evidence { get; init; }
    public long? DurationMs { get; init; }
    /// <summary>Each phase run (initial, reject, accept, gpc): its evidence file and whether it loaded.</summary>
    public IReadOnlyDictionary<string, PhaseReport> Phases { get; init; } = new Dictionary<string, PhaseReport>();
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}

public sealed record PhaseReport(string Evidence, string Status, string? Error, long? DurationMs);
