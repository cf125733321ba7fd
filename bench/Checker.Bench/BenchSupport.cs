using System.Diagnostics;

namespace Checker.Bench;

/// <summary>What every benchmark needs: its options, the checkout it runs in, and the checker CLI as a process.</summary>
public static class BenchSupport
{
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

    /// <summary>The checker CLI built beside the benchmark, with the checkout's rules, as a user would run it.</summary>
    public static ProcessStartInfo Checker(IEnumerable<string> args, bool redirectStdout = false)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = redirectStdout };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "checker.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["CHECKER_RULES"] = RepositoryPath("rules") ?? Path.Combine(AppContext.BaseDirectory, "rules");
        return start;
    }
}
