using System.Collections.Concurrent;
using Checker.Core.Runs;

namespace Checker.Core.Tests;

public sealed class PhasePipelineTests
{
    /// <summary>Phase 0 takes <paramref name="slowMs"/> on the first page (a choice and a reload), every other visit 10 ms.</summary>
    private static async Task<(List<string> Recorded, ConcurrentQueue<string> Events)> RunAsync(int pages, int ahead, int slowMs)
    {
        var recorded = new List<string>();
        var events = new ConcurrentQueue<string>();
        await PhasePipeline.RunAsync(Enumerable.Range(1, pages).Select(p => $"page{p}"), phases: 2, ahead,
            (_, _) => Task.CompletedTask,
            async (page, phase, token) =>
            {
                events.Enqueue($"start {page} {phase}");
                await Task.Delay(phase == 0 && page == "page1" ? slowMs : 10, token);
                events.Enqueue($"end {page} {phase}");
                return $"{page}/{phase}";
            },
            (page, results, _, _) =>
            {
                Assert.That(results, Is.EqualTo(new[] { $"{page}/0", $"{page}/1" }), "a page's results, in phase order");
                recorded.Add(page);
                events.Enqueue($"recorded {page}");
                return Task.CompletedTask;
            }, CancellationToken.None);
        return (recorded, events);
    }

    [Test]
    public async Task Every_page_is_recorded_once_in_the_batchs_order_with_all_its_phases()
    {
        var (recorded, _) = await RunAsync(pages: 6, ahead: 3, slowMs: 300);
        Assert.That(recorded, Is.EqualTo(Enumerable.Range(1, 6).Select(p => $"page{p}")));
    }

    [Test]
    public async Task A_fast_phase_goes_on_to_the_next_pages_while_a_slow_one_finishes_but_no_further_than_allowed()
    {
        var (_, events) = await RunAsync(pages: 6, ahead: 3, slowMs: 400);
        var order = events.ToList();
        var slowEnds = order.IndexOf("end page1 0");
        // Phase 1 did pages 2 and 3 while phase 0 was still on page 1: three pages in flight, not a fourth.
        Assert.That(order.IndexOf("end page3 1"), Is.LessThan(slowEnds), "the fast phase waited for the slow one");
        Assert.That(order.IndexOf("start page4 1"), Is.GreaterThan(order.IndexOf("recorded page1")), "more pages in flight than allowed");
    }

    [Test]
    public void A_visit_that_throws_stops_the_batch_with_its_own_error()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => PhasePipeline.RunAsync(new[] { "a", "b", "c" }, phases: 2, ahead: 2,
            (_, _) => Task.CompletedTask,
            async (page, phase, token) =>
            {
                await Task.Delay(phase == 0 ? 5 : 1000, token);
                if (page == "a" && phase == 0) throw new InvalidOperationException("broken");
                return page;
            },
            (_, _, _, _) => Task.CompletedTask, CancellationToken.None));
        Assert.That(error!.Message, Is.EqualTo("broken"), "the cancellations it caused in the other lane were reported instead");
    }

    [Test]
    public void Cancelling_the_run_stops_the_lanes_even_when_a_visit_never_returns()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.CatchAsync<OperationCanceledException>(() => PhasePipeline.RunAsync(new[] { "a" }, phases: 2, ahead: 2,
            (_, _) => Task.CompletedTask,
            (page, _, _) => new TaskCompletionSource<string>().Task, // a call to a dead driver
            (_, _, _, _) => Task.CompletedTask, cancel.Token));
    }
}
