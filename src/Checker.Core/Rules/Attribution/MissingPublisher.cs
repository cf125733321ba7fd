using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>A news article names the publisher that stands behind it.</summary>
public sealed class MissingPublisher : ArticleRule
{
    public override string Id => "attribution.missing-publisher";

    protected override RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata)
    {
        if (!string.IsNullOrWhiteSpace(article.Publisher))
        {
            var where = article.StructuredData?.Publisher is { Length: > 0 } ? "structured data" : "site metadata";
            return RuleResult.Pass($"Published by {article.Publisher} ({where}).", new EvidenceItem("publisher", article.Publisher!, where));
        }
        return RuleResult.Fail("The article names no publisher: no publisher in its structured data, no og:site_name or application name.",
            new EvidenceItem("headline", article.Headline ?? "(no headline)"));
    }
}
