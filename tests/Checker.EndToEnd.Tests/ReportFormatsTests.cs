using System.Text.Json;
using System.Xml.Linq;
using Checker.Browser;
using Json.Schema;
using Microsoft.Playwright;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// Every report format from one real run, read the way its consumers read it: the HTML report opened in Chromium
/// (with a page whose cookie names and banner text are markup and script), JUnit parsed, SARIF checked against the
/// official schema; and the saved run re-evaluated and re-rendered without a browser.
/// </summary>
[Parallelizable]
public sealed class ReportFormatsTests
{
    private const string Hostile = "https://hostile.news.test/";
    private const string RejectIgnored = "https://rejectignored.news.test/";
    private string _out = "";
    private CliResult _run = null!;
    private JsonElement _report;

    [OneTimeSetUp]
    public async Task AuditInEveryFormat()
    {
        _out = NewOutputFolder();
        _run = await RunAsync(["audit", Hostile, RejectIgnored, "--phases", "initial,reject", "--format", "json,html,junit,sarif,md",
            "--out", _out, .. FixtureWeb.AuditOptions]);
        _report = ReadReport(_out);
    }

    [Test]
    public void Every_format_is_written_from_the_same_run()
    {
        Assert.That(_run.ExitCode, Is.EqualTo(1), _run.ToString());
        foreach (var file in new[] { "report.json", "report.html", "report.junit.xml", "report.sarif", "report.md" })
            Assert.That(File.Exists(Path.Combine(_out, file)), Is.True, file);
        var cookies = ReadEvidence(_out, Page(_report, Hostile)).GetProperty("cookies").EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.That(cookies, Does.Contain("<script>alert(3)</script>"), "the hostile cookie name is in the evidence, so the reports must carry it");
    }

    [Test]
    public async Task The_html_report_shows_page_markup_as_text_and_runs_nothing_from_the_page()
    {
        var (located, problem) = BrowserLocator.Locate(null);
        Assert.That(located, Is.Not.Null, problem);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = located!.ExecutablePath,
            Headless = true,
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
        var page = await browser.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);

        await page.GotoAsync(new Uri(Path.Combine(_out, "report.html")).AbsoluteUri);
        // Hover and click over the findings, where an injected handler would sit.
        foreach (var cell in (await page.Locator("td:visible").AllAsync()).Take(60)) await cell.HoverAsync(new LocatorHoverOptions { Timeout = 2000 });

