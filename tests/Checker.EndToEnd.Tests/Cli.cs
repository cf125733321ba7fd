using System.Diagnostics;
using System.Text.Json;

namespace Checker.EndToEnd.Tests;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the real checker CLI as a separate process, as a user or a CI job would.</summary>
public static class Cli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "checker.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The tool's own defaults, not whatever the developer's shell has set.
        start.Environment.Remove("CHECKER_RULES");
        start.Environment.Remove("CHECKER_BROWSER");
        using var process = Process.Start(start)!;
        Running.TryAdd(process, 0);
        try
        {
            return await WaitAsync(process, args);
        }
        finally
        {
            Running.TryRemove(process, out _);
        }
    }

    // Runs still going when the test run ends (the shared runs are started early for every class, and a filtered run
    // may read none of them) are ended with it, not left to run on, browser and all, after the test host is gone.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Process, byte> Running = new();

    /// <summary>Ends every run still going, with its browser (FixtureWeb.Stop).</summary>
    public static void StopAll()
    {
        foreach (var process in Running.Keys)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* it ended meanwhile */ }
        }
    }

    private static async Task<CliResult> WaitAsync(Process process, string[] args)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A safety net against a hung run, not a speed goal: a 17-site four-phase run takes about three minutes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"checker {string.Join(' ', args)} did not finish in 8 minutes");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// One temporary folder per test run holds every output folder the tests make, so the run can remove them all at
    /// its end (FixtureWeb.Stop): a run leaves about 200 of them, 3 MB each with screenshots.
    /// </summary>
    private static readonly Lazy<string> RunFolder = new(() => Directory.CreateTempSubdirectory("checker-e2e-").FullName);

    public static string RunFolderPath => RunFolder.Value;

    public static bool RunFolderCreated => RunFolder.IsValueCreated;

    private static int _outputFolders;

    public static string NewOutputFolder() =>
        Directory.CreateDirectory(Path.Combine(RunFolder.Value, $"out-{Interlocked.Increment(ref _outputFolders):D4}")).FullName;

    public static JsonElement ReadReport(string folder) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement;

    public static JsonElement Page(JsonElement report, string url) =>
        report.GetProperty("pages").EnumerateArray().Single(p => p.GetProperty("url").GetString() == url);

    public static JsonElement Finding(JsonElement page, string ruleId) =>
        page.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == ruleId);

    public static string Outcome(JsonElement page, string ruleId) => Finding(page, ruleId).GetProperty("outcome").GetString()!;

    public static IReadOnlyList<string> EvidenceValues(JsonElement finding) =>
        finding.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("value").GetString()!).ToList();

    public static JsonElement ReadEvidence(string folder, JsonElement page) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, page.GetProperty("evidence").GetString()!))).RootElement;

    /// <summary>The evidence file of one phase (initial, reject, accept, gpc) of a page of the report.</summary>
    public static JsonElement ReadPhaseEvidence(string folder, JsonElement report, string url, string phase) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder,
            Page(report, url).GetProperty("phases").GetProperty(phase).GetProperty("evidence").GetString()!))).RootElement;

    /// <summary>The shared data folder beside the repository (../shared/data), read in place.</summary>
    public static string SharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("../shared/data not found above " + AppContext.BaseDirectory);
    }
}
