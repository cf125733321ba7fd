using System.Text.RegularExpressions;
using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// Leftovers of copying: another outlet's "read also" cross-links and stray punctuation lines inside the body.
/// </summary>
public sealed partial class CopyArtifacts : ArticleRule
{
    public override string Id => "attribution.copy-artifacts";

    protected override RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata)
    {
        if (article.Paragraphs.Count == 0) return RuleResult.Incomplete("the article body could not be read");

        var markers = metadata.PhrasesFor("crossLinkMarkers");
        var items = new List<EvidenceItem>();
        foreach (var paragraph in article.Paragraphs)
        {
            if (TextMatch.StartsWithPhrase(paragraph, markers))
                items.Add(new EvidenceItem("cross-link", paragraph.Trim(), "leftover link to another article"));
            else if (PunctuationOnly().IsMatch(paragraph))
                items.Add(new EvidenceItem("stray-punctuation", paragraph.Trim(), "a line of punctuation only"));
        }
        if (items.Count == 0)
            return RuleResult.Pass($"No leftover cross-link or stray line in {article.Paragraphs.Count} block(s) of text.");
        return RuleResult.Fail(
            $"The body holds {items.Count} leftover(s) of copying: {string.Join("; ", items.Select(i => $"\"{Shorten(i.Value)}\""))}.",
            items);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    [GeneratedRegex(@"^[\p{P}\p{S}\s]+$")]
    private static partial Regex PunctuationOnly();
}
