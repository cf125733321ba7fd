using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>
/// CCPA/CPRA (Cal. Code Regs. tit. 11 §7025): a Global Privacy Control signal is an opt-out of sale and sharing,
/// so sale/share trackers must not load for a visitor who sends it.
/// </summary>
public sealed class TrackingAfterGpc() : SinglePhaseRule(Phases.Gpc)
{
    public override string Id => "consent.tracking-after-gpc";

    protected override RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata)
    {
        if (!evidence.GlobalPrivacyControl) return RuleResult.NotApplicable("Global Privacy Control was not on in this visit");
        if (evidence.CollectorFailed(Collectors.Cookies) && evidence.CollectorFailed(Collectors.Network))
            return RuleResult.Error("neither cookies nor requests could be recorded");
        var tracking = TrackingSummary.Of(evidence);
        if (!tracking.Any)
            return RuleResult.Pass("With Global Privacy Control on, no tracking cookie was set and no tracker was contacted.");
        return RuleResult.Fail($"With Global Privacy Control on (Sec-GPC: 1), the page still set {tracking.Describe()}.", tracking.Items());
    }
}
