using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>CJEU C-673/17 Planet49, GDPR recital 32: a pre-ticked box is not consent. Strictly necessary purposes may be on.</summary>
public sealed class PretickedBoxes : IRule
{
    public string Id => "consent.preticked-boxes";

    public RuleResult Evaluate(PageAudit audit, RuleMetadata metadata)
    {
        var controls = ConsentControls.From(metadata);
        var layers = new List<(int Layer, BannerEvidence Banner)>();
        if (audit.Phase(Phases.Initial)?.Banner is { Detected: true } first) layers.Add((1, first));
        if (audit.Phase(Phases.Reject)?.Interaction?.SecondLayer is { Detected: true } second) layers.Add((2, second));
        // The settings layer opened in the initial visit, when the reject did not need it (reject on the first layer).
        else if (audit.Phase(Phases.Initial)?.SettingsLayer is { Detected: true } settings) layers.Add((2, settings));
        if (layers.Count == 0) return RuleResult.NotApplicable("no consent banner");

        var toggles = layers.SelectMany(l => l.Banner.Toggles.Select(t => (l.Layer, Toggle: t))).ToList();
        if (toggles.Count == 0)
            return RuleResult.NotApplicable(audit.Phase(Phases.Reject) is null
                ? "no purpose or vendor choices on the first layer (the reject phase, which opens the second, was not run)"
                : "no purpose or vendor choices were shown");
        var preticked = toggles.Where(t => t.Toggle.Checked && !t.Toggle.Disabled && !controls.IsNecessaryPurpose(t.Toggle.Label)).ToList();
        if (preticked.Count == 0)
            return RuleResult.Pass($"None of the {toggles.Count} purpose or vendor choice(s) is on before the reader chooses.");
        return RuleResult.Fail(
            $"{preticked.Count} purpose(s) or vendor(s) are switched on before the reader chooses: " +
            string.Join(", ", preticked.Select(p => $"\"{p.Toggle.Label}\" (layer {p.Layer})")) + ".",
            [.. preticked.Select(p => new EvidenceItem("toggle", p.Toggle.Label, $"checked before any choice, layer {p.Layer}"))]);
    }
}
