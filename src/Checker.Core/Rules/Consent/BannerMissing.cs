using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>
/// A page that tracks must ask first (GDPR art. 6–7, ePrivacy art. 5(3)): no banner means no way to consent.
/// Judged on the initial visit; the accept and reject visits say whether the banner only shows some of the time,
/// and the accept visit (where nothing could be clicked) shows trackers that load without any consent at all.
/// </summary>
public sealed class BannerMissing : IRule
{
    public string Id => "consent.banner-missing";

    public RuleResult Evaluate(PageAudit audit, RuleMetadata metadata)
    {
        if (audit.Phase(Phases.Initial) is not { } evidence) return RuleResult.NotApplicable($"the '{Phases.Initial}' phase was not run");
        if (!evidence.Navigation.Loaded) return RuleResult.Error($"the '{Phases.Initial}' phase could not load the page: {evidence.Navigation.Error}");
        if (evidence.Banner is null || evidence.CollectorFailed(Collectors.Banner))
            return RuleResult.Error("the consent banner could not be looked for");
        if (evidence.Banner.Detected)
            return RuleResult.Pass("A consent banner is shown.", new EvidenceItem("banner", Excerpt(evidence.Banner.Text), evidence.Banner.Selector));

        // A banner the clicking phases found (and used) exists: it is shown some of the time, or too late for the
        // initial visit's wait. That is not "missing", but it cannot be called a pass either.
        var seenElsewhere = new[] { Phases.Accept, Phases.Reject }
            .Select(audit.Phase)
            .FirstOrDefault(p => p?.Interaction is { Outcome: InteractionEvidence.Done or InteractionEvidence.NoControl });
        if (seenElsewhere is not null)
            return RuleResult.Incomplete(
                $"No banner on the initial visit, but the {seenElsewhere.Phase} visit found one and {(seenElsewhere.Interaction!.Outcome == InteractionEvidence.Done ? "clicked it" : "read it")}: it does not show reliably.",
                new EvidenceItem("banner-in-phase", seenElsewhere.Phase, seenElsewhere.Interaction.Path));

        var tracking = TrackingSummary.Of(evidence);
        if (tracking.Any)
            return RuleResult.Fail($"No consent banner{Within(evidence.Banner)}, yet the page set {tracking.Describe()}.", tracking.Items());
        // Trackers that load late, or on some visits only, are just as unasked-for on the accept visit, where no
        // banner meant nothing was accepted.
        if (audit.Phase(Phases.Accept) is { Navigation.Loaded: true, Interaction.Outcome: InteractionEvidence.NoBanner } accept
            && TrackingSummary.Of(accept) is { Any: true } later)
            return RuleResult.Fail($"No consent banner{Within(evidence.Banner)}, yet on a second visit (the accept phase, with nothing to accept) the page set {later.Describe()}.",
                later.Items());
        return RuleResult.NotApplicable("no consent banner, and no tracking that would need one");
    }

    /// <summary>How long the page was watched for one: "no banner" is always "none within that time".</summary>
    private static string Within(BannerEvidence banner) =>
        banner.LookedForMs is { } looked
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (none came within {looked / 1000.0:0.0} s of the page settling)")
            : "";

    internal static string Excerpt(string? text) =>
        text is null ? "" : text.Length <= 200 ? text : text[..200] + "…";
}
