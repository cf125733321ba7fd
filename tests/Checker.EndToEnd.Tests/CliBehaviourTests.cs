using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>Options, data sources, bad input and the small commands, each through the real CLI.</summary>
[NonParallelizable]
public sealed class CliBehaviourTests
{
    private const string TrackingNoBanner = "https://tracking-nobanner.news.test/";
    private const string NoByline = "https://nobyline.news.test/";
    private static string CookieDatabase => Path.Combine(SharedData(), "open-cookie-database", "open-cookie-database.csv");

    private Task<(string Output, CliResult Run)> _blocked = null!, _withCookieDb = null!, _noBylineByDefault = null!, _french = null!,
        _unreachable = null!, _verbose = null!;

    /// <summary>
    /// The class's audits in a real browser, one or two pages each, started together (three at a time): one after another
    /// they left a core idle for half a minute while each CLI and its browser started.
    /// </summary>
    [OneTimeSetUp]
    public void StartAudits()
    {
        var threeAtOnce = new SemaphoreSlim(3);
        Task<(string, CliResult)> Audit(params string[] args) => Task.Run(async () =>
        {
            await threeAtOnce.WaitAsync();
            try { return await FixtureWeb.AuditAsync(args); }
            finally { threeAtOnce.Release(); }
        });
        _blocked = Audit(TrackingNoBanner, "--third-party-cookies", "block", "--phases", "initial");
        // The shared data folder is looked up inside the task: without it only the test that needs it fails.
        _withCookieDb = Task.Run(() => Audit(TrackingNoBanner, "--cookie-db", CookieDatabase, "--phases", "initial"));
        _noBylineByDefault = Audit(NoByline, "--phases", "initial");
        _french = Audit("https://locale.news.test/", "--locale", "fr-FR", "--phases", "initial");
        _unreachable = Audit("https://does-not-exist.invalid/", "https://compliant.news.test/", "--phases", "initial", "--timeout", "15");
        _verbose = Audit(TrackingNoBanner, "https://notracking.news.test/", "--phases", "initial", "--verbose");
    }

    /// <summary>No run outlives the class, whichever test failed first.</summary>
    [OneTimeTearDown]
    public async Task WaitForAudits()
    {
        Task[] audits = [_blocked, _withCookieDb, _noBylineByDefault, _french, _unreachable, _verbose];
        await Task.WhenAll(audits).ContinueWith(_ => { }, TaskScheduler.Default);
        _blocked.Dispose();
        _withCookieDb.Dispose();
        _noBylineByDefault.Dispose();
        _french.Dispose();
        _unreachable.Dispose();
        _verbose.Dispose();
    }

    [Test]
    public async Task Blocking_third_party_cookies_keeps_the_trackers_cross_site_cookie_out()
    {
        var (output, run) = await _blocked;
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        var evidence = ReadEvidence(output, Page(ReadReport(output), TrackingNoBanner));
        var names = evidence.GetProperty("cookies").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.That(names, Does.Contain("_ga"), "first-party cookies are still set");
        Assert.That(names, Does.Not.Contain("uid"), "the third-party cookie is blocked");
        Assert.That(evidence.GetProperty("browser").GetProperty("thirdPartyCookies").GetString(), Is.EqualTo("block"));
    }

