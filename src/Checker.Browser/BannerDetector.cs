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
        var arguments = new { strong = keywords.BannerStrongWords, supporting = keywords.BannerSupportingWords };
        foreach (var frame in page.Frames)
        {
            JsonElement raw;
            try
            {
                raw = await frame.EvaluateAsync<JsonElement>(ScriptResources.Banner, arguments);
            }
            catch (PlaywrightException) when (frame != page.MainFrame)
            {
                continue; // a frame that went away while we looked
            }
            var banner = raw.Deserialize<BannerEvidence>(ScriptJson)!;
            if (banner.Detected)
                return (frame == page.MainFrame ? banner : banner with { FrameUrl = frame.Url }, frame);
        }
        return (new BannerEvidence { Detected = false }, null);
    }
}
