using Checker.Core.Dates;

namespace Checker.Core.Tests;

public sealed class DateTests
{
    private static readonly DateTimeOffset VisitedAt = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [TestCase("2023-12-22T03:00:00-05:00", "2023-12-22T03:00:00-05:00")]
    [TestCase("2023-12-22T10:00:00.000+0000", "2023-12-22T10:00:00Z")]
    [TestCase("2023-12-22 10:15", "2023-12-22T10:15:00")]
    [TestCase("2023-12-22", "2023-12-22")]
    [TestCase("2023/12/22", "2023-12-22")]
    [TestCase("Fri, 22 Dec 2023 10:00:00 GMT", "2023-12-22")]
    [TestCase("December 22, 2023", "2023-12-22")]
    [TestCase("Dec. 22nd 2023", "2023-12-22")]
    [TestCase("Apr 042013", "2013-04-04")]
    [TestCase("22 December 2023", "2023-12-22")]
    [TestCase("22. Dezember 2023", "2023-12-22")]
    [TestCase("Veröffentlicht am 3. März 2021", "2021-03-03")]
    [TestCase("le 5 janvier 2022 à 10h", "2022-01-05")]
    [TestCase("22 déc. 2023", "2023-12-22")]
    [TestCase("22 de diciembre de 2023", "2023-12-22")]
    [TestCase("22 dicembre 2023", "2023-12-22")]
    [TestCase("22 de dezembro de 2023", "2023-12-22")]
    [TestCase("22 mrt 2023", "2023-03-22")]
    [TestCase("2023年12月22日", "2023-12-22")]
    [TestCase("22.12.2023", "2023-12-22")]
    [TestCase("3.4.2023", "2023-04-03")]
    [TestCase("12/22/2023", "2023-12-22")]
    [TestCase("/news/20231222/story.html", "2023-12-22")]
    [TestCase("22nd of December 2023", "2023-12-22")]
    [TestCase("22 de diciembre del 2023", "2023-12-22")]
    [TestCase("22 października 2023", "2023-10-22")]
    [TestCase("5. března 2021", "2021-03-05")]
    [TestCase("5 марта 2021 г.", "2021-03-05")]
    [TestCase("5 березня 2021", "2021-03-05")]
    [TestCase("5 Μαρτίου 2021", "2021-03-05")]
    [TestCase("22 Ağustos 2023", "2023-08-22")]
    [TestCase("5 martie 2021", "2021-03-05")]
    [TestCase("Kamis, 2 Agustus 2023", "2023-08-02")]
    [TestCase("5 de març de 2021", "2021-03-05")]
    [TestCase("2021. március 5.", "2021-03-05")]
    [TestCase("5. maaliskuuta 2021", "2021-03-05")]
    [TestCase("5. marts 2021", "2021-03-05")]
    [TestCase("Fri | September 1 | 2017", "2017-09-01")]
    [TestCase("Fri - September 1 - 2017", "2017-09-01")]
    [TestCase("Posted 11.10.99", "1999-10-11")]
    [TestCase("Posted 11.10.25", "2025-10-11")]
    public void Dates_are_read_in_many_formats_and_languages(string text, string iso) =>
        Assert.That(DateText.Parse(text)?.Iso, Is.EqualTo(iso));

    // Near-misses: a word that is no month, a year and a number that make no date.
    [TestCase("Top 5 Tipps 2023")]
    [TestCase("Im Jahr 2023 kamen 15 neue Mitglieder")]
    [TestCase("Saison 2023 Runde 12")]
    [TestCase("Issue 9 | 2017")]
    public void Words_and_numbers_that_are_no_date_give_none(string text) => Assert.That(DateText.Parse(text), Is.Null);

