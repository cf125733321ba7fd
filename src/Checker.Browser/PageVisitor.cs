using System.Diagnostics;
using Checker.Core.Evidence;
using Checker.Core.Rules;
using Checker.Core.Trackers;
using Microsoft.Playwright;
using Polly;
using Serilog;

namespace Checker.Browser;

/// <summary>
/// Visits one URL in one phase and records what the page did. Never throws for a page's fault: a page that cannot be
/// loaded, or a collector that fails, is written into the evidence. The visit runs in a fresh context, or, given a
/// <see cref="SessionLane"/>, in the page its site's earlier pages were loaded in (a site session): the browser work
/// (<see cref="VisitSession"/>), the waits (<see cref="PageSettling"/>), the choice (<see cref="ConsentInteraction"/>)
/// and the collectors (<see cref="EvidenceCollectors"/>) are each in their own file; this one puts them in order.
/// </summary>
/// <param name="maxVisitsAtOnce">
/// Visits open at once, whatever the pages and phases asking; 0 for no limit. A visit's page timeout starts when it
/// gets its turn, so a queue never times a page out.
/// </param>
public sealed class PageVisitor(BrowserSession session, TrackerClassifier classifier, CollectorKeywords keywords, int maxVisitsAtOnce = 0)
{
    private readonly SemaphoreSlim? _turns = maxVisitsAtOnce > 0 ? new SemaphoreSlim(maxVisitsAtOnce, maxVisitsAtOnce) : null;

    private readonly BannerDetector _detector = new(keywords);
    private readonly EvidenceCollectors _collectors = new(classifier);
    private ConsentInteraction Interaction => new(_detector, keywords.Controls);

    /// <summary>How long past its page timeout a visit may take to wind down before it is given up.</summary>
    private static readonly TimeSpan WindDown = TimeSpan.FromSeconds(20);

    /// <summary>How long leaving a page and wiping its state may take before the session is given up for a fresh one.</summary>
    private static readonly TimeSpan WipeBound = TimeSpan.FromSeconds(5);

    /// <summary>Visits the page in a fresh context of its own (--isolation page).</summary>
    public Task<VisitResult> VisitAsync(string url, PhaseSpec phase, CancellationToken cancellationToken) =>
        VisitAsync(url, phase, lane: null, cancellationToken);

    /// <summary>
    /// Visits the page; never takes much longer than the page timeout. With a lane, in the page the lane kept from the
    /// site's previous page (wiped first where the phase needs a first visit's state); a page that fails there is
    /// visited again in a fresh session, so that no page is judged on a half-broken state.
    /// </summary>
    public async Task<VisitResult> VisitAsync(string url, PhaseSpec phase, SessionLane? lane, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var result = await Retries.ExecuteAsync(async token =>
        {
            attempts++;
            // A turn per attempt: a visit waiting to be retried does not hold one.
            if (_turns is null) return await VisitInLaneAsync(url, phase, lane, token);
            await _turns.WaitAsync(token);
            try
            {
                return await VisitInLaneAsync(url, phase, lane, token);
            }
            finally
            {
                _turns.Release();
            }
        }, cancellationToken);
        return attempts == 1 ? result : result with
        {
            Evidence = result.Evidence with { Navigation = result.Evidence.Navigation with { Attempts = attempts } },
        };
    }

    private async Task<VisitResult> VisitInLaneAsync(string url, PhaseSpec phase, SessionLane? lane, CancellationToken cancellationToken)
    {
        var kept = lane is null ? null : await lane.TakeAsync(url);
        var holder = new SessionHolder(kept);
        VisitResult result;
        try
        {
            result = await VisitOnceAsync(url, phase, holder, keepsPages: lane is not null, cancellationToken);
        }
        catch
        {
            if (holder.Session is { } open) await open.DisposeAsync();
            throw;
        }
        var visited = holder.Session;
        if (visited is null) return result;
        if (lane is null || !result.Evidence.Navigation.Loaded || !visited.Usable)
        {
            await visited.DisposeAsync();
            // A later page of a session that failed may have failed for the session's sake: once more, fresh. A server's
            // own answer (404, 500) is the page's, whatever the session.
            if (kept is not null && lane is not null && result.Evidence.Navigation.Error?.StartsWith(ServerAnswered, StringComparison.Ordinal) != true)
            {
                Log.Debug("{Url} ({Phase}): failed in its site session ({Error}); visiting it again in a fresh one", url, phase.Name,
                    result.Evidence.Navigation.Error);
                return await VisitInLaneAsync(url, phase, lane, cancellationToken);
            }
            return result;
        }
        if (phase.Choice is null)
        {
            // Initial and GPC visits judge a first visit: nothing of this page may be left for the next.
            if (!visited.CanWipe)
            {
                await visited.DisposeAsync();
                return result;
            }
            lane.KeepAfterWipe(visited, WipeBound, url, phase.Name);
            return result;
        }
        lane.Keep(visited);
        return result;
    }

