using System.Text.Json.Nodes;
using Checker.Core.Findings;

namespace Checker.Core.Configuration;

/// <summary>
/// checker.json: which rules run at which level, with which parameters, on which pages; what is knowingly allowed;
/// what fails the run. Read by <see cref="ConfigLoader"/>, applied by <see cref="AuditPolicy"/>.
/// </summary>
public sealed record CheckerConfig
{
    /// <summary>The file it was read from; null for the built-in default (no config file).</summary>
    public string? SourcePath { get; init; }
    public string Profile { get; init; } = Profiles.Default;
    public Severity? FailOn { get; init; }
    public bool FailOnNewOnly { get; init; }
    public IReadOnlyDictionary<string, RuleSetting> Rules { get; init; } = new Dictionary<string, RuleSetting>();
    public IReadOnlyList<UrlOverride> Overrides { get; init; } = [];
    public IReadOnlyList<AllowEntry> Allow { get; init; } = [];
}

/// <summary>A rule's level ("off", "note", "warn", "error"; null keeps the profile's) and parameters merged over its file's.</summary>
public sealed record RuleSetting(string? Level, JsonObject? Parameters);

/// <summary>Rule settings that apply only to pages whose URL matches one of the patterns ('*' matches anything).</summary>
public sealed record UrlOverride(IReadOnlyList<string> Urls, IReadOnlyDictionary<string, RuleSetting> Rules);

/// <summary>
/// A known and accepted finding: a whole rule on some pages, or one cookie or tracker host. Needs a reason;
/// stops applying after <see cref="Expires"/>.
/// </summary>
public sealed record AllowEntry
{
    public string? Rule { get; init; }
    public string? Url { get; init; }
    public string? Cookie { get; init; }
    public string? Host { get; init; }
    public required string Reason { get; init; }
    public DateOnly? Expires { get; init; }
    /// <summary>Where it is written ("checker.json line 12"), for the report and for warnings.</summary>
    public required string Source { get; init; }

    public bool IsExpired(DateOnly today) => Expires is { } expires && today > expires;
}

public static class Levels
{
    public const string Off = "off";
    public static readonly IReadOnlyList<string> All = ["off", "note", "warn", "error"];

    public static Severity? ToSeverity(string level) => level switch
    {
        "note" => Severity.Note,
        "warn" or "warning" => Severity.Warning,
        "error" => Severity.Error,
        _ => null,
    };
}
