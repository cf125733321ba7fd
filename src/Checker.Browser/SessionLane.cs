using Microsoft.Playwright;
using Serilog;

namespace Checker.Browser;

/// <summary>
/// One phase's lane (--isolation site): the browser page kept from one page to the next, through the pages of a site
/// and then on to the next site the lane is given, wiped in between (see <see cref="VisitSession.MoveToSiteAsync"/>):
/// a new context and renderer per site and phase cost more than the whole visit of a page already open. Used by one
/// visit at a time; disposing it closes what it holds.
/// </summary>
public sealed class SessionLane : IAsyncDisposable
{
    private static readonly TimeSpan MoveBound = TimeSpan.FromSeconds(5);

    private VisitSession? _session;
    // The wipe of the kept session after its last page, still running: the next page waits for it, not the last one.
    private Task? _wiping;
    private string? _site;
    private string? _sessionSite;

    /// <summary>The site whose pages the lane is given next (a registrable domain, or whatever groups a site's pages).</summary>
    public void BeginSite(string site) => _site = site;

    /// <summary>
    /// The session kept from the previous page, if it can take this one: as it is for a page of the same site, wiped
    /// and emptied of the last site's state for another site. Null when there is none or it cannot be reused.
    /// </summary>
    internal async Task<VisitSession?> TakeAsync(string url)
    {
        if (Interlocked.Exchange(ref _wiping, null) is { } wiping) await wiping;
        var session = Interlocked.Exchange(ref _session, null);
        if (session is not { Usable: true }) return Abandoned(session);
        if (_sessionSite == _site) return session;
        if (!session.CanMoveToAnotherSite) return Abandoned(session);
        try
        {
            await session.MoveToSiteAsync(url, MoveBound);
            return session;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            Log.Debug("moving a session to {Url} failed ({Message}); it gets a fresh one", url, EvidenceCollectors.FirstLine(e.Message));
            return Abandoned(session);
        }
    }

    internal void Keep(VisitSession session)
    {
        _sessionSite = _site;
        Abandoned(Interlocked.Exchange(ref _session, session));
    }

    /// <summary>
    /// Keeps the session for the next page once it is wiped, the wipe running while the page's other phases finish and
    /// its report is written: off the run's critical path. A wipe that fails leaves the session broken, and the next
    /// page gets a fresh one.
    /// </summary>
    /// <param name="url">The page just visited, and <paramref name="phase"/> its phase: named in the log if the wipe fails.</param>
    internal void KeepAfterWipe(VisitSession session, TimeSpan bound, string url, string phase)
    {
        Keep(session);
        _wiping = Task.Run(async () =>
        {
            try
            {
                await session.WipeAsync(bound);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException)
            {
                Log.Debug("{Url} ({Phase}): wiping its session failed ({Message}); the next page gets a fresh one", url, phase,
                    EvidenceCollectors.FirstLine(e.Message));
                session.Break();
            }
        });
    }

    private static VisitSession? Abandoned(VisitSession? session)
    {
        if (session is not null) TaskBounds.Abandon(session.DisposeAsync().AsTask());
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _wiping, null) is { } wiping) await wiping.WaitAsync(TimeSpan.FromSeconds(6)).ContinueWith(_ => { }, TaskScheduler.Default);
        if (Interlocked.Exchange(ref _session, null) is { } session) await session.DisposeAsync();
    }
}
