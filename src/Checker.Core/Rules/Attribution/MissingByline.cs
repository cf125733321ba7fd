using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>An article must say who wrote it: a person, or at least the organisation or agency credited.</summary>
public sealed class MissingByline : ArticleRule
{
    public override string Id => "attribution.missing-byline";

    protected override RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata)
    {
        if (article.Authors.Count > 0)
            return RuleResult.Pass($"Credited to {string.Join(", ", article.Authors.Select(a => a.Name))}.",
                [.. article.Authors.Select(a => new EvidenceItem("author", a.Name, a.Source))]);
        if (article.Credits.Count > 0)
            return RuleResult.Pass($"Credited to {string.Join(", ", article.Credits.Select(c => c.Name))}.",
                [.. article.Credits.Select(c => new EvidenceItem("credit", c.Name, c.Source))]);
        return RuleResult.Fail(
            "The article names no author and credits no organisation: no byline, no author metadata, no credit line.",
            new EvidenceItem("headline", article.Headline ?? "(no headline)"));
    }
}
