using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>A page that tracks must ask first (GDPR art. 6–7, ePrivacy art. 5(3)): no banner means no way to consent.</summary>
public sealed class BannerMissing() : SinglePhaseRule(Phases.Initial)
{
    public override string Id => "consent.banner-missing";

    protected override RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata)
    {
        if (evidence.Banner is null || evidence.CollectorFailed(Collectors.Banner))
            return RuleResult.Error("the consent banner could not be looked for");
        if (evidence.Banner.Detected)
            return RuleResult.Pass("A consent banner is shown.", new EvidenceItem("banner", Excerpt(evidence.Banner.Text), evidence.Banner.Selector));
        var tracking = TrackingSummary.Of(evidence);
        if (!tracking.Any)
            return RuleResult.NotApplicable("no consent banner, and no tracking that would need one");
        return RuleResult.Fail($"No consent banner, yet the page set {tracking.Describe()}.", tracking.Items());
    }

    internal static string Excerpt(string? text) =>
        text is null ? "" : text.Length <= 200 ? text : text[..200] + "…";
}