        Assert.That(await page.TitleAsync(), Is.EqualTo("Checker report"));
        Assert.That(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), Is.True);
        Assert.That(dialogs, Is.Empty, "no alert() ran");
        Assert.That(await page.EvaluateAsync<int>("() => document.scripts.length"), Is.EqualTo(1), "only the report's own script");
        Assert.That(await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"), Is.Zero,
            "no element carries an event handler");
        Assert.That(await page.EvaluateAsync<int>("() => document.querySelectorAll('svg:not([data-report]), img:not([src^=\"data:image/\"]), table table').length"), Is.Zero,
            "no element from the page's text became markup (the report's own pictures and charts are marked as its own)");
        Assert.That(requests.Where(u => !u.StartsWith("file:", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal)), Is.Empty);
        Assert.That(console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)), Is.Empty,
            "nothing even tried to run: the text was never markup");

        // textContent: the cookie tables sit in collapsed <details>.
        var text = await page.EvaluateAsync<string>("() => document.body.textContent");
        Assert.That(text, Does.Contain("<script>alert(3)</script>"), "the cookie name is shown, as text");
        Assert.That(text, Does.Contain("<script>window.__pwned = 1"), "the banner text is shown, as text");

        // The report's own script does run under its policy: filtering by outcome hides the other rows.
        await page.SelectOptionAsync("#f-outcome", "fail");
        var shown = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('tr[data-outcome]')].filter(r => !r.hidden).map(r => r.dataset.outcome)");
        Assert.That(shown, Is.Not.Empty.And.All.EqualTo("fail"));
    }

    [Test]
    public void Control_characters_and_bidi_overrides_from_the_page_act_on_no_reader_of_any_report()
    {
        // The hostile page puts terminal escapes (a title change, a screen clear, colours), a bell, a NUL and a
        // right-to-left override into its banner text and headline.
        var html = File.ReadAllText(Path.Combine(_out, "report.html"));
        Assert.That(html, Does.Contain("pwned-osc"), "the banner text is in the HTML report, so the check below means something");
        var texts = new Dictionary<string, string>
        {
            ["stdout"] = _run.Stdout,
            ["stderr"] = _run.Stderr,
            ["report.html"] = html,
            ["report.md"] = File.ReadAllText(Path.Combine(_out, "report.md")),
            ["report.junit.xml"] = File.ReadAllText(Path.Combine(_out, "report.junit.xml")),
            ["report.sarif"] = File.ReadAllText(Path.Combine(_out, "report.sarif")),
            ["report.json"] = File.ReadAllText(Path.Combine(_out, "report.json")),
        };
        foreach (var (name, text) in texts)
        {
            var unsafeChars = text.Where(c => (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || c is >= '\u202A' and <= '\u202E')
                .Select(c => $"U+{(int)c:X4}").Distinct().ToList();
            Assert.That(unsafeChars, Is.Empty, name);
        }
        Assert.That(html, Does.Contain("\uFFFD]0;pwned-osc"), "shown, as a visible replacement character");
    }

    [Test]
    public void The_junit_report_has_a_suite_per_page_and_a_failure_where_a_rule_fails()
    {
        var xml = XDocument.Load(Path.Combine(_out, "report.junit.xml"));
        var suites = xml.Root!.Elements("testsuite").ToList();
        Assert.That(suites.Select(s => s.Attribute("name")!.Value), Is.EquivalentTo(new[] { Hostile, RejectIgnored }));
        var rejectIgnored = suites.Single(s => s.Attribute("name")!.Value == RejectIgnored);
        var failed = rejectIgnored.Elements("testcase").Where(c => c.Element("failure") is not null).Select(c => c.Attribute("name")!.Value);
        Assert.That(failed, Does.Contain("consent.reject-not-respected"));
        Assert.That(int.Parse(xml.Root!.Attribute("failures")!.Value), Is.EqualTo(_report.GetProperty("summary").GetProperty("failing").GetInt32()),
            "JUnit failures are the findings the exit code gates on");
    }

    [Test]
    public void The_sarif_report_is_valid_sarif_2_1_0_and_locates_results_on_the_pages()
    {
        var schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemata", "sarif-2.1.0.json"));
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "report.sarif")));
        var result = schema.Evaluate(sarif.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.That(result.IsValid, Is.True, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10)));
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Any(r => r.GetProperty("ruleId").GetString() == "consent.reject-not-respected"
                                     && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation")
                                         .GetProperty("uri").GetString() == RejectIgnored), Is.True);
    }

    [Test]
    public async Task Evaluating_the_saved_evidence_again_gives_exactly_the_same_findings()
    {
        var again = NewOutputFolder();
        var run = await RunAsync("evaluate", _out, "--out", again, "--format", "json");
        Assert.That(run.ExitCode, Is.EqualTo(_run.ExitCode), run.ToString());
        var report = ReadReport(again);
        foreach (var url in new[] { Hostile, RejectIgnored })
            Assert.That(Page(report, url).GetProperty("findings").GetRawText(), Is.EqualTo(Page(_report, url).GetProperty("findings").GetRawText()), url);
        Assert.That(report.GetProperty("run").GetProperty("command").GetString(), Is.EqualTo("evaluate"));
        Assert.That(File.Exists(Path.Combine(again, Page(report, Hostile).GetProperty("evidence").GetString()!)), Is.True, "the evidence travels with the report");
    }

    [Test]
    public async Task Evaluating_with_another_fail_on_changes_the_gate_not_the_findings()
    {
        var again = NewOutputFolder();
        var run = await RunAsync("evaluate", _out, "--out", again, "--fail-on", "note");
        var report = ReadReport(again);
        Assert.That(report.GetProperty("summary").GetProperty("failing").GetInt32(),
            Is.GreaterThan(_report.GetProperty("summary").GetProperty("failing").GetInt32()), run.ToString());
    }

    [Test]
    public async Task Rendering_a_saved_report_writes_the_same_files_the_run_wrote()
    {
        var rendered = NewOutputFolder();
        var run = await RunAsync("report", "render", Path.Combine(_out, "report.json"), "--format", "junit,sarif,md", "--out", rendered);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        foreach (var file in new[] { "report.junit.xml", "report.sarif", "report.md" })
            Assert.That(File.ReadAllText(Path.Combine(rendered, file)), Is.EqualTo(File.ReadAllText(Path.Combine(_out, file))), file);
    }

    [Test]
    public async Task Rendering_something_that_is_not_a_report_is_one_line_and_exit_2()
    {
        var folder = NewOutputFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), "{ not json");
        var run = await RunAsync("report", "render", folder);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Stderr, Does.Contain("not a Checker report"));
    }
}
