using System.Diagnostics;
using System.Globalization;

namespace Checker.Bench;

/// <summary>A benchmarked run of a process tree (the checker CLI with its driver and Chromium, or a peer tool's processes): time and memory.</summary>
public static class MeasuredRun
{
    /// <summary>Memory of the run's process tree, sampled every half second: the peak, what it was made of, and the peak in each quarter of the run.</summary>
    public sealed record MemoryProfile(long PeakBytes, IReadOnlyDictionary<string, long> PartsAtPeak, int RenderersAtPeak, IReadOnlyList<long> PeakByQuarter,
        IReadOnlyDictionary<string, long> PartPeaks)
    {
        public string Describe()
        {
            static string MiB(long bytes) => $"{bytes / 1024.0 / 1024:0}";
            static string Parts(IReadOnlyDictionary<string, long> parts) =>
                string.Join(", ", parts.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {MiB(p.Value)}"));
            return $"{MiB(PeakBytes)} MiB (CLI, Playwright driver, Chromium); at the peak: {Parts(PartsAtPeak)} MiB, {RenderersAtPeak} renderers; "
                   + $"peak by quarter of the run: {string.Join(" → ", PeakByQuarter.Select(MiB))} MiB; "
                   + $"each part's own peak: {Parts(PartPeaks)} MiB";
        }
    }

    /// <summary>Runs a process to its end, sampling the memory of its whole tree every half second.</summary>
    /// <param name="start">With standard output redirected: what the process prints there is not the benchmark's output
    /// (a per-page summary table); standard error (errors) is left to show.</param>
    public static async Task<(int Exit, TimeSpan Elapsed, MemoryProfile Memory)> RunAsync(ProcessStartInfo start)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        if (start.RedirectStandardOutput) _ = process.StandardOutput.ReadToEndAsync();
        var samples = new List<(TimeSpan At, long Bytes)>();
        (long Bytes, Dictionary<string, long> Parts, int Renderers) peak = (0, [], 0);
        var partPeaks = new Dictionary<string, long>();
        while (!process.HasExited)
        {
            var (parts, renderers) = TreePss(process.Id);
            var bytes = parts.Values.Sum();
            samples.Add((clock.Elapsed, bytes));
            if (bytes > peak.Bytes) peak = (bytes, parts, renderers);
            foreach (var (part, size) in parts) partPeaks[part] = Math.Max(partPeaks.GetValueOrDefault(part), size);
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(500));
        }
        var elapsed = clock.Elapsed;
        var quarters = Enumerable.Range(0, 4)
            .Select(q => samples.Where(s => s.At >= elapsed * q / 4 && s.At < elapsed * (q + 1) / 4).Select(s => s.Bytes).DefaultIfEmpty(0).Max()).ToList();
        return (process.ExitCode, elapsed, new MemoryProfile(peak.Bytes, peak.Parts, peak.Renderers, quarters, partPeaks));
    }

    /// <summary>
    /// Memory of a process and all its descendants, from /proc, by part (CLI, driver, Chromium's browser and helper
    /// processes, its renderers): the proportional set size (smaps_rollup Pss), which counts a page shared by
    /// Chromium's processes once in all, not once per process as RSS would.
    /// </summary>
    private static (Dictionary<string, long> Parts, int Renderers) TreePss(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException) { }
        }
        var tree = new HashSet<int> { root };
        bool added;
        do
        {
            added = false;
            foreach (var (pid, parent) in parents)
                if (tree.Contains(parent) && tree.Add(pid)) added = true;
        } while (added);
        var parts = new Dictionary<string, long>();
        var renderers = 0;
        // Only the tree's own processes: smaps_rollup walks a process's page tables, which is not free.
        foreach (var pid in tree)
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
                if (line is null) continue;
                var part = Part(File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '));
                if (part == "renderers") renderers++;
                parts[part] = parts.GetValueOrDefault(part) + long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        }
        return (parts, renderers);

        static string Part(string commandLine) =>
            commandLine.Contains("--type=renderer", StringComparison.Ordinal) ? "renderers"
            : commandLine.Contains("chrom", StringComparison.OrdinalIgnoreCase) ? "Chromium browser, GPU, utilities"
            : commandLine.Contains("node", StringComparison.Ordinal) ? "driver"
            : "CLI";
    }

}
