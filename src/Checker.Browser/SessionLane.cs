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
            Log.Debug("moving a session to {Url} failed ({Message}); it gets a fresh one", url, e.Message.Split('\n')[0]);
            return Abandoned(session);
        }
    }

    internal void Keep(VisitSession session)
    {
        _sessionSite = _site;
        Abandoned(Interlocked.Exchange(ref _session, session));
    }

    private static VisitSession? Abandoned(VisitSession? session)
    {
        if (session is not null) TaskBounds.Abandon(session.DisposeAsync().AsTask());
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _session, null) is { } session) await session.DisposeAsync();
    }
}