    /// <summary>The session a visit runs in, known to the caller as soon as it is opened (a visit given up still closes it).</summary>
    private sealed class SessionHolder(VisitSession? session)
    {
        public VisitSession? Session { get; set; } = session;
    }

    /// <summary>
    /// Failures that a moment later may well not recur: a dropped or refused connection, a gateway or an overloaded
    /// server. A timeout is not one (it would cost the whole page time again), nor is a 404 or a certificate error.
    /// </summary>
    private static readonly string[] TransientErrors =
    [
        "ERR_CONNECTION_RESET", "ERR_CONNECTION_REFUSED", "ERR_CONNECTION_CLOSED", "ERR_CONNECTION_ABORTED", "ERR_EMPTY_RESPONSE",
        "ERR_NETWORK_CHANGED", "ERR_CONNECTION_TIMED_OUT", "ERR_HTTP2_PROTOCOL_ERROR", "ERR_QUIC_PROTOCOL_ERROR", "ERR_TIMED_OUT",
        "HTTP 502", "HTTP 503", "HTTP 504", "HTTP 429",
        // The browser itself went away (crashed, killed, disconnected): the next try starts it again. (Our own page
        // deadline closes contexts too, but is reported as a timeout, and a crashed tab as a crash: neither is retried.)
        "has been closed", "Browser closed", "Connection closed", "Target closed",
    ];

    private static bool IsTransient(VisitResult result) =>
        result.Evidence.Navigation.Error is { } error && TransientErrors.Any(t => error.Contains(t, StringComparison.Ordinal));

