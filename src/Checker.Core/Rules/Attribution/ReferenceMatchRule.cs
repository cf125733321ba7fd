using System.Text.Json;
using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Similarity;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// A rule that compares the article's text with the run's reference texts (`--reference`): it sees the closest
/// reference and whether it is close enough to count as a copy (thresholds from the rule's parameters).
/// </summary>
public abstract class ReferenceMatchRule : IRule
{
    public abstract string Id { get; }

    public RuleResult Evaluate(PageAudit audit, RuleMetadata metadata)
    {
        if (ArticleRule.Read(audit, out var article) is { } early) return early;
        if (audit.References.Count == 0) return RuleResult.NotApplicable("no reference texts were given (--reference)");
        var words = article!.Paragraphs.Sum(p => TextMatch.Words(p).Count);
        var minWords = metadata.NumberFor("minWords", 80);
        if (words < minWords) return RuleResult.NotApplicable($"the article's text is too short to compare ({words} words, fewer than {minWords})");

        var signature = TextSignature.Of(article.MainText);
        var best = audit.References
            // The page itself, given as a reference, is not its own original.
            .Where(r => !SameDocument(r.Url, audit.Url))
            .Select(r => new ReferenceMatch(r, signature.Compare(r.Signature)))
            .OrderByDescending(m => Math.Max(m.Similarity.Resemblance, m.Similarity.Containment))
            .FirstOrDefault();
        if (best is null) return RuleResult.NotApplicable("the only reference text is this page itself");
        var isCopy = best.Similarity.Resemblance >= metadata.NumberFor("minResemblance", 0.5)
                     || best.Similarity.Containment >= metadata.NumberFor("minContainment", 0.7);
        return Judge(article, best, isCopy, metadata);
    }

    protected abstract RuleResult Judge(ArticleEvidence article, ReferenceMatch match, bool isCopy, RuleMetadata metadata);

    protected static EvidenceItem Describe(ReferenceMatch match) => new(
        "reference", match.Reference.Url ?? match.Reference.Source,
        $"resemblance {match.Similarity.Resemblance:0.00}, containment {match.Similarity.Containment:0.00}"
        + (match.Reference.Publisher is { } publisher ? $", {publisher}" : "")
        + (match.Reference.Title is { } title ? $": \"{title}\"" : ""));

    protected static string Percent(ReferenceMatch match) =>
        $"{Math.Max(match.Similarity.Resemblance, match.Similarity.Containment):P0}";

    /// <summary>
    /// Whether two addresses name the same article: scheme, "www.", a trailing slash, the query and the fragment
    /// aside, as canonical links are written in all these ways.
    /// </summary>
    public static bool SameDocument(string? a, string? b)
    {
        if (a is null || b is null) return false;
        static string? Key(string url) => Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host).ToLowerInvariant() + uri.AbsolutePath.TrimEnd('/')
            : null;
        return Key(a) is { } x && x == Key(b);
    }
}

public sealed record ReferenceMatch(ReferenceText Reference, SimilarityEstimate Similarity);
