using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// The attribution rules on the fixture web's articles, from one real run (initial phase: attribution needs no
/// clicking): the verdicts an editor or a syndication manager would give.
/// </summary>
[NonParallelizable]
public sealed class AttributionTests
{
    private static readonly string[] Rules =
    [
        "attribution.missing-byline", "attribution.missing-date", "attribution.missing-publisher", "attribution.uncredited-wire-copy",
        "attribution.uncredited-correspondent", "attribution.copy-artifacts", "attribution.structured-data",
        "attribution.image-credit-missing", "attribution.unlabelled-sponsored", "attribution.copied-content",
        "attribution.syndication-canonical",
    ];

    // The originals pages are compared with: a folder (an HTML page and a text file with a Source: line) and a URL.
    private const string OriginalUrl = "https://maghreb-daily.news.test/economy/port-casablanca";

    //                                                   byline date publisher wire correspondent artifacts
    //                                                   structured-data image sponsored copied syndication
    // (copied and syndication need 80 words of text: the short fixture articles are not compared)
    private static readonly (string Site, string Verdicts)[] Expected =
    [
        ("byline.news.test/",                            "p p p - p p  p - - - -"),
        ("nobyline.news.test/",                          "F p p - - p  F - - - -"),
        ("wire-uncredited.news.test/",                   "p p p F - p  F - - - -"),
        ("wire-credited.news.test/",                     "p p p p - p  p p - - -"),
        ("undated.news.test/",                           "p F F - - p  F - - - -"),
        ("contradicting.news.test/",                     "p p p - - p  F - - - -"),
        ("photos.news.test/",                            "p p p - - p  p F - - -"),
        ("sponsored-labelled.news.test/",                "p p p - - p  p - p - -"),
        ("sponsored-unlabelled.news.test/",              "p p p - - p  p - F - -"),
        ("copycat.news.test/",                           "p p p - - p  p - - F F"),
        ("syndicated.news.test/",                        "p p p - - p  p - - p p"),
        ("maghreb-daily.news.test/economy/port-casablanca", "p p p - - p  p - - p -"),
        ("coauthors.news.test/",                         "p p p - - p  p - - - -"),
        ("reporting-by.news.test/",                      "p p p - - p  F - - - -"),
    ];

    // Bylines as templates write them without saying so, and the names near them that are not authors.
    private static readonly (string Url, string[] Authors, string Why)[] Bylines =
    [
        ("https://bylines.news.test/author-link/", ["Tex Hollywood"],
            "a link to an author page next to the date is the byline; the author link of the stories below the article is not"),
        ("https://bylines.news.test/posted-by/", ["Rafael Antonio Pineda"],
            "'posted on <date> by <name>' under the headline; not 'Photo by' in the caption, nor 'won by Mayor …' in the text"),
        ("https://bylines.news.test/name-date/", ["Daisy-Mae Schmitt"],
            "a name in an element beside the date; not the name alone in the caption, nor the name beside a date in the list below"),
        ("https://bylines.news.test/contributors/", ["Aaron Klotz"],
            "the structured data names two authors, the byline says the second made contributions: a contributor is not an author"),
        ("https://bylines.news.test/org-author/", [],
            "the structured data declares 'Science Hub' an organisation: Readability repeating the name does not make it a person"),
    ];

