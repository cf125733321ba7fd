using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// Republished copy of a known original must point search engines at the original (rel=canonical) or keep itself
/// out of their index (noindex); otherwise it competes with, and can outrank, the original.
/// </summary>
public sealed class SyndicationCanonical : ReferenceMatchRule
{
    public override string Id => "attribution.syndication-canonical";

    protected override RuleResult Judge(ArticleEvidence article, ReferenceMatch match, bool isCopy, RuleMetadata metadata)
    {
        var reference = Describe(match);
        if (!isCopy) return RuleResult.NotApplicable($"the article matches no reference text (closest: {Percent(match)})");
        var canonical = new EvidenceItem("canonical", article.CanonicalUrl ?? "(none)");
        if (article.RobotsNoIndex)
            return RuleResult.Pass($"The copy ({Percent(match)}) of {match.Reference.Url ?? match.Reference.Source} is kept out of search indexes (noindex).",
                reference, new EvidenceItem("robots", "noindex"));
        if (match.Reference.Url is not { } original)
            return RuleResult.Incomplete(
                $"The article copies {match.Reference.Source} ({Percent(match)}), whose address is unknown: the canonical link cannot be checked (give the reference a 'Source:' line or read it from its URL).",
                reference, canonical);
        if (SameDocument(article.CanonicalUrl, original))
            return RuleResult.Pass($"The copy ({Percent(match)}) points its canonical link at the original, {original}.", reference, canonical);
        return RuleResult.Fail(
            $"The article copies {original} ({Percent(match)}) but its canonical link {(article.CanonicalUrl is null ? "is missing" : $"points at {article.CanonicalUrl}")} and it is not noindex.",
            reference, canonical);
    }
}
