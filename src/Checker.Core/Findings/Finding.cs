using System.Text.Json.Serialization;

namespace Checker.Core.Findings;

[JsonConverter(typeof(JsonStringEnumConverter<Outcome>))]
public enum Outcome
{
    [JsonStringEnumMemberName("pass")] Pass,
    [JsonStringEnumMemberName("fail")] Fail,
    /// <summary>The rule could not tell; never counted as a pass.</summary>
    [JsonStringEnumMemberName("incomplete")] Incomplete,
    [JsonStringEnumMemberName("not-applicable")] NotApplicable,
    /// <summary>The evidence the rule needs is missing because collecting it failed, or the rule itself failed.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    [JsonStringEnumMemberName("note")] Note = 0,
    [JsonStringEnumMemberName("warning")] Warning = 1,
    [JsonStringEnumMemberName("error")] Error = 2,
}

/// <summary>One item of evidence that proves a finding: a cookie, a host, a quoted sentence, a button.</summary>
public sealed record EvidenceItem(string Kind, string Value, string? Detail = null);

public sealed record Finding
{
    public required string RuleId { get; init; }
    public required Outcome Outcome { get; init; }
    public required Severity Severity { get; init; }
    public required string Message { get; init; }
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    /// <summary>Stable across runs for the same problem on the same page (see <see cref="FindingFingerprint"/>).</summary>
    public string? Fingerprint { get; init; }
    /// <summary>Set when an allowlist entry of the config accepts this failing finding: it is reported, but does not fail the run.</summary>
    public Suppression? Suppression { get; init; }
    /// <summary>Against a baseline run: "new" or "unchanged" for a failing finding; null without a baseline.</summary>
    public string? Baseline { get; init; }

    /// <summary>A failing finding that counts: not accepted by the allowlist.</summary>
    [JsonIgnore]
    public bool IsOpenFailure => Outcome == Outcome.Fail && Suppression is null;
}

/// <summary>Why a failing finding is accepted, until when, and where that was said.</summary>
public sealed record Suppression(string Reason, DateOnly? Expires, string Source);

public static class BaselineStates
{
    public const string New = "new";
    public const string Unchanged = "unchanged";
    public const string Fixed = "fixed";
}
