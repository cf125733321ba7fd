using System.Text.Json;

namespace Checker.Core.Rules;

/// <summary>
/// Keyword data the collectors need to find things on a page (rules/data/banner.json, agencies.json, sponsored.json):
/// data, like the rules' own phrase lists, so that a language is added without touching code.
/// </summary>
public sealed record CollectorKeywords
{
    public required IReadOnlyList<string> BannerStrongWords { get; init; }
    public required IReadOnlyList<string> BannerSupportingWords { get; init; }
    public required IReadOnlyList<string> Agencies { get; init; }
    public required IReadOnlyList<string> OrganisationWords { get; init; }
    /// <summary>Words of section and topic labels ("World News", "Climate Change"): a label made only of them is no name.</summary>
    public IReadOnlyList<string> SectionWords { get; init; } = [];
    /// <summary>Labels that mark paid content ("Sponsored", "Anzeige", "Publireportage"), all languages.</summary>
    public required IReadOnlyList<string> SponsoredLabels { get; init; }
    /// <summary>Affiliate-link disclosures ("we may earn a commission"), all languages, without accents.</summary>
    public required IReadOnlyList<string> Disclosures { get; init; }
    /// <summary>What banner controls do, to choose what to click (the same data the consent rules read).</summary>
    public required ConsentControls Controls { get; init; }
    /// <summary>The publication-day ranker's learned weights (rules/data/date-ranker.json); none in a rules folder without the file: the tiers alone decide.</summary>
    public IReadOnlyDictionary<string, double>? DateRankerWeights { get; init; }

    public static CollectorKeywords Load(RuleCatalog catalog)
    {
        var banner = Read(catalog.DataPath("banner.json"));
        var agencies = Read(catalog.DataPath("agencies.json"));
        return new CollectorKeywords
        {
            BannerStrongWords = PerLanguage(banner, "strong", catalog.DataPath("banner.json")),
            BannerSupportingWords = PerLanguage(banner, "supporting", catalog.DataPath("banner.json")),
            Agencies = List(agencies, "agencies", catalog.DataPath("agencies.json")),
            OrganisationWords = List(agencies, "organisationWords", catalog.DataPath("agencies.json")),
            // Optional: a rules folder written before the list existed still loads.
            SectionWords = agencies.TryGetProperty("sectionWords", out _) ? List(agencies, "sectionWords", catalog.DataPath("agencies.json")) : [],
            SponsoredLabels = PerLanguage(Read(catalog.DataPath("sponsored.json")), "labels", catalog.DataPath("sponsored.json")),
            Disclosures = PerLanguage(Read(catalog.DataPath("sponsored.json")), "disclosures", catalog.DataPath("sponsored.json")),
            Controls = ConsentControls.FromJson(Read(catalog.DataPath("consent-controls.json")), catalog.DataPath("consent-controls.json")),
            DateRankerWeights = File.Exists(catalog.DataPath("date-ranker.json")) ? RankerWeights(catalog.DataPath("date-ranker.json")) : null,
        };
    }

    /// <summary>The "weights" object of a ranker file: feature name to number.</summary>
    public static IReadOnlyDictionary<string, double> RankerWeights(string path) =>
        Read(path).TryGetProperty("weights", out var weights) && weights.ValueKind == JsonValueKind.Object
            && weights.EnumerateObject().All(w => w.Value.ValueKind == JsonValueKind.Number)
            ? weights.EnumerateObject().ToDictionary(w => w.Name, w => w.Value.GetDouble(), StringComparer.Ordinal)
            : throw new RuleCatalogException($"{path}: 'weights' must map feature names to numbers");

    private static JsonElement Read(string path)
    {
        if (!File.Exists(path)) throw new RuleCatalogException($"{path}: keyword data file is missing");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path),
                Configuration.JsonLines.AuthoredFile);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new RuleCatalogException($"{path} line {(e.LineNumber ?? 0) + 1}: {e.Message.Split(" Path:")[0]}");
        }
    }

    private static IReadOnlyList<string> PerLanguage(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object
            ? map.EnumerateObject().SelectMany(l => l.Value.EnumerateArray().Select(v => v.GetString() ?? ""))
                .Where(s => s.Length > 0).Distinct().ToList()
            : throw new RuleCatalogException($"{path}: '{name}' must map languages to word lists");

    private static IReadOnlyList<string> List(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(v => v.GetString() ?? "").Where(s => s.Length > 0).ToList()
            : throw new RuleCatalogException($"{path}: '{name}' must be a list of strings");
}
