using Checker.Core.Crawling;
using Microsoft.Extensions.Time.Testing;

namespace Checker.Core.Tests;

public sealed class HostPacerTests
{
    [Test]
    public async Task Visits_of_one_host_start_a_gap_apart_in_the_order_they_asked()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T12:00:00Z"));
        var pacer = new HostPacer(TimeSpan.FromSeconds(2), time);
        var started = new List<(int Visit, DateTimeOffset At)>();
        var visits = Enumerable.Range(1, 3).Select(async i =>
        {
            await pacer.WaitTurnAsync($"https://news.example/article-{i}", CancellationToken.None);
            lock (started) started.Add((i, time.GetUtcNow()));
        }).ToList();

        Assert.That(started.Select(s => s.Visit), Is.EqualTo(new[] { 1 }), "the first visit of a host does not wait");
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.That(started, Has.Count.EqualTo(1), "the second waits the whole gap");
        time.Advance(TimeSpan.FromSeconds(0.1));
        await visits[1];
        time.Advance(TimeSpan.FromSeconds(2));
        await Task.WhenAll(visits);

        Assert.That(started.Select(s => s.Visit), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(started.Select(s => s.At - started[0].At), Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4) }));
    }

    [Test]
    public async Task Other_hosts_do_not_wait_and_a_host_seen_long_ago_does_not_either()
    {
        var time = new FakeTimeProvider();
        var pacer = new HostPacer(TimeSpan.FromSeconds(5), time);
        Assert.That(await pacer.WaitTurnAsync("https://a.example/1", CancellationToken.None), Is.EqualTo(TimeSpan.Zero));
        Assert.That(await pacer.WaitTurnAsync("https://b.example/1", CancellationToken.None), Is.EqualTo(TimeSpan.Zero));
        Assert.That(pacer.WaitTurnAsync("https://B.EXAMPLE/2", CancellationToken.None).IsCompleted, Is.False, "host names are case-insensitive");
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.That(await pacer.WaitTurnAsync("https://a.example/2", CancellationToken.None), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void A_cancelled_wait_ends_at_once()
    {
        var time = new FakeTimeProvider();
        var pacer = new HostPacer(TimeSpan.FromMinutes(1), time);
        _ = pacer.WaitTurnAsync("https://a.example/1", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = pacer.WaitTurnAsync("https://a.example/2", cancel.Token);
        cancel.Cancel();
        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task No_gap_means_no_wait() =>
        Assert.That(await new HostPacer(TimeSpan.Zero).WaitTurnAsync("https://a.example/", CancellationToken.None), Is.EqualTo(TimeSpan.Zero));
}
