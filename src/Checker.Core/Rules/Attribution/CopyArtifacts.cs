using System.Text.RegularExpressions;
using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// Leftovers of copying inside the body: another outlet's "read also" cross-links, its cookie-banner text, its
/// navigation and sharing lines, and stray punctuation lines. The live banner and menus are outside the article
/// text the collector reads; what is inside was copied in with the article.
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
        foreach (var paragraph in article.Paragraphs)
        {
            if (TextMatch.StartsWithPhrase(paragraph, markers))
                items.Add(new EvidenceItem("cross-link", paragraph.Trim(), "leftover link to another article"));
            else if (PunctuationOnly().IsMatch(paragraph))
                items.Add(new EvidenceItem("stray-punctuation", paragraph.Trim(), "a line of punctuation only"));
            // Long paragraphs are reporting, which may quote a banner; a banner's own text is a few lines.
            else if (paragraph.Length <= 600 && TextMatch.FindPhrase(paragraph, banner) is { } bannerPhrase)
                items.Add(new EvidenceItem("banner-text", Shorten(paragraph.Trim(), 200), $"cookie-banner wording \"{bannerPhrase}\""));
            else if (paragraph.Length <= 300 && TextMatch.FindPhrase(paragraph, navigation) is { } navigationPhrase)
                items.Add(new EvidenceItem("navigation-text", Shorten(paragraph.Trim(), 200), $"site furniture \"{navigationPhrase}\""));
            else if (IsMenuLine(paragraph))
                items.Add(new EvidenceItem("navigation-text", Shorten(paragraph.Trim(), 200), "a menu line"));
        }
        if (items.Count == 0)
            return RuleResult.Pass($"No leftover cross-link, banner, navigation or stray line in {article.Paragraphs.Count} block(s) of text.");
        return RuleResult.Fail(
            $"The body holds {items.Count} leftover(s) of copying: {string.Join("; ", items.Select(i => $"\"{Shorten(i.Value, 80)}\""))}.",
            items);
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

    [GeneratedRegex(@"\s+[|•·/›»]\s+")]
    private static partial Regex MenuSeparator();
}
