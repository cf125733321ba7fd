using Checker.Core.Evidence;
using Checker.Core.Rules;
using Microsoft.Playwright;
using Serilog;

namespace Checker.Browser;

/// <summary>
/// Our generic consent engine: reads the banner's controls as a person would (by their text, in eight languages),
/// and clicks reject or accept. Reject is looked for on the first layer, then behind "settings", where purposes
/// still ticked are unticked before "save". An acknowledge-only button ("OK") is never taken for a reject.
/// </summary>
internal sealed class ConsentClicker(BannerDetector detector, ConsentControls controls)
{
    public const string EngineName = InteractionEvidence.Generic;
    // Generous: on a loaded machine the actionability checks (visible, stable for two frames) alone can take seconds.
    private static readonly float ClickTimeoutMs = 5000;

    /// <param name="onChoice">Called just before the click that makes the choice: what follows is "after the interaction".</param>
    public async Task<InteractionEvidence> RunAsync(IPage page, string action, Func<Task> onChoice, Func<Task> waitForQuiet)
    {
        var (banner, frame) = await detector.DetectAsync(page);
        if (!banner.Detected || frame is null)
            return new InteractionEvidence { Action = action, Outcome = InteractionEvidence.NoBanner, Message = "no consent banner to click" };

        var steps = new List<InteractionStep>();
        var first = Classified(banner);
        if (action == Phases.Accept)
        {
            var accept = first.FirstOrDefault(c => c.Kind == ConsentControls.Accept);
            if (accept.Control is null) accept = first.FirstOrDefault(c => c.Kind == ConsentControls.Acknowledge);
            if (accept.Control is null)
                return NoControl(action, steps, "the banner has no accept control");
            await onChoice();
            return await ClickAsync(frame, banner, accept, 1, steps, action);
        }

        var reject = first.FirstOrDefault(c => c.Kind == ConsentControls.Reject);
        if (reject.Control is not null)
        {
            await onChoice();
            return await ClickAsync(frame, banner, reject, 1, steps, action);
        }

        var settings = first.FirstOrDefault(c => c.Kind == ConsentControls.Settings);
        if (settings.Control is null)
            return NoControl(action, steps, "the banner has neither a reject nor a settings control");
        if (!await TryClickAsync(frame, settings.Control))
            return Failed(action, steps, $"clicking \"{settings.Control.Text}\" failed");
        steps.Add(Step(1, "click", settings, banner));
        await waitForQuiet();

        var (secondLayer, secondFrame) = await detector.DetectAsync(page);
        if (!secondLayer.Detected || secondFrame is null)
            return NoControl(action, steps, "no second layer appeared after settings");
        var second = Classified(secondLayer).Where(c => c.Control.Id != settings.Control.Id).ToList();
        var secondReject = second.FirstOrDefault(c => c.Kind == ConsentControls.Reject);
        if (secondReject.Control is not null)
        {
            await onChoice();
            return await ClickAsync(secondFrame, secondLayer, secondReject, 2, steps, action, secondLayer);
        }
        var save = second.FirstOrDefault(c => c.Kind == ConsentControls.Save);
        if (save.Control is null)
            return NoControl(action, steps, "the second layer has neither a reject nor a save control", secondLayer);
        // Refuse by hand: untick every purpose that is on and may be turned off, then save.
        foreach (var toggle in secondLayer.Toggles.Where(t => t.Checked && !t.Disabled && t.Id is not null && !controls.IsNecessaryPurpose(t.Label)))
        {
            if (await TryClickAsync(secondFrame, new BannerControl { Text = toggle.Label, Element = "toggle", Id = toggle.Id }))
                steps.Add(new InteractionStep { Layer = 2, Action = "uncheck", Text = toggle.Label, Kind = "purpose", Element = "toggle",
                    FrameUrl = secondLayer.FrameUrl, InShadowRoot = secondLayer.InShadowRoot });
        }
        await onChoice();
        return await ClickAsync(secondFrame, secondLayer, save, 2, steps, action, secondLayer);
    }

    /// <summary>
    /// Opens the banner's settings layer and reads it, without choosing anything: the purposes and vendors a reader
    /// would find there, and whether any is already on. Null when the banner has no settings control or nothing new
    /// appeared. Called once everything else of a visit was recorded, since it changes the page.
    /// </summary>
    public async Task<BannerEvidence?> ReadSettingsLayerAsync(IPage page, Func<Task> waitForQuiet)
    {
        var (banner, frame) = await detector.DetectAsync(page);
        if (!banner.Detected || frame is null) return null;
        var settings = Classified(banner).FirstOrDefault(c => c.Kind == ConsentControls.Settings);
        var address = page.Url;
        if (settings.Control is null || !await TryClickAsync(frame, settings.Control)) return null;
        await waitForQuiet();
        // A settings control that leads to another page (a privacy centre) is not a layer of this banner.
        if (page.Url != address) return null;
        var (layer, _) = await detector.DetectAsync(page);
        // The same controls as before the click: no second layer came (or the click did nothing).
        var before = banner.VisibleControls.Select(c => c.Text).ToList();
        return layer.Detected && !layer.VisibleControls.Select(c => c.Text).SequenceEqual(before) ? layer : null;
    }