    [TestCase("03/04/2023", NumericDateOrder.DayFirst, "2023-04-03")]
    [TestCase("03/04/2023", NumericDateOrder.MonthFirst, "2023-03-04")]
    [TestCase("13/04/2023", NumericDateOrder.MonthFirst, "2023-04-13")]
    public void Numeric_dates_follow_the_page_language_unless_a_number_over_12_decides(string text, NumericDateOrder order, string iso) =>
        Assert.That(DateText.Parse(text, order)?.Iso, Is.EqualTo(iso));

    [TestCase("Thu, 21 De")]
    [TestCase("Fri, 12/22")]
    [TestCase("Page 3 of 12")]
    [TestCase("32.13.2023")]
    [TestCase("1-2-23")]
    [TestCase("Apr2013")]
    [TestCase("Apr 4201")]
    [TestCase("call 0800 2023 1234")]
    public void What_is_not_a_whole_date_is_no_date(string text) =>
        Assert.That(DateText.Parse(text), Is.Null);

    private static DateCandidate C(string source, string value, string kind = "unknown", string zone = "head") => new(source, value, kind, zone);

    [Test]
    public void A_page_that_states_no_publication_date_gets_an_estimate_in_htmldates_last_resort_order_and_never_as_published()
    {
        // Its update date first, then a date under a label anywhere, then the day its short texts show most (latest of equals).
        var updated = PublicationDates.Resolve(
        [
            C("header-text", "Updated: 2023-11-09 10:12", "modified", "header"),
            C("labelled", "09.10.2017, 01:40 Uhr", zone: "page"),
        ], "en", VisitedAt);
        Assert.That((updated.Published, updated.Estimated?.Iso, updated.EstimatedSource), Is.EqualTo(((StatedDate?)null, "2023-11-09T10:12:00", "estimate:modified:header-text")));
        var labelled = PublicationDates.Resolve(
        [
            C("short-text", "3 May 2021", zone: "page"),
            C("labelled", "09.10.2017, 01:40 Uhr", zone: "page"),
        ], "de", VisitedAt);
        Assert.That((labelled.Estimated?.Iso, labelled.EstimatedSource), Is.EqualTo(("2017-10-09", "estimate:labelled")));
        var shown = PublicationDates.Resolve(
        [
            C("short-text", "2 May 2021", zone: "page"), C("short-text", "3 May 2021", zone: "page"),
            C("short-text", "1 May 2021", zone: "page"), C("short-text", "2 May 2021", zone: "page"), C("short-text", "3 May 2021", zone: "page"),
        ], "en-GB", VisitedAt);
        Assert.That((shown.Estimated?.Iso, shown.EstimatedSource), Is.EqualTo(("2021-05-03", "estimate:most-shown")));
        // Near-miss: a page that states its publication date gets no estimate, whatever else it shows.
        var stated = PublicationDates.Resolve(
        [
            C("json-ld", "2023-12-22", "published"),
            C("short-text", "3 May 2021", zone: "page"), C("short-text", "3 May 2021", zone: "page"),
        ], "en", VisitedAt);
        Assert.That((stated.Published?.Iso, stated.Estimated), Is.EqualTo(("2023-12-22", (StatedDate?)null)));
        // Near-miss: the page zone never gives a publication date.
        Assert.That(shown.Published, Is.Null);
    }

    [Test]
    public void Declared_publication_date_wins_and_is_written_in_iso_8601()
    {
        var dates = PublicationDates.Resolve(
        [
            C("page-text", "Related: 1 May 2020", zone: "body"),
            C("url", "2023-12-21", zone: "url"),
            C("meta:article:modified_time", "2023-12-24T08:00:00Z", "modified"),
            C("json-ld", "12/22/2023", "published"),
        ], "en-US", VisitedAt);
        Assert.That(dates.Published?.Iso, Is.EqualTo("2023-12-22"));
        Assert.That(dates.PublishedSource, Is.EqualTo("json-ld"));
        Assert.That(dates.Modified?.Iso, Is.EqualTo("2023-12-24T08:00:00Z"));
    }

