using Checker.Core.Evidence;

namespace Checker.Browser;

/// <summary>How one phase visits a page: which banner choice it makes, and whether Global Privacy Control is on.</summary>
public sealed record PhaseSpec(string Name, string? Choice, bool GlobalPrivacyControl, bool Screenshots)
{
    public static PhaseSpec For(string phase) => phase switch
    {
        Phases.Initial => new(Phases.Initial, null, false, true),
        Phases.Reject => new(Phases.Reject, Phases.Reject, false, false),
        Phases.Accept => new(Phases.Accept, Phases.Accept, false, false),
        Phases.Gpc => new(Phases.Gpc, null, true, false),
        _ => throw new ArgumentException($"unknown phase '{phase}' (known: {string.Join(", ", Phases.All)})", nameof(phase)),
    };
}

/// <summary>A file the visit produced besides its evidence (a screenshot), named by kind; the caller decides where it goes.</summary>
public sealed record VisitAttachment(string Kind, string Extension, byte[] Content);

public sealed record VisitResult(PageEvidence Evidence, IReadOnlyList<VisitAttachment> Attachments);
