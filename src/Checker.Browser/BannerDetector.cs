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
                continue; // a frame that went away while we looked, or that never got a document to look into
            }
            var banner = raw.Deserialize<BannerEvidence>(ScriptJson)!;
            if (banner.Detected)
                return (frame == page.MainFrame ? banner : banner with { FrameUrl = frame.Url }, frame);
        }
        return (new BannerEvidence { Detected = false }, null);
    }

    /// <summary>
    /// Detects the banner, and when there is none yet, looks again until one appears or the bound passes: CMPs often
    /// show theirs a moment after the page went quiet (a timer, a script loaded late).
    /// </summary>
    public async Task<(BannerEvidence Banner, IFrame? Frame)> WaitForBannerAsync(IPage page, TimeSpan bound)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var found = await DetectAsync(page);
            if (found.Banner.Detected || clock.Elapsed >= bound) return found;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250, Math.Max(1, (bound - clock.Elapsed).TotalMilliseconds))));
        }
    }

    // A frame whose document never comes (a stuck or refused load) leaves evaluate waiting for ever, even after its
    // context is closed: every look into a frame is bounded.
    private static readonly TimeSpan ChildFrameBound = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MainFrameBound = TimeSpan.FromSeconds(10);

    private static async Task<bool> IsFloatingFrameAsync(IFrame frame)
    {
        var element = await frame.FrameElementAsync();
        return await element.EvaluateAsync<bool>(
            "el => { const cs = getComputedStyle(el); const r = el.getBoundingClientRect();" +
            " return (cs.position === 'fixed' || cs.position === 'sticky' || (parseInt(cs.zIndex, 10) || 0) >= 100)" +
            " && cs.visibility !== 'hidden' && cs.display !== 'none' && r.width >= 100 && r.height >= 20; }");
    }
}
