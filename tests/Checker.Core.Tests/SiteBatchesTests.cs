using Checker.Core.Runs;

namespace Checker.Core.Tests;

public sealed class SiteBatchesTests
{
    private static string Site(string url) => new Uri(url).Host.Split('.', 2)[1];

    [Test]
    public void Pages_of_one_site_share_a_batch_in_their_order_when_there_are_enough_sites()
    {
        var urls = Enumerable.Range(0, 16).SelectMany(s => Enumerable.Range(1, 3).Select(p => $"https://www.site{s}.test/page{p}")).ToList();
        var batches = SiteBatches.Plan(urls, Site, workers: 4);
        Assert.That(batches, Has.Count.EqualTo(16));
        Assert.That(batches[0], Is.EqualTo(new[] { "https://www.site0.test/page1", "https://www.site0.test/page2", "https://www.site0.test/page3" }));
        Assert.That(batches.All(b => b.Select(Site).Distinct().Count() == 1), Is.True);
    }

    [Test]
    public void A_large_site_is_cut_so_that_every_worker_has_a_batch()
    {
        var urls = Enumerable.Range(1, 500).Select(p => $"https://www.big.test/{p}").Append("https://www.small.test/1").ToList();
        var batches = SiteBatches.Plan(urls, Site, workers: 4);
        Assert.That(batches.Count(b => Site(b[0]) == "big.test"), Is.EqualTo(4));
        Assert.That(batches.Where(b => Site(b[0]) == "big.test").Select(b => b.Count), Is.All.InRange(124, 126));
        Assert.That(batches.SelectMany(b => b).Order(), Is.EqualTo(urls.Order()), "every page once");
        Assert.That(batches[^1], Is.EqualTo(new[] { "https://www.small.test/1" }), "the largest batches first");
    }

    [Test]
    public void Interleaved_sites_are_grouped_and_a_site_never_gets_more_batches_than_pages()
    {
        string[] urls = ["https://a.one.test/1", "https://b.two.test/1", "https://c.one.test/2"];
        var batches = SiteBatches.Plan(urls, Site, workers: 8);
        Assert.That(batches, Has.Count.EqualTo(3));
        Assert.That(SiteBatches.Plan(urls, Site, workers: 1), Is.EqualTo(new[] { new[] { "https://a.one.test/1", "https://c.one.test/2" }, new[] { "https://b.two.test/1" } }));
    }

    [Test]
    public void The_workers_of_a_large_site_take_its_pages_from_one_queue_so_a_fast_one_takes_more()
    {
        var urls = Enumerable.Range(1, 20).Select(p => $"https://www.big.test/{p}").Append("https://www.small.test/1").ToList();
        var work = SiteBatches.Work(urls, Site, workers: 4);
        var big = work.Where(w => w.Site == "big.test").Select(w => w.Pages.GetEnumerator()).ToList();
        Assert.That(big, Has.Count.EqualTo(4));
        // The first worker is fast: it takes a page each time the three others take one between them.
        var taken = new List<List<string>> { new(), new(), new(), new() };
        for (var round = 0; ; round++)
        {
            var worker = round % 2 == 0 ? 0 : 1 + round / 2 % 3;
            if (!big[worker].MoveNext()) break;
            taken[worker].Add(big[worker].Current);
        }
        Assert.That(taken.SelectMany(t => t).Order(), Is.EqualTo(urls.Take(20).Order()), "every page once");
        Assert.That(taken[0], Has.Count.EqualTo(10), "the fast worker took half, not its fixed quarter");
        var numbers = taken[0].Select(u => int.Parse(u[(u.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(numbers, Is.Ordered, "each worker's pages in the run's order");
        // A site of one batch keeps its own list.
        Assert.That(work.Single(w => w.Site == "small.test").Pages, Is.EqualTo(new[] { "https://www.small.test/1" }));
    }
}
