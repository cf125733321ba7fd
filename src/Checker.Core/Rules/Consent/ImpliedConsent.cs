using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>
/// GDPR art. 4(11) and recital 32, EDPB guidelines 05/2020: consent is a clear affirmative act; continuing to
/// browse, scrolling or "we'll assume you're ok" is not consent.
/// </summary>
public sealed class ImpliedConsent() : SinglePhaseRule(Phases.Initial)
{
    public override string Id => "consent.implied-consent";

    protected override RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata)
    {
        if (!BannerRule.TryGet(evidence, out var banner, out var outcome)) return outcome!;
        if (string.IsNullOrWhiteSpace(banner.Text)) return RuleResult.NotApplicable("no consent banner");
        var phrase = TextMatch.FindPhrase(banner.Text, metadata.PhrasesFor("phrases"));
        if (phrase is null)
            return RuleResult.Pass("The banner does not claim consent from mere use of the site.");
        var sentence = TextMatch.SentenceContaining(banner.Text, phrase);
        return RuleResult.Fail($"The banner claims consent without a choice: \"{sentence}\"",
            new EvidenceItem("banner-text", sentence, $"matched \"{phrase}\""));
    }
}
