using System.Text.Json;
using Microsoft.Playwright;
using Serilog;

namespace Checker.Browser;

/// <summary>
/// One Chromium for a whole run. Every visit gets its own fresh, isolated context from it.
/// Chromium here blocks unpartitioned third-party cookies by default and only the profile preference
/// profile.cookie_controls_mode changes that, so the browser is launched on a temporary persistent profile that
/// sets it; contexts made from that browser inherit it and still start empty.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    // The browser in use; replaced when it crashes or its connection is lost (see NewContextAsync).
    private Instance _current;
    private readonly SemaphoreSlim _relaunch = new(1, 1);

    /// <summary>One running browser. ProfileContext and ProfileDirectory are null for a remote one (--browser-endpoint).</summary>
    private sealed record Instance(IBrowser Browser, IBrowserContext? ProfileContext, string? ProfileDirectory);

    public BrowserSettings Settings { get; }
    public string Version { get; }
    public string UserAgent { get; }

    private BrowserSession(IPlaywright playwright, Instance instance, BrowserSettings settings)
    {
        _playwright = playwright;
        _current = instance;
        Settings = settings;
        Version = instance.Browser.Version;
        UserAgent = DesktopUserAgent(instance.Browser.Version);
    }

    public static async Task<BrowserSession> StartAsync(BrowserSettings settings, CancellationToken cancellationToken)
    {
        DriverHeap.Apply();
        var playwright = await Playwright.CreateAsync();
        try
        {
            return new BrowserSession(playwright, await LaunchAsync(playwright, settings, cancellationToken), settings);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The --disable-features switch Playwright 1.64 passes to Chromium (its chromiumSwitches.ts), word for word:
    /// Chromium reads only one --disable-features, so adding features means replacing this one with
    /// <see cref="DisabledFeaturesSwitch"/>. If a Playwright upgrade changes its list, the ignore no longer matches,
    /// Playwright's switch comes first and wins, and our additions are dropped (slower, never wrong); an end-to-end
    /// test compares this text with the driver's.
    /// </summary>
    public const string PlaywrightDisabledFeatures =
        "AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,DialMediaRouteProvider,GlobalMediaControls," +
        "HttpsUpgrades,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning," +
        "BlockOriginHeaderModificationOnRedirect,AvoidCorsURLLoaderRestartOnRedirect,Translate,AutoDeElevate," +
        "OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,msForceBrowserSignIn," +
        "msEdgeUpdateLaunchServicesPreferredVersion";

    /// <summary>
    /// Features an audit never uses, whose processes cost CPU on every new page. Chromium 156 starts, for each new
    /// window, a WebUI renderer for the address bar's popup (WebUIOmniboxPopup, and WebUIOmniboxAimPopup for its
    /// AI-mode variant) and keeps a spare renderer warm for the next navigation (SpareRendererForSitePerProcess);
    /// a headless audit has no address bar, and its pages are reused. Measured with 15 fresh context+page pairs:
    /// ~17 CPU-s and 30 renderers by default, ~9 CPU-s and 14 renderers without these.
    /// </summary>
    public const string AuditDisabledFeatures = "WebUIOmniboxPopup,WebUIOmniboxAimPopup,SpareRendererForSitePerProcess";

    private const string PlaywrightDisabledFeaturesSwitch = "--disable-features=" + PlaywrightDisabledFeatures;
    private const string DisabledFeaturesSwitch = PlaywrightDisabledFeaturesSwitch + "," + AuditDisabledFeatures;

    private static async Task<Instance> LaunchAsync(IPlaywright playwright, BrowserSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Endpoint is { } endpoint) return await ConnectAsync(playwright, endpoint);
        var profile = Directory.CreateTempSubdirectory("checker-profile-").FullName;
        // cookie_controls_mode: 0 = allow third-party cookies (Chrome's default for most users), 1 = block them.
        Directory.CreateDirectory(Path.Combine(profile, "Default"));
        var mode = settings.ThirdPartyCookies == ThirdPartyCookies.Allow ? 0 : 1;
        await File.WriteAllTextAsync(Path.Combine(profile, "Default", "Preferences"),
            JsonSerializer.Serialize(new { profile = new { cookie_controls_mode = mode } }), cancellationToken);

        try
        {
            var args = new List<string>
            {
                // Pages must see an ordinary desktop Chrome: some CMPs hide their banner from automation.
                "--disable-blink-features=AutomationControlled",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-quic",
                // One renderer process per page instead of one per site in it: with site isolation every cross-site
                // frame (trackers, CMP iframes) is a process of its own. Site isolation guards a person's data in
                // other sites from a compromised renderer; an audit profile is empty and thrown away.
                "--disable-site-isolation-trials",
                DisabledFeaturesSwitch,
            };
            if (!string.IsNullOrWhiteSpace(settings.HostResolverRules))
                args.Add($"--host-resolver-rules={settings.HostResolverRules}");
            args.AddRange(settings.ExtraArguments);
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = settings.ExecutablePath,
                Headless = true,
                Args = args,
                // Playwright adds --enable-automation, which sets navigator.webdriver; a real user's Chrome has neither.
                // Playwright's own --disable-features is replaced by ours, which repeats it and adds to it.
                IgnoreDefaultArgs = ["--enable-automation", PlaywrightDisabledFeaturesSwitch],
                // The sandbox cannot run as root; everyone else keeps it.
                ChromiumSandbox = !IsRoot(),
                Timeout = (float)TimeSpan.FromSeconds(60).TotalMilliseconds,
            });
            var browser = context.Browser
                          ?? throw new InvalidOperationException("Playwright gave no browser for the persistent profile");
            Log.Debug("Chromium {Version} started from {Path} (third-party cookies: {Mode})", browser.Version,
                settings.ExecutablePath, settings.ThirdPartyCookies);
            return new Instance(browser, context, profile);
        }
        catch
        {
            TryDelete(profile);
            throw;
        }
    }

    /// <summary>
    /// A Playwright browser server elsewhere (`npx playwright launch-server`, a grid): contexts are made there and the
    /// pages run there; its third-party cookie policy and resolver are its own.
    /// </summary>
    private static async Task<Instance> ConnectAsync(IPlaywright playwright, string endpoint)
    {
        var browser = await playwright.Chromium.ConnectAsync(endpoint, new BrowserTypeConnectOptions
        {
            Timeout = (float)TimeSpan.FromSeconds(30).TotalMilliseconds,
        });
        Log.Debug("Connected to Chromium {Version} at {Endpoint}", browser.Version, endpoint);
        return new Instance(browser, null, null);
    }

    /// <summary>
    /// A fresh context: no cookies, no storage, nothing shared with any other visit. When the browser has crashed or
    /// its connection is lost, it is started again (once for all the visits that find it gone) and the run goes on.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(IReadOnlyDictionary<string, string>? extraHeaders = null, bool javaScript = true,
        HttpCredentials? credentials = null)
    {
        var instance = _current;
        try
        {
            return await CreateContextAsync(instance.Browser, extraHeaders, javaScript, credentials);
        }
        catch (PlaywrightException) when (!instance.Browser.IsConnected)
        {
            await RelaunchAsync(instance);
            return await CreateContextAsync(_current.Browser, extraHeaders, javaScript, credentials);
        }
    }

    private async Task RelaunchAsync(Instance gone)
    {
        await _relaunch.WaitAsync();
        try
        {
            if (_current != gone) return; // another visit has started it again already
            Log.Warning("The browser crashed or was disconnected; starting it again");
            _current = await LaunchAsync(_playwright, Settings, CancellationToken.None);
            await CloseAsync(gone);
        }
        finally
        {
            _relaunch.Release();
        }
    }

    private Task<IBrowserContext> CreateContextAsync(IBrowser browser, IReadOnlyDictionary<string, string>? extraHeaders, bool javaScript,
        HttpCredentials? credentials) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            UserAgent = UserAgent,
            Locale = Settings.Locale,
            ViewportSize = new ViewportSize { Width = Settings.ViewportWidth, Height = Settings.ViewportHeight },
            IgnoreHTTPSErrors = Settings.IgnoreHttpsErrors,
            AcceptDownloads = false,
            ExtraHTTPHeaders = extraHeaders?.ToDictionary(),
            HttpCredentials = credentials,
        });

    /// <summary>
    /// Makes a new page of a local headless shell show the desktop Chrome's client hints. The user agent string is set
    /// for every context, but the headless shell also names itself among the brands of navigator.userAgentData and of
    /// the Sec-CH-UA header ("HeadlessChrome"), where a page can see it and a CMP may hide its banner from it: the page's
    /// DevTools session overrides them with the brands the desktop Chromium sends. Nothing to do in other browsers.
    /// </summary>
    /// <param name="devTools">The page's DevTools session where the caller keeps one (it must stay attached: the
    /// override ends with it); else one is opened for the page's lifetime.</param>
    public async Task PreparePageAsync(IBrowserContext context, IPage page, ICDPSession? devTools = null)
    {
        if (Settings.Endpoint is not null || !BrowserLocator.IsHeadlessShell(Settings.ExecutablePath)) return;
        devTools ??= await context.NewCDPSessionAsync(page);
        var major = Version.Split('.')[0];
        await devTools.SendAsync("Emulation.setUserAgentOverride", new Dictionary<string, object>
        {
            ["userAgent"] = UserAgent,
            ["acceptLanguage"] = Settings.Locale,
            ["platform"] = "Linux x86_64",
            ["userAgentMetadata"] = new Dictionary<string, object>
            {
                ["brands"] = new[] { new { brand = "Not:A-Brand", version = "8" }, new { brand = "Chromium", version = major } },
                ["fullVersionList"] = new[] { new { brand = "Not:A-Brand", version = "8.0.0.0" }, new { brand = "Chromium", version = Version } },
                ["fullVersion"] = Version,
                ["platform"] = "Linux",
                ["platformVersion"] = "",
                ["architecture"] = "x86",
                ["bitness"] = "64",
                ["model"] = "",
                ["mobile"] = false,
            },
        });
    }

    /// <summary>The user agent of Chrome on Linux desktop: headless Chromium would announce "HeadlessChrome".</summary>
    public static string DesktopUserAgent(string browserVersion)
    {
        var major = browserVersion.Split('.')[0];
        return $"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{major}.0.0.0 Safari/537.36";
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && Environment.UserName == "root";

    public async ValueTask DisposeAsync()
    {
        // Every step is bounded: renderers stuck in script loops, or a driver killed by Ctrl+C, must not keep the
        // tool from exiting once its reports are written.
        await CloseAsync(_current);
        try
        {
            await Task.Run(_playwright.Dispose).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            Log.Debug("the Playwright driver did not stop in time");
        }
    }

    private static async Task CloseAsync(Instance instance)
    {
        try
        {
            await (instance.ProfileContext is null ? instance.Browser.CloseAsync() : instance.ProfileContext.CloseAsync()).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            Log.Debug(e, "closing the browser failed");
        }
        if (instance.ProfileDirectory is not null) TryDelete(instance.ProfileDirectory);
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { /* a temp folder left behind is harmless */ }
        catch (UnauthorizedAccessException) { }
    }
}
