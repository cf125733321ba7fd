using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Checker.Core.Evidence;
using Checker.Core.Rules;
using Checker.Core.Trackers;
using Microsoft.Playwright;
using Serilog;

namespace Checker.Browser;

/// <summary>
/// Visits one URL in a fresh context and records what the page did. Never throws for a page's fault: a page that
/// cannot be loaded, or a collector that fails, is written into the evidence.
/// </summary>
public sealed class PageVisitor(BrowserSession session, TrackerClassifier classifier, CollectorKeywords keywords)
{
    private static readonly JsonSerializerOptions ScriptJson = new(JsonSerializerDefaults.Web);

    public async Task<PageEvidence> VisitAsync(string url, string phase, CancellationToken cancellationToken)
    {
        var settings = session.Settings;
        var startedAt = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        float Remaining() => (float)Math.Max(1, (settings.PageTimeout - total.Elapsed).TotalMilliseconds);

        var errors = new List<CollectorError>();
        var requests = new ConcurrentQueue<IRequest>();
        var responses = new ConcurrentDictionary<IRequest, IResponse>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.PageTimeout);
        IBrowserContext? context = null;
        try
        {
            context = await session.NewContextAsync();
            // Playwright calls take no cancellation token; closing the context is what ends every pending one, so the
            // page timeout and Ctrl+C both close it. A page stuck in a script loop cannot hold the run.
            var closing = context;
            // On the thread pool: the token may be cancelled from a signal handler, which must not run Playwright code.
            await using var closeOnDeadline = deadline.Token.Register(() => _ = Task.Run(() => closing.CloseAsync()).ContinueWith(t => t.Exception, TaskScheduler.Default));
            context.Request += (_, request) => requests.Enqueue(request);
            context.Response += (_, response) => responses[response.Request] = response;
            var page = await context.NewPageAsync();
            // A page's dialogs would block it forever; a user would close them.
            page.Dialog += (_, dialog) => _ = dialog.DismissAsync().ContinueWith(t => t.Exception, TaskScheduler.Default);

            var loadClock = Stopwatch.StartNew();
            IResponse? response;
            try
            {
                // The load event may take two thirds of the page's time; the rest is kept for auditing what loaded.
                var loadBound = (float)Math.Min(Remaining(), settings.PageTimeout.TotalMilliseconds * 2 / 3);
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
                return Failed(url, phase, startedAt, total, deadline.IsCancellationRequested ? TimedOut(settings) : Describe(e));
            }
            var loadMs = loadClock.ElapsedMilliseconds;

            var settleMs = await SettleAsync(page, settings, Remaining(), errors);

            var pageHost = new Uri(page.Url).Host;
            var cookies = await Collect(Collectors.Cookies, errors, () => CollectCookiesAsync(context, pageHost, startedAt), []);
            var requestEvidence = await Collect(Collectors.Network, errors, () => CollectRequestsAsync(requests, responses, page, pageHost), []);
            var storage = await Collect(Collectors.Storage, errors, () => CollectStorageAsync(page), new StorageEvidence());
            var banner = await Collect<BannerEvidence?>(Collectors.Banner, errors, () => DetectBannerAsync(page), null);
            var article = await Collect<ArticleEvidence?>(Collectors.Article, errors, () => ReadArticleAsync(page), null);
            cancellationToken.ThrowIfCancellationRequested();
            if (deadline.IsCancellationRequested) return Failed(url, phase, startedAt, total, TimedOut(settings));

            return new PageEvidence
            {
                Url = url,
                Phase = phase,
                StartedAt = startedAt,
                FinishedAt = DateTimeOffset.UtcNow,
                Navigation = new NavigationEvidence
                {
                    RequestedUrl = url,
                    FinalUrl = page.Url,
                    Status = response?.Status,
                    Timings = new NavigationTimings { LoadMs = loadMs, SettleMs = settleMs, TotalMs = total.ElapsedMilliseconds },
                },
                Browser = new BrowserEvidence
                {
                    Name = "chromium",
                    Version = session.Version,
                    UserAgent = session.UserAgent,
                    Locale = settings.Locale,
                    ViewportWidth = settings.ViewportWidth,
                    ViewportHeight = settings.ViewportHeight,
                    ThirdPartyCookies = settings.ThirdPartyCookies.ToString().ToLowerInvariant(),
                },
                Cookies = cookies,
                Storage = storage,
                Requests = requestEvidence,
                TrackerHosts = TrackerHostAggregator.Aggregate(requestEvidence, cookies, classifier),
                Banner = banner,
                Article = article,
                CollectorErrors = errors,
            };
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // Ctrl+C closes the context too: that is an interruption of the run, not a fault of the page.
            cancellationToken.ThrowIfCancellationRequested();
            return Failed(url, phase, startedAt, total, deadline.IsCancellationRequested ? TimedOut(settings) : Describe(e));
        }
        finally
        {
            if (context is not null)
            {
                // Bounded: a renderer stuck in a script loop must not hold the run.
                try { await context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None); }
                catch (Exception e) when (e is PlaywrightException or TimeoutException) { Log.Debug(e, "closing the context of {Url} failed", url); }
            }
        }
    }

    /// <summary>Waits for the network to go idle, then for the DOM to stay quiet; both bounded, neither a fixed sleep.</summary>
    private static async Task<long> SettleAsync(IPage page, BrowserSettings settings, float remainingMs, List<CollectorError> errors)
    {
        var clock = Stopwatch.StartNew();
        // Half of what is left at most: the collectors still need time after a page that never goes quiet.
        var bound = (float)Math.Min(settings.SettleTimeout.TotalMilliseconds, remainingMs / 2);
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
                    new { quietMs = (int)settings.QuietWindow.TotalMilliseconds, maxMs = (int)left });
            }
            catch (PlaywrightException e)
            {
                errors.Add(new CollectorError(Collectors.Navigation, $"the page did not settle: {FirstLine(e.Message)}"));
            }
        }
        return clock.ElapsedMilliseconds;
    }

    private async Task<IReadOnlyList<CookieEvidence>> CollectCookiesAsync(IBrowserContext context, string pageHost, DateTimeOffset now)
    {
        var cookies = await context.CookiesAsync();
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
            };
        }).OrderBy(c => c.Domain, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private async Task<IReadOnlyList<RequestEvidence>> CollectRequestsAsync(IEnumerable<IRequest> requests,
        IReadOnlyDictionary<IRequest, IResponse> responses, IPage page, string pageHost)
    {
        var result = new List<RequestEvidence>();
        foreach (var request in requests)
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
            if (response is not null)
            {
                try
                {
                    setCookieNames = (await response.HeaderValuesAsync("set-cookie"))
                        .SelectMany(v => v.Split('\n'))
                        .Select(v => v.Split(';', 2)[0].Split('=', 2)[0].Trim())
                        .Where(n => n.Length > 0).Distinct().ToList();
                }
                catch (PlaywrightException) { /* a response the browser discarded leaves only its status */ }
            }

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

    private async Task<BannerEvidence?> DetectBannerAsync(IPage page)
    {
        var arguments = new { strong = keywords.BannerStrongWords, supporting = keywords.BannerSupportingWords };
        // The main frame first; a CMP may also draw its banner inside an iframe.
        foreach (var frame in page.Frames)
        {
            JsonElement raw;
            try
            {
                raw = await frame.EvaluateAsync<JsonElement>(ScriptResources.Banner, arguments);
            }
            catch (PlaywrightException) when (frame != page.MainFrame)
            {
                continue; // a detached or cross-process frame that went away
            }
            var banner = raw.Deserialize<BannerEvidence>(ScriptJson)!;
            if (banner.Detected)
                return frame == page.MainFrame ? banner : banner with { FrameUrl = frame.Url };
        }
        return new BannerEvidence { Detected = false };
    }

    private async Task<ArticleEvidence?> ReadArticleAsync(IPage page)
    {
        var raw = await page.EvaluateAsync<JsonElement>(ScriptResources.Article,
            new { agencies = keywords.Agencies, organisationWords = keywords.OrganisationWords });
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
        _ => FirstLine(e.Message).Replace("net::", "", StringComparison.Ordinal),
    };

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
