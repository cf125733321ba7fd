using System.Diagnostics;
using Checker.Core.Evidence;
using Checker.Core.Rules;
using Microsoft.Playwright;
using Serilog;

namespace Checker.Browser;

/// <summary>
/// The reject or accept choice of a visit. On the first page of a session the banner is clicked (autoconsent where it
/// knows the CMP, our generic engine otherwise) and the page reloaded; on the site's later pages the session keeps the
/// consent state the choice left, as a reader's browser does, and the page is judged in it. A banner that shows again
/// there is recorded (the choice was not remembered) and the choice made again.
/// </summary>
internal sealed class ConsentInteraction(BannerDetector detector, ConsentControls controls)
{
    /// <param name="Interaction">What was chosen and how; null when nothing was tried.</param>
    /// <param name="CookiesBeforeChoice">The cookies (keys) the jar held before the choice: the rest were set after it.</param>
    /// <param name="MadeHere">Whether the choice was made on this page (not carried from an earlier one).</param>
    public sealed record Outcome(InteractionEvidence? Interaction, IReadOnlySet<string> CookiesBeforeChoice, bool MadeHere);

    /// <param name="step">Marks the end of a timed step ("choice", "reload").</param>
    public async Task<Outcome> ChooseAsync(VisitSession session, string choice, BrowserSettings settings, Func<float> remaining, List<CollectorError> errors,
        Action<string> step)
    {
        if (session.Choice is not { } made) return await MakeAsync(session, choice, settings, remaining, errors, step);
        // A later page of the site, in the state the choice left: everything it did came after the choice.
        var (banner, _) = await detector.DetectAsync(session.Page);
        if (!banner.Detected)
            return new(made.Interaction with { CarriedFrom = made.Url, Reloaded = false, ChoiceCookies = made.ChoiceCookies }, made.CookiesBeforeChoice, false);
        // The banner is back: the choice was not remembered. A reader would have to choose again, and so do we (autoconsent,
        // held back on this page, is let in once the banner is seen there: InteractAsync); what the page did before that
        // still counts as after the first choice.
        var again = await MakeAsync(session, choice, settings, remaining, errors, step);
        return again with
        {
            Interaction = again.Interaction is { } interaction
                ? interaction with { BannerReturned = true, CarriedFrom = made.Url, ChoiceCookies = made.ChoiceCookies }
                : made.Interaction with { BannerReturned = true, CarriedFrom = made.Url, ChoiceCookies = made.ChoiceCookies },
            CookiesBeforeChoice = made.CookiesBeforeChoice,
        };
    }

