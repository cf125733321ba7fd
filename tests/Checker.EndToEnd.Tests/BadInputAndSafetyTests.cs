using System.Diagnostics;
using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// Mistyped input is one line and exit code 2, never a stack trace; credentials for staging sites reach the site and
/// nothing else; a tab that crashes or a certificate that is wrong is a page not audited, with the reason.
/// </summary>
[Parallelizable]
public sealed class BadInputAndSafetyTests
{
    private static void AssertOneLineUsageError(CliResult run, string expected)
    {
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr.Trim(), Does.StartWith("checker: ").And.Contain(expected), run.ToString());
        Assert.That(run.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
    }

    [TestCase("data:text/html,<script>alert(1)</script>", "unsupported URL scheme 'data'")]
    [TestCase("ftp://files.news.test/a", "unsupported URL scheme 'ftp'")]
    [TestCase("https://", "not a valid URL")]
    [TestCase("https://editor:hunter2@staging.news.test/", "use --http-credentials")]
    public async Task Urls_that_are_not_web_pages_are_refused(string url, string expected)
    {
        var run = await RunAsync("audit", url, "--out", NewOutputFolder());
        AssertOneLineUsageError(run, expected);
        Assert.That(run.Stderr, Does.Not.Contain("hunter2"), "a password in a refused URL is not echoed either");
    }

    [Test]
    public async Task An_empty_url_list_and_an_unreadable_one_are_one_line_each()
    {
        var folder = NewOutputFolder();
        var empty = Path.Combine(folder, "empty.txt");
        await File.WriteAllTextAsync(empty, "# nothing yet\n\n");
        AssertOneLineUsageError(await RunAsync("audit", "--urls-file", empty, "--out", NewOutputFolder()), "no URL to audit");
        AssertOneLineUsageError(await RunAsync("audit", "--urls-file", Path.Combine(folder, "missing.txt"), "--out", NewOutputFolder()), "--urls-file");
        AssertOneLineUsageError(await RunAsync("audit", "--urls-file", folder, "--out", NewOutputFolder()), "--urls-file");
    }

    [Test]
    public async Task A_missing_rules_folder_is_one_line()
    {
        var run = await RunAsync("audit", "https://compliant.news.test/", "--rules", Path.Combine(NewOutputFolder(), "no-rules"), "--out", NewOutputFolder());
        AssertOneLineUsageError(run, "no-rules");
    }

    [Test]
    public async Task An_output_folder_that_cannot_be_written_is_one_line()
    {
        // A file where the folder should be: not writable as a folder, whoever runs the test (root included).
        var blocker = Path.Combine(NewOutputFolder(), "report-here");
        await File.WriteAllTextAsync(blocker, "a file, not a folder");
        var run = await RunAsync(["audit", "https://compliant.news.test/", "--out", Path.Combine(blocker, "run"), .. FixtureWeb.AuditOptions]);
        AssertOneLineUsageError(run, "cannot write reports to");
    }

    [Test]
    public async Task A_browser_that_will_not_start_is_one_line()
    {
        var run = await RunAsync(["audit", "https://compliant.news.test/", "--browser-path", "/bin/false", "--quiet", "--out", NewOutputFolder(),
            .. FixtureWeb.AuditOptions]);
        AssertOneLineUsageError(run, "did not start");
        Assert.That(run.Stderr, Does.Contain("is it Chromium or Chrome"));
    }

    [TestCase("--header", "X-Staging-Key", "expected \"Name: value\"")]
    [TestCase("--cookie", "session", "expected \"name=value\"")]
    [TestCase("--http-credentials", "editor", "expected USER:PASSWORD")]
    public async Task Malformed_access_options_are_one_line(string option, string value, string expected)
    {
        AssertOneLineUsageError(await RunAsync("audit", "https://compliant.news.test/", option, value, "--out", NewOutputFolder()), expected);
    }

    private const string Staging = "https://staging.news.test/";
    private static readonly string[] Secrets = ["s3cret-basic-pw", "k3y-secret-hdr", "c00kie-secret-val"];

