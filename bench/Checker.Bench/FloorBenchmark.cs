using System.Diagnostics;
using System.Globalization;
using Checker.Browser;
using Checker.Sites;
using Microsoft.Playwright;

namespace Checker.Bench;

/// <summary>
/// What the browser alone costs per visit on this machine, before Checker does any work: Chromium launched exactly
/// as the tool launches it, visits made one at a time, each step added in turn (a fresh context; its page; loading
/// a plain article with no script; a screenshot), and, for comparison, one page reused for every load (what a
/// visit would cost if visits shared a page, which the tool does not do). Prints CPU-seconds and wall seconds per
/// visit, and the most pages per minute those costs allow on this machine's cores for the phases asked: the ceiling
/// no tuning of Checker's own work can pass.
/// </summary>
public static class FloorBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var visits = int.Parse(BenchSupport.Option(args, "--visits") ?? "20", CultureInfo.InvariantCulture);
        var phases = (BenchSupport.Option(args, "--phases") ?? "initial,reject,accept,gpc").Split(',').Length;
        var (located, problem) = BrowserLocator.Locate(null);
        if (located is null)
        {
            Console.Error.WriteLine($"bench floor: {problem}");
            return 2;
        }
        var root = Directory.CreateTempSubdirectory("checker-bench-floor-").FullName;
        try
        {
            // One site of the article, and others (each its own registrable domain) for loads that change site.
            foreach (var host in Enumerable.Range(0, OtherSites).Select(OtherSite).Prepend("plain.news.test"))
            {
                Directory.CreateDirectory(Path.Combine(root, host));
                await File.WriteAllTextAsync(Path.Combine(root, host, "index.html"), PlainArticle);
            }
            await using var server = await FixtureWebServer.StartAsync(new DirectorySiteSource(root), CancellationToken.None);
            await using var session = await BrowserSession.StartAsync(new BrowserSettings
            {
                ExecutablePath = located.ExecutablePath,
                HostResolverRules = server.HostResolverRules("test"),
                IgnoreHttpsErrors = true,
                // --browser-arg SWITCH (repeatable): try Chromium's process model switches against the same steps.
                ExtraArguments = args.Select((a, i) => (a, i)).Where(x => x.a == "--browser-arg" && x.i + 1 < args.Length)
                    .Select(x => args[x.i + 1]).ToList(),
            }, CancellationToken.None);
            const string url = "https://plain.news.test/";
            Console.WriteLine($"bench floor: Chromium {session.Version}, {visits} visits per step, one at a time, on {Environment.ProcessorCount} cores");
            Console.WriteLine("CPU is the whole machine's busy time over the visits (Chromium, the Playwright driver, this process), per visit.");
            // One visit first, so that no step pays for the browser's first page.
            await VisitAsync(session, url, load: true, screenshot: true);

            var rows = new List<(string Step, double Cpu, double Wall)>
            {
                await MeasureAsync("a fresh context, closed", visits, async () =>
                {
                    var context = await session.NewContextAsync();
                    await context.CloseAsync();
                }),
                await MeasureAsync("+ a page in it (a renderer process)", visits, () => VisitAsync(session, url, load: false, screenshot: false)),
                await MeasureAsync("+ loading a plain article", visits, () => VisitAsync(session, url, load: true, screenshot: false)),
                await MeasureAsync("+ a viewport screenshot", visits, () => VisitAsync(session, url, load: true, screenshot: true)),
            };
            var shared = await session.NewContextAsync();
            var sharedPage = await shared.NewPageAsync();
            rows.Add(await MeasureAsync("for comparison: loading it again in one reused page", visits, async () =>
            {
                await shared.ClearCookiesAsync();
                await sharedPage.GotoAsync(url);
            }));
            rows.Add(await MeasureAsync("  the same, by way of about:blank (as a wipe leaves it)", visits, async () =>
            {
                await shared.ClearCookiesAsync();
                await sharedPage.GotoAsync("about:blank");
                await sharedPage.GotoAsync(url);
            }));
            var next = 0;
            rows.Add(await MeasureAsync("  the same, each load on another site (cross-site)", visits, async () =>
            {
                await shared.ClearCookiesAsync();
                await sharedPage.GotoAsync($"https://{OtherSite(next++ % OtherSites)}/");
            }));
            await shared.CloseAsync();

            Console.WriteLine();
            foreach (var (step, cpu, wall) in rows)
                Console.WriteLine($"  {step,-55} {cpu,5:0.00} CPU-s  {wall,5:0.00} s wall per visit");
            var fresh = rows[2].Cpu;
            var reused = rows[^3].Cpu;
            Console.WriteLine();
            Console.WriteLine($"Ceiling for {phases} phase(s) per page on {Environment.ProcessorCount} cores, with no audit work at all:");
            Console.WriteLine($"  a fresh context per visit (as Checker visits): {Ceiling(fresh, phases):0} pages/min");
            Console.WriteLine($"  one page reused for every visit:              {Ceiling(reused, phases):0} pages/min");
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { }
        }
    }

    private const int OtherSites = 8;

    private static string OtherSite(int i) => $"plain{i}.example{i}.test";

    private static double Ceiling(double cpuPerVisit, int phases) => Environment.ProcessorCount * 60 / (cpuPerVisit * phases);

    private static async Task VisitAsync(BrowserSession session, string url, bool load, bool screenshot)
    {
        var context = await session.NewContextAsync();
        var page = await context.NewPageAsync();
        if (load) await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        if (screenshot) await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png });
        await context.CloseAsync();
    }

    private static async Task<(string Step, double Cpu, double Wall)> MeasureAsync(string step, int visits, Func<Task> visit)
    {
        // Chromium tears a closed context's renderer down after the call returns: let the last one go before measuring.
        await Task.Delay(500);
        var busy = BenchSupport.MachineBusy();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < visits; i++) await visit();
        var wall = clock.Elapsed;
        await Task.Delay(500);
        var cpu = BenchSupport.MachineBusy() - busy;
        return (step, cpu.TotalSeconds / visits, wall.TotalSeconds / visits);
    }

    private const string PlainArticle = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Council approves the new bridge</title></head>
        <body><header><a href="/">Plain News</a></header>
        <article><h1>Council approves the new bridge</h1><p class="byline">By Jane Doe · 28 November 2026</p>
        <p>The city council voted on Tuesday to build a second bridge over the river, ending a debate of ten years.</p>
        <p>Work is to start in the spring and last three years, the mayor said after the vote.</p></article>
        </body></html>
        """;
}
