using System.Globalization;
using System.Text.RegularExpressions;

namespace Checker.Core.Dates;

/// <summary>
/// A date the page states somewhere, as the collector found it: where (<see cref="Source"/>: json-ld, meta:NAME,
/// microdata, time, abbr, element, labelled — after a label such as "Published:" —, header-text, url, page-text), what it says it is (<see cref="Kind"/>: published,
/// modified or unknown), and in which part of the page (<see cref="Zone"/>: head, url, header — the headline and the
/// lines next to it —, body, masthead — above the headline, outside its box: the site's own header, where a portal shows
/// the day it serves the page —, elsewhere — lists of other stories, comments, footers —, page — anywhere, for estimates).
/// </summary>
public sealed record DateCandidate(string Source, string Value, string Kind, string Zone);

/// <summary>
/// The publication and modification dates decided from a page's candidates, each with where it was read; and, only
/// where the page states no publication date, the best estimate of its date (<see cref="Estimated"/>): the date it says
/// it was last changed, a date labelled anywhere on it ("Stand: 09.10.2017" in a footer), or the date it shows most
/// often. An estimate is never a publication date.
/// </summary>
public sealed record ResolvedDates(StatedDate? Published, string? PublishedSource, string? PublishedDay, StatedDate? Modified, string? ModifiedSource,
    StatedDate? Estimated = null, string? EstimatedSource = null);

