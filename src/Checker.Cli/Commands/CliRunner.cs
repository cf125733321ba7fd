using Checker.Cli.Audit;
using Checker.Reporting;
using Serilog;

namespace Checker.Cli.Commands;

/// <summary>Turns expected failures into one line on stderr and an exit code; a stack trace only reaches the debug log.</summary>
public static class CliRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"checker: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("checker: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            Log.Debug(e, "unexpected failure");
            await Console.Error.WriteLineAsync($"checker: internal error: {e.Message.Split('\n')[0]} (run with --verbose for details)");
            return 70; // EX_SOFTWARE: a bug of ours, not the user's input
        }
    }
}
