namespace Checker.Browser;

/// <summary>
/// One phase's lane through the pages of one site (--isolation site): the browser page kept from one of the site's
/// pages to the next. Used by one visit at a time; disposing it closes what it holds.
/// </summary>
public sealed class SessionLane : IAsyncDisposable
{
    private VisitSession? _session;

    /// <summary>The session kept from the previous page, if it can take another; the lane holds nothing until <see cref="Keep"/>.</summary>
    internal VisitSession? Take()
    {
        var session = Interlocked.Exchange(ref _session, null);
        return session is { Usable: true } ? session : Abandoned(session);
    }

    internal void Keep(VisitSession session) => Abandoned(Interlocked.Exchange(ref _session, session));

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
