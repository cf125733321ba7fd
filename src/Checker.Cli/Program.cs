using System.CommandLine;
using Checker.Cli.Commands;
using Checker.Reporting;
using Serilog;
using Serilog.Events;

namespace Checker.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log details (debug level) to stderr", Recursive = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Log only warnings and errors to stderr", Recursive = true };
        var root = new RootCommand("Checker: audits news pages for cookie-consent and attribution compliance");
        root.Options.Add(verbose);
        root.Options.Add(quiet);
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(CrawlCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());

        var parsed = root.Parse(args);
        var level = parsed.GetValue(verbose) ? LogEventLevel.Debug : parsed.GetValue(quiet) ? LogEventLevel.Warning : LogEventLevel.Information;
        // Logs go to stderr; stdout carries only the summary, so it can be piped.
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        try
        {
            if (parsed.Errors.Count > 0)
            {
                foreach (var error in parsed.Errors) await Console.Error.WriteLineAsync($"checker: {error.Message}");
                await Console.Error.WriteLineAsync("Run 'checker --help' for usage.");
                return ExitCodes.UsageError;
            }
            // Ctrl+C and SIGTERM cancel the run's token; the audit then saves what it has, which takes a moment.
            return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }
}
