using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// Signals that a piece is paid for — a declared sponsor, rel="sponsored" links in the article, markup, tags or an
/// address that call it sponsored — need a label the reader sees.
/// </summary>
public sealed class UnlabelledSponsored : ArticleRule
{
    public override string Id => "attribution.unlabelled-sponsored";

    protected override RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata)
    {
        var signals = new List<EvidenceItem>();
        signals.AddRange(article.Sponsors.Select(s => new EvidenceItem("sponsor", s, "json-ld sponsor/funder")));
        signals.AddRange(article.SponsoredLinks.Take(5).Select(l => new EvidenceItem("sponsored-link", l.Href, l.Text)));
        signals.AddRange(article.SponsorSignals.Select(s => new EvidenceItem("sponsored-marker", s.Value, s.Where)));
        var labels = article.Labels.Select(l => new EvidenceItem("label", l.Text, l.Tag)).ToList();

        if (labels.Count > 0)
            return RuleResult.Pass($"The page is labelled as paid content: \"{labels[0].Value}\".", [.. labels, .. signals]);
        if (signals.Count == 0) return RuleResult.NotApplicable("no sign of paid content and no paid-content label");
        // rel="sponsored" is also how affiliate links are marked; a shown disclosure is what the reader is owed for those.
        // A declared sponsor or a page marked as paid content still needs a label.
        if (article.Disclosures.Count > 0 && signals.All(s => s.Kind == "sponsored-link"))
            return RuleResult.Pass($"The article's sponsored links are disclosed: \"{article.Disclosures[0]}\".",
                [new EvidenceItem("disclosure", article.Disclosures[0]), .. signals]);
        return RuleResult.Fail(
            $"The page shows {signals.Count} sign(s) of paid content ({string.Join(", ", signals.Select(s => s.Kind).Distinct())}) but no visible label such as \"Sponsored\".",
            signals);
    }
}
