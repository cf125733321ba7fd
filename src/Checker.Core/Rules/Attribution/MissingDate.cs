using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Attribution;

/// <summary>A news article says when it was published: readers and search engines weigh news by its date.</summary>
public sealed class MissingDate : ArticleRule
{
    public override string Id => "attribution.missing-date";

    protected override RuleResult Evaluate(ArticleEvidence article, RuleMetadata metadata)
    {
        if (ArticleDates.TryParse(article.DatePublished) is { } published)
            return RuleResult.Pass($"Published {published:yyyy-MM-dd} (from {article.DatePublishedSource ?? "the page"}).",
                new EvidenceItem("date-published", article.DatePublished!, article.DatePublishedSource));
        if (article.VisibleDate is { Text: { Length: > 0 } shown })
            return RuleResult.Incomplete($"A date is shown (\"{shown}\") but no machine-readable publication date is declared.",
                new EvidenceItem("visible-date", shown, article.VisibleDate.Datetime));
        var headline = new EvidenceItem("headline", article.Headline ?? "(no headline)");
        if (article.DatePublished is { Length: > 0 } unreadable)
            return RuleResult.Fail($"The publication date \"{unreadable}\" is not a date.", headline);
        // An estimate of the page's date (its update date, a footer's "Stand:", its teasers' day) is no publication date.
        if (article.DateEstimated is { Length: > 0 } estimate)
            return RuleResult.Fail(
                $"The article states no publication date: none in its structured data, meta tags or a time element; the page's date can only be estimated ({estimate}, {EstimateKind(article.DateEstimatedSource)}).",
                headline, new EvidenceItem("date-estimated", estimate, article.DateEstimatedSource));
        return RuleResult.Fail("The article states no publication date: none in its structured data, meta tags or a time element.", headline);
    }

    private static string EstimateKind(string? source) => source switch
    {
        { } s when s.StartsWith("estimate:modified", StringComparison.Ordinal) => "the date it says it was updated",
        "estimate:labelled" => "a date labelled elsewhere on the page",
        "estimate:most-shown" => "the day its short texts show most often",
        _ => "estimated",
    };
}

/// <summary>Dates as pages write them: ISO 8601 mostly, sometimes RFC 1123 or a bare day.</summary>
public static class ArticleDates
{
    public static DateTimeOffset? TryParse(string? stated)
    {
        if (string.IsNullOrWhiteSpace(stated)) return null;
        var text = stated.Trim();
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) && parsed.Year is > 1900 and < 2200)
            return parsed;
        // "20231222" and "2023-12-22T10:00:00.000+0000" variants.
        var digits = new string(text.TakeWhile(c => char.IsDigit(c) || c == '-').ToArray()).Replace("-", "", StringComparison.Ordinal);
        return digits.Length >= 8 && DateTimeOffset.TryParseExact(digits[..8], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var day) ? day : null;
    }
}
