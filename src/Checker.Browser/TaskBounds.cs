namespace Checker.Browser;

/// <summary>Playwright calls take no cancellation token: a call that hangs is bounded from outside, then left behind.</summary>
internal static class TaskBounds
{
    /// <summary>The task's result, or a TimeoutException after the bound (the task is then abandoned, see <see cref="Abandon"/>).</summary>
    public static async Task<T> Bounded<T>(Task<T> task, TimeSpan bound)
    {
        try
        {
            return await task.WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            Abandon(task);
            throw;
        }
    }

    /// <summary>Stops waiting for a task while keeping its eventual failure observed (never an unobserved-task error).</summary>
    public static void Abandon(Task task) => _ = task.ContinueWith(t => t.Exception, TaskScheduler.Default);
}
