using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// An attribution rule: it judges the article of the initial visit. A page whose article could not be read gives
/// "error"; a page that is not an article, "not-applicable"; the rule itself sees only articles.
/// </summary>
public abstract class ArticleRule() : SinglePhaseRule(Phases.Initial)
{
    protected sealed override RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata)
    {
        if (evidence.Article is not { } article || evidence.CollectorFailed(Collectors.Article))
            return RuleResult.Error("the article could not be read");
        if (!article.IsArticle) return RuleResult.NotApplicable($"not an article ({article.IsArticleReason})");
        return Evaluate(article, metadata);
    }

    protected abstract RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata);
}
