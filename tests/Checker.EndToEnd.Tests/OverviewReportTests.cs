using System.Text.Json;
using Checker.Browser;
using Microsoft.Playwright;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// The HTML report's overview, as a privacy lead opens it after a multi-site run: the shared four-phase audit of the
/// fixture web's consent sites (each with two pages) rendered with `checker report render`, opened in Chromium. Its
/// first screen must say which sites fail what (counts checked against report.json for every site), show each
/// site's banner and tracking by phase, open the folded pages behind a cell, and run nothing from a page.
/// A screenshot of the overview is kept as a test artefact (report-overview.png).
/// </summary>
[NonParallelizable]
public sealed class OverviewReportTests
{
    private SharedRun _shared = null!;
    private string _rendered = "";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;
    private readonly List<string> _dialogs = [];
    private readonly List<string> _requests = [];

    [OneTimeSetUp]
    public async Task RenderAndOpenTheSharedRun()
    {
        _shared = await SharedRuns.ConsentWebAsync();
        _rendered = NewOutputFolder();
        var render = await RunAsync("report", "render", _shared.Out, "--format", "html,md", "--out", _rendered);
        Assert.That(render.ExitCode, Is.Zero, render.ToString());

        var (located, problem) = BrowserLocator.Locate(null);
        Assert.That(located, Is.Not.Null, problem);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = located!.ExecutablePath,
            Headless = true,
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        _page.Dialog += (_, dialog) => { _dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        _page.Request += (_, request) => _requests.Add(request.Url);
        await _page.GotoAsync(new Uri(Path.Combine(_rendered, "report.html")).AbsoluteUri);
        var shot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-overview.png");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
        TestContext.AddTestAttachment(shot, "the overview's first screen");
    }

    [OneTimeTearDown]
    public async Task Close()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [Test]
    public async Task Every_site_shows_the_pages_failing_the_gate_and_each_failing_rule_as_report_json_has_them()
    {
        var failOn = _shared.Report.GetProperty("run").GetProperty("failOn").GetString();
        var order = new[] { "note", "warning", "error" };
        var pages = _shared.Report.GetProperty("pages").EnumerateArray().ToList();
        var expected = pages.GroupBy(p => p.GetProperty("site").GetString()!).ToDictionary(g => g.Key, g => (
            Gate: g.Count(p => p.GetProperty("findings").EnumerateArray().Any(f => IsFail(f) && f.GetProperty("suppression").ValueKind == JsonValueKind.Null
                && Array.IndexOf(order, f.GetProperty("severity").GetString()) >= Array.IndexOf(order, failOn))),
            Rules: g.SelectMany(p => p.GetProperty("findings").EnumerateArray().Where(IsFail).Select(f => (Page: p.GetProperty("url").GetString(), Rule: f.GetProperty("ruleId").GetString()!)))
                .GroupBy(x => x.Rule).ToDictionary(r => r.Key, r => r.Select(x => x.Page).Distinct().Count())));
        Assert.That(expected.Keys, Has.Count.EqualTo(SharedRuns.ConsentSites.Length + SharedRuns.OtherPublisherPages.Length), "a row per site");

        var shown = await _page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('table.matrix tr[data-site]')].map(row => ({
              site: row.dataset.site,
              gate: Number(row.querySelector('[data-count=gate]').textContent),
              rules: [...row.querySelectorAll('td[data-rule] summary')].map(s => ({ rule: s.closest('td').dataset.rule, pages: s.textContent }))
            }))
            """);
        var rows = shown.EnumerateArray().ToDictionary(r => r.GetProperty("site").GetString()!);
        Assert.That(rows.Keys, Is.EquivalentTo(expected.Keys));
        foreach (var (site, want) in expected)
        {
            Assert.That(rows[site].GetProperty("gate").GetInt32(), Is.EqualTo(want.Gate), $"{site}: pages failing the gate");
            var cells = rows[site].GetProperty("rules").EnumerateArray()
                .ToDictionary(c => c.GetProperty("rule").GetString()!, c => int.Parse(c.GetProperty("pages").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(cells, Is.EquivalentTo(want.Rules), $"{site}: pages failing each rule");
        }
        // The fixture web's known verdicts, as a reader would check them on the first screen.
        Assert.That(rows["rejectignored.news.test"].GetProperty("rules").EnumerateArray()
            .Single(c => c.GetProperty("rule").GetString() == "consent.reject-not-respected").GetProperty("pages").GetString(), Is.EqualTo("2"));
        Assert.That(rows["compliant.news.test"].GetProperty("gate").GetInt32(), Is.Zero);
        var firstRows = shown.EnumerateArray().Take(3).Select(r => r.GetProperty("gate").GetInt32()).ToList();
        Assert.That(firstRows, Has.All.GreaterThan(0), "sites that fail come first");
    }

    private static bool IsFail(JsonElement finding) => finding.GetProperty("outcome").GetString() == "fail";

    [Test]
    public async Task The_first_screen_pictures_each_banner_and_tracking_by_phase()
    {
        // Thumbnails in the first screen, a picture per site that has a banner, "none" for a site without one.
        var thumb = await _page.EvaluateAsync<JsonElement>("""
            () => Object.fromEntries([...document.querySelectorAll('table.matrix tr[data-site]')].map(row => [row.dataset.site, {
              picture: !!row.querySelector('td.thumb svg use'), text: row.querySelector('td.thumb').textContent,
              spark: row.querySelector('svg.spark title')?.textContent ?? '', top: row.getBoundingClientRect().top }]))
            """);
        Assert.That(thumb.GetProperty("rejectignored.news.test").GetProperty("picture").GetBoolean(), Is.True);
        Assert.That(thumb.GetProperty("rejectignored.news.test").GetProperty("top").GetDouble(), Is.LessThan(900), "on the first screen");
        Assert.That(thumb.GetProperty("tracking-nobanner.news.test").GetProperty("text").GetString(), Is.EqualTo("none"));
        var spark = thumb.GetProperty("rejectignored.news.test").GetProperty("spark").GetString()!;
        Assert.That(spark, Does.Contain("initial: 0 tracker host(s)").And.Match("reject: [1-9][0-9]* tracker host"),
            "reject not respected, at a glance: no tracker before the choice, trackers after reject");

        // The rendered banner pictures decode: the symbol's image has a size in the browser.
        var decoded = await _page.EvaluateAsync<int>("""
            async () => { const urls = [...document.querySelectorAll('svg.defs image')].map(i => i.getAttribute('href'));
              const sizes = await Promise.all(urls.map(u => new Promise(r => { const img = new Image(); img.onload = () => r(img.naturalWidth); img.onerror = () => r(0); img.src = u; })));
              return sizes.filter(w => w > 0).length; }
            """);
        Assert.That(decoded, Is.GreaterThan(10), "each site with a banner has a picture that the browser decodes");

        // The site's head: the banner, its buttons' prominence, the second layer where it was opened, the chart.
        var head = await _page.EvaluateAsync<JsonElement>("""
            () => { const site = [...document.querySelectorAll('section.site')].find(s => s.querySelector('h2').textContent === 'secondlayer.news.test');
              const headEl = site.querySelector('.site-head');
              return { pictures: headEl.querySelectorAll('figure svg.shot').length, captions: [...headEl.querySelectorAll('figcaption')].map(f => f.textContent),
                       buttons: [...headEl.querySelectorAll('table.prominence tr td:first-child')].map(t => t.textContent), chart: !!headEl.querySelector('svg.chart') }; }
            """);
        Assert.That(head.GetProperty("pictures").GetInt32(), Is.EqualTo(2), "first and second layer");
        Assert.That(head.GetProperty("captions").EnumerateArray().Select(c => c.GetString()), Has.Some.StartsWith("Second layer"));
        Assert.That(head.GetProperty("buttons").GetArrayLength(), Is.GreaterThanOrEqualTo(2));
        Assert.That(head.GetProperty("chart").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Folded_pages_open_from_a_cell_and_pages_are_grouped_by_the_rules_they_fail()
    {
        var groups = await _page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('section.site')].map(s => ({ site: s.querySelector('h2').textContent,
              groups: [...s.querySelectorAll('details.group')].map(g => ({ open: g.open, pages: g.querySelectorAll('section.page').length })) }))
            """);
        var all = groups.EnumerateArray().SelectMany(s => s.GetProperty("groups").EnumerateArray()).ToList();
        Assert.That(all.Sum(g => g.GetProperty("pages").GetInt32()), Is.EqualTo(SharedRuns.PageCount), "every page is reachable once");
        Assert.That(all.Select(g => g.GetProperty("open").GetBoolean()), Has.All.False, "folded: a run of many pages opens on its overview");
        var rejectIgnored = groups.EnumerateArray().Single(s => s.GetProperty("site").GetString() == "rejectignored.news.test").GetProperty("groups");
        Assert.That(rejectIgnored.GetArrayLength(), Is.EqualTo(1), "its two pages fail the same rules: one group");

