using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Similarity;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// The article is a near-copy of a reference text and does not credit its source: scraped or reposted copy.
/// A copy that names the original's publisher, or points its canonical link at it, is syndication, not theft.
/// </summary>
public sealed class CopiedContent : ReferenceMatchRule
{
    public override string Id => "attribution.copied-content";

    protected override RuleResult Judge(ArticleEvidence article, ReferenceMatch match, bool isCopy, RuleMetadata metadata)
    {
        var reference = Describe(match);
        if (!isCopy)
            return RuleResult.Pass($"No reference text matches the article; the closest shares {Percent(match)} of its wording.", reference);
        if (CreditFor(article, match.Reference) is { } credit)
            return RuleResult.Pass($"The article copies {Name(match)} ({Percent(match)}) and credits it: {credit.Value}.", reference, credit);
        return RuleResult.Fail($"The article is a near-copy ({Percent(match)}) of {Name(match)} and credits no such source.", reference,
            new EvidenceItem("headline", article.Headline ?? "(no headline)"));
    }

    private static string Name(ReferenceMatch match) => match.Reference.Publisher is { } publisher
        ? $"{publisher}'s \"{match.Reference.Title ?? match.Reference.Url ?? match.Reference.Source}\""
        : match.Reference.Url ?? match.Reference.Source;

    /// <summary>Where the page names the original: its canonical link, or the original's publisher or site in a credit.</summary>
    private static EvidenceItem? CreditFor(ArticleEvidence article, ReferenceText reference)
    {
        if (SameDocument(reference.Url, article.CanonicalUrl) && article.CanonicalUrl is { } canonical)
            return new EvidenceItem("canonical", canonical, "points at the original");
        var names = new List<string>();
        if (reference.Publisher is { Length: > 2 } publisher) names.Add(publisher);
        if (reference.Url is { } address && Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
            names.Add(host);
            var label = host.Split('.')[0];
            if (label.Length >= 4) names.Add(label);
        }
        var credits = article.Credits.Select(c => (c.Name, c.Source))
            .Concat(article.Authors.Select(a => (a.Name, a.Source)))
            .Concat(article.Candidates.Select(c => (c.Name, c.Source)))
            .Append((article.BylineText ?? "", "byline"))
            // A closing "This article first appeared in …" line is a credit too.
            .Concat(article.Paragraphs.TakeLast(2).Select(p => (p, "article-text")));
        foreach (var (text, source) in credits)
            if (names.FirstOrDefault(n => TextMatch.MentionsWord(text, n)) is { } named)
                return new EvidenceItem("credit", text.Length <= 200 ? text : text[..200] + "…", $"{source} names {named}");
        return null;
    }
}
