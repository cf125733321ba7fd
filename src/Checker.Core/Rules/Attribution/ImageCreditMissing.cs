using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>Every content image of the article names its photographer or agency.</summary>
public sealed class ImageCreditMissing : ArticleRule
{
    public override string Id => "attribution.image-credit-missing";

    protected override RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata)
    {
        if (article.Images.Count == 0) return RuleResult.NotApplicable("the article shows no content image");
        var uncredited = article.Images.Where(i => string.IsNullOrWhiteSpace(i.Credit)).ToList();
        if (uncredited.Count == 0)
            return RuleResult.Pass($"All {article.Images.Count} article image(s) are credited.",
                [.. article.Images.Select(i => new EvidenceItem("image-credit", i.Credit!, $"{i.CreditSource}: {i.Src}"))]);
        return RuleResult.Fail(
            $"{uncredited.Count} of {article.Images.Count} article image(s) carry no credit in a credit line, caption, alt text or ImageObject.",
            [.. uncredited.Select(i => new EvidenceItem("image", i.Src, i.Caption is { Length: > 0 } c ? $"caption: {c}" : i.Alt is { Length: > 0 } a ? $"alt: {a}" : "no caption"))]);
    }
}
