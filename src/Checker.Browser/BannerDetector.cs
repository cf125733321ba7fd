using System.Text.Json;
using Checker.Core.Evidence;
using Checker.Core.Rules;
using Microsoft.Playwright;

namespace Checker.Browser;

/// <summary>Finds the consent banner in a page: the main frame first, then its iframes (CMPs often draw there).</summary>
internal sealed class BannerDetector(CollectorKeywords keywords)
{
    private static readonly JsonSerializerOptions ScriptJson = new(JsonSerializerDefaults.Web);

    public async Task<(BannerEvidence Banner, IFrame? Frame)> DetectAsync(IPage page)
    {
        var (banner, frame, _) = await LookAsync(page);
        return (banner, frame);
    }

    /// <summary>One look into every frame; <c>Unanswered</c> when some iframe gave no answer within its bound.</summary>
    private async Task<(BannerEvidence Banner, IFrame? Frame, bool Unanswered)> LookAsync(IPage page)
    {
        var unanswered = false;
        foreach (var frame in page.Frames)
        {
            JsonElement raw;
            try
            {
                // A CMP drawn in an iframe lays out its message normally inside; what floats is the iframe itself.
                var floating = frame != page.MainFrame && await TaskBounds.Bounded(IsFloatingFrameAsync(frame), ChildFrameBound);
                var arguments = new
                {
                    strong = keywords.BannerStrongWords,
                    supporting = keywords.BannerSupportingWords,
                    floatingFrame = floating,
                    acceptWords = keywords.Controls.PhrasesOf(ConsentControls.Accept),
                    refuseWords = keywords.Controls.PhrasesOf(ConsentControls.Reject).Concat(keywords.Controls.PhrasesOf(ConsentControls.Settings)),
                };
                raw = await TaskBounds.Bounded(frame.EvaluateAsync<JsonElement>(ScriptResources.Banner, arguments),
                    frame == page.MainFrame ? MainFrameBound : ChildFrameBound);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException && frame != page.MainFrame)
            {
                // A frame that went away while we looked, or that never got a document to look into — or one that is
                // merely slow: a cross-site iframe is its own renderer process, and on a loaded machine its first answer
                // can take seconds.
                unanswered |= e is TimeoutException;
                continue;
            }
            var banner = raw.Deserialize<BannerEvidence>(ScriptJson)!;
            if (banner.Detected)
                return (frame == page.MainFrame ? banner : banner with { FrameUrl = frame.Url }, frame, false);
        }
        return (new BannerEvidence { Detected = false }, null, unanswered);
    }

    /// <summary>
    /// Detects the banner, and when there is none yet, looks again until one appears or the bound passes: CMPs often
    /// show theirs a moment after the page went quiet (a timer, a script loaded late).
    /// </summary>
    /// <returns>The banner, its frame, and how long it took to appear (the whole wait when it did not).</returns>
    public async Task<(BannerEvidence Banner, IFrame? Frame, TimeSpan Waited)> WaitForBannerAsync(IPage page, TimeSpan bound)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (banner, frame, unanswered) = await LookAsync(page);
            // "No banner" is only said once every frame has answered: an iframe that was too slow to answer (it may hold
            // the banner) gets a grace beyond the bound; a frame that never answers costs that grace once, no more.
            var limit = unanswered ? bound + SlowFrameGrace : bound;
            if (banner.Detected || clock.Elapsed >= limit) return (banner, frame, clock.Elapsed);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250, Math.Max(1, (limit - clock.Elapsed).TotalMilliseconds))));
        }
    }

    // A frame whose document never comes (a stuck or refused load) leaves evaluate waiting for ever, even after its
    // context is closed: every look into a frame is bounded.
    private static readonly TimeSpan ChildFrameBound = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MainFrameBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SlowFrameGrace = TimeSpan.FromSeconds(6);

    private static async Task<bool> IsFloatingFrameAsync(IFrame frame)
    {
        var element = await frame.FrameElementAsync();
        return await element.EvaluateAsync<bool>(
            "el => { const cs = getComputedStyle(el); const r = el.getBoundingClientRect();" +
            " return (cs.position === 'fixed' || cs.position === 'sticky' || (parseInt(cs.zIndex, 10) || 0) >= 100)" +
            " && cs.visibility !== 'hidden' && cs.display !== 'none' && r.width >= 100 && r.height >= 20; }");
    }
}