    // Debris around names as real bylines carry it, each with the near-miss that must keep reading as it does: who the
    // authors are, and which organisations are credited beside them.
    private static readonly (string Url, string[] Authors, string[] Credits, string Why)[] BylineDebris =
    [
        ("https://bylines.news.test/glued-by/", ["Jane Whitfield"], [], "'ByJane Whitfield': the word 'By' glued to the name by markup"),
        ("https://bylines.news.test/byron/", ["Byron Marsh"], [], "near-miss of the glued 'By': a name that starts with 'By'"),
        ("https://bylines.news.test/review-by/", ["Tom Aldous"], [], "'Review by' introduces the author as 'By' does"),
        ("https://bylines.news.test/words-by/", ["Ana Ruiz"], [], "'Words by Ana Ruiz · Photographs by Lee Chan' in a credits line: the writer, not the photographer"),
        ("https://bylines.news.test/image-credit/", ["Mara Lind"], [], "'Image: Kentucky State Police' in an element whose class says author is a picture credit; 'Author: Mara Lind' is the byline"),
        ("https://bylines.news.test/image-credit-only/", [], [], "'Image: Getty Images' alone is no one's byline"),
        ("https://bylines.news.test/agency-comma/", ["Jane Roe"], ["The Associated Press"], "'By Jane Roe, The Associated Press': a person and an agency"),
        ("https://bylines.news.test/agency-glued/", ["Tomás Herrera"], ["Reuters"], "'Tomás Herrera' and 'Reuters' glued by markup: a person and an agency"),
        ("https://bylines.news.test/place-beside/", ["Jane Roe"], [], "near-miss of the agency: 'By Jane Roe, Washington' names a place, credited to no one"),
        ("https://bylines.news.test/section-label/", [], [], "'Climate Change', a section link beside the date, is a label, not a name"),
        ("https://bylines.news.test/more-stories/", [], [], "the bylines of the latest stories below and of a reader's comment are not the article's"),
        ("https://bylines.news.test/report-cited/", ["Ines Duarte"], [], "'Source: “Global Risks Report 2024”, World Economic Forum' cites a report: no credit of the article"),
    ];

    private string _out = "";
    private JsonElement _report;
    private CliResult _run = null!;

    [OneTimeSetUp]
    public async Task Audit()
    {
        _out = NewOutputFolder();
        _run = await RunAsync(["audit", .. Expected.Select(e => $"https://{e.Site}"), .. Bylines.Select(b => b.Url), .. BylineDebris.Select(b => b.Url),
            .. StrayPunctuation.Select(p => p.Url), .. DatesAsMarked.Select(d => d.Url), "https://dates.news.test/relative-visit/", "--phases", "initial", "--out", _out,
            // Site sessions (the default), each *.news.test publisher a site of its own: the 18 pages of bylines.news.test
            // and those of dates.news.test go one after another in their sessions, beside the other publishers, in pages
            // already open (a fresh context per visit took twice the time and CPU: a renderer each, and the whole
            // banner wait on every page of these publishers without a banner).
            "--concurrency", "4", "--public-suffix-list", FixtureWeb.PublicSuffixListWithFixturePublishers,
            "--reference", Path.Combine(AppContext.BaseDirectory, "References"), "--reference", OriginalUrl, .. FixtureWeb.AuditOptions]);
        _report = ReadReport(_out);
    }

    public static IEnumerable<TestCaseData> Sites() => Expected.Select(e => new TestCaseData(e.Site, e.Verdicts).SetName($"Attribution verdicts on {e.Site.TrimEnd('/')}"));

    [TestCaseSource(nameof(Sites))]
    public void Every_attribution_rule_gives_the_editors_verdict(string site, string verdicts)
    {
        var page = Page(_report, $"https://{site}");
        var expected = verdicts.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(expected, Has.Length.EqualTo(Rules.Length), "one verdict per rule");
        var actual = Rules.Select(r => Outcome(page, r) switch
        {
            "pass" => "p", "fail" => "F", "not-applicable" => "-", "incomplete" => "?", _ => "E",
        }).ToArray();
        Assert.That(string.Join(" ", actual), Is.EqualTo(string.Join(" ", expected)),
            string.Join("\n", Rules.Select(r => $"{r}: {Finding(page, r).GetProperty("message").GetString()}")) + "\n" + _run.Stderr);
    }

    [Test]
    public void Wire_copy_without_credit_is_shown_with_the_agencys_mark()
    {
        var finding = Finding(Page(_report, "https://wire-uncredited.news.test/"), "attribution.uncredited-wire-copy");
        Assert.That(finding.GetProperty("message").GetString(), Does.Contain("AFP"));
        Assert.That(EvidenceValues(finding)[0], Does.StartWith("PARIS (AFP) —"));
        var credited = Finding(Page(_report, "https://wire-credited.news.test/"), "attribution.uncredited-wire-copy");
        Assert.That(EvidenceValues(credited), Does.Contain("AFP"));
    }

