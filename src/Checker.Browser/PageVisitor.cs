using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Checker.Core.Evidence;
using Checker.Core.Rules;
using Checker.Core.Trackers;
using Microsoft.Playwright;
using Polly;
using Serilog;

namespace Checker.Browser;

/// <summary>
/// Visits one URL in a fresh context and records what the page did. Never throws for a page's fault: a page that
/// cannot be loaded, or a collector that fails, is written into the evidence.
/// </summary>
/// <param name="maxVisitsAtOnce">
/// Visits (contexts) open at once, whatever the pages and phases asking; 0 for no limit. A visit's page timeout starts
/// when it gets its turn, so a queue never times a page out.
/// </param>
public sealed class PageVisitor(BrowserSession session, TrackerClassifier classifier, CollectorKeywords keywords, int maxVisitsAtOnce = 0)
{
    private readonly SemaphoreSlim? _turns = maxVisitsAtOnce > 0 ? new SemaphoreSlim(maxVisitsAtOnce, maxVisitsAtOnce) : null;

    private static readonly JsonSerializerOptions ScriptJson = new(JsonSerializerDefaults.Web);

    private readonly BannerDetector _detector = new(keywords);

    // Google's and the GPC specification's way to announce the signal to scripts: a getter on Navigator.
    private const string GpcInitScript =
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });";

    /// <summary>How long past its page timeout a visit may take to wind down before it is given up.</summary>
    private static readonly TimeSpan WindDown = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Visits the page; never takes much longer than the page timeout. Closing the context at the deadline ends every
    /// pending call in the ordinary case; should some call still hang (a Playwright or browser fault), the visit is
    /// given up and recorded as failed, so that one page can never stall the run.
    /// </summary>
    public async Task<VisitResult> VisitAsync(string url, PhaseSpec phase, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var result = await Retries.ExecuteAsync(async token =>
        {
            attempts++;
            // A turn per attempt: a visit waiting to be retried does not hold one.
            if (_turns is null) return await VisitOnceAsync(url, phase, token);
            await _turns.WaitAsync(token);
            try
            {
                return await VisitOnceAsync(url, phase, token);
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

    private async Task<VisitResult> VisitOnceAsync(string url, PhaseSpec phase, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var visit = VisitCoreAsync(url, phase, cancellationToken);
        var bound = session.Settings.PageTimeout + WindDown;
        if (await Task.WhenAny(visit, Task.Delay(bound, cancellationToken)) == visit) return await visit;
        cancellationToken.ThrowIfCancellationRequested();
        TaskBounds.Abandon(visit);
        Log.Warning("{Url} ({Phase}): the visit did not end {Seconds:0} s after its time was up; given up", url, phase.Name, WindDown.TotalSeconds);
        return new VisitResult(Failed(url, phase.Name, startedAt, clock,
            $"{TimedOut(session.Settings)}, and the browser did not let go of it"), []);
    }

    private async Task<VisitResult> VisitCoreAsync(string url, PhaseSpec phase, CancellationToken cancellationToken)
    {
        var settings = session.Settings;
        var startedAt = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        float Remaining() => (float)Math.Max(1, (settings.PageTimeout - total.Elapsed).TotalMilliseconds);

        var errors = new List<CollectorError>();
        var attachments = new List<VisitAttachment>();
        var requests = new ConcurrentQueue<(IRequest Request, bool AfterInteraction)>();
        var responses = new ConcurrentDictionary<IRequest, IResponse>();
        var afterInteraction = false;
        var steps = new Dictionary<string, long>();
        var stepClock = Stopwatch.StartNew();
        void Step(string name)
        {
            steps[name] = steps.GetValueOrDefault(name) + stepClock.ElapsedMilliseconds;
            stepClock.Restart();
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.PageTimeout);
        IBrowserContext? context = null;
        Task? closeTask = null;
        try
        {
            var access = settings.Access;
            var audited = new Uri(url);
            // HTTP credentials are answered to the audited origin's challenges only.
            context = await session.NewContextAsync(phase.GlobalPrivacyControl ? new Dictionary<string, string> { ["Sec-GPC"] = "1" } : null,
                credentials: access.Username is null ? null
                    : new HttpCredentials { Username = access.Username, Password = access.Password ?? "", Origin = audited.GetLeftPart(UriPartial.Authority) });
            await GrantAccessAsync(context, url, audited.Host, access);
            // Playwright calls take no cancellation token; closing the context is what ends every pending one, so the
            // page timeout and Ctrl+C both close it. A page stuck in a script loop cannot hold the run.
            // On the thread pool: the token may be cancelled from a signal handler, which must not run Playwright code.
            var closing = context;
            await using var closeOnDeadline = deadline.Token.Register(() =>
            {
                Log.Debug("{Url} ({Phase}): page time is up, closing its context", url, phase.Name);
                closeTask = Task.Run(() => closing.CloseAsync());
            });
            if (phase.GlobalPrivacyControl) await context.AddInitScriptAsync(GpcInitScript);
            // Times what is put into the page after load: a banner that appears late is told by its behaviour.
            await context.AddInitScriptAsync(ScriptResources.Appearance);
            context.Request += (_, request) => requests.Enqueue((request, Volatile.Read(ref afterInteraction)));
            context.Response += (_, response) => responses[response.Request] = response;
            var page = await context.NewPageAsync();
            var autoconsent = phase.Choice is not null && settings.UseAutoconsent && AutoconsentBundle.Load() is { } bundle
                ? await AutoconsentDriver.AttachAsync(page, bundle, deadline.Token)
                : null;
            // A page's dialogs would block it forever; a user would close them. "Leave this page?" is answered yes, or
            // the reload after a choice would never happen.
            page.Dialog += (_, dialog) => TaskBounds.Abandon(dialog.Type == DialogType.BeforeUnload ? dialog.AcceptAsync() : dialog.DismissAsync());
            // Windows the page opens are closed (their requests are still recorded: they are the context's).
            context.Page += (_, opened) =>
            {
                if (opened != page) TaskBounds.Abandon(opened.CloseAsync());
            };
            var crashed = false;
            page.Crash += (_, _) => Volatile.Write(ref crashed, true);
            Step("context");

            Log.Debug("{Url} ({Phase}): loading", url, phase.Name);
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
                return new VisitResult(Failed(url, phase.Name, startedAt, total, deadline.IsCancellationRequested ? TimedOut(settings) : Describe(e)), []);
            }
            var loadMs = loadClock.ElapsedMilliseconds;
            Step("load");
            // An error page is not the page that was asked for: its findings would be about the error page.
            if (response is { Status: >= 400 } failedResponse)
                return new VisitResult(Failed(url, phase.Name, startedAt, total,
                    $"the server answered HTTP {failedResponse.Status}{(string.IsNullOrWhiteSpace(failedResponse.StatusText) ? "" : " " + failedResponse.StatusText)}"), []);
            var settleMs = await SettleAsync(page, settings, Remaining(), errors);
            Step("settle");

            InteractionEvidence? interaction = null;
            IReadOnlySet<string> cookiesBeforeChoice = new HashSet<string>();
            if (phase.Choice is { } choice)
            {
                interaction = await InteractAsync(page, context, autoconsent, choice, settings, Remaining, errors,
                    before => cookiesBeforeChoice = before, () => Volatile.Write(ref afterInteraction, true));
                Step("choice");
                if (interaction?.Outcome == InteractionEvidence.Done)
                {
                    // Many sites apply the choice on the next page view: settle, reload, settle again.
                    await SettleAsync(page, settings, Remaining(), errors);
                    try
                    {
                        await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Load, Timeout = Remaining() / 2 });
                        await SettleAsync(page, settings, Remaining(), errors);
                        interaction = interaction with { Reloaded = true };
                    }
                    catch (Exception e) when (e is PlaywrightException or TimeoutException)
                    {
                        errors.Add(new CollectorError(Collectors.Interaction, $"reload after the choice failed: {FirstLine(e.Message)}"));
                    }
                    Step("reload");
                }
            }

            Log.Debug("{Url} ({Phase}): settled; collecting", url, phase.Name);
            var pageHost = new Uri(page.Url).Host;
            var cookies = await Collect(Collectors.Cookies, errors,
                () => CollectCookiesAsync(context, pageHost, startedAt, interaction is null ? null : cookiesBeforeChoice, SuppliedCookies(audited.Host, access)), []);
            Step(Collectors.Cookies);
            Log.Debug("{Url} ({Phase}): {Count} cookies collected", url, phase.Name, cookies.Count);
            var requestEvidence = await Collect(Collectors.Network, errors, () => CollectRequestsAsync(requests, responses, page, pageHost,
                TimeSpan.FromMilliseconds(Math.Min(5000, Remaining() / 4))), []);
            Step(Collectors.Network);
            var storage = await Collect(Collectors.Storage, errors, () => CollectStorageAsync(page), new StorageEvidence());
            Step(Collectors.Storage);
            // Before any choice a late banner is waited for; after one, the banner should be gone, so one look is enough.
            var banner = await Collect<BannerEvidence?>(Collectors.Banner, errors, async () => (phase.Choice is null && !phase.GlobalPrivacyControl
                ? await _detector.WaitForBannerAsync(page, BannerBound(settings, Remaining))
                : await _detector.DetectAsync(page)).Banner, null);
            Step(Collectors.Banner);
            Log.Debug("{Url} ({Phase}): cookies, requests, storage and banner collected", url, phase.Name);
            ArticleEvidence? article = null;
            if (phase.ReadsArticle)
            {
                article = await Collect<ArticleEvidence?>(Collectors.Article, errors, () => ReadArticleAsync(page), null);
                Step(Collectors.Article);
            }
            Log.Debug("{Url} ({Phase}): reading TCF signals", url, phase.Name);
            var tcf = await Collect<TcfEvidence?>(Collectors.Tcf, errors, () => ReadTcfAsync(page, context), null);
            Step(Collectors.Tcf);
            if (phase.Screenshots)
            {
                await TakeScreenshotsAsync(page, banner, attachments, errors, Remaining);
                Step(Collectors.Screenshot);
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (deadline.IsCancellationRequested) return new VisitResult(Failed(url, phase.Name, startedAt, total, TimedOut(settings)), []);
            if (Volatile.Read(ref crashed))
                return new VisitResult(Failed(url, phase.Name, startedAt, total, PageCrashed), []);

            var evidence = new PageEvidence
            {
                Url = url,
                Phase = phase.Name,
                StartedAt = startedAt,
                FinishedAt = DateTimeOffset.UtcNow,
                Navigation = new NavigationEvidence
                {
                    RequestedUrl = url,
                    FinalUrl = page.Url,
                    Status = response?.Status,
                    Timings = new NavigationTimings { LoadMs = loadMs, SettleMs = settleMs, TotalMs = total.ElapsedMilliseconds, StepsMs = steps },
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
                Interaction = interaction,
                Tcf = tcf,
                GlobalPrivacyControl = phase.GlobalPrivacyControl,
                Article = article,
                CollectorErrors = errors,
            };
            return new VisitResult(evidence, attachments);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // Ctrl+C closes the context too: that is an interruption of the run, not a fault of the page.
            cancellationToken.ThrowIfCancellationRequested();
            return new VisitResult(Failed(url, phase.Name, startedAt, total, deadline.IsCancellationRequested ? TimedOut(settings) : Describe(e)), []);
        }
        finally
        {
            if (context is not null)
            {
                // Bounded, and only once: a renderer stuck in a script loop must not hold the run.
                try { await (closeTask ?? context.CloseAsync()).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None); }
                catch (Exception e) when (e is PlaywrightException or TimeoutException) { Log.Debug(e, "closing the context of {Url} failed", url); }
            }
        }
    }

    /// <summary>
    /// autoconsent first, where it knows the page's CMP (it can use CMP APIs and second layers we cannot see); our
    /// generic engine otherwise, and wherever autoconsent fails. What the generic engine read is kept either way, so
    /// that the two can be cross-checked.
    /// </summary>
    private async Task<InteractionEvidence?> InteractAsync(IPage page, IBrowserContext context, AutoconsentDriver? autoconsent, string choice,
        BrowserSettings settings, Func<float> remaining, List<CollectorError> errors, Action<IReadOnlySet<string>> rememberCookies, Action markChoice)
    {
        async Task OnChoice()
        {
            // What is set after this moment counts as set after the choice.
            rememberCookies(CookieKeys(await context.CookiesAsync()));
            markChoice();
        }

        try
        {
            var clicker = new ConsentClicker(_detector, keywords.Controls);
            // autoconsent looks for its CMPs while we look for a banner: the two waits overlap instead of adding up.
            var popupBound = TimeSpan.FromMilliseconds(Math.Min(4000, remaining() / 4));
            var popupWait = autoconsent?.WaitForPopupAsync(popupBound);
            var (banner, _) = await _detector.WaitForBannerAsync(page, BannerBound(settings, remaining));
            var plan = await clicker.PlanAsync(page, choice);
            AutoconsentEvidence? autoconsentEvidence = null;
            if (autoconsent is not null && popupWait is not null)
            {
                // When autoconsent has recognised no CMP by the time a banner is on screen, it is not one it knows (it
                // checks as the page loads and every half second): a moment's grace, not its whole bound. With no
                // banner either, it is given nothing more, unless it recognised a CMP whose popup may still come.
                if (!popupWait.IsCompleted && autoconsent.DetectedCmp is null)
                    popupWait = banner.Detected ? autoconsent.WaitForPopupAsync(AutoconsentGrace) : Task.FromResult<(IFrame Frame, string Cmp)?>(null);
                var popup = await popupWait;
                autoconsentEvidence = new AutoconsentEvidence { Cmp = autoconsent.DetectedCmp, PopupFound = popup is not null };
                if (popup is { } found)
                {
                    await OnChoice();
                    var verdict = await autoconsent.PerformAsync(found.Frame, choice, TimeSpan.FromMilliseconds(Math.Min(8000, remaining() / 3)));
                    autoconsentEvidence = autoconsentEvidence with { Result = verdict?.Result, Clicks = autoconsent.Clicks, Errors = autoconsent.Errors.ToList() };
                    if (verdict is { Result: true })
                        return new InteractionEvidence
                        {
                            Action = choice,
                            Outcome = InteractionEvidence.Done,
                            DecidedBy = InteractionEvidence.AutoconsentEngine,
                            Steps = [new InteractionStep { Layer = 1, Action = "autoconsent", Text = $"{found.Cmp}: {(choice == Phases.Reject ? "opt-out" : "opt-in")}", Kind = choice }],
                            CompletedAt = DateTimeOffset.UtcNow,
                            Autoconsent = autoconsentEvidence,
                            GenericPlan = plan.Summary,
                            CrossCheck = EngineCrossCheck.Of(choice, plan, autoconsentEvidence),
                        };
                }
            }
            var generic = await clicker.RunAsync(page, choice, OnChoice,
                waitForQuiet: () => QuietAsync(page, settings, Math.Min(3000, remaining() / 3)));
            return generic with
            {
                Autoconsent = autoconsentEvidence,
                GenericPlan = plan.Summary,
                CrossCheck = EngineCrossCheck.Of(choice, plan, autoconsentEvidence),
            };
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or System.Text.Json.JsonException)
        {
            errors.Add(new CollectorError(Collectors.Interaction, FirstLine(e.Message)));
            return new InteractionEvidence { Action = choice, Outcome = InteractionEvidence.Failed, Message = FirstLine(e.Message) };
        }
    }

    /// <summary>How long autoconsent may still take to recognise a CMP once our detector sees a banner.</summary>
    private static readonly TimeSpan AutoconsentGrace = TimeSpan.FromSeconds(1);

    private static TimeSpan BannerBound(BrowserSettings settings, Func<float> remaining) =>
        TimeSpan.FromMilliseconds(Math.Min(settings.BannerWait.TotalMilliseconds, remaining() / 4));

    // A cookie is "the same" when name, domain, path and value are: a renewed or rewritten cookie counts as set again.
    private static HashSet<string> CookieKeys(IEnumerable<BrowserContextCookiesResult> cookies) =>
        cookies.Select(c => $"{c.Name}\u0001{c.Domain}\u0001{c.Path}\u0001{c.Value}").ToHashSet(StringComparer.Ordinal);

    private static async Task QuietAsync(IPage page, BrowserSettings settings, float maxMs)
    {
        try
        {
            await page.EvaluateAsync<int>(ScriptResources.DomQuiet,
                new { quietMs = (int)settings.QuietWindow.TotalMilliseconds, maxMs = (int)maxMs, sinceNow = true });
        }
        catch (PlaywrightException) { /* a navigation after the click ends the wait too */ }
    }

    private static async Task TakeScreenshotsAsync(IPage page, BannerEvidence? banner, List<VisitAttachment> attachments, List<CollectorError> errors,
        Func<float> remaining)
    {
        try
        {
            var timeout = Math.Min(5000, remaining() / 2);
            attachments.Add(new VisitAttachment("viewport", "png", await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png, Timeout = timeout })));
            if (banner is { Detected: true, Box: { } box, FrameUrl: null } && box.Width >= 1 && box.Height >= 1)
            {
                var viewport = page.ViewportSize!;
                var x = Math.Max(0, box.X);
                var y = Math.Max(0, box.Y);
                var clip = new Clip
                {
                    X = (float)x,
                    Y = (float)y,
                    Width = (float)Math.Min(box.Width, viewport.Width - x),
                    Height = (float)Math.Min(box.Height, viewport.Height - y),
                };
                if (clip.Width >= 1 && clip.Height >= 1)
                    attachments.Add(new VisitAttachment("banner", "png", await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png, Clip = clip, Timeout = timeout })));
            }
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            errors.Add(new CollectorError(Collectors.Screenshot, FirstLine(e.Message)));
        }
    }

    /// <summary>Waits for the network to go idle, then for the DOM to stay quiet; both bounded, neither a fixed sleep.</summary>
    private static async Task<long> SettleAsync(IPage page, BrowserSettings settings, float remainingMs, List<CollectorError> errors)
    {
        var clock = Stopwatch.StartNew();
        // A third of what is left at most: the collectors still need time after a page that never goes quiet.
        var bound = (float)Math.Min(settings.SettleTimeout.TotalMilliseconds, remainingMs / 3);
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = bound });
        }
        catch (TimeoutException)
        {
            // Pages that poll or stream never go idle; what they did so far is still evidence.
        }
        var left = Math.Max(0, bound - clock.ElapsedMilliseconds);
        if (left > 0)
        {
            try
            {
                await page.EvaluateAsync<int>(ScriptResources.DomQuiet,
                    new { quietMs = (int)settings.QuietWindow.TotalMilliseconds, maxMs = (int)left, sinceNow = false });
            }
            catch (PlaywrightException e)
            {
                errors.Add(new CollectorError(Collectors.Navigation, $"the page did not settle: {FirstLine(e.Message)}"));
            }
        }
        return clock.ElapsedMilliseconds;
    }

    /// <summary>
    /// The auditor's --cookie values go to the audited host only; --header values to the audited site's own requests
    /// only (a staging key must not reach the trackers on the page), which takes a route on every request.
    /// </summary>
    private async Task GrantAccessAsync(IBrowserContext context, string url, string siteHost, SiteAccess access)
    {
        if (access.Cookies.Count > 0)
            await context.AddCookiesAsync(access.Cookies.Select(c => new Cookie { Name = c.Key, Value = c.Value, Url = url }));
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

    /// <summary>The auditor's own cookies (name and host): not evidence of what the site does.</summary>
    private static HashSet<(string Name, string Domain)> SuppliedCookies(string host, SiteAccess access) =>
        access.Cookies.Select(c => (c.Key, host)).ToHashSet();

    private async Task<IReadOnlyList<CookieEvidence>> CollectCookiesAsync(IBrowserContext context, string pageHost, DateTimeOffset now,
        IReadOnlySet<string>? beforeChoice, IReadOnlySet<(string Name, string Domain)> supplied)
    {
        var cookies = (await context.CookiesAsync()).Where(c => !supplied.Contains((c.Name, c.Domain)));
        return cookies.Select(c =>
        {
            var party = classifier.PartyOf(c.Domain, pageHost);
            DateTimeOffset? expires = c.Expires > 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(c.Expires * 1000)) : null;
            return new CookieEvidence
            {
                Name = c.Name,
                Domain = c.Domain,
                Path = c.Path,
                Expires = expires,
                Secure = c.Secure,
                HttpOnly = c.HttpOnly,
                SameSite = c.SameSite.ToString(),
                PartitionKey = string.IsNullOrEmpty(c.PartitionKey) ? null : c.PartitionKey,
                Party = party,
                Classification = classifier.ClassifyCookie(c.Name, c.Domain, party, expires, now),
                SetAfterInteraction = beforeChoice is not null && !beforeChoice.Contains(CookieKeys([c]).First()),
            };
        }).OrderBy(c => c.Domain, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private async Task<IReadOnlyList<RequestEvidence>> CollectRequestsAsync(IEnumerable<(IRequest Request, bool AfterInteraction)> requests,
        IReadOnlyDictionary<IRequest, IResponse> responses, IPage page, string pageHost, TimeSpan headersBound)
    {
        // Set-Cookie is read from the raw headers, which Chromium sends separately; for some responses it never does,
        // and Playwright then waits forever, even after the context closed. All are asked at once, bounded together;
        // a response whose headers did not come is recorded without its cookie names.
        var requestList = requests.ToList();
        var headerTasks = new Dictionary<IRequest, Task<IReadOnlyList<string>>>();
        foreach (var (request, _) in requestList)
            if (responses.GetValueOrDefault(request) is { } response && !headerTasks.ContainsKey(request))
                headerTasks[request] = response.HeaderValuesAsync("set-cookie");
        if (headerTasks.Count > 0)
            await Task.WhenAny(Task.WhenAll(headerTasks.Values), Task.Delay(headersBound));
        foreach (var task in headerTasks.Values.Where(t => !t.IsCompleted)) TaskBounds.Abandon(task);
        var late = headerTasks.Values.Count(t => !t.IsCompletedSuccessfully);
        if (late > 0) Log.Debug("{Count} response(s) of {Url} gave no headers in time: their Set-Cookie names are not recorded", late, page.Url);

        var result = new List<RequestEvidence>();
        foreach (var (request, afterChoice) in requestList)
        {
            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) continue;
            string? frameUrl = null;
            var isMainFrame = false;
            try
            {
                frameUrl = request.Frame.Url;
                isMainFrame = request.Frame == page.MainFrame;
            }
            catch (PlaywrightException) { /* service-worker requests have no frame */ }

            // Only responses that arrived: asking for one still pending would wait for it.
            var response = responses.GetValueOrDefault(request);
            IReadOnlyList<string> setCookieNames = [];
            // A response the browser discarded, or whose headers did not come in time, leaves only its status.
            if (headerTasks.TryGetValue(request, out var headers) && headers.IsCompletedSuccessfully)
                setCookieNames = SetCookieNames.Parse(headers.Result);

            result.Add(new RequestEvidence
            {
                Url = request.Url,
                Host = uri.Host,
                ResourceType = request.ResourceType,
                Method = request.Method,
                Status = response?.Status,
                Failure = request.Failure ?? (response is null ? "no response before the audit ended" : null),
                FrameUrl = frameUrl,
                IsMainFrame = isMainFrame,
                Party = classifier.PartyOf(uri.Host, pageHost),
                SetCookieNames = setCookieNames,
                Tracker = classifier.ClassifyHost(uri.Host),
                AfterInteraction = afterChoice,
            });
        }
        return result;
    }

    private static async Task<StorageEvidence> CollectStorageAsync(IPage page)
    {
        var keys = await page.EvaluateAsync<JsonElement>(
            "() => { const k = (s) => { try { return Object.keys(s); } catch (e) { return []; } };" +
            " return { origin: location.origin, local: k(window.localStorage), session: k(window.sessionStorage) }; }");
        return new StorageEvidence
        {
            Origin = keys.GetProperty("origin").GetString(),
            LocalStorageKeys = keys.GetProperty("local").EnumerateArray().Select(k => k.GetString() ?? "").Order(StringComparer.Ordinal).ToList(),
            SessionStorageKeys = keys.GetProperty("session").EnumerateArray().Select(k => k.GetString() ?? "").Order(StringComparer.Ordinal).ToList(),
        };
    }

    private static async Task<TcfEvidence?> ReadTcfAsync(IPage page, IBrowserContext context)
    {
        var raw = await page.EvaluateAsync<JsonElement?>(ScriptResources.Tcf, new { timeoutMs = 1500 });
        var cookie = (await context.CookiesAsync()).FirstOrDefault(c => c.Name == "euconsent-v2")?.Value;
        if (raw is not { ValueKind: JsonValueKind.Object } answer)
            return cookie is null ? null : new TcfEvidence { ApiPresent = false, CookieTcString = cookie };
        return answer.Deserialize<TcfEvidence>(ScriptJson)! with { CookieTcString = cookie };
    }

    private Task<ArticleEvidence?> ReadArticleAsync(IPage page) => ReadArticleAsync(page, keywords);

    /// <summary>The article collector: article.js (with Readability) run in the page as it is now.</summary>
    internal static async Task<ArticleEvidence?> ReadArticleAsync(IPage page, CollectorKeywords keywords)
    {
        var raw = await page.EvaluateAsync<JsonElement>(ScriptResources.Article,
            new { agencies = keywords.Agencies, organisationWords = keywords.OrganisationWords, sponsoredLabels = keywords.SponsoredLabels,
                disclosures = keywords.Disclosures });
        return raw.Deserialize<ArticleEvidence>(ScriptJson);
    }

    private static async Task<T> Collect<T>(string collector, List<CollectorError> errors, Func<Task<T>> collect, T fallback)
    {
        try
        {
            return await collect();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or JsonException or InvalidOperationException)
        {
            errors.Add(new CollectorError(collector, FirstLine(e.Message)));
            return fallback;
        }
    }

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

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
