using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Checker.Sites;

namespace Checker.Bench;

/// <summary>
/// How fast whole sites are audited: a generated news site of N article pages (a third with vanilla-cookieconsent
/// from npm gating an analytics tag, a third with a custom banner whose page tracks before any choice, a third
/// tracking with no banner), served locally over HTTPS, audited by the real CLI at each concurrency asked. Prints
/// pages per minute, p50/p95 seconds per page, peak memory of the whole process tree (CLI, driver, Chromium; PSS) and the
/// mean time of each visit step, each with the command that produced it.
/// </summary>
public static class ScaleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pages = int.Parse(BenchSupport.Option(args, "--pages") ?? "50", CultureInfo.InvariantCulture);
        var levels = (BenchSupport.Option(args, "--concurrency") ?? "1,2,4").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var phases = BenchSupport.Option(args, "--phases") ?? "initial,reject,accept,gpc";
        var sites = BenchSupport.RepositoryPath(Path.Combine("tests", "Checker.EndToEnd.Tests", "Sites"));
        var nodeModules = BenchSupport.RepositoryPath(Path.Combine("tests", "Checker.EndToEnd.Tests", "web", "node_modules"));
        if (sites is null || nodeModules is null)
        {
            Console.Error.WriteLine("bench scale: build the end-to-end test project first (its fixture sites and npm packages are used)");
            return 2;
        }
        var root = Directory.CreateTempSubdirectory("checker-bench-scale-").FullName;
        var site = Path.Combine(root, "scale.news.test");
        Generate(site, pages);
        await using var server = await FixtureWebServer.StartAsync(new DirectorySiteSource(sites, new Dictionary<string, string>
        {
            ["scale.news.test"] = site,
            ["npm.cdn.test"] = nodeModules,
        }), CancellationToken.None);
        var urls = Path.Combine(root, "urls.txt");
        await File.WriteAllLinesAsync(urls, Enumerable.Range(1, pages).Select(i => $"https://scale.news.test/news/{i:D4}/"));
        Console.WriteLine($"bench scale: {pages} generated article pages, phases {phases}, on {Environment.ProcessorCount} cores; fixture web on 127.0.0.1:{server.Port}");
        if (args.Contains("--crawl")) return await CrawlKillResumeAsync(root, pages, phases, levels.Max(), server);

        foreach (var concurrency in levels)
        {
            var output = Path.Combine(root, $"run-c{concurrency}");
            string[] command = ["audit", "--urls-file", urls, "--phases", phases, "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture),
                "--format", "json", "--quiet", "--host-resolver-rules", server.HostResolverRules("test"), "--ignore-https-errors", "--out", output,
                .. (BenchSupport.Option(args, "--max-visits") is { } maxVisits ? new[] { "--max-visits", maxVisits } : []),
                // Whatever follows "--" goes to the checker as it is: for measuring one option against another.
                .. args.SkipWhile(a => a != "--").Skip(1)];
            var cpuBefore = BenchSupport.MachineBusy();
            var (exit, elapsed, memory) = await MeasuredRun.RunAsync(BenchSupport.Checker(command, redirectStdout: true));
            var cpu = BenchSupport.MachineBusy() - cpuBefore;
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
            var durations = report.RootElement.GetProperty("pages").EnumerateArray()
                .Select(p => p.TryGetProperty("durationMs", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() / 1000 : double.NaN)
                .Where(d => !double.IsNaN(d)).Order().ToList();
            var audited = report.RootElement.GetProperty("summary").GetProperty("audited").GetInt32();
            Console.WriteLine();
            Console.WriteLine($"concurrency {concurrency}: checker {string.Join(' ', command.Select(Quote))}");
            Console.WriteLine($"  exit {exit}; {audited}/{pages} pages audited in {elapsed.TotalSeconds:0.0} s");
            Console.WriteLine($"  pages per minute:        {pages / elapsed.TotalMinutes:0.0}");
            Console.WriteLine($"  seconds per page:        p50 {Percentile(durations, 0.5):0.0}, p95 {Percentile(durations, 0.95):0.0} (a page's slowest phase)");
            Console.WriteLine($"  peak memory (tree PSS):  {memory.Describe()}");
            var visits = pages * phases.Split(',').Length;
            Console.WriteLine($"  CPU (whole machine):     {cpu.TotalSeconds:0} s, {cpu.TotalSeconds / elapsed.TotalSeconds:0.00} of {Environment.ProcessorCount} cores busy, {cpu.TotalSeconds / visits:0.00} CPU-s per visit");
            Console.WriteLine($"  where a visit's time goes (mean of all phases): {Steps(output, report.RootElement)}");
            // CHECKER_STEP_CPU=1 in the environment: the CPU of the whole process tree in each step (one phase at
            // concurrency 1 for a step's own cost; the rest of a visit's CPU is between steps: the wipe, the report).
            if (Steps(output, report.RootElement, "stepsCpuMs") is var cpuSteps && cpuSteps != "n/a")
                Console.WriteLine($"  where a visit's CPU goes (CPU-s of the tree per step): {cpuSteps.Replace("total", "wall", StringComparison.Ordinal)}");
            Console.WriteLine($"  pace through the run:    {Pace(output, report.RootElement)}");
        }
        Console.WriteLine();
        Console.WriteLine($"Runs kept in {root}");
        return 0;
    }

    /// <summary>The end-to-end tests' fixture web, served until Ctrl+C: for trying one fixture site with the CLI by hand.</summary>
    public static async Task<int> ServeAsync()
    {
        var sites = BenchSupport.RepositoryPath(Path.Combine("tests", "Checker.EndToEnd.Tests", "Sites"));
        var nodeModules = BenchSupport.RepositoryPath(Path.Combine("tests", "Checker.EndToEnd.Tests", "web", "node_modules"));
        if (sites is null || nodeModules is null)
        {
            Console.Error.WriteLine("bench serve: build the end-to-end test project first (its fixture sites and npm packages are served)");
            return 2;
        }
        await using var server = await FixtureWebServer.StartAsync(new DirectorySiteSource(sites, new Dictionary<string, string> { ["npm.cdn.test"] = nodeModules }),
            CancellationToken.None);
        Console.WriteLine($"--host-resolver-rules \"{server.HostResolverRules("test")}\" --ignore-https-errors");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        await stop.Task;
        return 0;
    }

    /// <summary>Articles of three kinds, so that the run meets what real sites do.</summary>
    private static void Generate(string folder, int pages)
    {
        for (var i = 1; i <= pages; i++)
        {
            var dir = Path.Combine(folder, "news", i.ToString("D4", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            var head = (i % 3) switch
            {
                0 => """
                     <link rel="stylesheet" href="https://npm.cdn.test/vanilla-cookieconsent/dist/cookieconsent.css">
                     <script src="https://npm.cdn.test/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
                     """,
                1 => """<script async src="https://metrics.tracker.test/t.js"></script>""",
                _ => """<script async src="https://metrics.tracker.test/t.js"></script>""",
            };
            var tail = (i % 3) switch
            {
                0 => """
                     <script>CookieConsent.run({ categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
                       onConsent: function () { if (CookieConsent.acceptedCategory('analytics')) { var s = document.createElement('script'); s.src = 'https://metrics.tracker.test/t.js'; document.head.appendChild(s); } },
                       language: { default: 'en', translations: { en: {
                         consentModal: { title: 'We use cookies', description: 'Audience measurement. <a href="/privacy">Privacy policy</a>', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Manage preferences' },
                         preferencesModal: { title: 'Preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save', sections: [ { title: 'Analytics', linkedCategory: 'analytics' } ] } } } } });</script>
                     """,
                1 => """
                     <div id="cb" style="position:fixed;bottom:0;left:0;right:0;background:#fff;padding:16px;border-top:1px solid #999;z-index:1000">
                       <p>We use cookies to measure our audience. <a href="/privacy">Privacy policy</a></p>
                       <button onclick="document.getElementById('cb').remove()">Accept</button> <button onclick="document.getElementById('cb').remove()">Reject</button></div>
                     """,
                _ => "",
            };
            File.WriteAllText(Path.Combine(dir, "index.html"), $"""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story {i} – Scale Gazette</title>
                <meta property="og:site_name" content="Scale Gazette"><meta property="og:type" content="article">
                <meta property="article:published_time" content="2026-11-{1 + i % 28:D2}T08:00:00Z">{head}</head>
                <body><article><h1>Story number {i}</h1><div class="byline">By Reporter {i % 17}</div>
                {string.Concat(Enumerable.Range(0, 6).Select(p => $"<p>Paragraph {p} of story {i}: the council met on Tuesday and agreed the budget after a long debate about transport and housing.</p>"))}
                </article>{tail}</body></html>
                """);
        }
        // What `checker crawl` finds the articles by: robots.txt names the sitemap, the home page links them all.
        File.WriteAllText(Path.Combine(folder, "robots.txt"), "User-agent: *\nAllow: /\nSitemap: https://scale.news.test/sitemap.xml\n");
        File.WriteAllText(Path.Combine(folder, "sitemap.xml"),
            "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            + string.Concat(Enumerable.Range(1, pages).Select(i => $"<url><loc>https://scale.news.test/news/{i:D4}/</loc></url>")) + "</urlset>");
        File.WriteAllText(Path.Combine(folder, "index.html"), "<!DOCTYPE html><title>Scale Gazette</title><h1>Scale Gazette</h1><ul>"
            + string.Concat(Enumerable.Range(1, pages).Select(i => $"<li><a href=\"/news/{i:D4}/\">Story number {i}</a></li>")) + "</ul>");
    }

    /// <summary>
    /// `--crawl`: crawls the generated site, kills the run (SIGKILL, whole process tree) once half the pages are in its
    /// journal, resumes it, and checks that every page found is reported exactly once and that none audited before the
    /// kill was audited again (its evidence files untouched).
    /// </summary>
    private static async Task<int> CrawlKillResumeAsync(string root, int pages, string phases, int concurrency, FixtureWebServer server)
    {
        var output = Path.Combine(root, "crawl");
        string[] crawl = ["crawl", "https://scale.news.test/", "--max-pages", pages.ToString(CultureInfo.InvariantCulture), "--delay-ms", "0",
            "--phases", phases, "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture), "--format", "json", "--quiet",
            "--host-resolver-rules", server.HostResolverRules("test"), "--ignore-https-errors"];
        var journal = Path.Combine(output, "journal.jsonl");
        int Done() => File.Exists(journal) ? File.ReadLines(journal).Count(l => l.EndsWith('}')) : 0;
        var clock = Stopwatch.StartNew();
        using (var process = Process.Start(BenchSupport.Checker([.. crawl, "--out", output], redirectStdout: true))!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            while (!process.HasExited && Done() < pages / 2) await Task.Delay(200);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var killedAt = clock.Elapsed;
        var before = Done();
        var evidenceBefore = Directory.EnumerateFiles(Path.Combine(output, "evidence")).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var partialValid = TryParse(Path.Combine(output, "report.json"), out var partialPages);
        Console.WriteLine($"crawl: checker {string.Join(' ', crawl.Select(Quote))} --out {output}");
        Console.WriteLine($"  killed (SIGKILL, process tree) after {killedAt.TotalSeconds:0} s with {before} page(s) in the journal; report.json then {(partialValid ? $"valid, {partialPages} page(s)" : "NOT valid")}");

        clock.Restart();
        var (exit, elapsed, peak) = await MeasuredRun.RunAsync(BenchSupport.Checker([.. crawl, "--resume", output], redirectStdout: true));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
        var urls = report.RootElement.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("url").GetString()).ToList();
        var found = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "crawl.json"))).RootElement.GetProperty("pages").GetArrayLength();
        var redone = evidenceBefore.Count(e => File.GetLastWriteTimeUtc(e.Key) != e.Value);
        Console.WriteLine($"  resumed: exit {exit}, {elapsed.TotalSeconds:0} s, peak memory {peak.Describe()}");
        Console.WriteLine($"  pages found by the crawl {found}; in the report {urls.Count} ({urls.Distinct().Count()} distinct); journal {Done()} lines; " +
                          $"evidence files rewritten after the kill {redone} of {evidenceBefore.Count}");
        var whole = urls.Count == found && urls.Distinct().Count() == found && Done() == found && redone == 0 && partialValid;
        Console.WriteLine(whole ? "  nothing lost, nothing redone" : "  LOST OR REDONE PAGES: see above");
        return whole ? 0 : 1;
    }

    private static bool TryParse(string path, out int pages)
    {
        pages = 0;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            pages = document.RootElement.GetProperty("pages").GetArrayLength();
            return true;
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException) { return false; }
    }

    /// <summary>Mean milliseconds of each step of a phase visit (context, load, settle, choice, reload, each collector), from the evidence files.</summary>
    internal static string Steps(string output, JsonElement report, string property = "stepsMs")
    {
        var sums = new Dictionary<string, double>();
        var order = new List<string>();
        var visits = 0;
        var total = 0.0;
        foreach (var page in report.GetProperty("pages").EnumerateArray())
        foreach (var phase in page.GetProperty("phases").EnumerateObject())
        {
            try
            {
                using var evidence = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, phase.Value.GetProperty("evidence").GetString()!)));
                var timings = evidence.RootElement.GetProperty("navigation").GetProperty("timings");
                total += timings.GetProperty("totalMs").GetDouble();
                visits++;
                if (!timings.TryGetProperty(property, out var steps) || steps.ValueKind != JsonValueKind.Object) continue;
                foreach (var step in steps.EnumerateObject())
                {
                    if (!sums.ContainsKey(step.Name)) order.Add(step.Name);
                    sums[step.Name] = sums.GetValueOrDefault(step.Name) + step.Value.GetDouble();
                }
            }
            catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException) { }
        }
        if (visits == 0 || order.Count == 0) return "n/a";
        // Means over every visit, so a step only some phases take (choice, reload) weighs as it does in the run.
        var parts = order.Select(name => $"{name} {sums[name] / visits / 1000:0.00}");
        return $"total {total / visits / 1000:0.00} s = {string.Join(", ", parts)} (s, mean over {visits} visits)";
    }

    /// <summary>
    /// Pages per minute in each quarter of the run, by the time each page's last phase finished: a run that slows as
    /// it goes (memory, journals, reports growing with the pages done) shows it here.
    /// </summary>
    private static string Pace(string output, JsonElement report)
    {
        var finished = new List<DateTimeOffset>();
        var started = DateTimeOffset.MaxValue;
        foreach (var page in report.GetProperty("pages").EnumerateArray())
        {
            DateTimeOffset? last = null;
            foreach (var phase in page.GetProperty("phases").EnumerateObject())
            {
                try
                {
                    using var evidence = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, phase.Value.GetProperty("evidence").GetString()!)));
                    var start = evidence.RootElement.GetProperty("startedAt").GetDateTimeOffset();
                    var end = evidence.RootElement.GetProperty("finishedAt").GetDateTimeOffset();
                    if (start < started) started = start;
                    if (last is null || end > last) last = end;
                }
                catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException) { }
            }
            if (last is { } l) finished.Add(l);
        }
        if (finished.Count < 8) return "n/a (too few pages)";
        finished.Sort();
        var quarters = new List<string>();
        var from = started;
        for (var q = 1; q <= 4; q++)
        {
            var upTo = finished.Count * q / 4;
            var count = upTo - finished.Count * (q - 1) / 4;
            var until = finished[upTo - 1];
            quarters.Add($"{count / Math.Max(0.001, (until - from).TotalMinutes):0.0}");
            from = until;
        }
        return $"{string.Join(" → ", quarters)} pages/min (quarters of the {finished.Count} pages, in the order they finished)";
    }

    internal static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    internal static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) ? $"\"{arg}\"" : arg;
}