    [Test]
    public void The_article_evidence_says_where_each_name_and_date_came_from()
    {
        var article = ReadEvidence(_out, Page(_report, "https://byline.news.test/")).GetProperty("article");
        Assert.That(article.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "Amara Okafor", "Lucas Schmidt" }));
        Assert.That(article.GetProperty("authors")[0].GetProperty("source").GetString(), Is.EqualTo("json-ld"));
        Assert.That(article.GetProperty("datePublishedSource").GetString(), Is.EqualTo("json-ld"));
        Assert.That(article.GetProperty("visibleAuthors").EnumerateArray().Select(a => a.GetString()), Does.Contain("Amara Okafor"));
        Assert.That(article.GetProperty("structuredData").GetProperty("types")[0].GetString(), Is.EqualTo("NewsArticle"));
        Assert.That(article.GetProperty("mainTextSource").GetString(), Is.AnyOf("readability", "dom"));
    }

    [Test]
    public void A_near_copy_of_a_reference_is_reported_with_its_source_and_similarity()
    {
        var copycat = Page(_report, "https://copycat.news.test/");
        var copied = Finding(copycat, "attribution.copied-content");
        Assert.That(copied.GetProperty("message").GetString(), Does.Contain("Maghreb Daily"));
        var reference = copied.GetProperty("evidence").EnumerateArray().First(e => e.GetProperty("kind").GetString() == "reference");
        Assert.That(reference.GetProperty("value").GetString(), Is.EqualTo(OriginalUrl));
        Assert.That(reference.GetProperty("detail").GetString(), Does.Match(@"resemblance 0\.\d\d, containment 0\.9\d|containment 1\.00"));
        var canonical = Finding(copycat, "attribution.syndication-canonical");
        Assert.That(EvidenceValues(canonical), Does.Contain("https://copycat.news.test/"));
        // The credited, canonical-linked republication passes both, naming how it credits.
        var syndicated = Finding(Page(_report, "https://syndicated.news.test/"), "attribution.copied-content");
        Assert.That(syndicated.GetProperty("message").GetString(), Does.Contain("credits it"));
    }

    [Test]
    public void The_references_are_saved_and_evaluate_judges_copies_as_the_audit_did()
    {
        using var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "evidence", "references.json")));
        var references = saved.RootElement.EnumerateArray().ToList();
        Assert.That(references, Has.Count.EqualTo(3), "the HTML file, the text file and the URL");
        Assert.That(references.Select(r => r.GetProperty("url").GetString()), Does.Contain("https://www.city-news.test/tram-extension"));
        Assert.That(references.Count(r => r.GetProperty("url").GetString() == OriginalUrl), Is.EqualTo(2), "the file's canonical link and the URL read");
        Assert.That(references.Single(r => r.GetProperty("source").GetString() == OriginalUrl).GetProperty("publisher").GetString(), Is.EqualTo("Maghreb Daily"));
    }

    [Test]
    public async Task Evaluate_on_the_saved_run_gives_the_same_copy_verdicts()
    {
        var again = NewOutputFolder();
        var run = await RunAsync("evaluate", _out, "--out", again);
        Assert.That(run.ExitCode, Is.EqualTo(_run.ExitCode), run.ToString());
        var report = ReadReport(again);
        foreach (var (site, _) in Expected)
        foreach (var rule in new[] { "attribution.copied-content", "attribution.syndication-canonical" })
            Assert.That(Outcome(Page(report, $"https://{site}"), rule), Is.EqualTo(Outcome(Page(_report, $"https://{site}"), rule)), $"{rule} on {site}");
    }

    [Test]
    public void Contradicting_structured_data_is_shown_next_to_what_the_reader_sees()
    {
        var finding = Finding(Page(_report, "https://contradicting.news.test/"), "attribution.structured-data");
        Assert.That(EvidenceValues(finding), Is.SupersetOf(new[] { "Jane Doe", "Marco Rossi", "2026-10-01T08:00:00Z", "27 November 2026" }));
    }

    [Test]
    public void The_uncredited_image_and_the_undisclosed_sponsor_are_named()
    {
        var images = Finding(Page(_report, "https://photos.news.test/"), "attribution.image-credit-missing");
        Assert.That(images.GetProperty("message").GetString(), Does.StartWith("1 of 2"));
        Assert.That(images.GetProperty("evidence")[0].GetProperty("detail").GetString(), Does.Contain("Rescuers evacuate residents by boat."));
        var sponsored = Finding(Page(_report, "https://sponsored-unlabelled.news.test/"), "attribution.unlabelled-sponsored");
        Assert.That(EvidenceValues(sponsored), Is.SupersetOf(new[] { "Goldvault Ltd", "https://goldvault.test/buy", "Sponsored" }));
        var labelled = Finding(Page(_report, "https://sponsored-labelled.news.test/"), "attribution.unlabelled-sponsored");
        Assert.That(EvidenceValues(labelled), Does.Contain("Sponsored content"));
    }

    [Test]
    public async Task A_reference_that_does_not_exist_is_one_line_and_exit_code_2()
    {
        var run = await RunAsync("audit", "https://byline.news.test/", "--reference", "/no/such/originals", "--out", NewOutputFolder());
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr.Trim(), Does.Contain("--reference /no/such/originals: no such file or folder"));
        Assert.That(run.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void Co_authors_shown_in_the_byline_complete_the_structured_data_and_the_day_is_the_one_readers_see()
    {
        var article = ReadEvidence(_out, Page(_report, "https://coauthors.news.test/")).GetProperty("article");
        Assert.That(article.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "Chris E. Hayner", "Tom Caswell" }));
        // Stated in UTC as the 22nd; shown to readers as the 21st.
        Assert.That(article.GetProperty("datePublished").GetString(), Is.EqualTo("2023-12-22T03:22:07Z"));
        Assert.That(article.GetProperty("publishedDay").GetString(), Is.EqualTo("2023-12-21"));
    }

    [Test]
    public void A_reporting_by_line_in_the_body_credits_the_agency()
    {
        var page = Page(_report, "https://reporting-by.news.test/");
        var byline = Finding(page, "attribution.missing-byline");
        Assert.That(byline.GetProperty("message").GetString(), Does.Contain("The Associated Press"));
        var article = ReadEvidence(_out, page).GetProperty("article");
        Assert.That(article.GetProperty("credits")[0].GetProperty("source").GetString(), Is.EqualTo("closing-credit"));
    }

    public static IEnumerable<TestCaseData> BylineCases() =>
        Bylines.Select(b => new TestCaseData(b.Url, b.Authors, b.Why).SetName($"Authors of {b.Url}"));

    [TestCaseSource(nameof(BylineCases))]
    public void Authors_are_read_from_bylines_that_no_markup_names(string url, string[] authors, string why)
    {
        var article = ReadEvidence(_out, Page(_report, url)).GetProperty("article");
        Assert.That(article.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()), Is.EqualTo(authors),
            why + "\n" + article.GetProperty("candidates"));
    }

    public static IEnumerable<TestCaseData> BylineDebrisCases() =>
        BylineDebris.Select(b => new TestCaseData(b.Url, b.Authors, b.Credits, b.Why).SetName($"Authors and credits of {b.Url}"));

    [TestCaseSource(nameof(BylineDebrisCases))]
    public void Bylines_are_cleaned_of_what_is_not_an_authors_name(string url, string[] authors, string[] credits, string why)
    {
        var article = ReadEvidence(_out, Page(_report, url)).GetProperty("article");
        var message = why + "\n" + article.GetProperty("candidates");
        Assert.That(article.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()), Is.EqualTo(authors), message);
        Assert.That(article.GetProperty("credits").EnumerateArray().Select(a => a.GetProperty("name").GetString()), Is.EqualTo(credits), message);
    }

    // Publication dates where a page marks them in unusual ways, each with its near-miss: the day readers are given, or none.
    private static readonly (string Url, string? Day, string Why)[] DatesAsMarked =
    [
        ("https://dates.news.test/posted-at/", "2020-04-28", "a blog post whose only date is the 'posted at' abbr in the post's footer: one marked date, the page's own"),
        ("https://dates.news.test/posted-at-disagree/", null, "near-miss: the footer's date and a popular post's in the sidebar disagree, so neither is the page's"),
        ("https://dates.news.test/calendar-badge/", "2013-04-04", "a calendar badge 'Apr 04' over '2013', read as one text 'Apr 042013'"),
        ("https://dates.news.test/month-badge/", null, "near-miss: 'Apr' over '2013' gives no day"),
        ("https://dates.news.test/dateline/", "2022-02-02", "the dateline '02.02.2022 •' under the standfirst, not the decree's date the standfirst's sentence mentions"),
        ("https://dates.news.test/date-in-sentence/", "2022-01-28", "near-miss: with no dateline, the date the standfirst mentions is all the page says"),
        ("https://dates.news.test/written-updated/", "2023-11-07", "'Written: … / Updated: …': the label that comes first is the first date's, a publication"),
        ("https://dates.news.test/updated-only/", null, "near-miss: a page that states only when it was updated states no publication date"),
        ("https://dates.news.test/declared-disagree/", "2019-04-03", "the dateline shown under the headline, which the declared dateModified confirms, over a draft's datePublished two years before"),
        ("https://dates.news.test/declared-alone/", "2017-08-21", "near-miss: nothing declared confirms the shown date, so the declared datePublished stands"),
        ("https://dates.news.test/kicker-dateline/", "2022-01-21", "the dateline above the headline, in the main box that holds the text, though the site's header bar is a 'content' box too"),
        ("https://dates.news.test/topbar-date/", null, "near-miss: today's date in the site's header bar is not the article's"),
        ("https://dates.news.test/masthead-today/", "2023-10-31", "the column's own date under its text, not the day the portal served the page, shown with a <time> above the headline outside the box of the headline and the text (the kicker above is the near-miss: inside that box, it is the story's)"),
        ("https://dates.news.test/meta-aside/", "2023-10-18", "the date in the article's meta aside, though a reader's comment below is longer than any paragraph of the story"),
        ("https://dates.news.test/comment-date/", null, "near-miss: a reader's comment and a popular story in the sidebar are all that is dated"),
        ("https://dates.news.test/tag-cloud/", "2023-10-18", "the date in the article's meta aside, though the menu's tag cloud is one <p> longer than any paragraph of the story"),
        ("https://dates.news.test/link-rich-text/", "2023-10-18", "near-miss: the story's longest paragraph has links in it and is still the story's text"),
        ("https://dates.news.test/print-footer/", null, "a town's front page dated only by its print footer's hidden 'Stand:' line states no publication date"),
        ("https://dates.news.test/front-page/", null, "a front page whose only dates are its teasers' states no publication date of its own"),
        ("https://dates.news.test/updated-article/", null, "an article that says only when it was last updated states no publication date"),
        ("https://dates.news.test/declared-day/", "2020-04-29", "a day declared with no time, a day from the dateline shown ('29.04.2020, 12:01 Uhr'): the day readers are shown"),
        ("https://dates.news.test/declared-day-apart/", "2020-04-30", "near-miss: a dateline days from the declared day is not the same story's day told in another zone; the declared day stands"),
        ("https://dates.news.test/events-and-stand/", null, "a front page whose text mentions a date in a sentence and whose print footer says 'Stand:' states no publication date"),
        ("https://dates.news.test/relative-served/", "2023-10-30", "'Erstellt: vor 2 Tagen' under the headline, counted back from the day the masthead shows the page was served"),
        ("https://dates.news.test/relative-teasers/", null, "near-miss: the '2 hours ago' of the latest stories below the article are not its date"),
        ("https://dates.news.test/by-id/?id=4711", "2021-03-05", "a story visited under an id whose canonical address is dated /2021/03/05/"),
        ("https://dates.news.test/by-id-undated/?id=4711", null, "near-miss: a canonical address with no date in it gives none"),
        ("https://dates.news.test/share-image/", null, "a page dated only by the address of its share image states no publication date"),
        ("https://dates.news.test/minutes-title/", null, "a page dated only by its title states no publication date"),
        ("https://dates.news.test/crowded-sidebar/", "2023-12-19", "the dateline under the headline, though a sidebar of 50 dated stories comes first in the page"),
        ("https://dates.news.test/data-layer/", null, "a page dated only by its data layer's 'publishDate' states no publication date readers see"),
        ("https://dates.news.test/data-layer-other/", null, "near-miss: nor by its data layer's update time"),
        ("https://dates.news.test/data-layer-expiry/", null, "nor by an offer's expiry date"),
        ("https://dates.news.test/inline-image/", null, "a page dated only by the address of an image in its text states no publication date"),
        ("https://dates.news.test/inline-image-dated/", "2021-03-09", "near-miss: the dateline under the headline, not the older day in the address of the image below it"),
        ("https://dates.news.test/footer-dotted/", null, "a page dated only by a long sentence of its footer states no publication date"),
        ("https://dates.news.test/footer-slashed/", null, "near-miss: nor with a slashed date there"),
        ("https://dates.news.test/date-tooltip/", "2018-12-12", "a post whose only date is the tooltip of its 'Permalink' marked as the entry's date"),
        ("https://dates.news.test/date-tooltip-sidebar/", null, "near-miss: the same tooltip on a popular post in the sidebar is not this page's date"),
        ("https://dates.news.test/date-separators/", "2017-09-01", "a theme's dateline 'Fri | September 1 | 2017'"),
        ("https://dates.news.test/issue-separators/", null, "near-miss: 'Issue 9 | 2017' names no month"),
        ("https://dates.news.test/two-digit-year/", "1999-10-11", "a dateline with a two-digit year of the nineties, '11/10/99', on a British page"),
        ("https://dates.news.test/two-digit-year-recent/", "2025-10-11", "near-miss: '11/10/25' is of this century"),
        ("https://dates.news.test/subline/", "2022-02-02", "a long story's subline (one of htmldate's date expressions) under its text, over a date its first paragraph mentions"),
        ("https://dates.news.test/calendar-icon/", "2022-02-02", "the line a calendar icon starts"),
        ("https://dates.news.test/small-line/", "2022-02-02", "a <small> line under the text"),
        ("https://dates.news.test/subline-plain/", "2022-01-28", "near-miss: the same line in a box nothing marks is a sentence of the text; the first paragraph's date comes first"),
    ];

    // Where a page states no publication date, its date is estimated as htmldate's last resort does (and the
    // missing-date rule still fails: an estimate is no publication date); a page that shows no date gets none.
    private static readonly (string Url, string? Estimate, string? Source, string Why)[] DatesEstimated =
    [
        ("https://dates.news.test/print-footer/", "2017-10-09", "estimate:labelled", "the date under a label anywhere on the page, hidden ones too"),
        ("https://dates.news.test/events-and-stand/", "2017-10-09", "estimate:labelled", "the 'Stand:' date the page labels, not the date a sentence of its text mentions (the near-miss, date-in-sentence: with no label, that date is all the page says)"),
        ("https://dates.news.test/front-page/", "2021-05-03", "estimate:most-shown", "the day the page's short texts show most: three of its five teasers"),
        ("https://dates.news.test/updated-only/", "2023-11-09", "estimate:modified:", "the date the page says it was updated: its date, not its publication"),
        ("https://dates.news.test/updated-article/", "2023-11-14", "estimate:modified:", "an article's update date: missing-date fails and names it"),
        ("https://dates.news.test/minutes-title/", "2021-03-12", "estimate:title", "the date its title writes ('Protokoll der Sitzung vom 12.03.2021')"),
        ("https://dates.news.test/share-image/", "2021-03-05", "estimate:image-address", "the date in its share image's address (/uploads/2021/03/05/)"),
        ("https://dates.news.test/by-id-undated/?id=4711", null, null, "near-miss: the same page with no share image, no date in its canonical address, has none"),
        ("https://dates.news.test/data-layer/", "2021-03-05", "estimate:script", "a page that shows no date, whose data layer script holds its 'publishDate' (htmldate's rescue of the whole HTML)"),
        ("https://dates.news.test/data-layer-other/", "2021-03-09", "estimate:script-date", "a data layer with no publication key: its update time, the first date its scripts write, comes last of all (an offer's expiry date beside it never)"),
        ("https://dates.news.test/data-layer-expiry/", null, null, "near-miss: a data layer whose only date is an offer's expiry date gives none"),
        ("https://dates.news.test/inline-image/", "2021-03-05", "estimate:markup", "a page that shows no date: the first whole date its markup writes, an inline image's /2021/03/05/ address"),
        ("https://dates.news.test/inline-image-dated/", null, null, "near-miss: a page whose dateline states its publication gets no estimate from its markup"),
        ("https://dates.news.test/footer-dotted/", "2021-03-05", "estimate:markup", "a page that shows no date but in a long sentence of its footer: a day-first date with dots ('05.03.2021') its markup writes"),
        ("https://dates.news.test/footer-slashed/", null, null, "near-miss: '03/05/2021' could be month first or day first, and is not read"),
        ("https://undated.news.test/", null, null, "near-miss: a page that shows no date at all has none, estimated or stated"),
        ("https://dates.news.test/dateline/", null, null, "near-miss: a page that states its publication date gets no estimate, though it shows other dates"),
    ];

    public static IEnumerable<TestCaseData> DatesEstimatedCases() =>
        DatesEstimated.Select(d => new TestCaseData(d.Url, d.Estimate, d.Source, d.Why).SetName($"Estimated date of {d.Url}"));

    [TestCaseSource(nameof(DatesEstimatedCases))]
    public void A_page_that_states_no_publication_date_gets_an_estimate_of_its_date_and_still_fails_missing_date(string url, string? estimate, string? source,
        string why)
    {
        var page = Page(_report, url);
        var article = ReadEvidence(_out, page).GetProperty("article");
        string? Text(string name) => article.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
        Assert.That(Text("dateEstimated")?[..10], Is.EqualTo(estimate), why + "\n" + article.GetProperty("dateCandidates"));
        if (source is null) Assert.That(Text("dateEstimatedSource"), Is.Null, why);
        else Assert.That(Text("dateEstimatedSource"), Does.StartWith(source), why);
        if (estimate is null) return;
        Assert.That(Text("datePublished"), Is.Null, why);
        // An article among them fails missing-date and names the estimate; a page that is no article (a front page) is
        // not judged, and never passes.
        var missing = Finding(page, "attribution.missing-date");
        Assert.That(missing.GetProperty("outcome").GetString(), Is.AnyOf("fail", "not-applicable"), why);
        if (missing.GetProperty("outcome").GetString() == "fail") Assert.That(missing.GetProperty("message").GetString(), Does.Contain(estimate), why);
        if (url.Contains("updated-article", StringComparison.Ordinal)) Assert.That(missing.GetProperty("outcome").GetString(), Is.EqualTo("fail"), why);
    }

    [Test]
    public void A_relative_dateline_with_nothing_to_count_from_on_the_page_counts_back_from_the_visit()
    {
        var evidence = ReadEvidence(_out, Page(_report, "https://dates.news.test/relative-visit/"));
        var visited = evidence.GetProperty("startedAt").GetDateTimeOffset().UtcDateTime;
        var article = evidence.GetProperty("article");
        Assert.That(article.GetProperty("publishedDay").GetString(), Is.EqualTo(visited.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            "'Published 2 days ago' in the byline\n" + article.GetProperty("dateCandidates"));
        Assert.That(article.GetProperty("datePublishedSource").GetString(), Is.EqualTo("relative-dateline"));
    }

    public static IEnumerable<TestCaseData> DatesAsMarkedCases() =>
        DatesAsMarked.Select(d => new TestCaseData(d.Url, d.Day, d.Why).SetName($"Publication day of {d.Url}"));

    [TestCaseSource(nameof(DatesAsMarkedCases))]
    public void A_date_marked_once_outside_the_header_or_glued_in_a_badge_is_the_publication_day(string url, string? day, string why)
    {
        var article = ReadEvidence(_out, Page(_report, url)).GetProperty("article");
        var published = article.GetProperty("publishedDay");
        Assert.That(published.ValueKind == System.Text.Json.JsonValueKind.String ? published.GetString() : null, Is.EqualTo(day),
            why + "\n" + article.GetProperty("dateCandidates"));
    }

    // A line of lone punctuation between two paragraphs is a leftover of copying; a section break ("* * *") is not.
    private static readonly (string Url, string Outcome)[] StrayPunctuation =
        [("https://artifacts.news.test/stray/", "fail"), ("https://artifacts.news.test/section-break/", "pass")];

    [Test]
    public void A_line_of_lone_punctuation_inside_the_text_is_a_copy_leftover_and_a_section_break_is_not()
    {
        foreach (var (url, outcome) in StrayPunctuation)
            Assert.That(Outcome(Page(_report, url), "attribution.copy-artifacts"), Is.EqualTo(outcome), url);
        Assert.That(EvidenceValues(Finding(Page(_report, StrayPunctuation[0].Url), "attribution.copy-artifacts")), Is.EqualTo(new[] { "." }));
    }

    [Test]
    public void An_organisation_declared_as_the_author_is_credited_and_the_byline_rule_passes()
    {
        var page = Page(_report, "https://bylines.news.test/org-author/");
        var credits = ReadEvidence(_out, page).GetProperty("article").GetProperty("credits").EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.That(credits, Is.SupersetOf(new[] { "Science Hub", "University of Tokyo" }));
        Assert.That(Outcome(page, "attribution.missing-byline"), Is.EqualTo("pass"));
    }
}