    [Test]
    public void A_shown_dateline_that_another_declared_date_confirms_wins_over_the_declared_publication_date()
    {
        // An old draft's creation date declared as published; the page shows (and declares as modified) the day it ran.
        var confirmed = PublicationDates.Resolve(
        [
            C("json-ld", "2017-08-21T13:09:00Z", "published"),
            C("json-ld", "2019-04-03T08:04:01Z", "modified"),
            C("header-text", "03.04.2019", zone: "header"),
        ], "de", VisitedAt);
        Assert.That((confirmed.PublishedDay, confirmed.PublishedSource), Is.EqualTo(("2019-04-03", "header-text")));
        // Near-miss: nothing the page declares confirms the shown date (a "today" display, another story's): metadata stand.
        var alone = PublicationDates.Resolve(
        [
            C("json-ld", "2017-08-21T13:09:00Z", "published"),
            C("header-text", "03.04.2019", zone: "header"),
        ], "de", VisitedAt);
        Assert.That((alone.PublishedDay, alone.PublishedSource), Is.EqualTo(("2017-08-21", "json-ld")));
        // Near-miss: a shown date within a day of the declared one is the same publication (a time zone apart).
        var close = PublicationDates.Resolve(
        [
            C("json-ld", "2019-04-02T23:30:00Z", "published"),
            C("json-ld", "2019-04-03T08:04:01Z", "modified"),
            C("header-text", "03.04.2019", zone: "header"),
        ], "de", VisitedAt);
        Assert.That(close.PublishedSource, Is.EqualTo("json-ld"));
        // Near-miss: the page shows the declared day too, beside its last update: the declared publication stands.
        var both = PublicationDates.Resolve(
        [
            C("json-ld", "2023-12-22T13:25Z", "published"),
            C("json-ld", "2024-01-02T15:04Z", "modified"),
            C("element", "Posted: Dec 22, 2023 8:25 AM EST | Last Updated: January 2, 2024", "published", "body"),
            C("element", "Jan 02, 2024 9:25 AM ET", zone: "body"),
        ], "en", VisitedAt);
        Assert.That((both.PublishedDay, both.PublishedSource), Is.EqualTo(("2023-12-22", "json-ld")));
    }

    [Test]
    public void The_modified_date_is_never_taken_as_published()
    {
        var dates = PublicationDates.Resolve(
        [
            C("time", "2024-01-05", "modified", "header"),
            C("element", "Posted 3 January 2024", "published", "header"),
        ], "en", VisitedAt);
        Assert.That(dates.Published?.Iso, Is.EqualTo("2024-01-03"));
        Assert.That(dates.Modified?.Iso, Is.EqualTo("2024-01-05"));
    }

    [Test]
    public void Dates_in_other_stories_and_after_the_visit_or_before_the_web_do_not_count()
    {
        var dates = PublicationDates.Resolve(
        [
            C("element", "5 May 2025", zone: "elsewhere"),
            C("meta:date", "2031-01-01", "published"),
            C("element", "© 1990", zone: "header"),
            C("element", "12 March 1994", zone: "header"),
            C("page-text", "Written on 4 June 2019, in Berlin", zone: "body"),
        ], "en", VisitedAt);
        Assert.That(dates.Published?.Iso, Is.EqualTo("2019-06-04"));
        Assert.That(dates.PublishedSource, Is.EqualTo("page-text"));
    }

    [Test]
    public void A_date_marked_published_only_outside_the_header_counts_when_it_is_the_only_one()
    {
        var alone = PublicationDates.Resolve([C("abbr", "2020-04-28T21:11:00+02:00", "published", "elsewhere")], "de", VisitedAt);
        Assert.That((alone.PublishedDay, alone.PublishedSource), Is.EqualTo(("2020-04-28", "abbr")));
        var twice = PublicationDates.Resolve([C("abbr", "2020-04-28T21:11:00+02:00", "published", "elsewhere"), C("time", "2020-04-28", "published", "elsewhere")], "de", VisitedAt);
        Assert.That(twice.PublishedDay, Is.EqualTo("2020-04-28"), "the same day marked twice");
        var disagreeing = PublicationDates.Resolve([C("abbr", "2020-04-28T21:11:00+02:00", "published", "elsewhere"), C("abbr", "2019-03-02", "published", "elsewhere")], "de", VisitedAt);
        Assert.That(disagreeing.Published, Is.Null, "two days marked outside the story: neither is known to be the page's");
        var unmarked = PublicationDates.Resolve([C("element", "28. April 2020", zone: "elsewhere")], "de", VisitedAt);
        Assert.That(unmarked.Published, Is.Null, "a date in a list or footer that says nothing of publishing");
    }

