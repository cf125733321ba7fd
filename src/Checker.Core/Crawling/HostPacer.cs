namespace Checker.Core.Crawling;

/// <summary>
/// Politeness per host: the visits of one host start at least <see cref="Gap"/> apart, however many run at once.
/// Each caller reserves the next free start time of its host and waits for it, so turns are kept in the order they
/// were asked for and concurrent visits of different hosts do not wait for each other.
/// </summary>
public sealed class HostPacer(TimeSpan gap, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, DateTimeOffset> _nextStart = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public TimeSpan Gap { get; } = gap < TimeSpan.Zero ? TimeSpan.Zero : gap;

    /// <summary>Waits until the host of <paramref name="url"/> may be visited again; returns how long it waited.</summary>
    public async Task<TimeSpan> WaitTurnAsync(string url, CancellationToken cancellationToken)
    {
        if (Gap == TimeSpan.Zero) return TimeSpan.Zero;
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.IdnHost : url;
        TimeSpan wait;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var start = _nextStart.TryGetValue(host, out var next) && next > now ? next : now;
            _nextStart[host] = start + Gap;
            wait = start - now;
        }
        if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken);
        return wait;
    }
}
