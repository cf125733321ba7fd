namespace Checker.Cli.Audit;

/// <summary>
/// Rewrites report.json during a run at most once per interval, one writer at a time: a run killed at any moment
/// leaves a valid report of what was audited up to a few seconds before (the journal has the rest).
/// </summary>
public sealed class SnapshotWriter(TimeSpan interval)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public async Task MaybeWriteAsync(Func<Task> write)
    {
        if (DateTimeOffset.UtcNow - _last < interval || !await _gate.WaitAsync(0)) return;
        try
        {
            await write();
            _last = DateTimeOffset.UtcNow;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The journal is the record; a snapshot that cannot be written is retried at the next page.
            Serilog.Log.Debug(e, "report snapshot not written");
        }
        finally
        {
            _gate.Release();
        }
    }
}