    [Test]
    public void A_dateline_in_the_header_comes_before_a_sentence_that_mentions_a_date()
    {
        var dates = PublicationDates.Resolve(
        [
            C("header-text", "Laut der am 28.01.2022 erlassenen Verordnung sind bis zu 3000 Besucher erlaubt.", zone: "header"),
            C("page-text", "02.02.2022 •", zone: "header"),
        ], "de", VisitedAt);
        Assert.That(dates.PublishedDay, Is.EqualTo("2022-02-02"));
        var sentenceOnly = PublicationDates.Resolve([C("header-text", "Laut der am 28.01.2022 erlassenen Verordnung sind bis zu 3000 Besucher erlaubt.", zone: "header")], "de", VisitedAt);
        Assert.That(sentenceOnly.PublishedDay, Is.EqualTo("2022-01-28"), "no dateline: the date the text gives");
    }

    [Test]
    public void The_address_outranks_what_the_text_shows_but_not_what_is_declared()
    {
        var fromUrl = PublicationDates.Resolve([C("element", "3 May 2022", zone: "header"), C("url", "2022-05-02", zone: "url")], "en", VisitedAt);
        Assert.That(fromUrl.PublishedSource, Is.EqualTo("url"));
        var declared = PublicationDates.Resolve([C("url", "2022-05-02", zone: "url"), C("meta:article:published_time", "2022-05-03T01:00:00+02:00", "published")],
            "en", VisitedAt);
        Assert.That(declared.Published?.Iso, Is.EqualTo("2022-05-03T01:00:00+02:00"));
    }

    [TestCase("https://blog.test/2017/7/12/unter-uns-montauk", "2017-07-12")]
    [TestCase("https://news.test/2023/12/22/story.html", "2023-12-22")]
    [TestCase("https://news.test/politics/2023-12-22-vote-delayed", "2023-12-22")]
    [TestCase("https://news.test/archive/20231222/vote", "2023-12-22")]
    [TestCase("https://blog.test/2023/10/3-fragen-an-tina/", null)]
    [TestCase("https://news.test/news/2011/12/kein-cyberterrorismus/", null)]
    [TestCase("https://news.test/2023/11/bernard-arnault/", null)]
    [TestCase("https://news.test/2023/02/30/not-a-day/", null)]
    [TestCase("https://news.test/story/123456789", null)]
    public void The_address_gives_a_day_only_when_it_writes_a_whole_date(string url, string? day) =>
        Assert.That(PublicationDates.DateInAddress(url), Is.EqualTo(day));

    [Test]
    public void Metadata_years_away_from_the_date_in_the_address_loses_to_it_and_a_day_away_does_not()
    {
        var migrated = PublicationDates.Resolve([C("json-ld", "2019-06-17T18:28:00+02:00", "published")], "de", VisitedAt,
            "https://blog.test/home/2017/7/12/unter-uns-montauk");
        Assert.That((migrated.Published?.Iso, migrated.PublishedSource), Is.EqualTo(("2017-07-12", "url")));
        var close = PublicationDates.Resolve([C("json-ld", "2017-07-13T01:00:00+02:00", "published")], "de", VisitedAt,
            "https://blog.test/home/2017/7/12/unter-uns-montauk");
        Assert.That(close.PublishedSource, Is.EqualTo("json-ld"));
        var slug = PublicationDates.Resolve([C("json-ld", "2023-10-31", "published")], "de", VisitedAt, "https://blog.test/2023/10/3-fragen/");
        Assert.That(slug.Published?.Iso, Is.EqualTo("2023-10-31"), "a year and month in the address give no day to prefer");
    }