    [Test]
    public async Task Staging_credentials_reach_the_site_and_are_written_nowhere()
    {
        var output = NewOutputFolder();
        var run = await RunAsync(["audit", Staging, "--phases", "initial,reject", "--format", "json,html,junit,sarif,md", "--verbose",
            "--http-credentials", "editor:s3cret-basic-pw", "--header", "X-Staging-Key: k3y-secret-hdr", "--cookie", "staging_session=c00kie-secret-val",
            "--out", output, .. FixtureWeb.AuditOptions]);
        var page = Page(ReadReport(output), Staging);
        // The fixture answers 401 unless all three came: an audited page with its article read proves they did.
        Assert.That(page.GetProperty("status").GetString(), Is.EqualTo("audited"), run.ToString());
        var evidence = ReadEvidence(output, page);
        Assert.That(evidence.GetProperty("navigation").GetProperty("status").GetInt32(), Is.EqualTo(200));
        Assert.That(evidence.GetProperty("article").GetProperty("headline").GetString(), Does.Contain("Budget vote tonight"));
        Assert.That(evidence.GetProperty("cookies").EnumerateArray().Select(c => c.GetProperty("name").GetString()),
            Does.Not.Contain("staging_session"), "the auditor's own cookie is not evidence of what the site does");

        var written = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".png", StringComparison.Ordinal))
            .Select(f => (File: f, Text: File.ReadAllText(f))).ToList();
        Assert.That(written, Has.Count.GreaterThan(5));
        foreach (var secret in Secrets)
        {
            Assert.That(run.Stdout + run.Stderr, Does.Not.Contain(secret), "not in the console output or the debug log");
            foreach (var (file, text) in written) Assert.That(text, Does.Not.Contain(secret), file);
        }
        var options = ReadReport(output).GetProperty("run").GetProperty("options");
        Assert.That(options.GetProperty("httpCredentials").GetString(), Is.EqualTo("editor:[redacted]"));
        Assert.That(options.GetProperty("headers").GetString(), Is.EqualTo("X-Staging-Key: [redacted]"));
        Assert.That(options.GetProperty("cookies").GetString(), Is.EqualTo("staging_session=[redacted]"));

        // The staging key went to the site's own requests only: the tracker on the page never saw it. (The tracker is
        // another site, so a header sent to it would show in no evidence; the fixture server refuses the key nowhere, so
        // this is checked by the route's rule itself: a request to a third party is continued unchanged.)
        Assert.That(evidence.GetProperty("requests").EnumerateArray().Any(r => r.GetProperty("host").GetString() == "metrics.tracker.test"), Is.True,
            "the page's third-party tag still loaded through the route");
    }

    [Test]
    public async Task Without_the_credentials_the_staging_page_is_not_audited_and_the_report_says_why()
    {
        var output = NewOutputFolder();
        var run = await RunAsync(["audit", Staging, "--phases", "initial", "--out", output, .. FixtureWeb.AuditOptions]);
        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(Page(ReadReport(output), Staging).GetProperty("error").GetString(), Does.Contain("HTTP 401").And.Contain("--http-credentials"));
    }

    [Test]
    public async Task A_certificate_error_without_ignore_https_errors_fails_the_page_saying_how_to_accept_it()
    {
        var output = NewOutputFolder();
        // The fixture web's certificate is self-signed; only --host-resolver-rules, not --ignore-https-errors.
        var run = await RunAsync("audit", "https://compliant.news.test/", "--phases", "initial", "--out", output,
            "--host-resolver-rules", FixtureWeb.Server.HostResolverRules("test"));
        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        var error = Page(ReadReport(output), "https://compliant.news.test/").GetProperty("error").GetString();
        Assert.That(error, Does.Contain("TLS certificate is not valid").And.Contain("--ignore-https-errors"));
    }

    [Test]
    public async Task A_tab_whose_renderer_dies_is_a_failed_page_and_the_next_page_is_audited()
    {
        var output = NewOutputFolder();
        // The crash page's load event waits on an image that never comes; once it is loading, its renderer is killed.
        var (killed, log, stdout) = await RunAndKillAsync(["https://crash.hostile.test/", "https://compliant.news.test/", "--timeout", "30", "--out", output],
            "crash.hostile.test/ (initial): loading", TimeSpan.FromSeconds(3), root => KillDescendants(root, "--type=renderer"));
        Assert.That(killed, Is.GreaterThan(0), "a renderer was running");
        var report = ReadReport(output);
        var crashed = Page(report, "https://crash.hostile.test/");
        Assert.That(crashed.GetProperty("status").GetString(), Is.EqualTo("failed"), log);
        Assert.That(crashed.GetProperty("error").GetString(), Does.Contain("crashed"), log);
        Assert.That(Page(report, "https://compliant.news.test/").GetProperty("status").GetString(), Is.EqualTo("audited"), log);
        Assert.That(log, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(stdout, Does.Contain("report.json"));
    }

    [Test]
    public async Task A_browser_that_dies_mid_run_is_started_again_and_the_run_goes_on()
    {
        var output = NewOutputFolder();
        // The browser's own process (the one on our temporary profile), not a renderer: everything in flight dies with it.
        var (killed, log, stdout) = await RunAndKillAsync(
            ["https://slowload.news.test/", "https://compliant.news.test/", "https://nobyline.news.test/", "--timeout", "20", "--out", output],
            "slowload.news.test/ (initial): loading", TimeSpan.FromSeconds(2), root => KillDescendants(root, "checker-profile-", exceptAlso: "--type="));
        Assert.That(killed, Is.EqualTo(1), "the browser process was found and killed");
        Assert.That(log, Does.Contain("starting it again"), log);
        var report = ReadReport(output);
        Assert.That(report.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("url").GetString()),
            Is.EqualTo(new[] { "https://slowload.news.test/", "https://compliant.news.test/", "https://nobyline.news.test/" }));
        Assert.That(Page(report, "https://compliant.news.test/").GetProperty("status").GetString(), Is.EqualTo("audited"), log);
        Assert.That(Page(report, "https://nobyline.news.test/").GetProperty("status").GetString(), Is.EqualTo("audited"), log);
        // The page in flight is tried again in the new browser (its load event never comes: audited with what loaded).
        Assert.That(Page(report, "https://slowload.news.test/").GetProperty("status").GetString(), Is.EqualTo("audited"), log);
        Assert.That(log, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(stdout, Does.Contain("report.json"));
    }

    /// <summary>
    /// Audits (initial phase, verbose) and, a moment after the log line that says the page is loading, kills what
    /// <paramref name="kill"/> picks under the checker process; then waits for the run to end.
    /// </summary>
    private static async Task<(int Killed, string Log, string Stdout)> RunAndKillAsync(string[] args, string loadingLine, TimeSpan after,
        Func<int, int> kill)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "checker.dll"), "audit", .. args, "--phases", "initial", "--verbose"])
            start.ArgumentList.Add(arg);
        foreach (var arg in FixtureWeb.AuditOptions) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        while (await process.StandardError.ReadLineAsync() is { } line)
            if (line.Contains(loadingLine, StringComparison.Ordinal)) break;
        var stderr = process.StandardError.ReadToEndAsync();
        await Task.Delay(after);
        var killed = kill(process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await process.WaitForExitAsync(timeout.Token);
        return (killed, await stderr, await stdout);
    }

    /// <summary>Kills the processes under the checker process whose command line has the marker (and not the exception).</summary>
    private static int KillDescendants(int root, string marker, string? exceptAlso = null)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        }
        var tree = new HashSet<int> { root };
        for (var added = true; added;)
        {
            added = false;
            foreach (var (pid, parent) in parents)
                if (tree.Contains(parent) && tree.Add(pid)) added = true;
        }
        var killed = 0;
        foreach (var pid in tree)
        {
            try
            {
                var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
                if (!commandLine.Contains(marker, StringComparison.Ordinal)) continue;
                if (exceptAlso is not null && commandLine.Contains(exceptAlso, StringComparison.Ordinal)) continue;
                Process.GetProcessById(pid).Kill();
                killed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException) { }
        }
        return killed;
    }
}
