using System.CommandLine;
using Checker.Cli.Audit;
using Checker.Sites;
using Serilog;

namespace Checker.Cli.Commands;

/// <summary>
/// Serves the embedded demo site (a reposted article with a non-compliant cookie banner and an analytics tracker)
/// over HTTPS in-process, and audits it exactly as `audit` would: no network needed.
/// </summary>
public static class DemoCommand
{
    public const string DemoUrl = "https://www.atlas-daily.example/2020/10/02/morocco-usa-sign-military-cooperation-agreement/";

    public static Command Create()
    {
        var options = new AuditOptions();
        var command = new Command("demo", "Audit the built-in demo site: a copied article behind a non-compliant cookie banner");
        options.AddTo(command);
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            await using var server = await FixtureWebServer.StartAsync(new EmbeddedSiteSource(), cancellationToken);
            Log.Information("Demo site {Url} served on 127.0.0.1:{Port}", DemoUrl, server.Port);
            // The demo's certificate is generated for this run, so it cannot be trusted by anything else.
            var request = options.ToRequest(result, "demo", [DemoUrl], server.HostResolverRules("example"), ignoreHttpsErrors: true);
            var exitCode = await AuditRunner.RunAsync(request, Console.Out, cancellationToken);
            await Console.Out.WriteLineAsync($"Demo reports written to {request.OutputDirectory}");
            return exitCode;
        }));
        return command;
    }
}