    [Test]
    public void A_utc_timestamp_a_day_from_the_day_shown_at_the_headline_gives_the_shown_day()
    {
        var dates = PublicationDates.Resolve(
        [
            C("json-ld", "2023-12-23T02:30:00Z", "published"),
            C("element", "December 22, 2023", zone: "header"),
        ], "en-US", VisitedAt);
        Assert.That(dates.Published?.Iso, Is.EqualTo("2023-12-23T02:30:00Z"), "the declared timestamp is kept as declared");
        Assert.That(dates.PublishedDay, Is.EqualTo("2023-12-22"));
    }

    [Test]
    public void A_day_declared_with_no_time_a_day_from_the_dateline_shown_gives_the_shown_day()
    {
        var dayOnly = PublicationDates.Resolve([C("meta:date", "2020-04-30", "published"), C("element", "29.04.2020, 12:01 Uhr", zone: "body")], "de", VisitedAt);
        Assert.That((dayOnly.Published?.Iso, dayOnly.PublishedDay), Is.EqualTo(("2020-04-30", "2020-04-29")), "the declared day is kept as declared");
        // Near-misses: a declared time says which day it was where it was written; a shown date days away is another's.
        var timed = PublicationDates.Resolve([C("meta:date", "2020-04-30T00:30:00+02:00", "published"), C("element", "29.04.2020, 12:01 Uhr", zone: "body")], "de", VisitedAt);
        Assert.That(timed.PublishedDay, Is.EqualTo("2020-04-30"));
        var apart = PublicationDates.Resolve([C("meta:date", "2020-04-30", "published"), C("element", "27.04.2020, 12:01 Uhr", zone: "body")], "de", VisitedAt);
        Assert.That(apart.PublishedDay, Is.EqualTo("2020-04-30"));
    }

    [Test]
    public void A_date_a_sentence_mentions_gives_way_to_a_date_the_page_labels_anywhere()
    {
        var sentence = C("page-text", "Die nächste Eislaufsaison beginnt am 6. Oktober 2017 und dauert bis zum 25. März 2018.", zone: "body");
        var labelled = PublicationDates.Resolve([sentence, C("labelled", "09.10.2017, 01:40 Uhr]", zone: "page")], "de", VisitedAt);
        Assert.That((labelled.Published, labelled.Estimated?.Iso, labelled.EstimatedSource), Is.EqualTo(((StatedDate?)null, "2017-10-09", "estimate:labelled")));
        // Near-misses: with no label, the sentence's date is all the page says; a dateline is stated, label or not.
        Assert.That(PublicationDates.Resolve([sentence], "de", VisitedAt).PublishedDay, Is.EqualTo("2017-10-06"));
        var dateline = PublicationDates.Resolve([C("page-text", "06.10.2017 •", zone: "body"), C("labelled", "09.10.2017, 01:40 Uhr]", zone: "page")], "de", VisitedAt);
        Assert.That(dateline.PublishedDay, Is.EqualTo("2017-10-06"));
    }

    private static readonly DateTimeOffset Served = new(2023, 11, 1, 13, 56, 0, TimeSpan.FromHours(1));

