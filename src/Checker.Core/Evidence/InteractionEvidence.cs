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
    /// <summary>Whether autoconsent and the generic engine read the banner alike, where both looked at it.</summary>
    public EngineCrossCheck? CrossCheck { get; init; }

    /// <summary>
    /// Set on a later page of a site session: the page where the choice was made. This page was loaded in the state that
    /// choice left (as a reader browsing on would see it); the steps above are the ones made there.
    /// </summary>
    public string? CarriedFrom { get; init; }
    /// <summary>On a later page of a site session: the banner showed again although the choice had been made (and it was made again).</summary>
    public bool BannerReturned { get; init; }
    /// <summary>The cookies the choice set or rewrote, "name (domain)": those that should carry it to the site's next pages.</summary>
    public IReadOnlyList<string> ChoiceCookies { get; init; } = [];

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

/// <summary>What the generic engine would do on a banner, read before anything is clicked.</summary>
/// <param name="Route">One of <see cref="NoBanner"/>, <see cref="FirstLayer"/>, <see cref="Settings"/>,
/// <see cref="AcknowledgeOnly"/>, <see cref="None"/>.</param>
public sealed record GenericPlan(string Route, string Summary)
{
    public const string NoBanner = "no-banner";
    public const string FirstLayer = "first-layer";
    /// <summary>No reject on the first layer, but a settings control that may lead to one.</summary>
    public const string Settings = "settings";
    public const string AcknowledgeOnly = "acknowledge-only";
    public const string None = "none";
}

/// <summary>
/// The two engines compared on one phase: "agree", "disagree" (one could make the choice and the other could not,
/// or one saw a banner the other missed while both claim certainty), or "one-engine" (only one found the banner, or
/// autoconsent gave no verdict). A disagreement is for the auditor to look at; rules do not depend on it.
/// </summary>
public sealed record EngineCrossCheck(string Verdict, string Detail)
{
    public const string Agree = "agree";
    public const string Disagree = "disagree";
    public const string OneEngine = "one-engine";

    public static EngineCrossCheck? Of(string action, GenericPlan plan, AutoconsentEvidence? autoconsent)
    {
        if (autoconsent is null) return null;
        var genericSees = plan.Route != GenericPlan.NoBanner;
        var cmp = autoconsent.Cmp ?? "an unnamed CMP";
        if (!genericSees && !autoconsent.PopupFound) return new(Agree, "neither engine found a banner");
        if (!autoconsent.PopupFound) return new(OneEngine, $"only the generic engine found a banner ({plan.Summary}); autoconsent has no rule for it");
        if (!genericSees) return new(OneEngine, $"only autoconsent found the banner ({cmp})");
        var genericCan = action == Phases.Reject
            ? plan.Route is GenericPlan.FirstLayer or GenericPlan.Settings
            : plan.Route is GenericPlan.FirstLayer or GenericPlan.AcknowledgeOnly;
        return autoconsent.Result switch
        {
            true when genericCan => new(Agree, $"both found a way to {action}: autoconsent ({cmp}); generic: {plan.Summary}"),
            true => new(Disagree, $"autoconsent ({cmp}) could {action}; the generic engine saw no way to: {plan.Summary}"),
            false when genericCan => new(Disagree, $"autoconsent ({cmp}) failed to {action}; the generic engine planned: {plan.Summary}"),
            false => new(Agree, $"neither engine could {action}: autoconsent ({cmp}) failed; generic: {plan.Summary}"),
            null => new(OneEngine, $"autoconsent found {cmp} but gave no verdict in time; generic: {plan.Summary}"),
        };
    }
}