    /// <summary>Two more tries, after about 1 and 2 seconds (exponential, with jitter so that parallel visits spread out).</summary>
    private static readonly Polly.ResiliencePipeline<VisitResult> Retries = new Polly.ResiliencePipelineBuilder<VisitResult>()
        .AddRetry(new Polly.Retry.RetryStrategyOptions<VisitResult>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } result && IsTransient(result)),
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromSeconds(1),
            BackoffType = Polly.DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = args =>
            {
                Log.Information("{Url}: {Error}; trying again in {Seconds:0.0} s (attempt {Attempt} of 3)", args.Outcome.Result?.Evidence.Url,
                    args.Outcome.Result?.Evidence.Navigation.Error, args.RetryDelay.TotalSeconds, args.AttemptNumber + 2);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private async Task<VisitResult> VisitOnceAsync(string url, PhaseSpec phase, SessionHolder holder, bool keepsPages, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var visit = VisitCoreAsync(url, phase, holder, keepsPages, cancellationToken);
        var bound = session.Settings.PageTimeout + WindDown;
        if (await Task.WhenAny(visit, Task.Delay(bound, cancellationToken)) == visit) return await visit;
        cancellationToken.ThrowIfCancellationRequested();
        TaskBounds.Abandon(visit);
        holder.Session?.Break();
        Log.Warning("{Url} ({Phase}): the visit did not end {Seconds:0} s after its time was up; given up", url, phase.Name, WindDown.TotalSeconds);
        return new VisitResult(Failed(url, phase.Name, startedAt, clock,
            $"{TimedOut(session.Settings)}, and the browser did not let go of it"), []);
    }

    private async Task<VisitResult> VisitCoreAsync(string url, PhaseSpec phase, SessionHolder holder, bool keepsPages, CancellationToken cancellationToken)
    {
        var settings = session.Settings;
        var startedAt = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        // The page's own time: it starts again once a fresh session is open (see below).
        var budget = Stopwatch.StartNew();
        float Remaining() => (float)Math.Max(1, (settings.PageTimeout - budget.Elapsed).TotalMilliseconds);

        var errors = new List<CollectorError>();
        var attachments = new List<VisitAttachment>();
        var steps = new Dictionary<string, long>();
        var stepClock = Stopwatch.StartNew();
        Dictionary<string, long>? stepsCpu = StepCpu.Enabled ? [] : null;
        var cpuAt = stepsCpu is null ? 0 : StepCpu.TreeMs();
        void Step(string name)
        {
            steps[name] = steps.GetValueOrDefault(name) + stepClock.ElapsedMilliseconds;
            stepClock.Restart();
            if (stepsCpu is null) return;
            var now = StepCpu.TreeMs();
            stepsCpu[name] = stepsCpu.GetValueOrDefault(name) + now - cpuAt;
            cpuAt = now;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.PageTimeout);
        VisitSession? visit = holder.Session;
        try
        {
            var access = settings.Access;
            if (visit is null)
            {
                visit = holder.Session = await VisitSession.OpenAsync(session, classifier, phase, url, keepsPages, deadline.Token);
                // The page's time starts once its session is open: a browser started again after a crash (seconds on a
                // busy machine, inside the context's opening) is not the page's slowness. Still bounded as a whole
                // (VisitOnceAsync: the page timeout and a wind-down).
                deadline.CancelAfter(settings.PageTimeout);
                budget.Restart();
            }
            await visit.BeginVisitAsync(url, access);
            // A later page of a reject or accept session is loaded in the state the choice left: all of it comes after the choice.
            if (visit.Choice is not null) visit.Current.MarkAfterInteraction();
            var capture = visit.Current;
            // Playwright calls take no cancellation token; closing the context is what ends every pending one, so the
            // page timeout and Ctrl+C both close it. A page stuck in a script loop cannot hold the run.
            // On the thread pool: the token may be cancelled from a signal handler, which must not run Playwright code.
            var closing = visit;
            await using var closeOnDeadline = deadline.Token.Register(() =>
            {
                Log.Debug("{Url} ({Phase}): page time is up, closing its context", url, phase.Name);
                _ = closing.CloseAsync();
            });
            var page = visit.Page;
            var audited = new Uri(url);
            Step("context");

            Log.Debug("{Url} ({Phase}): loading (page {SessionPage} of its session)", url, phase.Name, visit.Visits);
            var loadClock = Stopwatch.StartNew();
            IResponse? response;
            try
            {
                // The load event may take half of the page's time; the rest is kept for auditing what loaded.
                var loadBound = (float)Math.Min(Remaining(), settings.PageTimeout.TotalMilliseconds / 2);
                response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = loadBound });
            }
            catch (TimeoutException) when (page.Url != "about:blank")
            {
                // The document arrived but its load event never came: audit what is there, and say so.
                errors.Add(new CollectorError(Collectors.Navigation, $"the load event did not come within {loadClock.Elapsed.TotalSeconds:0} s"));
                response = null;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                visit.Break();
                return new VisitResult(Failed(url, phase.Name, startedAt, total, deadline.IsCancellationRequested ? TimedOut(settings) : Describe(e)), []);
            }
            var loadMs = loadClock.ElapsedMilliseconds;
            Step("load");
            // An error page is not the page that was asked for: its findings would be about the error page.
            if (response is { Status: >= 400 } failedResponse)
                return new VisitResult(Failed(url, phase.Name, startedAt, total,
                    $"{ServerAnswered} {failedResponse.Status}{(string.IsNullOrWhiteSpace(failedResponse.StatusText) ? "" : " " + failedResponse.StatusText)}"
                    // The desktop Chromium fails the navigation itself (ERR_INVALID_AUTH_CREDENTIALS, below); the headless shell shows the 401.
                    + (failedResponse.Status == 401 ? ": the site asks for a user name and password; give them with --http-credentials" : "")), []);
            var settleMs = await PageSettling.SettleAsync(visit, settings, Remaining(), errors, Step);

            ConsentInteraction.Outcome? choice = null;
            if (phase.Choice is { } action)
            {
                choice = await Interaction.ChooseAsync(visit, action, settings, Remaining, errors, Step);
                Step("choice");
            }
            var interaction = choice?.Interaction;

            Log.Debug("{Url} ({Phase}): settled; collecting", url, phase.Name);
            var pageHost = new Uri(page.Url).Host;
            var collected = await EvidenceCollectors.Collect(Collectors.Cookies, errors,
                () => _collectors.CollectCookiesAsync(visit.Context, pageHost, startedAt, interaction is null ? null : choice!.CookiesBeforeChoice,
                    SuppliedCookies(audited.Host, access)), new EvidenceCollectors.CollectedCookies([], null));
            var cookies = collected.Cookies;
            Step(Collectors.Cookies);
            Log.Debug("{Url} ({Phase}): {Count} cookies collected", url, phase.Name, cookies.Count);
            var requestEvidence = await EvidenceCollectors.Collect(Collectors.Network, errors, () => _collectors.CollectRequestsAsync(capture.Requests,
                capture.Responses, page, pageHost, TimeSpan.FromMilliseconds(Math.Min(5000, Remaining() / 4))), []);
            Step(Collectors.Network);
            var storage = await EvidenceCollectors.Collect(Collectors.Storage, errors, () => EvidenceCollectors.CollectStorageAsync(page), new StorageEvidence());
            Step(Collectors.Storage);
            // Before any choice a late banner is waited for; after one, the banner should be gone, so one look is enough.
            var banner = await EvidenceCollectors.Collect<BannerEvidence?>(Collectors.Banner, errors, async () =>
            {
                if (phase.Choice is not null || phase.GlobalPrivacyControl) return (await _detector.DetectAsync(page)).Banner;
                var (found, _, waited) = await _detector.WaitForBannerAsync(page, ConsentInteraction.BannerBound(settings, Remaining, visit));
                return found with { LookedForMs = (long)waited.TotalMilliseconds };
            }, null);
            // Only a banner waited for has the time it took: what the site's later pages are given.
            if (banner is { LookedForMs: { } looked }) visit.SawBanner(banner.Detected, TimeSpan.FromMilliseconds(looked));
            Step(Collectors.Banner);
            Log.Debug("{Url} ({Phase}): cookies, requests, storage and banner collected", url, phase.Name);
            ArticleEvidence? article = null;
            if (phase.ReadsArticle)
            {
                article = await EvidenceCollectors.Collect<ArticleEvidence?>(Collectors.Article, errors,
                    () => EvidenceCollectors.ReadArticleAsync(page, keywords), null);
                Step(Collectors.Article);
            }
            Log.Debug("{Url} ({Phase}): reading TCF signals", url, phase.Name);
            var tcf = await EvidenceCollectors.Collect<TcfEvidence?>(Collectors.Tcf, errors, () => EvidenceCollectors.ReadTcfAsync(page, collected.TcfCookie), null);
            Step(Collectors.Tcf);
            // Screenshots show the banner: taken where one was found, once per session for the same banner.
            string? screenshotsOf = null;
            if (phase.Screenshots && banner is { Detected: true } && (screenshotsOf = visit.ScreenshotsAlreadyOf(banner, url)) is null)
            {
                await EvidenceCollectors.TakeScreenshotsAsync(page, banner, attachments, errors, Remaining);
                Step(Collectors.Screenshot);
            }
            var finalUrl = page.Url;
            // Last, since it changes the page: the settings layer, opened once per session (nothing is chosen).
            if (phase.ReadsSettingsLayer && banner is { Detected: true } && visit.SettingsLayer is null)
            {
                var layer = await EvidenceCollectors.Collect<BannerEvidence?>(Collectors.SettingsLayer, errors,
                    () => new ConsentClicker(_detector, keywords.Controls).ReadSettingsLayerAsync(page,
                        () => PageSettling.QuietAsync(page, settings, Math.Min(3000, Remaining() / 3))), null);
                visit.SettingsLayer = (layer, url);
                Step(Collectors.SettingsLayer);
                // The report shows the second layer beside the first: pictured with the banner's screenshots, once.
                if (phase.Screenshots && screenshotsOf is null && layer is { Detected: true })
                    await EvidenceCollectors.TakeScreenshotAsync(page, "settings", layer, attachments, errors, Remaining);
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (deadline.IsCancellationRequested) return new VisitResult(Failed(url, phase.Name, startedAt, total, TimedOut(settings)), []);
            if (capture.Crashed)
                return new VisitResult(Failed(url, phase.Name, startedAt, total, PageCrashed), []);

            // The choice made here is the one the site's next pages are judged in, with the cookies that should carry it.
            if (choice is { MadeHere: true, Interaction: { Outcome: InteractionEvidence.Done } made } && visit.Choice is null)
                visit.Choice = new VisitSession.MadeChoice(url, made, choice.CookiesBeforeChoice)
                {
                    ChoiceCookies = [.. cookies.Where(c => c.SetAfterInteraction && c.Classification?.IsTracking != true).Select(c => $"{c.Name} ({c.Domain})")],
                };

            var evidence = new PageEvidence
            {
                Url = url,
                Phase = phase.Name,
                StartedAt = startedAt,
                FinishedAt = DateTimeOffset.UtcNow,
                Navigation = new NavigationEvidence
                {
                    RequestedUrl = url,
                    FinalUrl = finalUrl,
                    Status = response?.Status,
                    Timings = new NavigationTimings { LoadMs = loadMs, SettleMs = settleMs, TotalMs = total.ElapsedMilliseconds, StepsMs = steps, StepsCpuMs = stepsCpu },
                    SessionPage = visit.Visits,
                    SessionSite = visit.Sites,
                },
                Browser = new BrowserEvidence
                {
                    Name = "chromium",
                    Version = session.Version,
                    UserAgent = session.UserAgent,
                    Locale = settings.Locale,
                    ViewportWidth = settings.ViewportWidth,
                    ViewportHeight = settings.ViewportHeight,
                    ThirdPartyCookies = settings.Endpoint is null ? settings.ThirdPartyCookies.ToString().ToLowerInvariant() : "remote browser's own",
                },
                Cookies = cookies,
                Storage = storage,
                Requests = requestEvidence,
                TrackerHosts = TrackerHostAggregator.Aggregate(requestEvidence, cookies, classifier),
                Banner = banner,
                SettingsLayer = phase.ReadsSettingsLayer ? visit.SettingsLayer?.Layer : null,
                SettingsLayerFrom = phase.ReadsSettingsLayer && visit.SettingsLayer is { Layer: not null } read && read.Url != url ? read.Url : null,
                Interaction = interaction,
                Tcf = tcf,
                GlobalPrivacyControl = phase.GlobalPrivacyControl,
                Article = article,
                CollectorErrors = errors,
            };
            return new VisitResult(evidence, attachments, screenshotsOf);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // Ctrl+C closes the context too: that is an interruption of the run, not a fault of the page.
            cancellationToken.ThrowIfCancellationRequested();
            visit?.Break();
            return new VisitResult(Failed(url, phase.Name, startedAt, total, deadline.IsCancellationRequested ? TimedOut(settings) : Describe(e)), []);
        }
    }

    private const string ServerAnswered = "the server answered HTTP";

    /// <summary>The auditor's own cookies (name and host): not evidence of what the site does.</summary>
    private static HashSet<(string Name, string Domain)> SuppliedCookies(string host, SiteAccess access) =>
        access.Cookies.Select(c => (c.Key, host)).ToHashSet();

    private static PageEvidence Failed(string url, string phase, DateTimeOffset startedAt, Stopwatch total, string error) => new()
    {
        Url = url,
        Phase = phase,
        StartedAt = startedAt,
        FinishedAt = DateTimeOffset.UtcNow,
        Navigation = new NavigationEvidence
        {
            RequestedUrl = url,
            Error = error,
            Timings = new NavigationTimings { TotalMs = total.ElapsedMilliseconds },
        },
        CollectorErrors = [new CollectorError(Collectors.Navigation, error)],
    };

    private static string TimedOut(BrowserSettings settings) =>
        $"the visit took longer than the page timeout ({settings.PageTimeout.TotalSeconds:0} s)";

    /// <summary>Playwright's messages carry a call log; the first line is the one a user needs.</summary>
    private static string Describe(Exception e) => e switch
    {
        TimeoutException => $"the page did not load in time ({FirstLine(e.Message)})",
        _ when e.Message.Contains("Download is starting", StringComparison.Ordinal) => "the address is a file download, not a page",
        _ when e.Message.Contains("ERR_TOO_MANY_REDIRECTS", StringComparison.Ordinal) => "too many redirects, a redirect loop (ERR_TOO_MANY_REDIRECTS)",
        _ when e.Message.Contains("ERR_INVALID_AUTH_CREDENTIALS", StringComparison.Ordinal) =>
            "the site asks for a user name and password (HTTP 401): give them with --http-credentials",
        _ when e.Message.Contains("ERR_NAME_NOT_RESOLVED", StringComparison.Ordinal) => $"the host name {Host(e)} does not resolve (ERR_NAME_NOT_RESOLVED)",
        _ when e.Message.Contains("ERR_CERT_", StringComparison.Ordinal) || e.Message.Contains("ERR_SSL_", StringComparison.Ordinal) =>
            $"the site's TLS certificate is not valid ({Code(e)}); --ignore-https-errors accepts it (staging sites)",
        _ when e.Message.Contains("crash", StringComparison.OrdinalIgnoreCase) => PageCrashed,
        _ => FirstLine(e.Message).Replace("net::", "", StringComparison.Ordinal),
    };

    private const string PageCrashed = "the page crashed (its renderer process died)";

    private static string Code(Exception e) =>
        System.Text.RegularExpressions.Regex.Match(e.Message, @"ERR_[A-Z_]+").Value;

    private static string Host(Exception e) =>
        System.Text.RegularExpressions.Regex.Match(e.Message, @"https?://([^/\s:]+)") is { Success: true } m ? m.Groups[1].Value : "unknown host";
    private static string FirstLine(string message) => EvidenceCollectors.FirstLine(message);
}
