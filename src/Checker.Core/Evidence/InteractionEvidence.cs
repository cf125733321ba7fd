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
    /// <summary>What autoconsent made of the page, when it ran.</summary>
    public AutoconsentEvidence? Autoconsent { get; init; }
    /// <summary>What our generic engine read on the banner before anything was clicked (its plan), for cross-checking.</summary>
    public string? GenericPlan { get; init; }

    /// <summary>The clicks that made the choice, as a reader would retell them: "Manage" → "Reject all".</summary>
    public string Path => string.Join(" → ", Steps.Where(s => s.Action != "uncheck").Select(s => $"\"{s.Text}\""));

    public const string Done = "done";
    public const string Generic = "generic";
    public const string AutoconsentEngine = "autoconsent";
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

/// <summary>DuckDuckGo's autoconsent in this phase: which CMP it recognised and whether its opt-out or opt-in worked.</summary>
public sealed record AutoconsentEvidence
{
    public string? Cmp { get; init; }
    public bool PopupFound { get; init; }
    /// <summary>Its verdict on its own action; null when it did not act or gave no verdict in time.</summary>
    public bool? Result { get; init; }
    public int Clicks { get; init; }
    public IReadOnlyList<string> Errors { get; init; } = [];
}
