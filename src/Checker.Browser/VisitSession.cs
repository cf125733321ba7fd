using System.Collections.Concurrent;
using System.Text.Json;
using Checker.Core.Evidence;
using Checker.Core.Trackers;
using Microsoft.Playwright;
using Serilog;

namespace Checker.Browser;

/// <summary>
/// One browser context and one page, kept for the visits of one phase of one site (a site session, --isolation site)
/// or opened for a single visit (--isolation page). A new page costs a new renderer process (~0.8–1.3 CPU-s on two
/// cores, bench/floor); the next page of the same site loaded in a page already open costs ~0.2. What one visit saw
/// is captured apart from the next (<see cref="BeginVisitAsync"/>); what a first visit would not have found is wiped
/// between pages where the phase asks for it (<see cref="WipeAsync"/>).
/// </summary>
internal sealed class VisitSession : IAsyncDisposable
{
    /// <summary>What one visit of the session saw, swapped for a new one at the start of each visit.</summary>
    internal sealed class Capture
    {
        public ConcurrentQueue<(IRequest Request, bool AfterInteraction)> Requests { get; } = new();
        public ConcurrentDictionary<IRequest, IResponse> Responses { get; } = new();
        private int _afterInteraction;
        private int _crashed;
        public bool AfterInteraction => Volatile.Read(ref _afterInteraction) == 1;
        public void MarkAfterInteraction() => Volatile.Write(ref _afterInteraction, 1);
        public bool Crashed => Volatile.Read(ref _crashed) == 1;
        public void MarkCrashed() => Volatile.Write(ref _crashed, 1);
    }

    /// <summary>The choice made in this session's reject or accept phase, which later pages of the site are judged in.</summary>
    internal sealed record MadeChoice(string Url, InteractionEvidence Interaction, IReadOnlySet<string> CookiesBeforeChoice)
    {
        /// <summary>The cookies the choice set or rewrote ("name (domain)"): what should carry it to the next page.</summary>
        public IReadOnlyList<string> ChoiceCookies { get; init; } = [];
    }

    private Capture _capture = new();
    private readonly ICDPSession? _devTools;
    private string _sessionHost;
    // Every origin a document of the session's pages (the page itself, its frames) came from since the session was last
    // wiped: whose storage a wipe clears. Only a document can store anything but cookies (local and session storage,
    // IndexedDB, Cache Storage, service workers; its workers share its origin); cookies and the HTTP cache are cleared
    // whole. A real news page reaches dozens of origins for scripts, pixels and images, and clearing each was a DevTools
    // call of its own in every wipe.
    private readonly ConcurrentDictionary<string, byte> _touched = new(StringComparer.Ordinal);
    // Requests of the session not yet finished or failed, and when that set last changed (Environment.TickCount64):
    // what "the network is quiet" is judged by (see WaitForNetworkQuietAsync).
    private readonly ConcurrentDictionary<IRequest, byte> _inflight = new();
    private long _networkChangedAt = Environment.TickCount64;

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public AutoconsentDriver? Autoconsent { get; }
    /// <summary>Visits begun in this session for its current site; 1 during the first.</summary>
    public int Visits { get; private set; }
    /// <summary>
    /// Whether the session belongs to its first site for good: the auditor's --header values and HTTP credentials are
    /// routed to that site only, so another site gets a session of its own.
    /// </summary>
    public bool SiteBound { get; private init; }
    /// <summary>Whether <see cref="MoveToSiteAsync"/> can take it to another site: it can be wiped and is not site-bound.</summary>
    public bool CanMoveToAnotherSite => CanWipe && !SiteBound;
    /// <summary>Sites the session has served, this one included; 1 until it is moved to another.</summary>
    public int Sites { get; private set; } = 1;
    /// <summary>Whether later pages can be loaded in it: false once a visit broke it (crash, deadline, closed).</summary>
    public bool Usable { get; private set; } = true;
    /// <summary>Whether pages can be wiped between visits (a DevTools session could be opened on the page).</summary>
    public bool CanWipe => _devTools is not null;
    public MadeChoice? Choice { get; set; }

