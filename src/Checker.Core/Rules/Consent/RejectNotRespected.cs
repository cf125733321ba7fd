using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>
/// GDPR art. 7(3) and ePrivacy art. 5(3): after "reject", nothing that needs consent may be stored or read.
/// Counted: tracking cookies set or renewed after the choice, and requests to tracker hosts after it (reload included).
/// </summary>
public sealed class RejectNotRespected() : SinglePhaseRule(Phases.Reject)
{
    public override string Id => "consent.reject-not-respected";

    protected override RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata)
    {
        var interaction = evidence.Interaction;
        if (interaction is null || interaction.Outcome == InteractionEvidence.Failed)
            return RuleResult.Error($"the reject could not be performed: {interaction?.Message ?? "no interaction recorded"}");
        if (interaction.Outcome == InteractionEvidence.NoBanner) return RuleResult.NotApplicable("no consent banner to reject");
        if (interaction.Outcome == InteractionEvidence.NoControl)
            return RuleResult.NotApplicable($"the banner offers no way to reject ({interaction.Message})");

        var how = interaction.Path;
        var cookies = evidence.Cookies.Where(c => c.SetAfterInteraction && c.Classification?.IsTracking == true).ToList();
        var trackerHosts = evidence.TrackerHosts.Where(h => h.Classification.IsTracking).Select(h => h.Host).ToHashSet();
        var requests = evidence.Requests.Where(r => r.AfterInteraction && trackerHosts.Contains(r.Host)).ToList();
        if (cookies.Count == 0 && requests.Count == 0)
            return RuleResult.Pass($"After rejecting ({how}) and reloading, no tracking cookie was set and no tracker was contacted.",
                new EvidenceItem("reject-path", how));

        var hosts = requests.GroupBy(r => r.Host).ToList();
        return RuleResult.Fail(
            $"After rejecting ({how}) the page still set {cookies.Count} tracking cookie(s){TrackingSummary.List(cookies.Select(c => c.Name))} " +
            $"and contacted {hosts.Count} tracker host(s){TrackingSummary.List(hosts.Select(h => h.Key))}.",
            [
                new EvidenceItem("reject-path", how),
                .. cookies.Select(c => new EvidenceItem("cookie", c.Name, $"{c.Domain} · set after reject · {c.Classification!.Category} · source: {c.Classification.Source}")),
                .. hosts.Select(h => new EvidenceItem("tracker-host", h.Key, $"{h.Count()} request(s) after reject")),
            ]);
    }
}
