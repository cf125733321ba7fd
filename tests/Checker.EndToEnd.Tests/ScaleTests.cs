using System.Diagnostics;
using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// Runs that survive: pages audited several at once, a run killed midway and resumed with nothing lost or redone,
/// and shards that merge to the findings of one run.
/// </summary>
// Alone, but its three long scenarios run at once (started in StartRuns): each is a few CLIs mostly waiting on pages of
// their own, and one after another they took 75 s of the suite.
[NonParallelizable]
public sealed class ScaleTests
{
    private Task<(string Output, CliResult Run)> _maxVisits = null!;
    private Task<(string Whole, List<string> Shards, CliResult[] Runs)> _shards = null!;
    private Task<Killed> _killed = null!;

    [OneTimeSetUp]
    public void StartRuns()
    {
        _maxVisits = MaxVisitsRunAsync();
        _shards = ShardRunsAsync();
        _killed = KillAndResumeAsync();
    }

    /// <summary>No run outlives the class, whichever of its tests failed first.</summary>
    [OneTimeTearDown]
    public async Task WaitForRuns()
    {
        Task[] runs = [_maxVisits, _shards, _killed];
        await Task.WhenAll(runs).ContinueWith(_ => { }, TaskScheduler.Default);
        _maxVisits.Dispose();
        _shards.Dispose();
        _killed.Dispose();
    }

    private static readonly string[] Sites =
    [
        "https://byline.news.test/", "https://nobyline.news.test/", "https://wire-uncredited.news.test/", "https://wire-credited.news.test/",
        "https://undated.news.test/", "https://contradicting.news.test/", "https://photos.news.test/", "https://sponsored-labelled.news.test/",
    ];

    private static string[] Audit(string output, params string[] more) => AuditOf(Sites, output, more);

    private static string[] AuditOf(string[] sites, string output, params string[] more) =>
        ["audit", .. sites, "--phases", "initial", "--out", output, .. more, .. FixtureWeb.AuditOptions];

    /// <summary>Enough pages to spread over two shards unevenly; fewer than <see cref="Sites"/>, as the run is made three times.</summary>
    private static readonly string[] ShardSites = Sites[..5];

    /// <summary>Per page, per rule: outcome and fingerprint, the findings a user compares.</summary>
    private static SortedDictionary<string, string> Findings(JsonElement report) => new(report.GetProperty("pages").EnumerateArray()
        .SelectMany(p => p.GetProperty("findings").EnumerateArray().Select(f => (
            Key: $"{p.GetProperty("url").GetString()} {f.GetProperty("ruleId").GetString()}",
            Value: $"{f.GetProperty("outcome").GetString()} {f.GetProperty("fingerprint").GetString()}")))
        .ToDictionary(x => x.Key, x => x.Value), StringComparer.Ordinal);

    private static async Task<(string, CliResult)> MaxVisitsRunAsync()
    {
        var output = NewOutputFolder();
        // Three pages at once with two phases each would open six visits together.
        var run = await RunAsync(["audit", .. Sites[..4], "--phases", "initial,reject", "--concurrency", "3", "--max-visits", "2",
            "--out", output, .. FixtureWeb.AuditOptions]);
        return (output, run);
    }

    [Test]
    public async Task Max_visits_bounds_the_browser_visits_open_at_once_and_every_page_is_still_audited()
    {
        var (output, run) = await _maxVisits;
        Assert.That(run.ExitCode, Is.AnyOf(0, 1), run.ToString());
        var report = ReadReport(output);
        Assert.That(report.GetProperty("summary").GetProperty("audited").GetInt32(), Is.EqualTo(4), run.Stderr);
        var visits = report.GetProperty("pages").EnumerateArray()
            .SelectMany(p => new[] { "initial", "reject" }.Select(phase => ReadPhaseEvidence(output, report, p.GetProperty("url").GetString()!, phase)))
            .Select(e => (Start: e.GetProperty("startedAt").GetDateTimeOffset(), End: e.GetProperty("finishedAt").GetDateTimeOffset())).ToList();
        Assert.That(visits, Has.Count.EqualTo(8));
        var mostAtOnce = visits.Max(v => visits.Count(o => o.Start <= v.Start && v.Start < o.End));
        Assert.That(mostAtOnce, Is.EqualTo(2), "two visits at a time, never more (and the limit used)");
        Assert.That(report.GetProperty("run").GetProperty("options").GetProperty("maxVisits").GetString(), Is.EqualTo("2"));
        Assert.That(run.Stderr, Does.Contain("At most 2 browser pages open at once"));
    }

    private static async Task<(string, List<string>, CliResult[])> ShardRunsAsync()
    {
        // The shards run side by side, as a CI matrix runs them, beside the one run they are compared with.
        var whole = NewOutputFolder();
        var shards = new List<string> { NewOutputFolder(), NewOutputFolder() };
        var runs = await Task.WhenAll(
            RunAsync(AuditOf(ShardSites, whole, "--concurrency", "3")),
            RunAsync(AuditOf(ShardSites, shards[0], "--shard", "1/2")),
            RunAsync(AuditOf(ShardSites, shards[1], "--shard", "2/2")));
        return (whole, shards, runs);
    }

