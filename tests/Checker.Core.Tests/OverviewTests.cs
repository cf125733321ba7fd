using Checker.Core.Findings;
using Checker.Core.Rules;
using Checker.Reporting;
using SkiaSharp;

namespace Checker.Core.Tests;

/// <summary>
/// The report's overview, from report.json alone: sites by registrable domain, pages failing the gate, the worst
/// severity, the rules failing per site, pages grouped by the set of rules they fail, the baseline per site; and the
/// pictures, each distinct one stored once and scaled down.
/// </summary>
public sealed class OverviewTests
{
    private static readonly RuleEngine Engine = BuiltInRules.LoadEngine(TestPaths.Rules);

    private static Finding F(string url, string rule, Outcome outcome, Severity severity, string evidence = "x") => new()
    {
        RuleId = rule,
        Outcome = outcome,
        Severity = severity,
        Message = rule,
        Evidence = [new EvidenceItem("cookie", evidence)],
        Fingerprint = FindingFingerprint.Of(url, rule, [new EvidenceItem("cookie", evidence)]),
    };

    private static PageReport Page(string url, string site, params (string Rule, Outcome Outcome, Severity Severity)[] findings) => new()
    {
        Url = url,
        Site = site,
        Status = PageStatus.Audited,
        Findings = [.. findings.Select(f => F(url, f.Rule, f.Outcome, f.Severity))],
    };

    private const string Tracking = "consent.tracking-before-consent";
    private const string NoReject = "consent.no-reject-first-layer";
    private const string Unequal = "consent.unequal-prominence";

    /// <summary>Two sites: news.example.co.uk's template fails two rules on two pages and one on a third, one page was not
    /// audited; quiet.test passes everywhere but one warning.</summary>
    private static IReadOnlyList<PageReport> Pages() =>
    [
        Page("https://news.example.co.uk/a", "example.co.uk", (Tracking, Outcome.Fail, Severity.Error), (NoReject, Outcome.Fail, Severity.Error), (Unequal, Outcome.Pass, Severity.Warning)),
        Page("https://quiet.test/1", "quiet.test", (Tracking, Outcome.Pass, Severity.Error), (Unequal, Outcome.Fail, Severity.Warning)),
        Page("https://www.example.co.uk/b", "example.co.uk", (NoReject, Outcome.Fail, Severity.Error), (Tracking, Outcome.Fail, Severity.Error)),
        Page("https://example.co.uk/c", "example.co.uk", (Tracking, Outcome.Pass, Severity.Error), (NoReject, Outcome.Fail, Severity.Error)),
        new PageReport { Url = "https://example.co.uk/down", Site = "example.co.uk", Status = PageStatus.Failed, Error = "net::ERR_CONNECTION_REFUSED" },
        Page("https://quiet.test/2", "quiet.test", (Tracking, Outcome.Pass, Severity.Error)),
    ];

