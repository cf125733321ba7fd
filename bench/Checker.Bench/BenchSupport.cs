using System.Globalization;
using System.Diagnostics;

namespace Checker.Bench;

/// <summary>What every benchmark needs: its options, the checkout it runs in, and the checker CLI as a process.</summary>
public static class BenchSupport
{
    /// <summary>
    /// The half of a labelled set a page belongs to, by a stable hash of its URL: "look" (where causes of mistakes are
    /// looked for) or "held-out" (the figure reported, never looked at page by page).
    /// </summary>
    public static string HalfOf(string url) => global::Checker.Core.StableHash.Fnv1a64(url) % 2 == 0 ? "look" : "held-out";

    public static readonly string[] Halves = ["look", "held-out"];

    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>A folder of this checkout (found by Checker.sln above the benchmark's binaries), or null.</summary>
    public static string? RepositoryPath(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Checker.sln")))
            {
                var path = Path.Combine(dir.FullName, relative);
                return Directory.Exists(path) ? path : null;
            }
        return null;
    }

    /// <summary>A folder of the shared data beside the checkout (../shared/data/NAME), read in place, or null.</summary>
    public static string? SharedData(string name)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The checker CLI built beside the benchmark, with the checkout's rules, as a user would run it.</summary>
    public static ProcessStartInfo Checker(IEnumerable<string> args, bool redirectStdout = false)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = redirectStdout };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "checker.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["CHECKER_RULES"] = RepositoryPath("rules") ?? Path.Combine(AppContext.BaseDirectory, "rules");
        return start;
    }

    /// <summary>
    /// CPU time the whole machine spent busy (user, nice, system, irq, softirq from /proc/stat). Per process it cannot be
    /// had: Chromium's renderers live for seconds and their parent reaps them, so neither sampling nor RUSAGE_CHILDREN
    /// sees them all. The fixture web server is included (a small share: static files).
    /// </summary>
    public static TimeSpan MachineBusy()
    {
        if (!OperatingSystem.IsLinux()) return TimeSpan.Zero;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // USER_HZ is 100 on Linux.
        return TimeSpan.FromMilliseconds((fields[0] + fields[1] + fields[2] + fields[5] + fields[6]) * 10);
    }
}
