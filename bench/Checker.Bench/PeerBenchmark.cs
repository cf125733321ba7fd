using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Checker.Browser;
using Checker.Sites;

namespace Checker.Bench;

/// <summary>
/// Checker against the npm peer @slashgear/gdpr-cookie-scanner, side by side in one run on the same pages: the
/// end-to-end fixture web's consent sites (real CMPs from npm, custom banners, trackers), several pages each, served
/// locally over HTTPS. The peer (installed by bench/peer into a bench-local folder, never into the product) runs one
/// URL per process, N processes at once, on the same Chromium; Checker runs the same URL list at --concurrency N with
/// its four phases. Prints pages per minute, the ratio, p50/p95 seconds per page and the peak memory of each whole
/// process tree.
/// </summary>
public static class PeerBenchmark
{
    /// <summary>Sixteen consent sites of the fixture web: three with CMPs from npm that autoconsent knows, one in an iframe, the rest custom banners.</summary>
    private static readonly string[] Sites =
    [
        "compliant.news.test", "rejectignored.news.test", "secondlayer.news.test", "wall.news.test", "unequal.news.test",
        "lepetit.news.test", "gpcok.news.test", "tracking-nobanner.news.test", "tcf-bad.news.test", "iframe.news.test",
        "delayed.news.test", "vanillacc.news.test", "orejime.news.test", "osano.news.test", "klaro.news.test", "tarteaucitron.news.test",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var pagesPerSite = int.Parse(BenchSupport.Option(args, "--pages") ?? "3", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(BenchSupport.Option(args, "--concurrency") ?? "4", CultureInfo.InvariantCulture);
        var siteCount = int.Parse(BenchSupport.Option(args, "--sites") ?? "16", CultureInfo.InvariantCulture);
        var peerCli = BenchSupport.Option(args, "--peer-cli");
        // One Chromium for both: the one Checker would pick here (the headless shell where installed, which is also what the
        // peer's Playwright launches when left to itself), unless --browser names another.
        var browser = BenchSupport.Option(args, "--browser") ?? BrowserLocator.Locate(null).Browser?.ExecutablePath ?? "/usr/lib/chromium/chromium";
        var sites = BenchSupport.RepositoryPath(Path.Combine("tests", "Checker.EndToEnd.Tests", "Sites"));
        var nodeModules = BenchSupport.RepositoryPath(Path.Combine("tests", "Checker.EndToEnd.Tests", "web", "node_modules"));
        if (sites is null || nodeModules is null || peerCli is null || !File.Exists(peerCli))
        {
            Console.Error.WriteLine("bench peer: run it as bench/peer (it builds the fixture web and installs the peer scanner)");
            return 2;
        }
        var root = Directory.CreateTempSubdirectory("checker-bench-peer-").FullName;
        await using var server = await FixtureWebServer.StartAsync(new DirectorySiteSource(sites, new Dictionary<string, string> { ["npm.cdn.test"] = nodeModules }),
            CancellationToken.None);
        var urls = Sites.Take(siteCount)
            .SelectMany(site => Enumerable.Range(1, pagesPerSite).Select(p => p == 1 ? $"https://{site}/" : $"https://{site}/?page={p}")).ToList();
        var urlsFile = Path.Combine(root, "urls.txt");
        await File.WriteAllLinesAsync(urlsFile, urls);
        Console.WriteLine($"bench peer: {urls.Count} pages ({siteCount} sites × {pagesPerSite}), {concurrency} at once, on {Environment.ProcessorCount} cores; fixture web on 127.0.0.1:{server.Port}; both in {browser}");

        // The peer's Playwright launches "its" headless shell: a script in that place starts the same Chromium Checker
        // uses, told (as Checker is, by its options) where the fixture web is and to accept its certificate.
        var browsers = Path.Combine(root, "playwright-browsers");
        var shell = Path.Combine(browsers, PeerShellPath(peerCli));
        Directory.CreateDirectory(Path.GetDirectoryName(shell)!);
        await File.WriteAllTextAsync(shell,
            $"#!/bin/sh\nexec {browser} \"$@\" --host-resolver-rules=\"{server.HostResolverRules("test")}\" --ignore-certificate-errors\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(shell, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var peerOut = Path.Combine(root, "peer");
        Directory.CreateDirectory(peerOut);
        var pool = Path.Combine(root, "peer-pool.sh");
        // One process per URL, N at once, as its README runs it from a shell; each page's start and end are logged.
        await File.WriteAllTextAsync(pool, """
            #!/usr/bin/env bash
            set -u
            xargs -P "$N" -I{} bash -c 'u="$1"; d="$OUT/$(printf %s "$u" | md5sum | cut -c1-12)"; s=$(date +%s.%N);
              node "$CLI" scan "$u" -o "$d" -f json -t 30000 >"$d.log" 2>&1; echo "$? $s $(date +%s.%N) $u" >> "$OUT/times.txt"' _ {} < "$URLS"
            """);
        var peerStart = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true };
        peerStart.ArgumentList.Add(pool);
        peerStart.Environment["N"] = concurrency.ToString(CultureInfo.InvariantCulture);
        peerStart.Environment["OUT"] = peerOut;
        peerStart.Environment["CLI"] = peerCli;
        peerStart.Environment["URLS"] = urlsFile;
        peerStart.Environment["PLAYWRIGHT_BROWSERS_PATH"] = browsers;

        var checkerOut = Path.Combine(root, "checker");
        string[] command = ["audit", "--urls-file", urlsFile, "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture), "--format", "json",
            "--quiet", "--host-resolver-rules", server.HostResolverRules("test"), "--ignore-https-errors", "--out", checkerOut, "--browser-path", browser,
            .. (BenchSupport.Option(args, "--isolation") is { } isolation ? new[] { "--isolation", isolation } : []),
            // --checker-arg X (repeatable): one more audit option, to compare settings of Checker on the same pages.
            .. args.Select((a, i) => (a, i)).Where(x => x.a == "--checker-arg" && x.i + 1 < args.Length).Select(x => args[x.i + 1])];

        // The peer first, then Checker, in the same run: the ratio is what counts (absolute times on a shared machine move).
        // --checker-only: no peer run and no ratio, for trying Checker's settings quickly.
        var checkerOnly = args.Contains("--checker-only");
        (int Exit, TimeSpan Elapsed, MeasuredRun.MemoryProfile Memory)? peer = checkerOnly ? null : await MeasuredRun.RunAsync(peerStart);
        var checker = await MeasuredRun.RunAsync(BenchSupport.Checker(command, redirectStdout: true));

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(checkerOut, "report.json")));
        var checkerTimes = report.RootElement.GetProperty("pages").EnumerateArray()
            .Select(p => p.GetProperty("durationMs").GetDouble() / 1000).Order().ToList();
        var audited = report.RootElement.GetProperty("summary").GetProperty("audited").GetInt32();
        var checkerPace = urls.Count / checker.Elapsed.TotalMinutes;
        Console.WriteLine();
        if (peer is not { } peerRun)
        {
            PrintChecker(command, checker, audited, urls.Count, checkerPace, checkerTimes, checkerOut, report.RootElement);
            Console.WriteLine($"Runs kept in {root}");
            return 0;
        }
        var peerTimes = (await File.ReadAllLinesAsync(Path.Combine(peerOut, "times.txt")))
            .Select(l => l.Split(' ', 4)).Select(f => (Url: f[3],
                Seconds: double.Parse(f[2], CultureInfo.InvariantCulture) - double.Parse(f[1], CultureInfo.InvariantCulture))).ToList();
        // A page counts as scanned when the peer wrote its JSON report (its exit code is its grade gate, not success).
        var peerDone = Directory.EnumerateDirectories(peerOut).Count(d => Directory.EnumerateFiles(d, "*.json", SearchOption.AllDirectories).Any());
        var peerPace = urls.Count / peerRun.Elapsed.TotalMinutes;
        Console.WriteLine($"peer:    @slashgear/gdpr-cookie-scanner ({PeerVersion(peerCli)}), one URL per process, {concurrency} processes at once (reject and accept flows)");
        Console.WriteLine($"  {peerDone}/{urls.Count} pages scanned in {peerRun.Elapsed.TotalSeconds:0.0} s: {peerPace:0.0} pages/min");
        Console.WriteLine($"  seconds per page: p50 {ScaleBenchmark.Percentile(peerTimes.Select(t => t.Seconds).Order().ToList(), 0.5):0.0}, " +
                          $"p95 {ScaleBenchmark.Percentile(peerTimes.Select(t => t.Seconds).Order().ToList(), 0.95):0.0}");
        Console.WriteLine($"  peak memory of its process tree: {peerRun.Memory.PeakBytes / 1024.0 / 1024:0} MiB");
        PrintChecker(command, checker, audited, urls.Count, checkerPace, checkerTimes, checkerOut, report.RootElement);
        Console.WriteLine();
        Console.WriteLine($"checker / peer: {checkerPace / peerPace:0.00}× the peer's pages per minute ({checkerPace:0.0} vs {peerPace:0.0})");
        Console.WriteLine($"Runs kept in {root}");
        return 0;
    }

    private static void PrintChecker(string[] command, (int Exit, TimeSpan Elapsed, MeasuredRun.MemoryProfile Memory) checker, int audited, int pages, double pace, List<double> times, string output, JsonElement report)
    {
        Console.WriteLine($"checker: {string.Join(' ', command.Select(ScaleBenchmark.Quote))}");
        Console.WriteLine($"  exit {checker.Exit}; {audited}/{pages} pages audited (initial, reject, accept, gpc) in {checker.Elapsed.TotalSeconds:0.0} s: {pace:0.0} pages/min");
        Console.WriteLine($"  seconds per page: p50 {ScaleBenchmark.Percentile(times, 0.5):0.0}, p95 {ScaleBenchmark.Percentile(times, 0.95):0.0} (a page's slowest phase)");
        Console.WriteLine($"  peak memory: {checker.Memory.Describe()}");
        Console.WriteLine($"  where a visit's time goes (mean of all phases): {ScaleBenchmark.Steps(output, report)}");
    }

    /// <summary>Where the peer's Playwright looks for its headless shell, below PLAYWRIGHT_BROWSERS_PATH (its browsers.json revision).</summary>
    private static string PeerShellPath(string peerCli)
    {
        var modules = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(peerCli)!, "..", "..", ".."));
        using var browsers = JsonDocument.Parse(File.ReadAllText(Path.Combine(modules, "playwright-core", "browsers.json")));
        var revision = browsers.RootElement.GetProperty("browsers").EnumerateArray()
            .First(b => b.GetProperty("name").GetString() == "chromium-headless-shell").GetProperty("revision").GetString();
        return Path.Combine($"chromium_headless_shell-{revision}", "chrome-headless-shell-linux64", "chrome-headless-shell");
    }

    private static string PeerVersion(string peerCli)
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(peerCli)!, "..", "package.json")));
        return package.RootElement.GetProperty("version").GetString() ?? "?";
    }
}
