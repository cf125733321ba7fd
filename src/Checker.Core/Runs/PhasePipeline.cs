using System.Diagnostics;
using System.Threading.Channels;

namespace Checker.Core.Runs;

/// <summary>
/// A batch's pages through its phases, each phase in its own lane at its own pace, and each page recorded, in the
/// batch's order, once all its phases are done. A page's phases used to start together and the next page waited for
/// the slowest of them: the first page's reject and accept (a choice, a reload) held the initial and GPC lanes idle,
/// and so did a page whose banner came late in one phase only (bench/scale, 500 pages: the lanes' own time was 0.72 of
/// the time they were held). A lane may now be a few pages ahead of the slowest, never more than
/// <c>ahead</c> pages in flight: the pages it takes from a queue shared with other batches are not held back long.
/// </summary>
public static class PhasePipeline
{
    private sealed class Entry<TPage, TResult>(TPage page, int phases)
    {
        public TPage Page { get; } = page;
        public Stopwatch Clock { get; } = Stopwatch.StartNew();
        public TaskCompletionSource<TResult>[] Results { get; } =
            [.. Enumerable.Range(0, phases).Select(_ => new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously))];
    }

    /// <param name="beforePage">Called once per page before any of its phases (the host's pacing).</param>
    /// <param name="visit">One phase (by index) of one page.</param>
    /// <param name="record">The page with its phases' results, in phase order, and the time since it was taken.</param>
    public static async Task RunAsync<TPage, TResult>(IEnumerable<TPage> pages, int phases, int ahead,
        Func<TPage, CancellationToken, Task> beforePage,
        Func<TPage, int, CancellationToken, Task<TResult>> visit,
        Func<TPage, TResult[], TimeSpan, CancellationToken, Task> record,
        CancellationToken cancellationToken)
    {
        var laneQueues = Enumerable.Range(0, phases).Select(_ => Channel.CreateUnbounded<Entry<TPage, TResult>>()).ToArray();
        var recordQueue = Channel.CreateUnbounded<Entry<TPage, TResult>>();
        using var room = new SemaphoreSlim(ahead);
        // The first failure stops the rest: a lane that threw leaves its pages' other phases with nothing to wait for.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;

        async Task Guarded(Func<Task> body)
        {
            try
            {
                await body();
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
        }

        Task Feed() => Guarded(async () =>
        {
            try
            {
                foreach (var page in pages)
                {
                    await room.WaitAsync(token);
                    await beforePage(page, token);
                    var entry = new Entry<TPage, TResult>(page, phases);
                    recordQueue.Writer.TryWrite(entry);
                    foreach (var queue in laneQueues) queue.Writer.TryWrite(entry);
                }
            }
            finally
            {
                recordQueue.Writer.TryComplete();
                foreach (var queue in laneQueues) queue.Writer.TryComplete();
            }
        });

        Task Lane(int phase) => Guarded(async () =>
        {
            await foreach (var entry in laneQueues[phase].Reader.ReadAllAsync(token))
            {
                try
                {
                    // Ctrl+C reaches the Playwright driver and Chromium too, and a call to a dead driver never returns:
                    // the lane stops waiting at once, rather than trusting the visit to notice.
                    entry.Results[phase].SetResult(await visit(entry.Page, phase, token).WaitAsync(token));
                }
                catch (Exception e)
                {
                    entry.Results[phase].TrySetException(e);
                    throw;
                }
            }
        });

        Task Record() => Guarded(async () =>
        {
            await foreach (var entry in recordQueue.Reader.ReadAllAsync(token))
            {
                var results = await Task.WhenAll(entry.Results.Select(r => r.Task)).WaitAsync(token);
                await record(entry.Page, results, entry.Clock.Elapsed, token);
                room.Release();
            }
        });

        Task[] tasks = [Feed(), .. Enumerable.Range(0, phases).Select(Lane), Record()];
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            // What stopped the batch, not the cancellations it caused in the other lanes.
            var cause = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            throw;
        }
    }
}