    /// <summary>The banner's settings layer as the session's first page showed it (null inside: it had none), once read.</summary>
    public (BannerEvidence? Layer, string Url)? SettingsLayer { get; set; }

    // Every banner pictured in this session, by its text and controls, with the page whose screenshots show it: a site
    // may show two banners by turns (one to some sections, another elsewhere), and each is pictured once.
    private readonly Dictionary<string, string> _screenshotted = new(StringComparer.Ordinal);

    /// <summary>Whether the site's first page in this session showed a banner before any choice; null until it was looked for.</summary>
    public bool? FirstPageShowedBanner { get; private set; }

    /// <summary>A banner as a reader tells it from another: its text and the controls it shows.</summary>
    private static string SignatureOf(BannerEvidence banner) => string.Join("\u0001", [banner.Text ?? "", .. banner.VisibleControls.Select(c => c.Text)]);

    // Banners of this session that autoconsent, given its whole wait, did not know (our generic engine chose there).
    private readonly HashSet<string> _unknownToAutoconsent = new(StringComparer.Ordinal);

    /// <summary>Whether autoconsent already failed to recognise this same banner on an earlier page of the session.</summary>
    public bool AutoconsentDidNotKnow(BannerEvidence banner) => _unknownToAutoconsent.Contains(SignatureOf(banner));

    /// <summary>Remembers a banner autoconsent did not recognise, given its whole wait: the same banner again is not its CMP either.</summary>
    public void AutoconsentKnewNot(BannerEvidence banner) => _unknownToAutoconsent.Add(SignatureOf(banner));

    /// <summary>The longest a banner took to appear on this site's pages in this session (after the page settled); null until one did.</summary>
    public TimeSpan? SlowestBanner { get; private set; }

    /// <summary>Records what a look for the banner before any choice found, and how long it waited for it.</summary>
    public void SawBanner(bool detected, TimeSpan waited)
    {
        if (Visits == 1) FirstPageShowedBanner ??= detected;
        if (detected && (SlowestBanner is not { } slowest || waited > slowest)) SlowestBanner = waited;
    }

    /// <summary>
    /// The earlier page of this session whose screenshots already show this banner (same text and controls), or null
    /// when this one must be taken (a banner not pictured yet in this session); remembers it then.
    /// </summary>
    public string? ScreenshotsAlreadyOf(BannerEvidence banner, string url)
    {
        var signature = SignatureOf(banner);
        if (_screenshotted.TryGetValue(signature, out var earlier)) return earlier;
        _screenshotted[signature] = url;
        return null;
    }
    public Capture Current => Volatile.Read(ref _capture);

    private VisitSession(IBrowserContext context, IPage page, AutoconsentDriver? autoconsent, ICDPSession? devTools, string sessionHost)
    {
        Context = context;
        Page = page;
        Autoconsent = autoconsent;
        _devTools = devTools;
        _sessionHost = sessionHost;
    }

