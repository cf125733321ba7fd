using Checker.Core.Similarity;

namespace Checker.Core.Evidence;

/// <summary>All the phases recorded of one page: what the rules are evaluated on.</summary>
public sealed record PageAudit
{
    public required string Url { get; init; }
    public required IReadOnlyDictionary<string, PageEvidence> Phases { get; init; }
    /// <summary>The run's reference texts (`--reference`): originals a page's text is compared with.</summary>
    public IReadOnlyList<ReferenceText> References { get; init; } = [];

    public PageEvidence? Phase(string name) => Phases.GetValueOrDefault(name);

    public static PageAudit Of(params PageEvidence[] phases) => new()
    {
        Url = phases[0].Url,
        Phases = phases.ToDictionary(p => p.Phase, StringComparer.Ordinal),
    };
}