    [TestCase("3 hours ago", "2023-11-01")]
    [TestCase("Posted 20 hours ago", "2023-10-31")]
    [TestCase("an hour ago", "2023-11-01")]
    [TestCase("2 days ago", "2023-10-30")]
    [TestCase("Erstellt: vor 4 Stunden", "2023-11-01")]
    [TestCase("vor 2 Tagen", "2023-10-30")]
    [TestCase("vor einem Tag", "2023-10-31")]
    [TestCase("il y a 3 jours", "2023-10-29")]
    [TestCase("hace 2 días", "2023-10-30")]
    [TestCase("3 giorni fa", "2023-10-29")]
    [TestCase("há 2 dias", "2023-10-30")]
    [TestCase("2 dagen geleden", "2023-10-30")]
    [TestCase("12 min ago", "2023-11-01")]
    [TestCase("Yesterday at 5:30 pm", "2023-10-31")]
    [TestCase("Heute, 10:32 Uhr", "2023-11-01")]
    [TestCase("hier à 18h05", "2023-10-31")]
    // Near-misses: no day, or prose.
    [TestCase("3 weeks ago", null)]
    [TestCase("vor 2 Monaten", null)]
    [TestCase("Today", null)]
    [TestCase("hier finden Sie 2 Termine", null)]
    [TestCase("Der Stadtrat hat vor 2 Tagen beschlossen, die Brücke über den Neckar zu sperren", null)]
    public void Relative_datelines_count_back_from_the_moment_the_page_was_served(string text, string? day) =>
        Assert.That(DateText.ParseRelative(text, Served)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(day));

    [Test]
    public void A_relative_dateline_under_the_headline_counts_from_the_day_the_masthead_shows_else_from_the_visit()
    {
        var served = PublicationDates.Resolve(
        [
            C("time", "2023-11-01T13:56:20+01:00", zone: "masthead"),
            C("element", "Erstellt: vor 2 Tagen", "published", "header"),
        ], "de", VisitedAt);
        Assert.That((served.PublishedDay, served.PublishedSource), Is.EqualTo(("2023-10-30", "relative-dateline")));
        var updated = PublicationDates.Resolve(
        [
            C("time", "2023-11-01T13:56:20+01:00", zone: "masthead"),
            C("element", "Erstellt: 28. Oktober 2023", "published", "header"),
            C("element", "Aktualisiert: vor 20 Stunden", "modified", "header"),
        ], "de", VisitedAt);
        Assert.That((updated.PublishedDay, updated.Modified?.Iso, updated.ModifiedSource), Is.EqualTo(("2023-10-28", "2023-10-31", "relative-dateline")));
        var visit = PublicationDates.Resolve([C("element", "Published 3 days ago", "published", "header")], "en", VisitedAt);
        Assert.That(visit.PublishedDay, Is.EqualTo("2026-12-01"));
        // Near-misses: a calendar date under the headline comes first; teasers' "2 hours ago" below the text are not the page's.
        var stated = PublicationDates.Resolve([C("element", "3 days ago", "published", "header"), C("element", "24. Oktober 2023", zone: "header")], "de", VisitedAt);
        Assert.That(stated.PublishedDay, Is.EqualTo("2023-10-24"));
        var teasers = PublicationDates.Resolve([C("element", "2 hours ago", zone: "body")], "en", VisitedAt);
        Assert.That(teasers.Published, Is.Null);
    }

    [Test]
    public void The_canonical_address_gives_its_date_where_the_address_visited_has_none()
    {
        Assert.That(PublicationDates.Resolve([], "en", VisitedAt, "https://news.test/story?id=4711", "https://news.test/2021/03/05/cycle-lanes/").PublishedDay,
            Is.EqualTo("2021-03-05"));
        Assert.That(PublicationDates.Resolve([], "en", VisitedAt, "https://news.test/2021/03/04/cycle-lanes/", "https://news.test/2021/03/05/cycle-lanes/").PublishedDay,
            Is.EqualTo("2021-03-04"), "the address visited first");
        Assert.That(PublicationDates.Resolve([], "en", VisitedAt, "https://news.test/story?id=4711", "https://news.test/local/cycle-lanes/").Published, Is.Null);
    }

