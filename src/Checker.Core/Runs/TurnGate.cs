namespace Checker.Core.Runs;

/// <summary>
/// A fixed number of turns, taken several at once and given back together, first come first served. A site session
/// holds a browser page per phase for as long as it audits its pages; taking all of them at once (never some, then
/// waiting for the rest) means two sessions can never each hold a part and wait for the other.
/// </summary>
public sealed class TurnGate(int turns)
{
    private readonly Lock _lock = new();
    private int _free = turns;
    private readonly LinkedList<(int Count, TaskCompletionSource Ready)> _waiting = new();

    public int Turns { get; } = turns;

    public Task TakeAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Turns);
        lock (_lock)
        {
            if (_waiting.Count == 0 && _free >= count)
            {
                _free -= count;
                return Task.CompletedTask;
            }
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var node = _waiting.AddLast((count, ready));
            cancellationToken.Register(() =>
            {
                lock (_lock)
                {
                    if (node.List is null) return; // its turns were given already: the caller gives them back
                    _waiting.Remove(node);
                }
                ready.TrySetCanceled(cancellationToken);
            });
            return ready.Task;
        }
    }

    public void Give(int count)
    {
        var woken = new List<TaskCompletionSource>();
        lock (_lock)
        {
            _free += count;
            while (_waiting.First is { } first && _free >= first.Value.Count)
            {
                _free -= first.Value.Count;
                _waiting.RemoveFirst();
                woken.Add(first.Value.Ready);
            }
        }
        foreach (var ready in woken) ready.TrySetResult();
    }
}