    /// <summary>Clicks the choice, then, when it was made, settles, reloads and settles again.</summary>
    private async Task<Outcome> MakeAsync(VisitSession session, string choice, BrowserSettings settings, Func<float> remaining, List<CollectorError> errors,
        Action<string> step)
    {
        var page = session.Page;
        IReadOnlySet<string> cookiesBeforeChoice = new HashSet<string>();
        var interaction = await InteractAsync(session, choice, settings, remaining, errors,
            before => cookiesBeforeChoice = before, session.Current.MarkAfterInteraction, step);
        step("choice");
        if (interaction?.Outcome == InteractionEvidence.Done)
        {
            // Many sites apply the choice on the next page view: settle, reload, settle again.
            await PageSettling.SettleAsync(session, settings, remaining(), errors);
            // The page's network went idle once, at its load: the requests the choice set off (a tracker's pixel fired by
            // the script consent loaded) are waited for by what the capture saw, or the reload cuts them off unrecorded.
            var capture = session.Current;
            var pending = Stopwatch.StartNew();
            var bound = Math.Min(3000, remaining() / 4);
            while (pending.ElapsedMilliseconds < bound && capture.Requests.Any(r => r.AfterInteraction && !capture.Responses.ContainsKey(r.Request)))
                await Task.Delay(100);
            // The choice is made: the reloaded page is watched, not chosen on (a banner back on it is judged by the rules).
            session.Autoconsent?.Hold();
            try
            {
                await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Load, Timeout = remaining() / 2 });
                await PageSettling.SettleAsync(session, settings, remaining(), errors);
                interaction = interaction with { Reloaded = true };
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                errors.Add(new CollectorError(Collectors.Interaction, $"reload after the choice failed: {EvidenceCollectors.FirstLine(e.Message)}"));
            }
            step("reload");
        }
        return new(interaction, cookiesBeforeChoice, true);
    }

    /// <summary>
    /// autoconsent first, where it knows the page's CMP (it can use CMP APIs and second layers we cannot see); our
    /// generic engine otherwise, and wherever autoconsent fails. What the generic engine read is kept either way, so
    /// that the two can be cross-checked.
    /// </summary>
    private async Task<InteractionEvidence?> InteractAsync(VisitSession session, string choice,
        BrowserSettings settings, Func<float> remaining, List<CollectorError> errors, Action<IReadOnlySet<string>> rememberCookies, Action markChoice,
        Action<string> step)
    {
        var (page, context, autoconsent) = (session.Page, session.Context, session.Autoconsent);
        async Task OnChoice()
        {
            // What is set after this moment counts as set after the choice.
            rememberCookies(EvidenceCollectors.CookieKeys(await context.CookiesAsync()));
            markChoice();
        }

        try
        {
            var clicker = new ConsentClicker(detector, controls);
            string? stayedAfter = null;
            // autoconsent looks for its CMPs while we look for a banner: the two waits overlap instead of adding up.
            var popupBound = TimeSpan.FromMilliseconds(Math.Min(4000, remaining() / 4));
            var popupWait = autoconsent?.WaitForPopupAsync(popupBound);
            var (banner, bannerFrame, waited) = await detector.WaitForBannerAsync(page, BannerBound(settings, remaining, session));
            session.SawBanner(banner.Detected, waited);
            // A banner on a page where autoconsent was held back (a later page of a session: the choice was made on an
            // earlier one, or its first page showed no banner): it looks now, and the waits below give it the time it
            // needs (it has no rules yet, then has not looked yet).
            if (banner.Detected && autoconsent is { Active: false }) await autoconsent.ActivateAsync();
            var plan = await clicker.PlanAsync(page, choice);
            step("choice-banner");
            AutoconsentEvidence? autoconsentEvidence = null;
            if (autoconsent is not null && popupWait is not null)
            {
                // When autoconsent has recognised no CMP by the time a banner is on screen, it is not one it knows (it
                // checks as the page loads and every half second): a moment's grace, not its whole bound. With no
                // banner either, it is given nothing more, unless it recognised a CMP whose popup may still come.
                // The same banner it did not know on an earlier page of the session (a site that forgets the choice
                // shows it on every page) is not one it knows now either: no grace.
                var lookedAt = bannerFrame ?? page.MainFrame;
                var bannerChangedAt = Environment.TickCount64;
                var knownNotToKnow = banner.Detected && session.AutoconsentDidNotKnow(banner);
                if (!popupWait.IsCompleted && autoconsent.DetectedCmp is null)
                {
                    if (banner.Detected && !knownNotToKnow)
                    {
                        var (grace, changedAt) = await AutoconsentGraceAsync(autoconsent, lookedAt);
                        bannerChangedAt = changedAt;
                        popupWait = autoconsent.WaitForPopupAsync(grace);
                    }
                    else popupWait = Task.FromResult<(IFrame Frame, string Cmp)?>(null);
                }
                var popup = await popupWait;
                // The grace is over but autoconsent has not yet looked at the banner as it is (a busy machine delays its
                // timers and our messages): it gets the time that takes, within the popup's bound.
                // A CMP it recognises in that time gets what is left of the bound for its popup (one recognised before
                // had its whole bound already).
                var extended = Stopwatch.StartNew();
                var waitedForLook = false;
                while (popup is null && banner.Detected && !knownNotToKnow && autoconsent.DetectedCmp is null && !autoconsent.GaveUp
                       && autoconsent.IsLooking(lookedAt, bannerChangedAt) && extended.Elapsed < popupBound)
                {
                    waitedForLook = true;
                    popup = await autoconsent.WaitForPopupAsync(TimeSpan.FromMilliseconds(100));
                }
                if (waitedForLook && popup is null && autoconsent.DetectedCmp is not null && extended.Elapsed < popupBound)
                    popup = await autoconsent.WaitForPopupAsync(popupBound - extended.Elapsed);
                step("choice-autoconsent-wait");
                if (popup is null && banner.Detected && autoconsent.DetectedCmp is null) session.AutoconsentKnewNot(banner);
                autoconsentEvidence = new AutoconsentEvidence { Cmp = autoconsent.DetectedCmp, PopupFound = popup is not null };
                if (popup is { } found)
                {
                    await OnChoice();
                    // autoconsent reports the clicks it made, not that the CMP heeded them: a CMP that shows its buttons
                    // before it listens to them (tarteaucitron sets its listeners up half a second after its banner, and
                    // autoconsent's opt-in rule clicks at once) keeps its banner, and the page would be judged as if the
                    // reader had chosen. A banner still on screen, unchanged, is asked of autoconsent once more, as a
                    // reader clicks again on a button that did nothing; still there after that, it is chosen again below.
                    async Task<((bool Result, string Cmp)? Verdict, bool Stays)> AskAsync()
                    {
                        var answer = await autoconsent.PerformAsync(found.Frame, choice, TimeSpan.FromMilliseconds(Math.Min(8000, remaining() / 3)));
                        return (answer, answer is { Result: true } && banner.Detected
                            && await BannerStaysAsync(page, banner, TimeSpan.FromMilliseconds(Math.Min(2000, remaining() / 8))));
                    }
                    var (verdict, stays) = await AskAsync();
                    string? askedAgain = null;
                    if (stays)
                    {
                        askedAgain = $"autoconsent ({found.Cmp}) clicked, but the banner stayed on screen: asked again";
                        Log.Debug("{Url}: {What}", page.Url, askedAgain);
                        (verdict, stays) = await AskAsync();
                    }
                    autoconsentEvidence = autoconsentEvidence with { Result = verdict?.Result, Clicks = autoconsent.Clicks, Errors = autoconsent.Errors.ToList() };
                    if (verdict is { Result: true })
                    {
                        if (!stays)
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
                                Message = askedAgain,
                            };
                        stayedAfter = $"autoconsent ({found.Cmp}) clicked twice, but the banner stayed on screen: chosen again by the generic engine";
                        Log.Debug("{Url}: {What}", page.Url, stayedAfter);
                    }
                }
            }
            var generic = await clicker.RunAsync(page, choice, OnChoice,
                waitForQuiet: () => PageSettling.QuietAsync(page, settings, Math.Min(3000, remaining() / 3)));
            return generic with
            {
                Autoconsent = autoconsentEvidence,
                GenericPlan = plan.Summary,
                CrossCheck = EngineCrossCheck.Of(choice, plan, autoconsentEvidence),
                Message = stayedAfter is null ? generic.Message : generic.Message is null ? stayedAfter : $"{stayedAfter}; {generic.Message}",
            };
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or System.Text.Json.JsonException)
        {
            errors.Add(new CollectorError(Collectors.Interaction, EvidenceCollectors.FirstLine(e.Message)));
            return new InteractionEvidence { Action = choice, Outcome = InteractionEvidence.Failed, Message = EvidenceCollectors.FirstLine(e.Message) };
        }
    }

    /// <summary>
    /// Whether the banner a choice was made on is still on screen as it was (the same element, the same text) once
    /// <paramref name="bound"/> has passed: a banner that closes, fades out or turns into a confirmation does not stay.
    /// </summary>
    private async Task<bool> BannerStaysAsync(IPage page, BannerEvidence chosenOn, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var (now, _) = await detector.DetectAsync(page);
                if (!now.Detected || now.Selector != chosenOn.Selector || now.Text != chosenOn.Text || now.FrameUrl != chosenOn.FrameUrl) return false;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // The choice navigated or reloaded the page: whatever it did, the banner chosen on is gone with it.
                return false;
            }
            if (clock.Elapsed >= bound) return true;
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>How long autoconsent may still take to recognise a CMP once our detector sees a banner, at most.</summary>
    private static readonly TimeSpan AutoconsentGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long autoconsent may still take, from how long the banner's frame has been unchanged and has had autoconsent's
    /// rules: autoconsent looks for its CMPs once its rules came, and again only after the DOM changed, at most every
    /// 500 ms. Once both happened longer ago than one such round and the time a look takes, its last look saw the banner
    /// as it is now and waiting longer changes nothing (most pages: the banner came with the load and the page settled
    /// since); a banner that just appeared, or a frame whose rules are still on their way (a busy machine), gets the
    /// whole grace.
    /// </summary>
    /// <returns>The grace, and when the frame last changed (Environment.TickCount64).</returns>
    private static async Task<(TimeSpan Grace, long ChangedAt)> AutoconsentGraceAsync(AutoconsentDriver autoconsent, IFrame frame)
    {
        const double round = 500 + 400, least = 200;
        try
        {
            var quietFor = await TaskBounds.Bounded(frame.EvaluateAsync<double>(
                "() => typeof window.__checkerChangedAt === 'number' ? performance.now() - window.__checkerChangedAt : 0"), TimeSpan.FromSeconds(1));
            var changedAt = Environment.TickCount64 - (long)quietFor;
            if (autoconsent.SinceRules(frame) is not { } sinceRules) return (AutoconsentGrace, changedAt);
            var lookedSince = Math.Min(quietFor, sinceRules.TotalMilliseconds);
            return (TimeSpan.FromMilliseconds(Math.Clamp(round - lookedSince, least, AutoconsentGrace.TotalMilliseconds)), changedAt);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return (AutoconsentGrace, Environment.TickCount64);
        }
    }

    /// <summary>
    /// How long to look for a banner that comes late: the whole --banner-wait on a session's first page. On the site's
    /// later pages its consent platform shows as it did on the first (waiting the whole time again on every page is most
    /// of the time of a page without a banner): where the first page showed none in that whole wait, a third of it; where
    /// the site's banner came, twice the longest it took to come on its pages so far, a second at least.
    /// </summary>
    public static TimeSpan BannerBound(BrowserSettings settings, Func<float> remaining, VisitSession session)
    {
        var wait = settings.BannerWait;
        if (session.Visits > 1 && session.FirstPageShowedBanner == false) wait = settings.BannerWait / 3;
        else if (session.Visits > 1 && session.SlowestBanner is { } slowest)
            wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds, Math.Max(LeastLaterBannerWait.TotalMilliseconds, 2 * slowest.TotalMilliseconds)));
        return TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds, remaining() / 4));
    }

    private static readonly TimeSpan LeastLaterBannerWait = TimeSpan.FromSeconds(1);

}
