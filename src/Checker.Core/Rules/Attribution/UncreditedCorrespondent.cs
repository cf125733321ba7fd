using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// "Says our correspondent" is a claim of ownership. On a page that credits no outlet it is the mark of copy taken
/// from another outlet without credit.
/// </summary>
public sealed class UncreditedCorrespondent : ArticleRule
{
    public override string Id => "attribution.uncredited-correspondent";

    protected override RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata)
    {

        var phrases = metadata.PhrasesFor("phrases");
        var mention = article.Paragraphs
            .Select(p => (Paragraph: p, Phrase: TextMatch.FindPhrase(p, phrases)))
            .FirstOrDefault(m => m.Phrase is not null);
        if (mention.Phrase is null) return RuleResult.NotApplicable("the article mentions no correspondent of its own");

        var sentence = TextMatch.SentenceContaining(mention.Paragraph, mention.Phrase);
        var quote = new EvidenceItem("article-text", sentence, $"matched \"{mention.Phrase}\"");
        if (article.Credits.Count > 0)
            return RuleResult.Pass($"The correspondent's outlet is credited: {string.Join(", ", article.Credits.Select(c => c.Name))}.",
                quote, new EvidenceItem("credit", article.Credits[0].Name, article.Credits[0].Source));
        // A publisher's own page with its own journalist's byline may say "our correspondent" of its staff.
        if (article.Authors.Count > 0 && !string.IsNullOrWhiteSpace(article.Publisher))
            return RuleResult.Pass($"The article is bylined ({article.Authors[0].Name}) for its publisher, {article.Publisher}.",
                quote, new EvidenceItem("publisher", article.Publisher!));
        // Where the copy came from is often still linked in the body: another outlet's "read also" link.
        var elsewhere = article.Links.Where(l => !l.SameSite && Uri.TryCreate(l.Href, UriKind.Absolute, out _))
            .GroupBy(l => new Uri(l.Href).Host).Take(3)
            .Select(g => new EvidenceItem("link-to-other-outlet", g.Key, g.First().Text)).ToList();
        var hint = elsewhere.Count > 0 ? $" The body links to {string.Join(", ", elsewhere.Select(e => e.Value))}, which may be the source." : "";
        return RuleResult.Fail(
            $"The article quotes \"{mention.Phrase}\" but no outlet is named in a byline or credit line: \"{sentence}\"{hint}", [quote, .. elsewhere]);
    }
}