    [Test]
    public void Where_a_page_states_no_date_its_title_then_its_share_images_address_give_the_estimate_before_its_teasers()
    {
        var teasers = C("short-text", "3. Mai 2021", zone: "page");
        var titled = PublicationDates.Resolve([teasers, C("title", "Protokoll der Sitzung vom 12.03.2021 – Gemeinde", zone: "page")], "de", VisitedAt);
        Assert.That((titled.Estimated?.Iso, titled.EstimatedSource, titled.Published), Is.EqualTo(("2021-03-12", "estimate:title", (StatedDate?)null)));
        var image = PublicationDates.Resolve([teasers, C("image-address", "https://cdn.test/uploads/2021/03/05/lanes.jpg", zone: "page")], "de", VisitedAt);
        Assert.That((image.Estimated?.Iso, image.EstimatedSource), Is.EqualTo(("2021-03-05", "estimate:image-address")));
        // Near-misses: a title's year alone, an image's year and month alone give nothing; the teasers decide.
        var near = PublicationDates.Resolve([teasers, C("title", "Jahresbericht 2021", zone: "page"), C("image-address", "https://cdn.test/uploads/2021/03/lanes.jpg", zone: "page")], "de", VisitedAt);
        Assert.That((near.Estimated?.Iso, near.EstimatedSource), Is.EqualTo(("2021-05-03", "estimate:most-shown")));
    }

    [Test]
    public void Where_a_page_shows_no_date_its_scripts_publication_key_then_its_markups_first_plausible_date_are_the_last_estimates()
    {
        var script = C("script", "2021-03-05T10:12:00Z", "published", "page");
        var markup = new[] { C("markup", "2031-01-01", zone: "page"), C("markup", "2021-03-04", zone: "page") };
        var fromScript = PublicationDates.Resolve([.. markup, script], "en", VisitedAt);
        Assert.That((fromScript.Estimated?.Iso, fromScript.EstimatedSource, fromScript.Published), Is.EqualTo(("2021-03-05T10:12:00Z", "estimate:script", (StatedDate?)null)));
        var fromMarkup = PublicationDates.Resolve(markup, "en", VisitedAt);
        Assert.That((fromMarkup.Estimated?.Iso, fromMarkup.EstimatedSource), Is.EqualTo(("2021-03-04", "estimate:markup")), "a date after the visit is skipped");
        var scriptDate = C("script-date", "2021-03-01", zone: "page");
        Assert.That(PublicationDates.Resolve([scriptDate, .. markup], "en", VisitedAt).EstimatedSource, Is.EqualTo("estimate:markup"), "the markup before any date in scripts");
        Assert.That(PublicationDates.Resolve([scriptDate], "en", VisitedAt).EstimatedSource, Is.EqualTo("estimate:script-date"));
        // Near-misses: the teasers' day comes first; a page that states its date gets no estimate at all.
        var teasers = PublicationDates.Resolve([.. markup, script, C("short-text", "3. Mai 2021", zone: "page")], "de", VisitedAt);
        Assert.That(teasers.EstimatedSource, Is.EqualTo("estimate:most-shown"));
        var dated = PublicationDates.Resolve([.. markup, script, C("element", "March 9, 2021", zone: "header")], "en", VisitedAt);
        Assert.That((dated.PublishedDay, dated.Estimated), Is.EqualTo(("2021-03-09", (StatedDate?)null)));
    }

