using System.Diagnostics;

namespace Checker.Browser;

/// <summary>A Chromium found on this machine, and how it was found.</summary>
public sealed record LocatedBrowser(string ExecutablePath, string FoundBy);

/// <summary>
/// Finds a Chromium without downloading one, in this order: --browser-path, CHECKER_BROWSER, a Chromium that
/// Playwright installed, then the system's headless shell, chromium, google-chrome.
/// </summary>
/// <remarks>
/// The headless shell (Debian's chromium-headless-shell, Playwright's own default for headless runs) is Chromium's
/// engine without the desktop browser around it: its browser process does a fraction of the work per page (measured on
/// the 48 consent pages of bench/peer, four phases: 18.1 → 12.8 CPU-s for the same 12 pages, the same verdicts). It has
/// no cookie settings, and allows third-party cookies; a run that must block them needs the desktop Chromium, whose
/// profile preference does (<see cref="IsHeadlessShell"/>).
/// </remarks>
public static class BrowserLocator
{
    public const string EnvironmentVariable = "CHECKER_BROWSER";

    public const string InstallHint =
        "no Chromium found: install one (Debian/Ubuntu: 'apt-get install -y chromium'), or point --browser-path or CHECKER_BROWSER at a Chromium or Chrome executable";

    private static readonly string[] HeadlessShellPaths =
    [
        "/usr/lib/chromium/chromium-headless-shell",
        "/usr/bin/chromium-headless-shell",
    ];

    // Debian's /usr/bin/chromium is a shell wrapper that prints a warning; the binary behind it is preferred.
    private static readonly string[] DesktopPaths =
    [
        "/usr/lib/chromium/chromium",
        "/usr/bin/chromium",
        "/usr/lib/chromium-browser/chromium-browser",
        "/usr/bin/chromium-browser",
        "/snap/bin/chromium",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
        "/opt/google/chrome/chrome",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
    ];

    /// <summary>The browser to use, or a one-line reason why there is none.</summary>
    /// <param name="needsCookieSettings">Third-party cookies are to be blocked: only a desktop Chromium can, so a headless
    /// shell is passed over when found on its own, and is no browser for the run when named.</param>
    public static (LocatedBrowser? Browser, string? Problem) Locate(string? explicitPath, bool needsCookieSettings = false)
    {
        var (browser, problem) = Find(explicitPath, needsCookieSettings);
        return needsCookieSettings && browser is not null && IsHeadlessShell(browser.ExecutablePath)
            ? (null, $"{browser.ExecutablePath} is Chromium's headless shell, which cannot block third-party cookies: {DesktopInstallHint}")
            : (browser, problem);
    }

    private static (LocatedBrowser? Browser, string? Problem) Find(string? explicitPath, bool needsCookieSettings)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return File.Exists(explicitPath)
                ? (new LocatedBrowser(Path.GetFullPath(explicitPath), "--browser-path"), null)
                : (null, $"--browser-path {explicitPath}: no such file");
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return File.Exists(fromEnvironment)
                ? (new LocatedBrowser(Path.GetFullPath(fromEnvironment), EnvironmentVariable), null)
                : (null, $"{EnvironmentVariable}={fromEnvironment}: no such file");
        var managed = PlaywrightManagedChromium();
        if (managed is not null) return (new LocatedBrowser(managed, "Playwright browsers folder"), null);
        var system = (needsCookieSettings ? DesktopPaths : [.. HeadlessShellPaths, .. DesktopPaths]).FirstOrDefault(File.Exists);
        if (system is not null) return (new LocatedBrowser(system, "system"), null);
        return needsCookieSettings && HeadlessShellPaths.Any(File.Exists)
            ? (null, $"only Chromium's headless shell is installed, which cannot block third-party cookies: {DesktopInstallHint}")
            : (null, InstallHint);
    }

    private const string DesktopInstallHint =
        "install the desktop Chromium ('apt-get install -y chromium') or point --browser-path at Chrome, or audit with --third-party-cookies allow";

    /// <summary>
    /// Whether an executable is Chromium's headless shell (Debian's chromium-headless-shell, Playwright's
    /// chrome-headless-shell), which has no cookie settings.
    /// </summary>
    public static bool IsHeadlessShell(string executablePath) =>
        Path.GetFileName(executablePath).Contains("headless", StringComparison.OrdinalIgnoreCase);

    private static string? PlaywrightManagedChromium()
    {
        var roots = new List<string>();
        var configured = Environment.GetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH");
        if (!string.IsNullOrWhiteSpace(configured) && configured != "0") roots.Add(configured);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home)) roots.Add(Path.Combine(home, ".cache", "ms-playwright"));
        foreach (var root in roots.Where(Directory.Exists))
        {
            var found = Directory.EnumerateDirectories(root, "chromium-*")
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .SelectMany(d => new[] { Path.Combine(d, "chrome-linux", "chrome"), Path.Combine(d, "chrome-linux64", "chrome") })
                .FirstOrDefault(File.Exists);
            if (found is not null) return found;
        }
        return null;
    }

    /// <summary>What the executable says of its own version ("Chromium 156.0.8078.108"), or null.</summary>
    public static async Task<string?> ReadVersionAsync(string executablePath, CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(executablePath, "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return output.Trim() is { Length: > 0 } version ? version : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException or IOException)
        {
            return null;
        }
    }
}