    [Test]
    public async Task Blocking_third_party_cookies_runs_in_the_desktop_Chromium_and_refuses_the_headless_shell()
    {
        var (output, _) = await _blocked;
        // Found by the locator without --browser-path: the headless shell (the default here) cannot block them.
        Assert.That(ReadReport(output).GetProperty("run").GetProperty("options").GetProperty("browser").GetString(), Does.Not.Contain("headless"));
        var run = await RunAsync("audit", "https://compliant.news.test/", "--third-party-cookies", "block",
            "--browser-path", "/usr/lib/chromium/chromium-headless-shell", "--out", NewOutputFolder());
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr.Trim(), Does.StartWith("checker: /usr/lib/chromium/chromium-headless-shell is Chromium's headless shell, which cannot block third-party cookies")
            .And.Contain("apt-get install -y chromium").And.Not.Contain("\n"));
    }

    [Test]
    public async Task The_open_cookie_database_classifies_cookies_the_built_in_list_does_not_know()
    {
        var (withDb, _) = await _withCookieDb;
        // Without the database: the same page in the shared audit of the consent sites (default options).
        var without = (await SharedRuns.ConsentWebAsync()).Out;

        static System.Text.Json.JsonElement Utma(string folder) =>
            ReadEvidence(folder, Page(ReadReport(folder), TrackingNoBanner)).GetProperty("cookies").EnumerateArray()
                .Single(c => c.GetProperty("name").GetString() == "__utma");
        Assert.That(Utma(without).GetProperty("classification").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        var classification = Utma(withDb).GetProperty("classification");
        Assert.That(classification.GetProperty("source").GetString(), Does.StartWith("open-cookie-database:"));
        Assert.That(classification.GetProperty("category").GetString(), Is.EqualTo("analytics"));
        Assert.That(classification.GetProperty("vendor").GetString(), Is.EqualTo("Google Analytics"));
        Assert.That(ReadReport(withDb).GetProperty("run").GetProperty("options").GetProperty("cookieDatabase").GetString(), Is.EqualTo(CookieDatabase));
    }

    [Test]
    public async Task Fail_on_sets_which_severity_fails_the_run()
    {
        // This article breaks only warning rules (no byline, no JSON-LD): it passes the default gate and fails --fail-on warning.
        const string url = NoByline;
        var (byDefault, defaultRun) = await _noBylineByDefault;
        var strict = NewOutputFolder();
        // The same evidence judged again with the stricter gate: what the exit code depends on is the severity, not the visit.
        var strictRun = await RunAsync("evaluate", byDefault, "--fail-on", "warning", "--out", strict);

        Assert.That(Outcome(Page(ReadReport(byDefault), url), "attribution.missing-byline"), Is.EqualTo("fail"));
        Assert.That(defaultRun.ExitCode, Is.EqualTo(0), defaultRun.ToString());
        Assert.That(strictRun.ExitCode, Is.EqualTo(1), strictRun.ToString());
        var failing = Page(ReadReport(strict), url).GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("outcome").GetString() == "fail").ToList();
        Assert.That(failing.Select(f => f.GetProperty("severity").GetString()), Is.All.EqualTo("warning"));
        Assert.That(failing.Select(f => f.GetProperty("ruleId").GetString()), Is.EquivalentTo(new[] { "attribution.missing-byline", "attribution.structured-data" }));
        Assert.That(ReadReport(strict).GetProperty("summary").GetProperty("failing").GetInt32(), Is.EqualTo(failing.Count));
    }

    [Test]
    public async Task The_locale_is_what_the_page_sees_so_a_localised_banner_speaks_it()
    {
        var (output, _) = await _french;
        var evidence = ReadEvidence(output, Page(ReadReport(output), "https://locale.news.test/"));
        Assert.That(evidence.GetProperty("banner").GetProperty("text").GetString(), Does.StartWith("Nous utilisons des cookies"));
        Assert.That(evidence.GetProperty("browser").GetProperty("locale").GetString(), Is.EqualTo("fr-FR"));
    }

    [Test]
    public async Task An_unreachable_host_is_a_page_not_audited_with_exit_code_3_and_the_other_pages_go_on()
    {
        var (output, run) = await _unreachable;
        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        var report = ReadReport(output);
        var failed = Page(report, "https://does-not-exist.invalid/");
        Assert.That(failed.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(failed.GetProperty("error").GetString(), Does.Contain("ERR_NAME_NOT_RESOLVED"));
        Assert.That(failed.GetProperty("findings").GetArrayLength(), Is.Zero, "nothing is judged, so nothing passes");
        Assert.That(Page(report, "https://compliant.news.test/").GetProperty("status").GetString(), Is.EqualTo("audited"));
    }

    [TestCase("not a url", "not a valid URL: not a url")]
    [TestCase("file:///etc/passwd", "unsupported URL scheme 'file'")]
    [TestCase("javascript:alert(1)", "unsupported URL scheme 'javascript'")]
    public async Task Bad_urls_are_refused_with_one_line_and_exit_code_2(string url, string message)
    {
        var run = await RunAsync("audit", url, "--out", NewOutputFolder());
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr.Trim(), Does.StartWith("checker: ").And.Contain(message));
        Assert.That(run.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
    }

    [Test]
    public async Task No_url_at_all_is_a_usage_error()
    {
        var run = await RunAsync("audit");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("no URL to audit"));
    }

    [Test]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var run = await RunAsync("audit", "https://compliant.news.test/", "--no-such-option");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("--no-such-option"));
    }

    [Test]
    public async Task A_broken_rule_file_is_a_usage_error_naming_the_file()
    {
        var rules = NewOutputFolder();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "rules"), "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(rules, Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "rules"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.WriteAllText(Path.Combine(rules, "consent", "consent.banner-missing.json"), "{ \"id\": ");
        var run = await RunAsync("audit", "https://compliant.news.test/", "--rules", rules, "--out", NewOutputFolder());
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("broken rules").And.Contain("consent.banner-missing.json"));
        Assert.That(run.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task A_missing_browser_is_one_line_saying_how_to_install_one()
    {
        var run = await RunAsync("audit", "https://compliant.news.test/", "--browser-path", "/nonexistent/chrome", "--out", NewOutputFolder());
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr.Trim(), Is.EqualTo("checker: --browser-path /nonexistent/chrome: no such file"));
    }

    [Test]
    public async Task Rules_list_shows_every_rule_with_its_severity()
    {
        var run = await RunAsync("rules", "list");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        foreach (var id in new[]
                 {
                     "consent.tracking-before-consent", "consent.banner-missing", "consent.implied-consent", "consent.no-reject-first-layer",
                     "attribution.missing-byline", "attribution.uncredited-correspondent", "attribution.copy-artifacts",
                 })
            Assert.That(run.Stdout, Does.Contain(id));
    }

    [Test]
    public async Task With_verbose_progress_says_pages_done_failing_and_time_left()
    {
        var (_, run) = await _verbose;
        Assert.That(run.Stderr, Does.Contain("[1/2] " + TrackingNoBanner + " audited in"), run.ToString());
        Assert.That(run.Stderr, Does.Contain("(1 page(s) failing so far, about"));
        Assert.That(run.Stderr, Does.Contain("[2/2] https://notracking.news.test/ audited in"));
    }

    [Test]
    public async Task Rules_explain_says_what_a_rule_checks_why_and_how_to_fix_it()
    {
        var run = await RunAsync("rules", "explain", "consent.no-reject-first-layer");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Stdout, Does.Contain("What it checks").And.Contain("How to fix").And.Contain("References"));
        Assert.That(run.Stdout, Does.Contain("https://www.edpb.europa.eu/"), "the EDPB taskforce report is the reference");

        var unknown = await RunAsync("rules", "explain", "reject");
        Assert.That(unknown.ExitCode, Is.EqualTo(2), unknown.ToString());
        Assert.That(unknown.Stderr, Does.Contain("unknown rule 'reject'").And.Contain("consent.reject-not-respected"));
    }

    [Test]
    public async Task Doctor_reports_the_browser_and_its_version()
    {
        var run = await RunAsync("doctor");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Stdout, Does.Match(@"browser\s+(Chromium|Google Chrome) \d+"));
        Assert.That(run.Stdout, Does.Match(@"rules\s+\d+ rules from "));
        // This machine has both: the headless shell audits, the desktop Chromium blocks third-party cookies.
        Assert.That(run.Stdout, Does.Contain("at /usr/lib/chromium/chromium-headless-shell"));
        Assert.That(run.Stdout, Does.Contain("--third-party-cookies block runs in /usr/lib/chromium/chromium "));
    }

    [Test]
    public async Task Version_prints_the_tool_version()
    {
        var run = await RunAsync("--version");
        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Stdout.Trim(), Does.Match(@"^\d+\.\d+\.\d+"));
    }
}
