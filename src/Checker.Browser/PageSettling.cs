using System.Diagnostics;
using Checker.Core.Evidence;
using Microsoft.Playwright;

namespace Checker.Browser;

/// <summary>Waiting for a page to settle, on signals (network idle, a quiet DOM), each bounded; never a fixed sleep.</summary>
internal static class PageSettling
{
    /// <summary>Waits for the network to go quiet (the session's own count of requests in flight), then for the DOM to stay quiet; both bounded, neither a fixed sleep.</summary>
    /// <param name="step">Told "settle" when the network went quiet and "dom-quiet" when the DOM did, for the visit's timings.</param>
    public static async Task<long> SettleAsync(VisitSession session, BrowserSettings settings, float remainingMs, List<CollectorError> errors,
        Action<string>? step = null)
    {
        var page = session.Page;
        var clock = Stopwatch.StartNew();
        // A third of what is left at most: the collectors still need time after a page that never goes quiet.
        var bound = (float)Math.Min(settings.SettleTimeout.TotalMilliseconds, remainingMs / 3);
        // Pages that poll or stream never go quiet; what they did so far is still evidence.
        await session.WaitForNetworkQuietAsync(settings.NetworkQuietWindow, TimeSpan.FromMilliseconds(bound));
        step?.Invoke("settle");
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
                errors.Add(new CollectorError(Collectors.Navigation, $"the page did not settle: {EvidenceCollectors.FirstLine(e.Message)}"));
            }
        }
        step?.Invoke("dom-quiet");
        return clock.ElapsedMilliseconds;
    }

    public static async Task QuietAsync(IPage page, BrowserSettings settings, float maxMs)
    {
        try
        {
            await page.EvaluateAsync<int>(ScriptResources.DomQuiet,
                new { quietMs = (int)settings.QuietWindow.TotalMilliseconds, maxMs = (int)maxMs, sinceNow = true });
        }
        catch (PlaywrightException) { /* a navigation after the click ends the wait too */ }
    }

}
