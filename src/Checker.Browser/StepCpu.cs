using System.Globalization;

namespace Checker.Browser;

/// <summary>
/// For finding where a visit's CPU goes (CHECKER_STEP_CPU=1, Linux): the CPU time of this process and all it started
/// (Playwright's driver, Chromium and its renderers), read from /proc at each step of a visit. Run with one phase at
/// concurrency 1 and each step's figure is that step's own cost to the machine; `bench/scale` prints their means.
/// Off by default: a reading walks the process tree.
/// </summary>
internal static class StepCpu
{
    public static readonly bool Enabled = OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("CHECKER_STEP_CPU") == "1";

    private static readonly double MsPerTick = 1000.0 / 100; // USER_HZ: 100 on Linux

    /// <summary>CPU milliseconds (user + system) of this process and its descendants so far.</summary>
    public static long TreeMs()
    {
        long ticks = 0;
        var pending = new Stack<int>([Environment.ProcessId]);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    pending.Push(int.Parse(child, CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { /* a process that ended meanwhile */ }
        }
        return (long)(ticks * MsPerTick);
    }
}
