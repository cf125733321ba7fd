namespace Checker.Core.Evidence;

/// <summary>What the page's IAB TCF consent platform says, through __tcfapi and the euconsent-v2 cookie.</summary>
public sealed record TcfEvidence
{
    /// <summary>Whether window.__tcfapi answered.</summary>
    public required bool ApiPresent { get; init; }
    /// <summary>The TC string __tcfapi gave (empty when the CMP has none yet).</summary>
    public string? TcString { get; init; }
    /// <summary>tcloaded, cmpuishown or useractioncomplete.</summary>
    public string? EventStatus { get; init; }
    public string? CmpStatus { get; init; }
    public bool? GdprApplies { get; init; }
    public int? CmpId { get; init; }
    /// <summary>The TC string stored in the euconsent-v2 cookie, if any.</summary>
    public string? CookieTcString { get; init; }
    public string? Error { get; init; }

    public IEnumerable<string> Strings() =>
        new[] { TcString, CookieTcString }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).Distinct();
}
