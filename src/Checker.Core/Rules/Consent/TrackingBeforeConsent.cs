using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>ePrivacy art. 5(3): nothing that is not strictly necessary may be stored or read before consent.</summary>
public sealed class TrackingBeforeConsent : IRule
{
    public string Id => "consent.tracking-before-consent";

    public RuleResult Evaluate(PageAudit audit, RuleMetadata metadata)
    {
        if (audit.Phase(Phases.Initial) is not { } evidence) return RuleResult.NotApplicable($"the '{Phases.Initial}' phase was not run");
        if (!evidence.Navigation.Loaded) return RuleResult.Error($"the '{Phases.Initial}' phase could not load the page");
        var cookiesFailed = evidence.CollectorFailed(Collectors.Cookies);
        var networkFailed = evidence.CollectorFailed(Collectors.Network);
        if (cookiesFailed && networkFailed)
            return RuleResult.Error("neither cookies nor requests could be recorded");

        var tracking = TrackingSummary.Of(evidence);
        // The accept phase shows what consent unlocks: trackers seen only there are gated, as they should be.
        var gated = audit.Phase(Phases.Accept) is { Navigation.Loaded: true } accepted
            ? TrackingSummary.Of(accepted).Hosts.Select(h => h.Host).Except(tracking.Hosts.Select(h => h.Host)).ToList()
            : [];
        var gatedNote = gated.Count > 0 ? $" {gated.Count} tracker host(s) load only after accept, as they should: {string.Join(", ", gated.Take(5))}." : "";
        if (tracking.Any)
            return RuleResult.Fail($"Before any consent the page set {tracking.Describe()}.{gatedNote}", tracking.Items());
        if (cookiesFailed || networkFailed)
            return RuleResult.Incomplete($"no tracking seen, but the {(cookiesFailed ? "cookies" : "requests")} could not be recorded");
        return RuleResult.Pass(
            $"No tracking cookie and no tracker request before consent ({evidence.Cookies.Count} cookie(s), {evidence.Requests.Count} request(s) checked).{gatedNote}",
            [.. gated.Select(h => new EvidenceItem("gated-tracker-host", h, "loads only after accept"))]);
    }
}