        var cell = _page.Locator("tr[data-site='rejectignored.news.test'] td[data-rule='consent.reject-not-respected']");
        await cell.Locator("summary").ClickAsync();
        var links = cell.Locator("a");
        Assert.That(await links.CountAsync(), Is.EqualTo(2));
        var target = (await links.First.GetAttributeAsync("href"))!;
        await links.First.ClickAsync();
        var section = _page.Locator(target);
        await section.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 5000 });
        Assert.That(await section.Locator("h4").TextContentAsync(), Does.Contain("rejectignored.news.test"));
        Assert.That(await section.Locator("tr[data-rule='consent.reject-not-respected'] td.fail").CountAsync(), Is.EqualTo(1),
            "the page's own findings show the failure");
    }

    [Test]
    public async Task Nothing_from_a_page_runs_or_loads_and_the_markdown_has_the_same_overview()
    {
        // Hover what is on screen, where an injected handler would sit.
        foreach (var cell in (await _page.Locator("td:visible").AllAsync()).Take(80)) await cell.HoverAsync(new LocatorHoverOptions { Timeout = 2000 });
        Assert.That(_dialogs, Is.Empty);
        Assert.That(await _page.EvaluateAsync<int>("() => document.scripts.length"), Is.EqualTo(1), "only the report's own script");
        Assert.That(await _page.EvaluateAsync<int>("() => document.querySelectorAll('svg:not([data-report]), img:not([src^=\"data:image/\"]), iframe, object, embed').length"), Is.Zero);
        Assert.That(_requests.Where(u => !u.StartsWith("file:", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal)), Is.Empty);

        var md = await File.ReadAllTextAsync(Path.Combine(_rendered, "report.md"));
        Assert.That(md, Does.Contain($"## Sites ({SharedRuns.ConsentSites.Length + SharedRuns.OtherPublisherPages.Length})"));
        Assert.That(md.Split('\n').Single(l => l.StartsWith("| rejectignored.news.test |", StringComparison.Ordinal)), Does.StartWith("| rejectignored.news.test | 2 | ❌ 2 | error |"));
        Assert.That(md.Split('\n').Single(l => l.StartsWith("| compliant.news.test |", StringComparison.Ordinal)), Does.StartWith("| compliant.news.test | 2 | ✅ 0 |"));
    }
}
