using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>
/// EDPB cookie-banner taskforce report (2023) §3.1, CNIL: refusing must be as easy as accepting, so a banner
/// that offers "accept" on its first layer must offer "reject" there too — not only on a second layer.
/// </summary>
public sealed class NoRejectFirstLayer : IRule
{
    public string Id => "consent.no-reject-first-layer";

    public RuleResult Evaluate(PageAudit audit, RuleMetadata metadata)
    {
        if (audit.Phase(Phases.Initial) is not { Navigation.Loaded: true } evidence)
            return RuleResult.NotApplicable($"the '{Phases.Initial}' phase was not run or did not load");
        if (!BannerRule.TryGet(evidence, out var banner, out var outcome)) return outcome!;
        var visible = banner.VisibleControls.ToList();
        if (visible.Count == 0)
            return RuleResult.Incomplete("the banner has no visible button or link that could be read");

        var controls = ConsentControls.From(metadata);
        var classified = visible.Select(c => (Control: c, Kind: controls.Classify(c.Text))).ToList();
        var items = classified.Select(c => new EvidenceItem(c.Control.Element, c.Control.Text, c.Kind)).ToList();
        var accepts = classified.Where(c => c.Kind is ConsentControls.Accept or ConsentControls.Acknowledge).ToList();
        var rejects = classified.Where(c => c.Kind == ConsentControls.Reject).ToList();

        if (rejects.Count > 0)
            return RuleResult.Pass($"The first layer offers a reject: \"{rejects[0].Control.Text}\".", items);
        if (accepts.Count == 0)
            return RuleResult.Incomplete("no accept or reject control recognised on the banner", items);

        var failure = $"The banner offers \"{accepts[0].Control.Text}\" but no way to reject on its first layer " +
                      $"(controls: {string.Join(", ", visible.Select(c => $"\"{c.Text}\""))})";
        // A reject that is in the markup but not shown is no reject for the person looking at the banner.
        var hiddenReject = banner.Controls.FirstOrDefault(c => !c.Visible && controls.Classify(c.Text) == ConsentControls.Reject);
        if (hiddenReject is not null)
        {
            failure += $"; a \"{hiddenReject.Text}\" control exists but is hidden";
            items.Add(new EvidenceItem("hidden-reject", hiddenReject.Text, "in the banner's markup, not shown"));
        }
        // The reject phase says where refusing is possible at all.
        var rejectPhase = audit.Phase(Phases.Reject)?.Interaction;
        if (rejectPhase is { Outcome: InteractionEvidence.Done } && rejectPhase.Steps.Any(s => s.Layer > 1))
        {
            var path = rejectPhase.Path;
            return RuleResult.Fail($"{failure}; refusing takes a second layer: {path}.",
                [.. items, new EvidenceItem("reject-path", path, "layer 2")]);
        }
        return RuleResult.Fail(failure + ".", items);
    }
}
