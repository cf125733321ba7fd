using Checker.Core.Runs;

namespace Checker.Core.Tests;

public sealed class TurnGateTests
{
    [Test]
    public async Task Turns_are_taken_all_at_once_and_waiters_are_served_in_order()
    {
        var gate = new TurnGate(6);
        await gate.TakeAsync(4, CancellationToken.None);
        var second = gate.TakeAsync(4, CancellationToken.None);
        var third = gate.TakeAsync(1, CancellationToken.None);
        Assert.That(second.IsCompleted, Is.False, "2 free turns are not 4: nothing is taken in part");
        Assert.That(third.IsCompleted, Is.False, "first come first served: a small request does not pass a waiting large one");
        gate.Give(4);
        await second.WaitAsync(TimeSpan.FromSeconds(5));
        await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(gate.TakeAsync(2, CancellationToken.None).IsCompleted, Is.False, "6 - 4 - 1 leaves one turn");
    }

    [Test]
    public void A_cancelled_wait_takes_nothing()
    {
        var gate = new TurnGate(2);
        Assert.That(gate.TakeAsync(2, CancellationToken.None).IsCompleted, Is.True);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.TakeAsync(2, cancel.Token);
        cancel.Cancel();
        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
        gate.Give(2);
        Assert.That(gate.TakeAsync(2, CancellationToken.None).IsCompleted, Is.True, "the cancelled wait left the turns free");
    }
}
