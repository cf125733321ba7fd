using System.Text.RegularExpressions;
using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// Leftovers of copying inside the body: another outlet's "read also" cross-links, its cookie-banner text, its
/// navigation and sharing lines. The live banner and menus are outside the article text the collector reads; what
/// is inside was copied in with the article. A "Related:" line linking to the page's own site is ordinary editing.
/// A line of lone sentence punctuation (".", ",", "»") between two paragraphs is a leftover of copying on its own; at
/// the edges of the text, where real pages often have one, only beside another leftover. Section breaks ("* * *",
/// "⁂", "—") are typography, never a leftover.
/// </summary>
public sealed partial class CopyArtifacts : ArticleRule
{
    public override string Id => "attribution.copy-artifacts";

    protected override RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata)
    {
        if (article.Paragraphs.Count == 0) return RuleResult.Incomplete("the article body could not be read");

        var markers = metadata.PhrasesFor("crossLinkMarkers");
        var banner = metadata.PhrasesFor("bannerPhrases");
        var navigation = metadata.PhrasesFor("navigationPhrases");
        var items = new List<EvidenceItem>();
        var strays = new List<EvidenceItem>();
        var ownCrossLinks = 0;
        var paragraphs = article.Paragraphs;
        for (var index = 0; index < paragraphs.Count; index++)
        {
            var paragraph = paragraphs[index];
            if (TextMatch.StartsWithPhrase(paragraph, markers))
            {
                var link = LinkIn(paragraph, article.Links);
                if (link is { SameSite: true }) ownCrossLinks++;
                else items.Add(new EvidenceItem("cross-link", paragraph.Trim(),
                    link is null ? "a cross-link whose link is gone" : $"a cross-link to another site: {link.Href}"));
            }
            else if (PunctuationOnly().IsMatch(paragraph) && !SectionBreak().IsMatch(paragraph))
            {
                var between = index > 0 && index < paragraphs.Count - 1 && !PunctuationOnly().IsMatch(paragraphs[index - 1])
                               && !PunctuationOnly().IsMatch(paragraphs[index + 1]);
                (between ? items : strays).Add(new EvidenceItem("stray-punctuation", paragraph.Trim(),
                    between ? "a line of punctuation only, between two paragraphs" : "a line of punctuation only"));
            }
            // Long paragraphs are reporting, which may quote a banner; a banner's own text is a few lines.
            else if (paragraph.Length <= 600 && TextMatch.FindPhrase(paragraph, banner) is { } bannerPhrase)
                items.Add(new EvidenceItem("banner-text", Shorten(paragraph.Trim(), 200), $"cookie-banner wording \"{bannerPhrase}\""));
            else if (paragraph.Length <= 300 && TextMatch.FindPhrase(paragraph, navigation) is { } navigationPhrase)
                items.Add(new EvidenceItem("navigation-text", Shorten(paragraph.Trim(), 200), $"site furniture \"{navigationPhrase}\""));
            else if (IsMenuLine(paragraph))
                items.Add(new EvidenceItem("navigation-text", Shorten(paragraph.Trim(), 200), "a menu line"));
        }
        var own = ownCrossLinks > 0 ? $" ({ownCrossLinks} cross-link(s) to the site's own articles)" : "";
        if (items.Count == 0)
            return RuleResult.Pass($"No leftover cross-link, banner or navigation text in {article.Paragraphs.Count} block(s) of text{own}.");
        items.AddRange(strays);
        return RuleResult.Fail(
            $"The body holds {items.Count} leftover(s) of copying: {string.Join("; ", items.Select(i => $"\"{Shorten(i.Value, 80)}\""))}.",
            items);
    }

    /// <summary>The article link whose text the paragraph holds, if any.</summary>
    private static ArticleLinkEvidence? LinkIn(string paragraph, IReadOnlyList<ArticleLinkEvidence> links)
    {
        var text = TextMatch.Normalise(paragraph);
        return links.Where(l => text.Contains(TextMatch.Normalise(l.Text), StringComparison.Ordinal)).MaxBy(l => l.Text.Length);
    }

    /// <summary>"Home | World | Politics | Sport": four or more short items between separators.</summary>
    private static bool IsMenuLine(string paragraph)
    {
        var parts = MenuSeparator().Split(paragraph.Trim());
        return parts.Length >= 4 && parts.All(p => p.Trim() is { Length: > 0 } item && item.Split(' ').Length <= 3 && !item.EndsWith('.'));
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    [GeneratedRegex(@"^[\p{P}\p{S}\s]+$")]
    private static partial Regex PunctuationOnly();

    /// <summary>Typographic section breaks: asterisms, rules and ornaments, alone on their line.</summary>
    [GeneratedRegex(@"^[\s*#~•·⁂❧◆◇■□●○★☆†‡§=_\-–—]+$")]
    private static partial Regex SectionBreak();

    [GeneratedRegex(@"\s+[|•·/›»]\s+")]
    private static partial Regex MenuSeparator();
}
