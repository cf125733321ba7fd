using Checker.Core.Evidence;

namespace Checker.Core.Rules.Consent;

/// <summary>ePrivacy art. 5(3): nothing that is not strictly necessary may be stored or read before consent.</summary>
public sealed class TrackingBeforeConsent : IRule
{
    public string Id => "consent.tracking-before-consent";

    public RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata)
    {
        // Only a visit without any interaction tells what happens before consent.
        if (evidence.Phase != Phases.Initial)
            return RuleResult.NotApplicable($"applies to the '{Phases.Initial}' phase, not '{evidence.Phase}'");
        var cookiesFailed = evidence.CollectorFailed(Collectors.Cookies);
        var networkFailed = evidence.CollectorFailed(Collectors.Network);
        if (cookiesFailed && networkFailed)
            return RuleResult.Error("neither cookies nor requests could be recorded");

        var tracking = TrackingSummary.Of(evidence);
        if (tracking.Any)
            return RuleResult.Fail($"Before any consent the page set {tracking.Describe()}.", tracking.Items());
        if (cookiesFailed || networkFailed)
            return RuleResult.Incomplete($"no tracking seen, but the {(cookiesFailed ? "cookies" : "requests")} could not be recorded");
        return RuleResult.Pass(
            $"No tracking cookie and no tracker request before consent ({evidence.Cookies.Count} cookie(s), {evidence.Requests.Count} request(s) checked).");
    }
}
