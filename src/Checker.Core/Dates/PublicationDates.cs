namespace Checker.Core.Dates;

/// <summary>
/// A date the page states somewhere, as the collector found it: where (<see cref="Source"/>: json-ld, meta:NAME,
/// microdata, time, abbr, element, header-text, url, page-text), what it says it is (<see cref="Kind"/>: published,
/// modified or unknown), and in which part of the page (<see cref="Zone"/>: head, url, header — the headline and the
/// lines next to it —, body, elsewhere — lists of other stories, comments, footers).
/// </summary>
public sealed record DateCandidate(string Source, string Value, string Kind, string Zone);

/// <summary>The publication and modification dates decided from a page's candidates, each with where it was read.</summary>
public sealed record ResolvedDates(StatedDate? Published, string? PublishedSource, string? PublishedDay, StatedDate? Modified, string? ModifiedSource);

/// <summary>
/// Decides when a page was published from every date it states, on the principles of htmldate (Barbaresi): each
/// candidate has a weight by where it was found; declared metadata first, then the page's own address, then what the
/// headline zone shows; dates in lists of other stories, comments and footers never count; a date after the visit or
/// before the web is not a publication date.
/// </summary>
public static class PublicationDates
{
    /// <summary>Before this, no news page was on the web (htmldate's lower bound too).</summary>
    private static readonly DateOnly Earliest = new(1995, 1, 1);

    private sealed record Tier(string Name, Func<DateCandidate, bool> Holds);

    /// <summary>The order in which sources are trusted for the publication date: the first tier with a valid date decides.</summary>
    private static readonly Tier[] PublishedTiers =
    [
        new("declared", c => c.Kind == "published" && (c.Source == "json-ld" || c.Source.StartsWith("meta:", StringComparison.Ordinal) || c.Source == "microdata")),
        new("marked", c => c.Kind == "published" && c.Zone is "header" or "body"),
        new("url", c => c.Source == "url"),
        new("header", c => c.Kind != "modified" && c.Zone == "header" && c.Source is "time" or "abbr" or "element"),
        new("header-text", c => c.Kind != "modified" && c.Zone == "header"),
        new("declared-other", c => c.Kind == "unknown" && c.Zone == "head"),
        new("body", c => c.Kind != "modified" && c.Zone == "body" && c.Source is "time" or "abbr" or "element"),
        new("page-text", c => c.Kind != "modified" && c.Zone == "body"),
    ];

    public static ResolvedDates Resolve(IReadOnlyList<DateCandidate> candidates, string? language, DateTimeOffset visitedAt)
    {
        var order = NumericOrderOf(language);
        var latest = DateOnly.FromDateTime(visitedAt.UtcDateTime).AddDays(1);
        StatedDate? Valid(DateCandidate c) =>
            c.Zone == "elsewhere" ? null
            : DateText.Parse(c.Value, c.Source == "url" ? NumericDateOrder.DayFirst : order) is { } d && d.Date >= Earliest && d.Date <= latest ? d : null;

        StatedDate? published = null;
        string? publishedSource = null;
        foreach (var tier in PublishedTiers)
        {
            foreach (var candidate in candidates.Where(tier.Holds))
                if (Valid(candidate) is { } date)
                {
                    (published, publishedSource) = (date, candidate.Source);
                    break;
                }
            if (published is not null) break;
        }

        StatedDate? modified = null;
        string? modifiedSource = null;
        foreach (var candidate in candidates.Where(c => c.Kind == "modified"))
            if (Valid(candidate) is { } date)
            {
                (modified, modifiedSource) = (date, candidate.Source);
                break;
            }
        // A page that states only when it was changed: that is no publication date, but a modification before it is impossible.
        if (published is not null && modified is not null && modified.Date < published.Date) (modified, modifiedSource) = (null, null);

        return new ResolvedDates(published, publishedSource, PublishedDay(published, candidates, order), modified, modifiedSource);
    }

    /// <summary>
    /// The day readers are shown. A timestamp written in UTC moves to the next or previous day for much of the world:
    /// where a date is shown in the headline zone within a day of it, that shown day is the publication day.
    /// </summary>
    private static string? PublishedDay(StatedDate? published, IReadOnlyList<DateCandidate> candidates, NumericDateOrder order)
    {
        if (published is null) return null;
        var day = published.Date;
        if (published.InUtc)
        {
            var shown = candidates.Where(c => c.Zone == "header" && c.Kind != "modified" && c.Source is "element" or "header-text" or "time")
                .Select(c => DateText.Parse(c.Source == "time" ? c.Value.Split('|').Last() : c.Value, order)).FirstOrDefault(d => d is not null);
            if (shown is not null && shown.Date != day && Math.Abs(shown.Date.DayNumber - day.DayNumber) <= 1) day = shown.Date;
        }
        return day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Month-first only where the page's language is US English (or English with no region, mostly American sites).</summary>
    public static NumericDateOrder NumericOrderOf(string? language)
    {
        var tag = (language ?? "").Trim().ToLowerInvariant().Replace('_', '-');
        return tag is "en" or "en-us" or "en-ph" ? NumericDateOrder.MonthFirst : NumericDateOrder.DayFirst;
    }
}