    private static RunReport Report(IReadOnlyList<PageReport> pages, RunReport? baseline = null) => ReportBuilder.Build(
        new ToolInfo("checker", "1.2.3"),
        new RunInfo
        {
            Command = "crawl",
            StartedAt = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 12, 5, 10, 9, 0, TimeSpan.Zero),
            FailOn = Severity.Error,
        },
        Engine.Catalog, pages, baseline, baseline is null ? null : "before/report.json");

    [Test]
    public void Sites_are_counted_by_pages_failing_the_gate_worst_severity_and_rule()
    {
        var sites = SiteOverview.Build(Report(Pages()));
        Assert.That(sites.Select(s => s.Site), Is.EqualTo(new[] { "example.co.uk", "quiet.test" }), "the failing site first");
        var example = sites[0];
        Assert.That((example.Pages.Count, example.Audited, example.NotAudited, example.PagesFailingGate), Is.EqualTo((4, 3, 1, 3)));
        Assert.That(example.Worst, Is.EqualTo(Severity.Error));
        Assert.That(example.FailingPagesByRule[NoReject].Select(p => p.Url),
            Is.EqualTo(new[] { "https://news.example.co.uk/a", "https://www.example.co.uk/b", "https://example.co.uk/c" }));
        Assert.That(example.FailingPagesByRule[Tracking], Has.Count.EqualTo(2));
        Assert.That(example.FailingPagesByRule.ContainsKey(Unequal), Is.False, "it passed on that site");

        var quiet = sites[1];
        Assert.That((quiet.PagesFailingGate, quiet.Worst), Is.EqualTo((0, Severity.Warning)), "a warning fails no error gate but is the worst there");
    }

    [Test]
    public void Pages_are_grouped_by_the_set_of_rules_they_fail()
    {
        var example = SiteOverview.Build(Report(Pages()))[0];
        var groups = example.Groups.Select(g => (g.NotAudited, Rules: string.Join(",", g.FailingRules), Pages: string.Join(" ", g.Pages.Select(p => p.Url)))).ToList();
        Assert.That(groups, Is.EqualTo(new[]
        {
            (true, "", "https://example.co.uk/down"),
            (false, $"{NoReject},{Tracking}", "https://news.example.co.uk/a https://www.example.co.uk/b"),
            (false, NoReject, "https://example.co.uk/c"),
        }), "failing the same rules in another order is the same group; the page not audited stands apart");
        var quiet = SiteOverview.Build(Report(Pages()))[1];
        Assert.That(quiet.Groups.Select(g => g.FailingRules.Count), Is.EqualTo(new[] { 1, 0 }));
    }

    [Test]
    public void A_report_without_sites_recorded_groups_by_host_without_www()
    {
        var pages = Pages().Select(p => p with { Site = null }).ToList();
        var sites = SiteOverview.Build(Report(pages)).Select(s => s.Site).ToList();
        Assert.That(sites, Is.EquivalentTo(new[] { "news.example.co.uk", "example.co.uk", "quiet.test" }));
    }

    [Test]
    public void With_a_baseline_each_site_says_what_is_new_unchanged_and_fixed()
    {
        var before = Report(Pages());
        // Now: quiet.test's warning is gone (fixed); on example.co.uk page c newly fails tracking.
        var now = Pages().Select(p => p.Url switch
        {
            "https://quiet.test/1" => Page(p.Url, "quiet.test", (Tracking, Outcome.Pass, Severity.Error), (Unequal, Outcome.Pass, Severity.Warning)),
            "https://example.co.uk/c" => Page(p.Url, "example.co.uk", (Tracking, Outcome.Fail, Severity.Error), (NoReject, Outcome.Fail, Severity.Error)),
            _ => p,
        }).ToList();
        var sites = SiteOverview.Build(Report(now, before)).ToDictionary(s => s.Site);
        Assert.That(sites["example.co.uk"].Baseline, Is.EqualTo(new SiteBaseline(New: 1, Unchanged: 5, Fixed: 0)));
        Assert.That(sites["quiet.test"].Baseline, Is.EqualTo(new SiteBaseline(New: 0, Unchanged: 0, Fixed: 1)));
    }

    [Test]
    public void The_markdown_report_leads_with_site_lines_and_the_matrix_capped_for_a_comment()
    {
        var md = MarkdownReporter.Render(Report(Pages()));
        var sites = md.IndexOf("## Sites (2)", StringComparison.Ordinal);
        Assert.That(sites, Is.GreaterThan(0).And.LessThan(md.IndexOf("## Failing", StringComparison.Ordinal)), "the overview comes before the list");
        Assert.That(md, Does.Contain($"| Site | Pages | Fail the gate | Worst | `{NoReject}` | `{Tracking}` | `{Unequal}` |"));
        Assert.That(md, Does.Contain("| example.co.uk | 4 (1 not audited) | ❌ 3 | error | 3 | 2 | · |"));
        Assert.That(md, Does.Contain("| quiet.test | 2 | ✅ 0 | warning | · | · | 1 |"));

        var many = Enumerable.Range(1, MarkdownReporter.MaxSites + 5)
            .Select(i => Page($"https://site{i}.test/", $"site{i}.test", (Tracking, Outcome.Fail, Severity.Error))).ToList();
        var capped = MarkdownReporter.Render(Report(many));
        Assert.That(capped, Does.Contain("… and 5 more sites in report.html."));
        Assert.That(capped.Split('\n').Count(l => l.StartsWith("| site", StringComparison.Ordinal)), Is.EqualTo(MarkdownReporter.MaxSites));
    }

    [Test]
    public void The_html_overview_has_a_row_per_site_and_a_cell_per_failing_rule_that_lists_its_pages()
    {
        var html = HtmlReporter.Render(ReportFolder.From(Path.GetTempPath(), Report(Pages())));
        var overview = html[html.IndexOf("id=\"overview\"", StringComparison.Ordinal)..html.IndexOf("<div class=\"filters\"", StringComparison.Ordinal)];
        Assert.That(overview, Does.Contain("data-count=\"gate\" class=\"bad\">3</td>"));
        Assert.That(overview, Does.Contain($"data-rule=\"{NoReject}\"><details><summary>3</summary>"));
        Assert.That(overview, Does.Contain("href=\"#p-4\">https://example.co.uk/c</a>"), "the cell lists the page, linking to its section");
        Assert.That(html, Does.Contain("<section class=\"page\" id=\"p-4\">"));
        Assert.That(html, Does.Match("<details class=\"rules\"><summary>All [0-9]+ rules by outcome"), "the rules, those passing everywhere too, are folded");
        Assert.That(System.Text.RegularExpressions.Regex.Matches(html, "<details class=\"group\"").Count, Is.EqualTo(5),
            "example.co.uk: not audited, two rules, one rule; quiet.test: one rule, none");
    }

    private static byte[] Png(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var canvas = new SKCanvas(bitmap);
        canvas.DrawRect(10, 10, width / 3f, height / 4f, new SKPaint { Color = SKColors.Black });
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Test]
    public void Each_distinct_picture_is_stored_once_and_wide_ones_are_scaled_down()
    {
        var images = new ReportImages();
        var banner = Png(1280, 200, SKColors.White);
        var first = images.Add(banner, 720);
        var again = images.AddLazy([.. banner], 720);
        Assert.That(again, Is.SameAs(first), "the same bytes are one picture");
        Assert.That((first!.Width, first.Height, first.Mime), Is.EqualTo((720, 112, "image/jpeg")));
        var small = images.Add(Png(300, 100, SKColors.Yellow), 720)!;
        Assert.That((small.Width, small.Mime), Is.EqualTo((300, "image/png")), "a picture that fits is kept as it is");
        Assert.That(images.Count, Is.EqualTo(2));
        var definitions = images.Definitions();
        Assert.That(System.Text.RegularExpressions.Regex.Matches(definitions, "<symbol ").Count, Is.EqualTo(2));
        Assert.That(first.Markup("banner", 480), Does.Contain($"<use href=\"#{first.Id}\"/>").And.Contain("width=\"480\" height=\"75\""));
        Assert.That(images.Add([1, 2, 3, 4], 720), Is.Null, "not an image");
    }

    [Test]
    public void Past_its_share_of_the_budget_a_page_picture_is_left_out_but_a_site_picture_still_fits()
    {
        var picture = Png(200, 100, SKColors.Red);
        var size = (picture.Length + 2) / 3 * 4L;
        var images = new ReportImages(budgetBytes: (long)(size * 1.2 / ReportImages.PageShare));
        // The pages' share holds one picture (and a fifth), the whole budget more than two.
        var page = images.AddLazy(Png(200, 100, SKColors.Red), 720);
        Assert.That(page, Is.Not.Null);
        Assert.That(page!.Markup("viewport", 320), Does.StartWith("<img class=\"shot\" loading=\"lazy\"").And.Contain("src=\"data:image/png;base64,"),
            "a page's own picture is inlined where it is shown, loaded when its page is unfolded");
        Assert.That(images.AddLazy(Png(200, 100, SKColors.Blue), 720), Is.Null, "past the pages' share");
        Assert.That(images.Add(Png(200, 100, SKColors.Green), 720), Is.Not.Null, "the overview's own share");
        Assert.That((images.Count, images.LazyCount), Is.EqualTo((1, 1)));
        Assert.That(images.UsedBytes, Is.LessThanOrEqualTo((long)(size * 1.2 / ReportImages.PageShare)));
    }
}
