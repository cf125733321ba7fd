using System.Diagnostics;
using System.Globalization;
using Checker.Browser;
using Checker.Reporting;
using Microsoft.Playwright;

namespace Checker.Bench;

/// <summary>
/// What the HTML report of a saved run costs its reader: rendered from the run's folder as `checker report render`
/// does, then opened in Chromium from the file, as a person would. Prints the file's size, its pictures, the time to
/// render, and the time until Chromium has loaded and painted it (median of a few opens). Targets (issue 18): a
/// 500-page report under 15 MB, open in under 2 s.
/// </summary>
public static class ReportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        // --html FILE: time opening a report file as it is (no rendering), to compare variants of the markup.
        if (BenchSupport.Option(args, "--html") is { } existing)
        {
            Console.WriteLine($"bench report: {existing}, {new FileInfo(existing).Length / 1048576.0:0.00} MB");
            return await OpenAsync(existing, args);
        }
        var from = BenchSupport.Option(args, "--from");
        if (from is null)
        {
            Console.Error.WriteLine("bench report: --from RUN-FOLDER (a folder with report.json and its evidence) is required");
            return 2;
        }
        var folder = ReportFolder.Load(from);
        var output = BenchSupport.Option(args, "--out") ?? Directory.CreateTempSubdirectory("checker-bench-report-").FullName;
        Directory.CreateDirectory(output);

        var clock = Stopwatch.StartNew();
        var images = new ReportImages();
        var html = HtmlReporter.Render(folder, images);
        var renderMs = clock.ElapsedMilliseconds;
        var file = Path.Combine(output, "report.html");
        await File.WriteAllTextAsync(file, html);
        var sites = SiteOverview.Build(folder.Report);
        var bytes = new FileInfo(file).Length;
        Console.WriteLine($"bench report: {folder.Report.Pages.Count} pages, {sites.Count} site(s), from {folder.Directory}");
        Console.WriteLine($"  report.html       {bytes / 1048576.0:0.00} MB ({bytes:N0} bytes), written to {file}");
        Console.WriteLine($"  pictures          {images.Count} defined once + {images.LazyCount} shown on one page, {images.UsedBytes / 1048576.0:0.00} MB inlined (budget {ReportImages.DefaultBudgetBytes / 1048576} MB)");
        Console.WriteLine($"  render            {renderMs} ms");
        return await OpenAsync(file, args);
    }

    private static async Task<int> OpenAsync(string file, string[] args)
    {
        var clock = new Stopwatch();

        var (located, problem) = BrowserLocator.Locate(null);
        if (located is null)
        {
            Console.Error.WriteLine($"bench report: {problem}");
            return 2;
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = located.ExecutablePath,
            Headless = true,
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
        var opens = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            clock.Restart();
            await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
            // Load, then two animation frames: the first screen has been laid out and painted.
            await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            // The first open warms the file cache and the browser; it is not counted.
            if (i > 0) opens.Add(clock.Elapsed.TotalMilliseconds);
            if (i == 0 && BenchSupport.Option(args, "--screenshot") is { } shot)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
                Console.WriteLine($"  first screen      {shot}");
            }
            await page.CloseAsync();
        }
        opens.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  open in Chromium  median {opens[opens.Count / 2] / 1000:0.00} s (load + first paint; {string.Join(", ", opens.Select(o => $"{o / 1000:0.00}"))} s)"));
        return 0;
    }
}
