using System.Collections.Concurrent;

namespace Checker.Core.Runs;

/// <summary>A worker's share of a run: the site its pages belong to, and the pages, taken one at a time.</summary>
public sealed record SiteWork<T>(string Site, IEnumerable<T> Pages);

/// <summary>
/// How the pages of a run are shared out for site sessions (--isolation site): the pages of one site go, in their
/// order, into one batch, which one worker audits in one browser page per phase. A site with many pages is cut into
/// several batches when there would otherwise be fewer batches than workers (a 500-page site at --concurrency 4 is four
/// batches of 125), so that sessions never leave workers idle. The largest batches come first, so that none starts last.
/// </summary>
public static class SiteBatches
{
    /// <param name="items">The pages, in the run's order.</param>
    /// <param name="siteOf">The site a page belongs to (its host).</param>
    /// <param name="workers">Batches audited at once.</param>
    public static IReadOnlyList<IReadOnlyList<T>> Plan<T>(IReadOnlyList<T> items, Func<T, string> siteOf, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var sites = items.GroupBy(siteOf, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var batches = new List<(int Position, List<T> Pages)>();
        var position = 0;
        foreach (var pages in sites)
        {
            // Each site gets its share of the workers, by its share of the pages; at least one batch, at most one per page.
            var count = (int)Math.Min(pages.Count, Math.Max(1, Math.Ceiling((double)workers * pages.Count / items.Count)));
            for (var i = 0; i < count; i++)
            {
                var start = pages.Count * i / count;
                var end = pages.Count * (i + 1) / count;
                batches.Add((position++, pages.GetRange(start, end - start)));
            }
        }
        return [.. batches.OrderByDescending(b => b.Pages.Count).ThenBy(b => b.Position).Select(b => (IReadOnlyList<T>)b.Pages)];
    }

    /// <summary>
    /// The batches of <see cref="Plan"/> as the workers' shares: a site cut into several batches is one queue of its
    /// pages, in the run's order, that its workers take from, each its next page when done with one. Fixed shares left
    /// the faster workers idle while the slowest finished its own (a 500-page site's pace fell by a fifth over the run).
    /// Each share's pages are to be read once, by its worker.
    /// </summary>
    public static IReadOnlyList<SiteWork<T>> Work<T>(IReadOnlyList<T> items, Func<T, string> siteOf, int workers)
    {
        var plan = Plan(items, siteOf, workers).Select(b => (Site: siteOf(b[0]), Pages: b)).ToList();
        // One queue per site cut into several batches, of all its pages in the run's order (the plan puts the largest
        // batches first, not a site's in order), each page's site looked up once.
        var queues = plan.GroupBy(b => b.Site, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, _ => new ConcurrentQueue<T>(), StringComparer.Ordinal);
        if (queues.Count > 0)
            foreach (var item in items)
                if (queues.TryGetValue(siteOf(item), out var siteQueue)) siteQueue.Enqueue(item);
        return [.. plan.Select(b => queues.TryGetValue(b.Site, out var queue)
            ? new SiteWork<T>(b.Site, Drain(queue))
            : new SiteWork<T>(b.Site, b.Pages))];
    }

    private static IEnumerable<T> Drain<T>(ConcurrentQueue<T> queue)
    {
        while (queue.TryDequeue(out var item)) yield return item;
    }
}
