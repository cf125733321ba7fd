namespace Checker.Core.Evidence;

/// <summary>What was clicked on the consent banner in a reject or accept phase, and how it went.</summary>
public sealed record InteractionEvidence
{
    /// <summary>"reject" or "accept".</summary>
    public required string Action { get; init; }
    /// <summary>"done", "no-banner" (nothing to click), "no-control" (no control for the action), "failed".</summary>
    public required string Outcome { get; init; }
    /// <summary>Which engine chose the clicks: "generic" (ours) or "autoconsent".</summary>
    public string? DecidedBy { get; init; }
    public IReadOnlyList<InteractionStep> Steps { get; init; } = [];
    /// <summary>The banner's second layer as it was shown after "settings", if one was opened.</summary>
    public BannerEvidence? SecondLayer { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>Whether the page was reloaded after the choice (many sites apply consent on the next page view).</summary>
    public bool Reloaded { get; init; }

    public const string Done = "done";
    public const string NoBanner = "no-banner";
    public const string NoControl = "no-control";
    public const string Failed = "failed";
}

/// <summary>One action on the banner: a click on a control, or unticking a purpose before saving.</summary>
public sealed record InteractionStep
{
    public required int Layer { get; init; }
    /// <summary>"click" or "uncheck".</summary>
    public required string Action { get; init; }
    public required string Text { get; init; }
    /// <summary>What the control was taken for: accept, reject, settings, save, acknowledge, close.</summary>
    public required string Kind { get; init; }
    public string? Element { get; init; }
    public string? FrameUrl { get; init; }
    public bool InShadowRoot { get; init; }
}