    [Test]
    public async Task Shards_audited_apart_merge_to_the_findings_of_one_concurrent_run()
    {
        var (whole, shards, runs) = await _shards;
        foreach (var run in runs) Assert.That(run.ExitCode, Is.AnyOf(0, 1), run.ToString());
        var one = runs[0];
        var shardPages = shards.Select(s => ReadReport(s).GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("url").GetString()!).ToList()).ToList();
        Assert.That(shardPages.SelectMany(p => p), Is.EquivalentTo(ShardSites), "every page in exactly one shard");
        Assert.That(shardPages.All(p => p.Count > 0), Is.True, "the pages are spread over the shards");

        var merged = NewOutputFolder();
        var merge = await RunAsync(["report", "merge", .. shards, "--out", merged, "--format", "json,html"]);
        Assert.That(merge.ExitCode, Is.EqualTo(one.ExitCode), merge.ToString());
        var mergedReport = ReadReport(merged);
        Assert.That(Findings(mergedReport), Is.EqualTo(Findings(ReadReport(whole))));
        Assert.That(mergedReport.GetProperty("summary").GetProperty("pages").GetInt32(), Is.EqualTo(ShardSites.Length));
        // The merged report's evidence is beside it: every page's evidence file opens.
        foreach (var page in mergedReport.GetProperty("pages").EnumerateArray())
            Assert.That(File.Exists(Path.Combine(merged, page.GetProperty("evidence").GetString()!)), Is.True, page.GetProperty("url").GetString());
        Assert.That(File.Exists(Path.Combine(merged, "report.html")), Is.True);
    }

    /// <summary>What the run killed midway left (its journal's pages, whether it was still running when killed), and the resumed run.</summary>
    private sealed record Killed(string Output, string Journal, bool RanUntilKilled, List<JournalPage> Before,
        Dictionary<string, DateTime> Written, JsonElement Partial, CliResult Resumed);

    private static async Task<Killed> KillAndResumeAsync()
    {
        var output = NewOutputFolder();
        var journal = Path.Combine(output, "journal.jsonl");
        bool ranUntilKilled;
        using (var process = Start(Audit(output)))
        {
            // Killed (SIGKILL, browser and all) once two pages are in the journal: no chance to write anything more.
            var clock = Stopwatch.StartNew();
            while (Lines(journal) < 2 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(50);
            ranUntilKilled = !process.HasExited;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var before = Journal(journal);
        var written = before.ToDictionary(p => p.Url, p => File.GetLastWriteTimeUtc(Path.Combine(output, p.Evidence)));
        var partial = ReadReport(output);
        // Resumed three pages at a time (the run killed went one by one): the pages left are audited side by side and
        // still land in the report in list order.
        var resumed = await RunAsync(["audit", .. Sites, "--phases", "initial", "--concurrency", "3", "--resume", output, .. FixtureWeb.AuditOptions]);
        return new Killed(output, journal, ranUntilKilled, before, written, partial, resumed);
    }

    [Test]
    public async Task A_run_killed_midway_resumes_without_losing_or_redoing_a_page()
    {
        var (output, journal, ranUntilKilled, before, kept, partial, resumed) = await _killed;
        Assert.That(ranUntilKilled, Is.True, "the run ended before it could be killed");
        Assert.That(before, Has.Count.InRange(2, Sites.Length - 1), "killed midway");
        // The kill left a whole report.json (rewritten atomically after the first page and every few seconds), never half a
        // file, with the pages audited up to its last rewrite.
        Assert.That(partial.GetProperty("pages").GetArrayLength(), Is.InRange(1, before.Count));

        Assert.That(resumed.ExitCode, Is.AnyOf(0, 1), resumed.ToString());
        Assert.That(resumed.Stderr, Does.Contain($"{before.Count} page(s) already audited, {Sites.Length - before.Count} to go"));
        var report = ReadReport(output);
        Assert.That(report.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("url").GetString()), Is.EqualTo(Sites), "every page, in list order");
        Assert.That(report.GetProperty("pages").EnumerateArray().All(p => p.GetProperty("status").GetString() == "audited"), Is.True);
        foreach (var (url, written) in kept)
            Assert.That(File.GetLastWriteTimeUtc(Path.Combine(output, before.Single(p => p.Url == url).Evidence)), Is.EqualTo(written),
                $"{url} was audited again");
        Assert.That(Journal(journal), Has.Count.EqualTo(Sites.Length));
    }

    [Test]
    public async Task Resume_of_a_folder_without_a_run_is_one_line_and_exit_code_2()
    {
        var run = await RunAsync("audit", "https://byline.news.test/", "--resume", NewOutputFolder());
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("no journal.jsonl there"));
        var shard = await RunAsync("audit", "https://byline.news.test/", "--shard", "4/3");
        Assert.That(shard.ExitCode, Is.EqualTo(2), shard.ToString());
        Assert.That(shard.Stderr, Does.Contain("--shard: '4/3' is not K/N"));
    }

    private sealed record JournalPage(string Url, string Evidence);

    private static int Lines(string path)
    {
        try { return File.Exists(path) ? File.ReadAllLines(path).Count(l => l.EndsWith('}')) : 0; }
        catch (IOException) { return 0; }
    }

    private static List<JournalPage> Journal(string path) => File.ReadAllLines(path).Where(l => l.Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Select(e => new JournalPage(e.GetProperty("url").GetString()!, e.GetProperty("evidence").GetString()!)).ToList();

    private static Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "checker.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("CHECKER_RULES");
        var process = Process.Start(start)!;
        // Drained so that a full pipe never blocks the run.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }
}
