using System.Diagnostics;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>A run always finishes within its bounds, says what happened to each page, and loses nothing.</summary>
// Alone: its pages are meant to hit short page timeouts (5 s, 10 s), which a busy machine reaches for pages that should pass.
[NonParallelizable]
public sealed class RobustnessTests
{
    private (string Output, CliResult Run, TimeSpan Took) _slowLoad, _urlsFile;

    /// <summary>
    /// The two runs that burn no CPU of their own run at once (a page that never finishes loading waits on its timeout;
    /// two light pages): one after the other they left a core idle. The busy-loop runs, which spin a core, stay alone.
    /// </summary>
    [OneTimeSetUp]
    public async Task RunTheWaitingOnes()
    {
        var slowLoad = TimedRunAsync(output => ["audit", "https://slowload.news.test/", "--timeout", "10", "--phases", "initial", "--out", output, .. FixtureWeb.AuditOptions]);
        var list = Path.Combine(NewOutputFolder(), "urls.txt");
        await File.WriteAllTextAsync(list, "# pages of the day\nhttps://compliant.news.test/\n\nhttps://nobyline.news.test/\nhttps://compliant.news.test/\n");
        var urlsFile = TimedRunAsync(output => ["audit", "--urls-file", list, "--phases", "initial", "--out", output, .. FixtureWeb.AuditOptions]);
        (_slowLoad, _urlsFile) = (await slowLoad, await urlsFile);
    }

    private static async Task<(string, CliResult, TimeSpan)> TimedRunAsync(Func<string, string[]> arguments)
    {
        var output = NewOutputFolder();
        var clock = Stopwatch.StartNew();
        var run = await RunAsync(arguments(output));
        return (output, run, clock.Elapsed);
    }

    [Test]
    public void A_page_whose_load_event_never_comes_is_audited_with_what_loaded_and_says_so()
    {
        var (output, run, took) = _slowLoad;
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(60)), "bounded by --timeout, not by the page");
        var page = Page(ReadReport(output), "https://slowload.news.test/");
        Assert.That(page.GetProperty("status").GetString(), Is.EqualTo("audited"), run.ToString());
        var errors = ReadEvidence(output, page).GetProperty("collectorErrors").EnumerateArray()
            .Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.That(errors, Has.Some.Contains("the load event did not come"));
    }

    [Test]
    public async Task A_page_that_locks_its_main_thread_fails_at_the_timeout_and_the_run_goes_on()
    {
        var output = NewOutputFolder();
        // One phase: a 5-second bound leaves no room for the clicks and reloads of the reject and accept phases.
        var run = await RunAsync(["audit", "https://busyloop.news.test/", "https://compliant.news.test/", "--timeout", "5", "--phases", "initial",
            "--out", output, .. FixtureWeb.AuditOptions]);
        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        var report = ReadReport(output);
        var busy = Page(report, "https://busyloop.news.test/");
        Assert.That(busy.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(busy.GetProperty("error").GetString(), Does.Contain("page timeout (5 s)"));
        Assert.That(Page(report, "https://compliant.news.test/").GetProperty("status").GetString(), Is.EqualTo("audited"));
    }

    [Test]
    public async Task The_run_stops_at_its_time_limit_with_a_valid_report_and_exit_code_4()
    {
        var output = NewOutputFolder();
        var clock = Stopwatch.StartNew();
        // The first page locks its main thread for its whole 60 s; the run may take 12 s.
        var run = await RunAsync(["audit", "https://compliant.news.test/", "https://busyloop.news.test/", "https://nobyline.news.test/", "--timeout", "60",
            "--phases", "initial", "--run-timeout", "12s", "--out", output, .. FixtureWeb.AuditOptions]);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(45)), "stopped by --run-timeout, not by the page's 60 s");
        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
        Assert.That(run.Stderr, Does.Contain("--run-timeout").And.Contain("--resume"));
        var pages = ReadReport(output).GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("url").GetString()).ToList();
        Assert.That(pages, Is.EqualTo(new[] { "https://compliant.news.test/" }), "the page done before the limit is reported; the others are for --resume");
    }

    [Test]
    public void Urls_come_from_a_file_with_comments_and_duplicates_removed()
    {
        var (output, run, _) = _urlsFile;
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var urls = ReadReport(output).GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("url").GetString());
        Assert.That(urls, Is.EqualTo(new[] { "https://compliant.news.test/", "https://nobyline.news.test/" }));
    }

    [Test]
    public async Task Ctrl_C_stops_the_run_and_still_writes_a_valid_report_of_what_was_done()
    {
        var output = NewOutputFolder();
        // A process started in the background by a non-interactive shell (as CI runners and `cmd &` do) inherits
        // SIGINT ignored, and .NET keeps it ignored, as a background job should. A user's Ctrl+C reaches a
        // foreground process, so the checker is started with SIGINT at its default (env execs into it: same pid).
        var start = new ProcessStartInfo("env") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "checker.dll"), "audit", "https://compliant.news.test/",
                     "https://busyloop.news.test/", "--timeout", "120", "--phases", "initial", "--out", output, "--verbose" })
            start.ArgumentList.Add(arg);
        foreach (var arg in FixtureWeb.AuditOptions) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        // Wait until the first page is done and the second (which hangs) has started.
        while (await process.StandardError.ReadLineAsync() is { } line)
            if (line.Contains("[1/2]")) break;
        var stderrRest = process.StandardError.ReadToEndAsync();
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) await kill!.WaitForExitAsync();
        var sw = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"checker did not stop within 60 s of SIGINT\n--- stderr\n{await stderrRest}\n--- stdout\n{await stdout}");
        }
        TestContext.Out.WriteLine($"exited {process.ExitCode} {sw.Elapsed.TotalSeconds}s after the signal");

        var stderr = await stderrRest;
        Assert.That(process.ExitCode, Is.EqualTo(130), stderr);
        Assert.That(File.Exists(Path.Combine(output, "report.json")), Is.True, stderr + await stdout);
        var report = ReadReport(output);
        Assert.That(report.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("url").GetString()),
            Is.EqualTo(new[] { "https://compliant.news.test/" }));
        Assert.That(await stdout, Does.Contain("report.json"));
    }
}
