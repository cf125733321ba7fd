using System.Globalization;
using System.Text;
using System.Text.Json;
using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>
/// The NewsArticle JSON-LD is what machines read of an article's attribution: it must exist, be complete, and say
/// what the reader sees. Absent, lacking a property, or contradicting the visible byline or date: fail.
/// </summary>
public sealed class StructuredData : ArticleRule
{
    public override string Id => "attribution.structured-data";

    protected override RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata)
    {
        var data = article.StructuredData;
        if (data is not { Present: true })
        {
            var why = data is { JsonLdErrors: > 0 }
                ? $"no NewsArticle or Article JSON-LD could be read ({data.JsonLdErrors} JSON-LD block(s) are not valid JSON)"
                : "the page declares no NewsArticle or Article JSON-LD";
            return RuleResult.Fail($"Structured data absent: {why}.", new EvidenceItem("structured-data", "absent", why));
        }

        var items = new List<EvidenceItem> { new("structured-data", string.Join(",", data.Types), "@type") };
        var problems = new List<string>();
        var missing = RequiredProperties(metadata).Where(p => !Declares(data, p)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"it lacks {string.Join(", ", missing)}");
            items.AddRange(missing.Select(p => new EvidenceItem("missing-property", p)));
        }

        // Persons only: "Reuters" in the JSON-LD and "Jane Doe, Reuters" in the byline do not contradict each other.
        var declaredPersons = article.Candidates.Where(c => c.Source == "json-ld" && c.Person).Select(c => c.Name).Distinct().ToList();
        if (declaredPersons.Count > 0 && article.VisibleAuthors.Count > 0
                                      && !declaredPersons.Any(d => article.VisibleAuthors.Any(v => SamePerson(d, v))))
        {
            problems.Add($"its author ({string.Join(", ", declaredPersons)}) is not the byline's ({string.Join(", ", article.VisibleAuthors)})");
            items.Add(new EvidenceItem("declared-author", string.Join(", ", declaredPersons), "json-ld"));
            items.Add(new EvidenceItem("visible-author", string.Join(", ", article.VisibleAuthors), "byline"));
        }

        var maxDays = metadata.NumberFor("maxDateDifferenceDays", 1);
        var declared = ArticleDates.TryParse(data.DatePublished);
        var shown = ShownDate(article.VisibleDate);
        if (declared is { } published && shown is { } visible)
        {
            var modified = ArticleDates.TryParse(data.DateModified);
            // The shown date may be the update's; a day either way absorbs time zones.
            var away = Math.Abs((visible.UtcDateTime.Date - published.UtcDateTime.Date).TotalDays);
            var awayFromModified = modified is { } m ? Math.Abs((visible.UtcDateTime.Date - m.UtcDateTime.Date).TotalDays) : double.MaxValue;
            if (away > maxDays && awayFromModified > maxDays)
            {
                problems.Add($"its datePublished ({published:yyyy-MM-dd}) is {away:0} days from the date shown ({visible:yyyy-MM-dd})");
                items.Add(new EvidenceItem("declared-date", data.DatePublished!, "json-ld datePublished"));
                items.Add(new EvidenceItem("visible-date", article.VisibleDate!.Text ?? article.VisibleDate.Datetime ?? "", "shown with the article"));
            }
        }

        if (problems.Count == 0)
            return RuleResult.Pass($"{string.Join("/", data.Types)} JSON-LD declares headline, author, date and publisher, and agrees with the page.", items);
        return RuleResult.Fail($"The {string.Join("/", data.Types)} JSON-LD is wrong: {string.Join("; ", problems)}.", items);
    }

    private static bool Declares(StructuredDataEvidence data, string property) => property switch
    {
        "headline" => !string.IsNullOrWhiteSpace(data.Headline),
        "author" => data.Authors.Count > 0,
        "datePublished" => ArticleDates.TryParse(data.DatePublished) is not null,
        "dateModified" => ArticleDates.TryParse(data.DateModified) is not null,
        "publisher" => !string.IsNullOrWhiteSpace(data.Publisher),
        _ => throw new RuleCatalogException($"attribution.structured-data: unknown required property '{property}'"),
    };

    private static DateTimeOffset? ShownDate(VisibleDateEvidence? shown)
    {
        if (shown is null) return null;
        return ArticleDates.TryParse(shown.Datetime)
               ?? (DateTimeOffset.TryParse(shown.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var text) ? text : null);
    }

    /// <summary>
    /// Same person when the family names agree ("J. Doe", "Jane Doe" and "Jane M. Doe"), or when one name is inside
    /// the other as a reader sees it: a byline read from the page may carry its furniture ("Jane Doe archive page",
    /// "JANE DOESTAFF WRITER"), which is no contradiction.
    /// </summary>
    private static bool SamePerson(string a, string b)
    {
        var x = TextMatch.Words(a);
        var y = TextMatch.Words(b);
        if (x.Count == 0 || y.Count == 0) return false;
        if (x[^1] == y[^1] || x.SequenceEqual(y)) return true;
        var (glueX, glueY) = (string.Concat(x), string.Concat(y));
        return glueX.Length >= 6 && glueY.Length >= 6 && (glueX.Contains(glueY, StringComparison.Ordinal) || glueY.Contains(glueX, StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> RequiredProperties(RuleMetadata metadata) =>
        metadata.Parameters.ValueKind == JsonValueKind.Object && metadata.Parameters.TryGetProperty("requiredProperties", out var list)
            ? [.. list.EnumerateArray().Select(p => p.GetString()!)]
            : ["headline", "author", "datePublished", "publisher"];
}
