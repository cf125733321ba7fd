using System.Text.Json;
using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>
/// EDPB guidelines 05/2020 §39–41: access to the content must not depend on accepting. A banner that blocks the
/// page and offers no way to refuse is a cookie wall.
/// </summary>
public sealed class CookieWall : IRule
{
    public string Id => "consent.cookie-wall";

    public RuleResult Evaluate(PageAudit audit, RuleMetadata metadata)
    {
        if (audit.Phase(Phases.Initial) is not { Navigation.Loaded: true } initial)
            return RuleResult.NotApplicable($"the '{Phases.Initial}' phase was not run or did not load");
        if (!BannerRule.TryGet(initial, out var banner, out var outcome)) return outcome!;

        var minCoverage = metadata.Parameters.ValueKind == JsonValueKind.Object && metadata.Parameters.TryGetProperty("minViewportCoverage", out var c)
            ? c.GetDouble() : 0.75;
        var coverage = banner.ViewportCoverage ?? 0;
        var blocks = coverage >= minCoverage || banner.ScrollLocked;
        var blocking = new EvidenceItem("banner", $"covers {coverage:P0} of the viewport", banner.ScrollLocked ? "page scroll locked" : "page scrolls");
        if (!blocks) return RuleResult.Pass("The banner does not block the page.", blocking);

        var controls = ConsentControls.From(metadata);
        if (banner.Controls.Any(b => controls.Classify(b.Text) == ConsentControls.Reject))
            return RuleResult.Pass("The banner blocks the page, but offers a reject on its first layer.", blocking);
        var reject = audit.Phase(Phases.Reject)?.Interaction;
        if (reject is null)
            return RuleResult.Incomplete("The banner blocks the page and its first layer has no reject; the reject phase, which looks further, was not run.", blocking);
        if (reject.Outcome == InteractionEvidence.Done)
            return RuleResult.Pass("The banner blocks the page, but refusing is possible: " +
                                   reject.Path + ".", blocking);
        if (reject.Outcome == InteractionEvidence.Failed)
            return RuleResult.Error($"the reject phase failed: {reject.Message}");
        return RuleResult.Fail($"The banner blocks the page ({blocking.Value}{(banner.ScrollLocked ? ", scroll locked" : "")}) and offers no way to refuse: access depends on accepting.",
            [blocking, .. banner.VisibleControls.Select(b => new EvidenceItem(b.Element, b.Text, controls.Classify(b.Text)))]);
    }
}
