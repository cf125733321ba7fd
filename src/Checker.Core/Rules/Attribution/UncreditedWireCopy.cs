using System.Text.Json;
using System.Text.RegularExpressions;
using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// Agency copy carries its marks — "(AFP) —", "(Reuters) -", "(AP) —" — and the agency's contract and the reader
/// both want it credited: in the byline, a credit line or the structured data. Marks without a credit show wire
/// copy passed off as the publisher's own.
/// </summary>
public sealed class UncreditedWireCopy : ArticleRule
{
    public override string Id => "attribution.uncredited-wire-copy";

    protected override RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata)
    {

        var agencies = Agencies(metadata);
        var found = new List<(Agency Agency, string Paragraph, string Marker)>();
        foreach (var agency in agencies)
        foreach (var paragraph in article.Paragraphs)
        {
            var marker = agency.Markers.FirstOrDefault(m => m.Pattern.IsMatch(paragraph));
            if (marker is null) continue;
            found.Add((agency, paragraph, marker.Text));
            break;
        }
        if (found.Count == 0) return RuleResult.NotApplicable("no agency mark in the article's text");

        // Where an agency can be credited: the byline, credit lines, authors, structured data, the publisher itself.
        var credited = article.Credits.Select(c => c.Name)
            .Concat(article.Authors.Select(a => a.Name))
            .Concat(article.StructuredData?.Authors ?? [])
            .Concat(article.Candidates.Select(c => c.Name))
            .Concat([article.BylineText ?? "", article.Publisher ?? "", article.StructuredData?.Publisher ?? ""])
            .Where(s => s.Length > 0)
            .ToList();
        var items = new List<EvidenceItem>();
        var uncredited = new List<string>();
        foreach (var (agency, paragraph, marker) in found)
        {
            var credit = credited.FirstOrDefault(c => agency.Names.Any(n => TextMatch.MentionsWord(c, n)));
            items.Add(new EvidenceItem("article-text", Excerpt(paragraph, marker), $"{agency.Name} mark \"{marker}\""));
            if (credit is null) uncredited.Add(agency.Name);
            else items.Add(new EvidenceItem("credit", credit, agency.Name));
        }
        return uncredited.Count == 0
            ? RuleResult.Pass($"Agency copy is credited: {string.Join(", ", found.Select(f => f.Agency.Name).Distinct())}.", items)
            : RuleResult.Fail($"The text carries the mark of {string.Join(", ", uncredited)} copy, but the article credits no such agency.", items);
    }

    private static string Excerpt(string paragraph, string marker)
    {
        var at = paragraph.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || paragraph.Length <= 200) return paragraph.Length <= 200 ? paragraph : paragraph[..200] + "…";
        var start = Math.Max(0, at - 80);
        var end = Math.Min(paragraph.Length, at + marker.Length + 80);
        return (start > 0 ? "…" : "") + paragraph[start..end] + (end < paragraph.Length ? "…" : "");
    }

    private sealed record Marker(string Text, Regex Pattern);

    private sealed record Agency(string Name, IReadOnlyList<string> Names, IReadOnlyList<Marker> Markers);

    /// <summary>
    /// Marks are matched exactly (case included: "AP" is an agency, "ap" is not) and not inside a longer word.
    /// </summary>
    private static List<Agency> Agencies(RuleMetadata metadata)
    {
        if (metadata.Parameters.ValueKind != JsonValueKind.Object || !metadata.Parameters.TryGetProperty("agencies", out var list)
                                                                  || list.ValueKind != JsonValueKind.Array)
            throw new RuleCatalogException($"{metadata.SourcePath ?? metadata.Id}: parameter 'agencies' must be a list");
        return list.EnumerateArray().Select(a => new Agency(
            a.GetProperty("name").GetString()!,
            a.GetProperty("names").EnumerateArray().Select(n => n.GetString()!).ToList(),
            a.GetProperty("markers").EnumerateArray().Select(m => m.GetString()!)
                .Select(m => new Marker(m, new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(m)}(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant)))
                .ToList())).ToList();
    }
}