    /// <summary>What this engine would do, read without clicking: for cross-checking another engine's action.</summary>
    public async Task<GenericPlan> PlanAsync(IPage page, string action)
    {
        var (banner, _) = await detector.DetectAsync(page);
        if (!banner.Detected) return new GenericPlan(GenericPlan.NoBanner, "no banner found");
        var first = Classified(banner);
        string? Find(string kind) => first.FirstOrDefault(c => c.Kind == kind).Control?.Text;
        if (action == Phases.Accept)
            return Find(ConsentControls.Accept) is { } a ? new GenericPlan(GenericPlan.FirstLayer, $"accept on the first layer: \"{a}\"")
                : Find(ConsentControls.Acknowledge) is { } k ? new GenericPlan(GenericPlan.AcknowledgeOnly, $"acknowledge only: \"{k}\"")
                : new GenericPlan(GenericPlan.None, "no accept control");
        return Find(ConsentControls.Reject) is { } r ? new GenericPlan(GenericPlan.FirstLayer, $"reject on the first layer: \"{r}\"")
            : Find(ConsentControls.Settings) is { } s ? new GenericPlan(GenericPlan.Settings, $"no reject on the first layer; settings: \"{s}\"")
            : new GenericPlan(GenericPlan.None, "no reject and no settings control");
    }

    private List<(BannerControl Control, string Kind)> Classified(BannerEvidence banner) =>
        banner.VisibleControls.Select(c => (Control: c, Kind: controls.Classify(c.Text))).ToList();

    private static async Task<InteractionEvidence> ClickAsync(IFrame frame, BannerEvidence banner, (BannerControl Control, string Kind) target,
        int layer, List<InteractionStep> steps, string action, BannerEvidence? secondLayer = null)
    {
        if (!await TryClickAsync(frame, target.Control))
            return Failed(action, steps, $"clicking \"{target.Control.Text}\" failed", secondLayer);
        steps.Add(Step(layer, "click", target, banner));
        return new InteractionEvidence
        {
            Action = action,
            Outcome = InteractionEvidence.Done,
            DecidedBy = EngineName,
            Steps = steps,
            SecondLayer = secondLayer,
            CompletedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>A real click (trusted events, as a person's), falling back to a dispatched one when something covers it.</summary>
    private static async Task<bool> TryClickAsync(IFrame frame, BannerControl control)
    {
        var locator = frame.Locator($"[data-checker-id='{control.Id}']").First;
        try
        {
            await locator.ClickAsync(new LocatorClickOptions { Timeout = ClickTimeoutMs });
            return true;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // On a loaded machine the click can land and its answer come after the timeout: the banner then took the
            // control away as a click makes it do, and dispatching again would fail on a control that is gone.
            if (await IsGoneAsync(locator))
            {
                Log.Debug("click on \"{Text}\" reported {Message}, but the control is gone: the click landed", control.Text, EvidenceCollectors.FirstLine(e.Message));
                return true;
            }
            Log.Debug("click on \"{Text}\" failed ({Message}); dispatching the event instead", control.Text, EvidenceCollectors.FirstLine(e.Message));
        }
        try
        {
            await locator.DispatchEventAsync("click", null, new LocatorDispatchEventOptions { Timeout = ClickTimeoutMs });
            return true;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task<bool> IsGoneAsync(ILocator locator)
    {
        try { return await locator.CountAsync() == 0; }
        catch (PlaywrightException) { return false; }
    }

    private static InteractionStep Step(int layer, string how, (BannerControl Control, string Kind) target, BannerEvidence banner) => new()
    {
        Layer = layer,
        Action = how,
        Text = target.Control.Text,
        Kind = target.Kind,
        Element = target.Control.Element,
        FrameUrl = banner.FrameUrl,
        InShadowRoot = banner.InShadowRoot,
    };

    private static InteractionEvidence NoControl(string action, List<InteractionStep> steps, string message, BannerEvidence? secondLayer = null) =>
        new() { Action = action, Outcome = InteractionEvidence.NoControl, DecidedBy = EngineName, Steps = steps, Message = message, SecondLayer = secondLayer };

    private static InteractionEvidence Failed(string action, List<InteractionStep> steps, string message, BannerEvidence? secondLayer = null) =>
        new() { Action = action, Outcome = InteractionEvidence.Failed, DecidedBy = EngineName, Steps = steps, Message = message, SecondLayer = secondLayer };
}