    [Test]
    public void A_ranker_lets_the_day_readers_are_shown_outweigh_the_tiers_declared_day_where_its_weights_say_so_and_never_the_address_or_an_estimate()
    {
        // Weights of a ranker that learned a dateline under the headline says more than the tiers' pick.
        var weights = new Dictionary<string, double> { [DateRanker.TiersFeature] = 1.0, ["sz:element|header"] = 2.0 };
        var declared = C("json-ld", "2019-04-01T09:00:00Z", "published");
        var shown = C("element", "3 April 2019", zone: "header");
        var ranked = PublicationDates.Resolve([declared, shown], "en", VisitedAt, rankerWeights: weights);
        Assert.That((ranked.PublishedDay, ranked.PublishedSource, ranked.Published?.Iso), Is.EqualTo(("2019-04-03", "element", "2019-04-03")));
        Assert.That(PublicationDates.Resolve([declared, shown], "en", VisitedAt).PublishedDay, Is.EqualTo("2019-04-01"), "without weights, the tiers decide");
        // Near-misses: weights that favour the tiers keep their day; the page's own address stands; a date in a list of
        // other stories is never ranked; a page with no publication date keeps its estimate.
        Assert.That(PublicationDates.Resolve([declared, shown], "en", VisitedAt, rankerWeights: new Dictionary<string, double> { [DateRanker.TiersFeature] = 3.0, ["sz:element|header"] = 2.0 })
            .PublishedDay, Is.EqualTo("2019-04-01"));
        Assert.That(PublicationDates.Resolve([declared, shown], "en", VisitedAt, "https://news.test/2019/04/01/story/", rankerWeights: weights).PublishedDay, Is.EqualTo("2019-04-01"));
        var sidebar = C("element", "3 April 2019", zone: "elsewhere");
        Assert.That(PublicationDates.Resolve([declared, sidebar], "en", VisitedAt, rankerWeights: new Dictionary<string, double> { ["z:elsewhere"] = 9.0 }).PublishedDay,
            Is.EqualTo("2019-04-01"));
        var estimated = PublicationDates.Resolve([C("short-text", "3 April 2019", zone: "page")], "en", VisitedAt, rankerWeights: weights);
        Assert.That((estimated.Published, estimated.EstimatedSource), Is.EqualTo(((StatedDate?)null, "estimate:most-shown")));
    }

    [Test]
    public void The_all_days_experiment_sees_every_day_a_page_states_as_the_day_readers_are_shown_with_the_tier_that_would_take_it()
    {
        // A UTC timestamp late in the evening and the next day shown under the headline are one day; a teaser's date in
        // a list of other stories is a day too, which no tier would take.
        var days = PublicationDates.AllDaysOf(
            [C("json-ld", "2019-04-01T23:30:00Z", "published"), C("element", "2 April 2019", zone: "header"), C("element", "28 March 2019", zone: "elsewhere")],
            "en", VisitedAt);
        Assert.That(days.Select(d => d.Iso), Is.EquivalentTo((string[])["2019-04-02", "2019-03-28"]));
        Assert.That(days.Single(d => d.Iso == "2019-04-02").Features.Keys,
            Does.Contain("s:json-ld").And.Contain("sz:element|header").And.Contain("tier:declared").And.Contain("tier:header"));
        Assert.That(days.Single(d => d.Iso == "2019-03-28").Features.Keys, Does.Contain("tier:none").And.Not.Contain("tier:header"));
        // Near-miss: without the shown day, the timestamp's own day.
        Assert.That(PublicationDates.AllDaysOf([C("json-ld", "2019-04-01T23:30:00Z", "published")], "en", VisitedAt).Single().Iso, Is.EqualTo("2019-04-01"));
    }

    [Test]
    public void The_ranker_learns_from_labelled_pages_which_kind_of_statement_gives_the_gold_day()
    {
        // Ten pages where the header's dateline, five days after the declared date, is the gold day; ten where both agree.
        var pages = Enumerable.Range(1, 20).Select(i =>
        {
            var shownDay = i <= 10 ? i + 5 : i;
            var (days, tiersDay) = PublicationDates.RankingOf([C("json-ld", $"2019-03-{i:D2}", "published"), C("element", $"{shownDay} March 2019", zone: "header")], "en", VisitedAt);
            return (days, Gold: $"2019-03-{shownDay:D2}", tiersDay);
        }).ToList();
        var weights = DateRanker.Train(pages);
        Assert.That(pages.Take(10).All(p => p.tiersDay != p.Gold), "the tiers take the declared day");
        var test = PublicationDates.Resolve([C("json-ld", "2019-05-10", "published"), C("element", "15 May 2019", zone: "header")], "en", VisitedAt, rankerWeights: weights);
        Assert.That(test.PublishedDay, Is.EqualTo("2019-05-15"));
    }
}