/// <summary>
/// Decides when a page was published from every date it states, on the principles of htmldate (Barbaresi): each
/// candidate has a weight by where it was found; declared metadata first, then the page's own address, then what the
/// headline zone shows; dates in lists of other stories, comments and footers never count; a date after the visit or
/// before the web is not a publication date.
/// </summary>
public static partial class PublicationDates
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
        // "Erstellt: vor 4 Stunden" under the headline, where the page states no date of the calendar there.
        new("relative", c => c.Kind != "modified" && c.Zone == "header" && c.Source != "time"),
        new("declared-other", c => c.Kind == "unknown" && c.Zone == "head"),
        new("body", c => c.Kind != "modified" && c.Zone == "body" && c.Source is "time" or "abbr" or "element"),
        new("page-text", c => c.Kind != "modified" && c.Zone == "body"),
    ];

    /// <summary>The first tier that would take this candidate as the publication date (-1: none; never a list of other stories).</summary>
    private static int PublicationTierOf(DateCandidate candidate) => candidate.Zone == "elsewhere" ? -1 : Array.FindIndex(PublishedTiers, t => t.Holds(candidate));

    /// <summary>
    /// The whole date in a page's own address: /2017/7/12/ (each part a path segment of its own), /2023-12-22-slug,
    /// /20231222/. A year and month alone (/2023/10/3-questions/) give no day; the slug's number is not one.
    /// </summary>
    public static string? DateInAddress(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var m = SegmentDate().Match(path);
        if (!m.Success) m = DashedDate().Match(path);
        if (!m.Success) m = CompactDate().Match(path);
        if (!m.Success) return null;
        int year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture),
            month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture),
            day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? $"{year:D4}-{month:D2}-{day:D2}" : null;
    }

    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})/(?<m>0?[1-9]|1[0-2])/(?<d>0?[1-9]|[12]\d|3[01])(?:/|\.html?$|$)")]
    private static partial Regex SegmentDate();

    [GeneratedRegex(@"(?:^|[/_.-])(?<y>(?:19|20)\d{2})-(?<m>0[1-9]|1[0-2])-(?<d>0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")]
    private static partial Regex DashedDate();

    [GeneratedRegex(@"(?:^|[/_.-])(?<y>(?:19|20)\d{2})(?<m>0[1-9]|1[0-2])(?<d>0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")]
    private static partial Regex CompactDate();

    /// <param name="url">The page's address: its own date, if it has one, is read from it here (not from the candidates).</param>
    /// <param name="canonicalUrl">The address the page declares as its own (link rel=canonical): its date, where the address visited has none
    /// (a story reached under an id, a query, an AMP or print address).</param>
    /// <param name="rankerWeights">Learned weights (rules/data/date-ranker.json): where given, the publication day the tiers chose
    /// gives way to another day the page states as a publication where the ranker scores that one higher.</param>
    public static ResolvedDates Resolve(IReadOnlyList<DateCandidate> candidates, string? language, DateTimeOffset visitedAt, string? url = null,
        string? canonicalUrl = null, IReadOnlyDictionary<string, double>? rankerWeights = null)
    {
        candidates = WithOwnAddress(candidates, url, canonicalUrl);
        var byTiers = ResolveByTiers(candidates, language, visitedAt);
        if (rankerWeights is null || byTiers.Published is null) return byTiers;
        var days = PublicationDays(candidates, language, visitedAt, byTiers);
        if (DateRanker.Best(days, byTiers.PublishedDay, rankerWeights) is not { } best || best.Iso == byTiers.PublishedDay) return byTiers;
        // The candidate of that day the tiers trust most gives the date as stated (its time, its zone) and its source.
        var chosen = best.Candidates.Where(c => PublicationTierOf(c) >= 0).MinBy(PublicationTierOf)!;
        var published = DateText.Parse(chosen.Value, chosen.Source == "url" ? NumericDateOrder.DayFirst : NumericOrderOf(language))!;
        var keepModified = byTiers.Modified is { } modified && modified.Date >= published.Date;
        return byTiers with
        {
            Published = published, PublishedSource = chosen.Source, PublishedDay = best.Iso,
            Modified = keepModified ? byTiers.Modified : null, ModifiedSource = keepModified ? byTiers.ModifiedSource : null,
        };
    }

    /// <summary>
    /// What a ranker chooses among, where the tiers found a publication date: the days some candidate states that a
    /// tier would take as a publication (outside lists of other stories), and the day the tiers chose. None where the
    /// tiers found no publication date (an estimate is not ranked), chose the day of the page's own address, or chose a day no
    /// candidate states as it is (a UTC timestamp moved to the day shown): there the tiers' day stands.
    /// </summary>
    public static (IReadOnlyList<RankedDay> Days, string? TiersDay) RankingOf(IReadOnlyList<DateCandidate> candidates, string? language, DateTimeOffset visitedAt,
        string? url = null, string? canonicalUrl = null)
    {
        candidates = WithOwnAddress(candidates, url, canonicalUrl);
        var byTiers = ResolveByTiers(candidates, language, visitedAt);
        return (PublicationDays(candidates, language, visitedAt, byTiers), byTiers.PublishedDay ?? byTiers.Estimated?.Iso[..10]);
    }

    /// <summary>
    /// For <c>bench/rank-dates --all-days</c>, an experiment and not Checker's decision: every day the page states anywhere
    /// (lists of other stories and the sources of estimates included), each keyed by the day readers are shown for it
    /// (<see cref="DayShownFor"/>) and marked with the tier that would take it ("tier:header", "tier:none").
    /// </summary>
    public static IReadOnlyList<RankedDay> AllDaysOf(IReadOnlyList<DateCandidate> candidates, string? language, DateTimeOffset visitedAt,
        string? url = null, string? canonicalUrl = null)
    {
        candidates = WithOwnAddress(candidates, url, canonicalUrl);
        var order = NumericOrderOf(language);
        var latest = LatestFor(visitedAt);
        StatedDate? Shown(DateCandidate c)
        {
            if (RankedDate(c, order, latest) is not { } d) return null;
            var day = DayShownFor(d, c.Source, candidates, order);
            return d with { Year = day.Year, Month = day.Month, Day = day.Day };
        }
        return DateRanker.DaysOf(candidates, Shown, c => [PublicationTierOf(c) is var t and >= 0 ? "tier:" + PublishedTiers[t].Name : "tier:none"]);
    }

    private static IReadOnlyList<RankedDay> PublicationDays(IReadOnlyList<DateCandidate> candidates, string? language, DateTimeOffset visitedAt, ResolvedDates byTiers)
    {
        // The page's own address is the one date nothing rewrites: where the tiers' day is its day, that day stands.
        if (byTiers.Published is null
            || candidates.Any(c => c.Source == "url" && DateText.Parse(c.Value, NumericDateOrder.DayFirst)?.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) == byTiers.PublishedDay))
            return [];
        var order = NumericOrderOf(language);
        var latest = LatestFor(visitedAt);
        var days = DateRanker.DaysOf(candidates, c => RankedDate(c, order, latest)).Where(d => d.Candidates.Any(c => PublicationTierOf(c) >= 0)).ToList();
        return days.Any(d => d.Iso == byTiers.PublishedDay) ? days : [];
    }

    /// <summary>A candidate's plausible date as the ranker reads it: an image's address for the date in it, as the estimate reads the share image's.</summary>
    private static StatedDate? RankedDate(DateCandidate c, NumericDateOrder order, DateOnly latest) =>
        PlausibleDate(c.Source == "image-address" ? c with { Value = DateInAddress(c.Value) ?? "" } : c, order, latest);

    /// <summary>A date of the page's time: after the web began, before the day after the visit (<see cref="LatestFor"/>).</summary>
    private static StatedDate? PlausibleDate(DateCandidate c, NumericDateOrder order, DateOnly latest) =>
        DateText.Parse(c.Value, c.Source == "url" ? NumericDateOrder.DayFirst : order) is { } d && d.Date >= Earliest && d.Date <= latest ? d : null;

    private static DateOnly LatestFor(DateTimeOffset visitedAt) => DateOnly.FromDateTime(visitedAt.UtcDateTime).AddDays(1);

    /// <summary>The candidates with the date of the page's own address (else of its canonical address) as the one "url" candidate.</summary>
    private static IReadOnlyList<DateCandidate> WithOwnAddress(IReadOnlyList<DateCandidate> candidates, string? url, string? canonicalUrl) =>
        url is null && canonicalUrl is null ? candidates
        : [.. candidates.Where(c => c.Source != "url"),
            .. (DateInAddress(url) ?? DateInAddress(canonicalUrl)) is { } own ? [new DateCandidate("url", own, "unknown", "url")] : Array.Empty<DateCandidate>()];

    private static ResolvedDates ResolveByTiers(IReadOnlyList<DateCandidate> candidates, string? language, DateTimeOffset visitedAt)
    {
        var order = NumericOrderOf(language);
        var latest = LatestFor(visitedAt);
        StatedDate? Plausible(DateCandidate c) => PlausibleDate(c, order, latest);
        StatedDate? Valid(DateCandidate c) => c.Zone == "elsewhere" ? null : Plausible(c);
        // A relative dateline counts back from the moment the page was served: the one its masthead shows (a portal's
        // "Mittwoch, 01. November 2023" with the <time> of that moment), else the visit.
        var servedAt = ServedAt(candidates, order) ?? visitedAt;
        StatedDate? Relative(DateCandidate c) =>
            c.Zone == "elsewhere" || c.Source == "time" || DateText.Parse(c.Value, order) is not null ? null
            : DateText.ParseRelative(c.Value, servedAt) is { } day && day >= Earliest && day <= latest ? new StatedDate(day.Year, day.Month, day.Day) : null;

        StatedDate? published = null;
        string? publishedSource = null;
        foreach (var tier in PublishedTiers)
        {
            // Among texts, a dateline ("02.02.2022 •", "14.01.2022 um 09:25") is the page's date before a sentence that
            // mentions one ("… laut der am 28.01.2022 erlassenen Verordnung", a caption's "vom 31.05.2021").
            var inOrder = tier.Name is "header-text" or "page-text"
                ? candidates.Where(tier.Holds).OrderBy(c => IsDateline(c.Value) ? 0 : 1)
                : candidates.Where(tier.Holds);
            foreach (var candidate in inOrder)
                if ((tier.Name == "relative" ? Relative(candidate) : Valid(candidate)) is { } date)
                {
                    // A date a sentence of the text mentions ("the season starts on 6 October") is the weakest sign of
                    // all: a date the page labels as its own anywhere ("[Stand: 09.10.2017]" in a print footer) says more,
                    // and is given as the estimate instead.
                    if (tier.Name == "page-text" && !IsDateline(candidate.Value)
                        && candidates.Any(c => c.Zone == "page" && c.Source == "labelled" && Plausible(c) is not null)) break;
                    (published, publishedSource) = (date, tier.Name == "relative" ? "relative-dateline" : candidate.Source);
                    break;
                }
            if (published is not null) break;
        }
        // Nothing in the headline zone, the metadata or the address, but the page marks one publication date elsewhere
        // (a blog's "posted at" under the post): where every date so marked is the same day, it is the page's own.
        if (published is null)
        {
            var marked = candidates.Where(c => c.Kind == "published" && c.Zone == "elsewhere" && c.Source is "time" or "abbr" or "microdata")
                .Select(c => (Candidate: c, Date: Plausible(c))).Where(x => x.Date is not null).ToList();
            if (marked.Count > 0 && marked.Select(x => x.Date!.Date).Distinct().Count() == 1)
                (published, publishedSource) = (marked[0].Date, marked[0].Candidate.Source);
        }
        // Declared metadata that disagree with what the page shows: where the first date the page shows as a dateline
        // (the headline zone first, then the text) is more than a day from the declared publication date but the same day
        // as another date the page declares (its modified date, another published date), the reader's date is the shown
        // one and the metadata confirm it (a CMS's creation date of an old draft, a story filed again, two schemas that
        // disagree)…
        if (published is not null && publishedSource is not null && IsDeclared(publishedSource)
            && ShownDateline(candidates, order) is { } shownLine && Plausible(shownLine) is { } shown
            && Math.Abs(shown.Date.DayNumber - published.Date.DayNumber) > 1
            && candidates.Any(c => c.Zone == "head" && IsDeclared(c.Source) && Plausible(c) is { } other && other.Date == shown.Date)
            // …and unless the page also shows the declared day ("Posted: Dec 22 | Last updated: Jan 2"): then both agree.
            && !candidates.Any(c => c.Zone is "header" or "body" && c.Kind != "modified" && DateText.Parse(c.Value, order)?.Date == published.Date))
            (published, publishedSource) = (shown, shownLine.Source);
        // Metadata a migration or a template rewrote (a date years after the one in the page's own address) loses to
        // the address: it is the one date nothing rewrites. Within a day, the declared time is the finer one.
        if (published is not null && publishedSource != "url" && candidates.FirstOrDefault(c => c.Source == "url") is { } address
            && Valid(address) is { } fromAddress && Math.Abs(fromAddress.Date.DayNumber - published.Date.DayNumber) > 1)
            (published, publishedSource) = (fromAddress, "url");

        StatedDate? modified = null;
        string? modifiedSource = null;
        // The page zone (dates anywhere, for an estimate) says nothing about this page's own modification.
        // "Aktualisiert: vor 20 Stunden" under the headline counts as relative publication datelines do.
        foreach (var candidate in candidates.Where(c => c.Kind == "modified" && c.Zone != "page"))
        {
            (modified, modifiedSource) = Valid(candidate) is { } date ? (date, candidate.Source)
                : candidate.Zone == "header" && Relative(candidate) is { } relative ? (relative, "relative-dateline") : (null, null);
            if (modified is not null) break;
        }
        // A page that states only when it was changed: that is no publication date, but a modification before it is impossible.
        if (published is not null && modified is not null && modified.Date < published.Date) (modified, modifiedSource) = (null, null);

        var (estimated, estimatedSource) = published is null ? Estimate(candidates, modified, modifiedSource, Plausible) : (null, null);
        var publishedDay = published is null ? null : DayShownFor(published, publishedSource, candidates, order).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ResolvedDates(published, publishedSource, publishedDay, modified, modifiedSource, estimated, estimatedSource);
    }

    /// <summary>
    /// The page's date when it states no publication date, as htmldate's extensive search does last: the date it says it
    /// was changed (a terms page's "Date of last revision"), else the first date under a label anywhere on it (zone
    /// "page": a print footer's "Stand: 09.10.2017"), else a date its title or headline writes, else the date in the address
    /// of its share image, else the day its short texts show most often (a front page's teasers; the latest of equals), else
    /// what its scripts or its markup hold. None from a page whose text, scripts and markup hold no date.
    /// </summary>
    private static (StatedDate? Date, string? Source) Estimate(IReadOnlyList<DateCandidate> candidates, StatedDate? modified, string? modifiedSource,
        Func<DateCandidate, StatedDate?> plausible)
    {
        if (modified is not null) return (modified, "estimate:modified:" + modifiedSource);
        foreach (var candidate in candidates.Where(c => c.Zone == "page" && c.Source == "labelled"))
            if (plausible(candidate) is { } labelled) return (labelled, "estimate:labelled");
        foreach (var candidate in candidates.Where(c => c.Zone == "page" && c.Source == "title"))
            if (plausible(candidate) is { } titled) return (titled, "estimate:title");
        foreach (var candidate in candidates.Where(c => c.Zone == "page" && c.Source == "image-address"))
            if (DateInAddress(candidate.Value) is { } day && plausible(candidate with { Value = day }) is { } uploaded) return (uploaded, "estimate:image-address");
        var shown = candidates.Where(c => c.Zone == "page" && c.Source == "short-text").Select(plausible).OfType<StatedDate>()
            .GroupBy(d => d.Date).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).FirstOrDefault();
        if (shown is not null) return (new StatedDate(shown.Key.Year, shown.Key.Month, shown.Key.Day), "estimate:most-shown");
        // htmldate's rescues, where the page shows no date at all: the publication date its scripts hold, then the first
        // whole date its markup writes (an inline image's address), then the first its scripts write under any key but an
        // expiry's. On htmldate-dev's look half, each is the gold day on three pages in four or more where it is present.
        foreach (var source in (string[])["script", "markup", "script-date"])
            foreach (var candidate in candidates.Where(c => c.Zone == "page" && c.Source == source))
                if (plausible(candidate) is { } rescued) return (rescued, "estimate:" + source);
        return (null, null);
    }

    /// <summary>The moment the page says it was served: the first date its masthead shows, at the time shown (noon if none).</summary>
    private static DateTimeOffset? ServedAt(IReadOnlyList<DateCandidate> candidates, NumericDateOrder order)
    {
        foreach (var candidate in candidates.Where(c => c.Zone == "masthead"))
            if (DateText.Parse(candidate.Value, order) is { } shown && shown.Date >= Earliest)
                return new DateTimeOffset(shown.Date.ToDateTime(TimeOnly.FromTimeSpan(shown.TimeOfDay ?? TimeSpan.FromHours(12))), shown.Offset ?? TimeSpan.Zero);
        return null;
    }

    private static bool IsDeclared(string source) =>
        source == "json-ld" || source.StartsWith("json-ld:", StringComparison.Ordinal) || source.StartsWith("meta:", StringComparison.Ordinal) || source == "microdata";

    /// <summary>The first dateline shown in the headline zone, else in the text, that is not marked as a modification.</summary>
    private static DateCandidate? ShownDateline(IReadOnlyList<DateCandidate> candidates, NumericDateOrder order) =>
        ((string[])["header", "body"]).SelectMany(zone => candidates.Where(c => c.Zone == zone))
            .FirstOrDefault(c => c.Kind != "modified" && c.Source is "element" or "header-text" or "page-text" && IsDateline(c.Value)
                && DateText.Parse(c.Value, order) is not null);

    /// <summary>A text that is a date and little else: six words at most, the date's own included.</summary>
    private static bool IsDateline(string text) => DateText.Parse(text) is not null && IsShort(text);

    /// <summary>Six words at most: a dateline's length, not a sentence's.</summary>
    internal static bool IsShort(string text) => text.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).Length <= 6;

    /// <summary>
    /// The day readers are shown. A timestamp written in UTC moves to the next or previous day for much of the world:
    /// where a date is shown in the headline zone within a day of it, that shown day is the publication day.
    /// </summary>
    private static DateOnly DayShownFor(StatedDate published, string? publishedSource, IReadOnlyList<DateCandidate> candidates, NumericDateOrder order)
    {
        var day = published.Date;
        // A day declared with no time ("2020-04-30") says nothing of the zone it was written in either: within a day, the
        // dateline readers are shown ("29.04.2020, 12:01 Uhr") is the day.
        if (published.TimeOfDay is null && publishedSource is not null && IsDeclared(publishedSource)
            && ShownDateline(candidates, order) is { } line && DateText.Parse(line.Value, order) is { } lineDate
            && Math.Abs(lineDate.Date.DayNumber - day.DayNumber) == 1)
            day = lineDate.Date;
        else if (published.InUtc)
        {
            var shown = candidates.Where(c => c.Zone == "header" && c.Kind != "modified" && c.Source is "element" or "header-text" or "time")
                .Select(c => DateText.Parse(c.Source == "time" ? c.Value.Split('|').Last() : c.Value, order)).FirstOrDefault(d => d is not null);
            if (shown is not null && shown.Date != day && Math.Abs(shown.Date.DayNumber - day.DayNumber) <= 1) day = shown.Date;
        }
        return day;
    }

    /// <summary>Month-first only where the page's language is US English (or English with no region, mostly American sites).</summary>
    public static NumericDateOrder NumericOrderOf(string? language)
    {
        var tag = (language ?? "").Trim().ToLowerInvariant().Replace('_', '-');
        return tag is "en" or "en-us" or "en-ph" ? NumericDateOrder.MonthFirst : NumericDateOrder.DayFirst;
    }
}
