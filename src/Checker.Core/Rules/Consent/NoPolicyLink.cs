using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>GDPR art. 13 and EDPB guidelines 05/2020: consent must be informed, so the banner links to what it asks about.</summary>
public sealed class NoPolicyLink() : SinglePhaseRule(Phases.Initial)
{
    public override string Id => "consent.no-policy-link";

    private static readonly string[] PolicyPathWords = ["privacy", "cookie", "datenschutz", "confidentialit", "privacidad", "privacidade", "informativa", "gdpr", "rgpd", "policy"];

    protected override RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata)
    {
        if (!BannerRule.TryGet(evidence, out var banner, out var outcome)) return outcome!;
        var controls = ConsentControls.From(metadata);
        // By its text (some CMPs open the policy from a button with no href), or by where it points.
        var link = banner.VisibleControls.FirstOrDefault(c => controls.IsPolicyLink(c.Text)
            || (c.Href is not null && PolicyPathWords.Any(w => c.Href.Contains(w, StringComparison.OrdinalIgnoreCase))));
        return link is not null
            ? RuleResult.Pass($"The banner links to its policy: \"{link.Text}\".", new EvidenceItem("link", link.Text, link.Href))
            : RuleResult.Fail("The banner has no link to a privacy or cookie policy.",
                [.. banner.VisibleControls.Select(c => new EvidenceItem(c.Element, c.Text, c.Href))]);
    }
}
