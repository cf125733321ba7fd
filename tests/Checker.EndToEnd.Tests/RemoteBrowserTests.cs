using System.Diagnostics;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// `--browser-endpoint`: the pages run in a Playwright browser server elsewhere. The server here is started from the
/// Playwright driver the NuGet package ships (its playwright-core), with this machine's Chromium, as a remote
/// browser host would run it.
/// </summary>
[Parallelizable]
public sealed class RemoteBrowserTests
{
    private Process? _server;
    private string _endpoint = "";

    [OneTimeSetUp]
    public async Task StartBrowserServer()
    {
        var driver = Path.Combine(AppContext.BaseDirectory, ".playwright");
        var script = Path.Combine(Cli.NewOutputFolder(), "checker-browser-server.js");
        // The resolver rules are the browser's own: the server is what must reach the fixture web.
        await File.WriteAllTextAsync(script, """
            const { chromium } = require(process.argv[2]);
            chromium.launchServer({ executablePath: process.argv[3], args: ['--host-resolver-rules=' + process.argv[4]], chromiumSandbox: false })
              .then((server) => console.log(server.wsEndpoint()))
              .catch((e) => { console.error(e); process.exit(1); });
            """);
        var start = new ProcessStartInfo(Path.Combine(driver, "node", "linux-x64", "node"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { script, Path.Combine(driver, "package"), "/usr/lib/chromium/chromium", FixtureWeb.Server.HostResolverRules("test") })
            start.ArgumentList.Add(arg);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _server = new Process { StartInfo = start };
        _server.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        _server.Start();
        _server.BeginErrorReadLine();
        string? line;
        try { line = await _server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)); }
        catch (TimeoutException) { line = null; }
        Assert.That(line, Does.StartWith("ws://"), "browser server did not start: " + string.Join("\n", errors));
        _endpoint = line!;
    }

    [OneTimeTearDown]
    public void StopBrowserServer()
    {
        _server?.Kill(entireProcessTree: true);
        _server?.Dispose();
    }

    [Test]
    public async Task An_audit_runs_its_pages_in_the_remote_browser_and_finds_what_a_local_one_does()
    {
        var output = NewOutputFolder();
        var run = await RunAsync("audit", "https://wire-uncredited.news.test/", "https://tracking-nobanner.news.test/", "--phases", "initial,accept",
            "--browser-endpoint", _endpoint, "--ignore-https-errors", "--out", output);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        var report = ReadReport(output);
        Assert.That(Outcome(Page(report, "https://wire-uncredited.news.test/"), "attribution.uncredited-wire-copy"), Is.EqualTo("fail"));
        Assert.That(Outcome(Page(report, "https://tracking-nobanner.news.test/"), "consent.tracking-before-consent"), Is.EqualTo("fail"));
        Assert.That(report.GetProperty("run").GetProperty("options").GetProperty("browser").GetString(), Is.EqualTo(_endpoint));
    }

    [Test]
    public async Task An_endpoint_nobody_listens_on_is_one_line_and_exit_code_2()
    {
        var run = await RunAsync("audit", "https://byline.news.test/", "--browser-endpoint", "ws://127.0.0.1:9/nothing", "--out", NewOutputFolder());
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("--browser-endpoint ws://127.0.0.1:9/nothing: cannot connect"));
        Assert.That(run.Stderr, Does.Not.Contain("   at "));
    }
}
