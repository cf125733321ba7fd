using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// An attribution rule: it judges the article of the initial visit. A page whose article could not be read gives
/// "error"; a page that is not an article, "not-applicable"; the rule itself sees only articles.
/// </summary>
public abstract class ArticleRule : IRule
{
    public abstract string Id { get; }

    public RuleResult Evaluate(PageAudit audit, RuleMetadata metadata) =>
        Read(audit, out var article) ?? Evaluate(article!, metadata);

    protected abstract RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata);

    /// <summary>The outcome when the initial visit has no article to judge; null, with the article, when it has one.</summary>
    public static RuleResult? Read(PageAudit audit, out ArticleEvidence? article)
    {
        article = null;
        var evidence = audit.Phase(Phases.Initial);
        if (evidence is null) return RuleResult.NotApplicable($"the '{Phases.Initial}' phase was not run");
        if (!evidence.Navigation.Loaded) return RuleResult.Error($"the '{Phases.Initial}' phase could not load the page: {evidence.Navigation.Error}");
        if (evidence.Article is not { } read || evidence.CollectorFailed(Collectors.Article))
            return RuleResult.Error("the article could not be read");
        if (!read.IsArticle) return RuleResult.NotApplicable($"not an article ({read.IsArticleReason})");
        article = read;
        return null;
    }
}
