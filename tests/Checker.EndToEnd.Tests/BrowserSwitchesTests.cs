using System.Text.RegularExpressions;
using Checker.Browser;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// The Chromium switches that keep a visit cheap. They replace Playwright's own --disable-features (Chromium reads
/// one), so they hold only while our copy of Playwright's list is word for word the driver's.
/// </summary>
[Parallelizable]
public sealed partial class BrowserSwitchesTests
{
    [GeneratedRegex("""disabledFeatures = \[(?<list>.*?)\]\.filter\(Boolean\)""", RegexOptions.Singleline)]
    private static partial Regex DisabledFeaturesList();

    [GeneratedRegex("""^\s*"(?<feature>[^"]+)",?\s*$""", RegexOptions.Multiline)]
    private static partial Regex QuotedFeature();

    [Test]
    public void Our_copy_of_Playwrights_disabled_features_is_the_drivers_own()
    {
        var bundle = Path.Combine(AppContext.BaseDirectory, ".playwright", "package", "lib", "coreBundle.js");
        Assert.That(File.Exists(bundle), Is.True, "the Playwright driver is not where the build puts it: " + bundle);
        var list = DisabledFeaturesList().Match(File.ReadAllText(bundle));
        Assert.That(list.Success, Is.True, "the driver no longer declares disabledFeatures as it did in 1.64");
        var drivers = QuotedFeature().Matches(list.Groups["list"].Value).Select(m => m.Groups["feature"].Value);
        Assert.That(string.Join(",", drivers), Is.EqualTo(BrowserSession.PlaywrightDisabledFeatures),
            "Playwright changed its --disable-features: update BrowserSession.PlaywrightDisabledFeatures, or the audit's own additions are dropped");
    }

    [Test]
    public async Task A_new_page_starts_no_address_bar_popup_renderer()
    {
        var (located, problem) = BrowserLocator.Locate(null);
        Assert.That(located, Is.Not.Null, problem);
        await using var session = await BrowserSession.StartAsync(new BrowserSettings { ExecutablePath = located!.ExecutablePath }, CancellationToken.None);
        var context = await session.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("data:text/html,<p>hello</p>");
        // Only the processes of Checker's browsers: other tests launch a plain Playwright Chromium beside this one.
        var ours = ProcessesUnder(Environment.ProcessId)
            .Where(pid => CommandLine(pid).Contains("--user-data-dir=") && CommandLine(pid).Contains("checker-profile-"))
            .SelectMany(browser => ProcessesUnder(browser).Append(browser))
            .Select(CommandLine).ToList();
        await context.CloseAsync();

        Assert.That(ours.Count(c => c.Contains("--type=renderer")), Is.GreaterThan(0), "no renderer of ours was found at all");
        Assert.That(ours.Where(c => c.Contains("--top-chrome-webui")), Is.Empty,
            "Chromium started its omnibox popup renderer: the audit's --disable-features did not reach it");
    }

    [Test]
    public async Task The_Playwright_driver_runs_with_a_heap_sized_for_it()
    {
        var (located, problem) = BrowserLocator.Locate(null);
        Assert.That(located, Is.Not.Null, problem);
        await using var session = await BrowserSession.StartAsync(new BrowserSettings { ExecutablePath = located!.ExecutablePath }, CancellationToken.None);
        var drivers = ProcessesUnder(Environment.ProcessId).Where(pid => CommandLine(pid).Contains("run-driver")).ToList();
        Assert.That(drivers, Is.Not.Empty, "no Playwright driver process was found under the test");
        var options = drivers.Select(pid => EnvironmentOf(pid).GetValueOrDefault("NODE_OPTIONS", "")).ToList();
        Assert.That(options, Has.Some.Contains(DriverHeap.SemiSpace).And.Contains(DriverHeap.OldSpace),
            "the driver was started without the heap flags: it grows to four times its live objects");
    }

    [Test]
    public void A_users_own_node_heap_flags_are_kept_and_win()
    {
        Assert.That(DriverHeap.Combine(""), Is.EqualTo($"{DriverHeap.SemiSpace} {DriverHeap.OldSpace}"));
        Assert.That(DriverHeap.Combine("--max_old_space_size=4096 --trace-warnings"),
            Is.EqualTo($"--max_old_space_size=4096 --trace-warnings {DriverHeap.SemiSpace}"));
        Assert.That(DriverHeap.Combine(DriverHeap.Combine("")), Is.EqualTo(DriverHeap.Combine("")), "applied twice, the flags were repeated");
    }

    private static Dictionary<string, string> EnvironmentOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Split('=', 2)).Where(kv => kv.Length == 2).GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        }
        catch (IOException) { return []; }
    }

    private static IEnumerable<int> ProcessesUnder(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1]);
            }
            catch (IOException) { }
        }
        var found = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
                if (found.Contains(parent) && found.Add(pid)) grew = true;
        }
        found.Remove(root);
        return found;
    }

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
    }
}
