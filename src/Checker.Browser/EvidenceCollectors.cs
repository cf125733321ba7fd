using System.Collections.Concurrent;
using System.Text.Json;
using Checker.Core.Dates;
using Checker.Core.Evidence;
using Checker.Core.Rules;
using Checker.Core.Trackers;
using Microsoft.Playwright;
using Serilog;

namespace Checker.Browser;

/// <summary>
/// The collectors: each reads one kind of evidence from the page as it is now (cookies, requests, storage, TCF
/// signals, the article, screenshots). They judge nothing; a collector that fails leaves its error in the evidence.
/// </summary>
internal sealed class EvidenceCollectors(TrackerClassifier classifier)
{
    private static readonly JsonSerializerOptions ScriptJson = new(JsonSerializerDefaults.Web);

    // A cookie is "the same" when name, domain, path and value are: a renewed or rewritten cookie counts as set again.
    public static HashSet<string> CookieKeys(IEnumerable<BrowserContextCookiesResult> cookies) =>
        cookies.Select(c => $"{c.Name}\u0001{c.Domain}\u0001{c.Path}\u0001{c.Value}").ToHashSet(StringComparer.Ordinal);

    /// <summary>The cookie jar as evidence (values are not kept), and the IAB TCF cookie's value for the TCF collector.</summary>
    public sealed record CollectedCookies(IReadOnlyList<CookieEvidence> Cookies, string? TcfCookie);

    public async Task<CollectedCookies> CollectCookiesAsync(IBrowserContext context, string pageHost, DateTimeOffset now,
        IReadOnlySet<string>? beforeChoice, IReadOnlySet<(string Name, string Domain)> supplied)
    {
        var jar = await context.CookiesAsync();
        var cookies = jar.Where(c => !supplied.Contains((c.Name, c.Domain)));
        var evidence = cookies.Select(c =>
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
        return new CollectedCookies(evidence, jar.FirstOrDefault(c => c.Name == "euconsent-v2")?.Value);
    }

    public async Task<IReadOnlyList<RequestEvidence>> CollectRequestsAsync(IEnumerable<(IRequest Request, bool AfterInteraction)> requests,
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

    public static async Task<StorageEvidence> CollectStorageAsync(IPage page)
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

    /// <param name="tcfCookie">The euconsent-v2 cookie's value as the cookie collector read it (the jar is not read twice).</param>
    public static async Task<TcfEvidence?> ReadTcfAsync(IPage page, string? tcfCookie)
    {
        var raw = await page.EvaluateAsync<JsonElement?>(ScriptResources.Tcf, new { timeoutMs = 1500 });
        if (raw is not { ValueKind: JsonValueKind.Object } answer)
            return tcfCookie is null ? null : new TcfEvidence { ApiPresent = false, CookieTcString = tcfCookie };
        return answer.Deserialize<TcfEvidence>(ScriptJson)! with { CookieTcString = tcfCookie };
    }

    /// <summary>The article collector: article.js (with Readability) run in the page as it is now.</summary>
    public static async Task<ArticleEvidence?> ReadArticleAsync(IPage page, CollectorKeywords keywords)
    {
        var raw = await page.EvaluateAsync<JsonElement>(ScriptResources.Article,
            new { agencies = keywords.Agencies, organisationWords = keywords.OrganisationWords, sectionWords = keywords.SectionWords, sponsoredLabels = keywords.SponsoredLabels,
                disclosures = keywords.Disclosures });
        var article = raw.Deserialize<ArticleEvidence>(ScriptJson);
        if (article is null) return null;
        // The page states dates in many places; which is the publication date is decided here, from all of them.
        var dates = PublicationDates.Resolve(article.DateCandidates, article.Language, DateTimeOffset.UtcNow, page.Url, article.CanonicalUrl,
            keywords.DateRankerWeights);
        return article with
        {
            DatePublished = dates.Published?.Iso,
            DatePublishedSource = dates.PublishedSource,
            PublishedDay = dates.PublishedDay,
            DateModified = dates.Modified?.Iso,
            DateModifiedSource = dates.ModifiedSource,
            DateEstimated = dates.Estimated?.Iso,
            DateEstimatedSource = dates.EstimatedSource,
        };
    }

    public static async Task TakeScreenshotsAsync(IPage page, BannerEvidence? banner, List<VisitAttachment> attachments, List<CollectorError> errors,
        Func<float> remaining)
    {
        try
        {
            var timeout = Math.Min(5000, remaining() / 2);
            attachments.Add(new VisitAttachment("viewport", "png", await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png, Timeout = timeout })));
            if (banner is not null && ClipOf(page, banner) is { } clip)
                attachments.Add(new VisitAttachment("banner", "png", await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png, Clip = clip, Timeout = timeout })));
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            errors.Add(new CollectorError(Collectors.Screenshot, FirstLine(e.Message)));
        }
    }

    /// <summary>One screenshot named <paramref name="kind"/> of what <paramref name="shown"/> covers (the viewport when its box is unknown or in a frame).</summary>
    public static async Task TakeScreenshotAsync(IPage page, string kind, BannerEvidence shown, List<VisitAttachment> attachments, List<CollectorError> errors,
        Func<float> remaining)
    {
        try
        {
            var options = new PageScreenshotOptions { Type = ScreenshotType.Png, Clip = ClipOf(page, shown), Timeout = Math.Min(5000, remaining() / 2) };
            attachments.Add(new VisitAttachment(kind, "png", await page.ScreenshotAsync(options)));
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            errors.Add(new CollectorError(Collectors.Screenshot, FirstLine(e.Message)));
        }
    }

    /// <summary>The part of the viewport a banner covers, or null when it is not known there (not found, in a frame, off screen).</summary>
    private static Clip? ClipOf(IPage page, BannerEvidence banner)
    {
        if (banner is not { Detected: true, Box: { } box, FrameUrl: null } || box.Width < 1 || box.Height < 1 || page.ViewportSize is not { } viewport)
            return null;
        var x = Math.Max(0, box.X);
        var y = Math.Max(0, box.Y);
        var clip = new Clip
        {
            X = (float)x,
            Y = (float)y,
            Width = (float)Math.Min(box.Width, viewport.Width - x),
            Height = (float)Math.Min(box.Height, viewport.Height - y),
        };
        return clip.Width >= 1 && clip.Height >= 1 ? clip : null;
    }

    public static async Task<T> Collect<T>(string collector, List<CollectorError> errors, Func<Task<T>> collect, T fallback)
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

    internal static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