    // Google's and the GPC specification's way to announce the signal to scripts: a getter on Navigator.
    private const string GpcInitScript =
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });";

    /// <param name="keepsPages">Whether further pages will be loaded in it: then a DevTools session is opened for wiping
    /// it between pages (storage of every origin, the caches: see <see cref="WipeAsync"/>).</param>
    public static async Task<VisitSession> OpenAsync(BrowserSession browser, TrackerClassifier classifier, PhaseSpec phase, string firstUrl,
        bool keepsPages, CancellationToken cancellationToken)
    {
        var settings = browser.Settings;
        var access = settings.Access;
        var audited = new Uri(firstUrl);
        // HTTP credentials are answered to the audited origin's challenges only.
        var context = await browser.NewContextAsync(phase.GlobalPrivacyControl ? new Dictionary<string, string> { ["Sec-GPC"] = "1" } : null,
            credentials: access.Username is null ? null
                : new HttpCredentials { Username = access.Username, Password = access.Password ?? "", Origin = audited.GetLeftPart(UriPartial.Authority) });
        try
        {
            await RouteSiteHeadersAsync(context, audited.Host, access, classifier);
            if (phase.GlobalPrivacyControl) await context.AddInitScriptAsync(GpcInitScript);
            // Times what is put into the page after load: a banner that appears late is told by its behaviour.
            await context.AddInitScriptAsync(ScriptResources.Appearance);
            var page = await context.NewPageAsync();
            var autoconsent = phase.Choice is not null && settings.UseAutoconsent && AutoconsentBundle.Load() is { } bundle
                ? await AutoconsentDriver.AttachAsync(page, bundle, cancellationToken)
                : null;
            ICDPSession? devTools = null;
            if (keepsPages)
            {
                try
                {
                    devTools = await context.NewCDPSessionAsync(page);
                }
                catch (PlaywrightException e)
                {
                    // A browser without DevTools sessions (some remote ones): every page then gets a fresh session.
                    Log.Debug("no DevTools session on the page ({Message}): pages of this site get a fresh context each", EvidenceCollectors.FirstLine(e.Message));
                    devTools = null;
                }
            }
            // Before the first navigation; in the session's own DevTools session where it keeps one.
            await browser.PreparePageAsync(context, page, devTools);
            var session = new VisitSession(context, page, autoconsent, devTools, audited.Host)
            {
                SiteBound = access.Headers.Count > 0 || access.Username is not null,
            };
            context.Request += (_, request) =>
            {
                session.NetworkChanged(request, started: true);
                var capture = session.Current;
                capture.Requests.Enqueue((request, capture.AfterInteraction));
                if (request.ResourceType == "document" && Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    session._touched.TryAdd(uri.GetLeftPart(UriPartial.Authority), 0);
            };
            context.Response += (_, response) => session.Current.Responses[response.Request] = response;
            context.RequestFinished += (_, request) => session.NetworkChanged(request, started: false);
            context.RequestFailed += (_, request) => session.NetworkChanged(request, started: false);
            // A page's dialogs would block it forever; a user would close them. "Leave this page?" is answered yes, or
            // the reload after a choice would never happen.
            page.Dialog += (_, dialog) => TaskBounds.Abandon(dialog.Type == DialogType.BeforeUnload ? dialog.AcceptAsync() : dialog.DismissAsync());
            // Windows the page opens are closed (their requests are still recorded: they are the context's).
            context.Page += (_, opened) =>
            {
                if (opened != page) TaskBounds.Abandon(opened.CloseAsync());
            };
            page.Crash += (_, _) =>
            {
                session.Current.MarkCrashed();
                session.Usable = false;
            };
            return session;
        }
        catch
        {
            await CloseContextAsync(context, firstUrl);
            throw;
        }
    }

    /// <summary>Starts the next visit: its own capture, the auditor's cookies for its host, autoconsent ready for it.</summary>
    public async Task BeginVisitAsync(string url, SiteAccess access)
    {
        Visits++;
        _wiped = false;
        Volatile.Write(ref _capture, new Capture());
        // The earlier page was left: a request of it whose end was never reported must not hold this page's settling.
        _inflight.Clear();
        // Held back too on a later page of a session whose first page showed no banner: most such sites show none on any
        // page, and autoconsent looking for its few hundred CMPs in every frame, again at every change, costs such a
        // visit a third of its CPU. Where our detector does find a banner, autoconsent is let in then (ConsentInteraction).
        Autoconsent?.Reset(active: Choice is null && FirstPageShowedBanner != false);
        if (access.Cookies.Count > 0)
            await Context.AddCookiesAsync(access.Cookies.Select(c => new Cookie { Name = c.Key, Value = c.Value, Url = url }));
    }

    private void NetworkChanged(IRequest request, bool started)
    {
        if (started) _inflight.TryAdd(request, 0);
        else _inflight.TryRemove(request, out _);
        Volatile.Write(ref _networkChangedAt, Environment.TickCount64);
    }

    /// <summary>
    /// Waits until no request of the session has been in flight for <paramref name="window"/>, or <paramref name="bound"/>
    /// passed (false then: pages that poll or stream never go quiet). Playwright's "networkidle" waits a fixed 500 ms
    /// window; a visit settles several times (after the load, after the choice, after the reload), and a chained
    /// request (a script that loads a pixel) follows its parent within milliseconds, so a shorter window is most of
    /// the speed of a visit without missing what a page loads.
    /// </summary>
    public async Task<bool> WaitForNetworkQuietAsync(TimeSpan window, TimeSpan bound)
    {
        var windowMs = (long)window.TotalMilliseconds;
        var until = Environment.TickCount64 + (long)bound.TotalMilliseconds;
        while (true)
        {
            var now = Environment.TickCount64;
            var quietFor = now - Volatile.Read(ref _networkChangedAt);
            if (_inflight.IsEmpty && quietFor >= windowMs) return true;
            if (now >= until) return false;
            // Polled, not signalled: a few wake-ups a second cost nothing beside a page load.
            var wait = _inflight.IsEmpty ? windowMs - quietFor : 50;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(wait, 10, Math.Max(10, until - now))));
        }
    }

    /// <summary>The session can no longer be trusted for another page (its context was closed, the visit failed).</summary>
    public void Break() => Usable = false;

    /// <summary>
    /// Leaves the page and wipes everything a first visit would not have: cookies of every domain, local and session
    /// storage, IndexedDB, Cache Storage and service workers of every origin a document of the page came from, the HTTP
    /// and memory caches. The page is left for about:blank first, so that its scripts cannot write again after the wipe.
    /// Partitioned storage of third-party frames is cleared from inside each frame before leaving (DevTools clears
    /// origins' own storage keys only).
    /// </summary>
    public async Task WipeAsync(TimeSpan bound)
    {
        if (_devTools is null) throw new InvalidOperationException("this session cannot be wiped");
        var origins = _touched.Keys.ToList();
        var wipe = Task.Run(async () =>
        {
            foreach (var frame in Page.Frames)
            {
                try { await TaskBounds.Bounded<JsonElement?>(frame.EvaluateAsync(ClearFrameStorage), TimeSpan.FromSeconds(1)); }
                catch (Exception e) when (e is PlaywrightException or TimeoutException) { /* a frame gone or stuck: DevTools clears its origin below */ }
            }
            await Page.GotoAsync("about:blank", new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = (float)bound.TotalMilliseconds });
            // Independent of each other: at once.
            await Task.WhenAll([Context.ClearCookiesAsync(), ClearCacheAsync(_devTools), CollectGarbageAsync(_devTools),
                .. origins.Select(origin => _devTools.SendAsync("Storage.clearDataForOrigin",
                    new Dictionary<string, object> { ["origin"] = origin, ["storageTypes"] = "all" }))]);
            foreach (var origin in origins) _touched.TryRemove(origin, out _);
            return true;
        });
        await TaskBounds.Bounded(wipe, bound);
        _wiped = true;
    }

    // Whether nothing was loaded in the session since its last wipe (a move to another site then has nothing to wipe).
    private bool _wiped;

    /// <summary>
    /// A renderer kept from page to page holds what its earlier pages left (their JavaScript heap, compiled code), and
    /// its memory grows with the pages it served. Every few wipes it is collected (on about:blank: nothing of the next
    /// page is in it). bench/scale --pages 500 --concurrency 4: the 13 renderers' peak 757-805 -> 642-675 MiB, the whole
    /// tree's 1482/1543 -> 1383/1469 MiB (two runs each), 144.5/143.6 pages/min. At every wipe: 560 MiB, but the
    /// renderers' CPU went from ~145 to 254 CPU-s (the code compiled again on each next page); every fourth: 165.
    /// </summary>
    private const int CollectGarbageEvery = 4;
    private int _wipes;

    private Task CollectGarbageAsync(ICDPSession devTools) =>
        ++_wipes % CollectGarbageEvery == 0 ? devTools.SendAsync("HeapProfiler.collectGarbage") : Task.CompletedTask;

    /// <summary>
    /// Empties the context's HTTP cache and the renderer's memory cache, as Playwright's own clearCache does: the next
    /// page fetches every script and pixel again, as in a fresh context, and gets its Set-Cookie. The cache is not
    /// turned off for good: that needs the Network domain on in this DevTools session for the whole visit, whose
    /// events (several per request, each to the CLI through the driver) cost more browser time than the pages.
    /// Called on about:blank, where the Network domain has no events to send.
    /// </summary>
    private static async Task ClearCacheAsync(ICDPSession devTools)
    {
        await devTools.SendAsync("Network.enable", new Dictionary<string, object> { ["maxTotalBufferSize"] = 0, ["maxResourceBufferSize"] = 0 });
        // Turning the cache off evicts the memory cache; the HTTP cache is cleared after.
        await devTools.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
        await devTools.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = false });
        await devTools.SendAsync("Network.clearBrowserCache");
        await devTools.SendAsync("Network.disable");
    }

    /// <summary>
    /// Takes the session to another site (--isolation site, a worker's pages going from one site to the next): wiped of
    /// everything every page since the last wipe left, cookies of every domain included, and holding nothing of the
    /// last site — its choice, settings layer, screenshots — so that the new site's first page is a first visit, as in a
    /// fresh context. Throws when the wipe fails; the caller then opens a fresh session.
    /// </summary>
    public async Task MoveToSiteAsync(string firstUrl, TimeSpan bound)
    {
        if (!CanMoveToAnotherSite) throw new InvalidOperationException("this session cannot go to another site");
        if (!_wiped) await WipeAsync(bound);
        Choice = null;
        SettingsLayer = null;
        _screenshotted.Clear();
        _unknownToAutoconsent.Clear();
        FirstPageShowedBanner = null;
        SlowestBanner = null;
        Visits = 0;
        Sites++;
        _sessionHost = new Uri(firstUrl).Host;
    }

    // What the page's own frames keep in this tab: storage partitioned under the audited site, and the tab's session storage.
    private const string ClearFrameStorage = """
        async () => {
          try { localStorage.clear(); } catch (e) {}
          try { sessionStorage.clear(); } catch (e) {}
          try { window.name = ''; } catch (e) {}
          try { for (const db of await indexedDB.databases()) indexedDB.deleteDatabase(db.name); } catch (e) {}
          try { for (const key of await caches.keys()) await caches.delete(key); } catch (e) {}
          try { for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister(); } catch (e) {}
        }
        """;

    /// <summary>
    /// The auditor's --header values go to the audited site's own requests only (a staging key must not reach the
    /// trackers on the page), which takes a route on every request.
    /// </summary>
    private static async Task RouteSiteHeadersAsync(IBrowserContext context, string siteHost, SiteAccess access, TrackerClassifier classifier)
    {
        if (access.Headers.Count == 0) return;
        await context.RouteAsync("**/*", async route =>
        {
            var request = route.Request;
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var target) && classifier.PartyOf(target.Host, siteHost) == Party.First)
            {
                var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
                foreach (var (name, value) in access.Headers) headers[name] = value;
                await route.ContinueAsync(new RouteContinueOptions { Headers = headers });
            }
            else await route.ContinueAsync();
        });
    }

    /// <summary>Closing the context ends every call still pending in it: the page deadline and Ctrl+C use this.</summary>
    public Task CloseAsync()
    {
        Usable = false;
        return _closing ??= Task.Run(() => Context.CloseAsync());
    }

    private Task? _closing;

    public async ValueTask DisposeAsync()
    {
        Usable = false;
        // Bounded, and only once: a renderer stuck in a script loop must not hold the run.
        try { await CloseAsync().WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None); }
        catch (Exception e) when (e is PlaywrightException or TimeoutException) { Log.Debug(e, "closing the context of {Host} failed", _sessionHost); }
    }

    private static async Task CloseContextAsync(IBrowserContext context, string url)
    {
        try { await context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception e) when (e is PlaywrightException or TimeoutException) { Log.Debug(e, "closing the context of {Url} failed", url); }
    }
}
