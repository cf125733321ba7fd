using System.CommandLine;
using Checker.Cli.Audit;
using Checker.Reporting;

namespace Checker.Cli.Commands;

public static class AuditCommand
{
    public static Command Create()
    {
        var options = new AuditOptions();
        var urls = new Argument<string[]>("url") { Description = "Pages to audit (http or https)", Arity = ArgumentArity.ZeroOrMore };
        var urlsFile = new Option<string?>("--urls-file") { Description = "File with one URL per line ('#' starts a comment)" };
        var command = new Command("audit", "Visit pages in Chromium, record what they do, evaluate the rules, write reports");
        command.Arguments.Add(urls);
        command.Options.Add(urlsFile);
        options.AddTo(command);
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var list = UrlList.Read(result.GetValue(urls) ?? [], result.GetValue(urlsFile));
            var request = options.ToRequest(result, "audit", list);
            return await AuditRunner.RunAsync(request, Console.Out, cancellationToken);
        }));
        return command;
    }
}

/// <summary>URLs from the command line and from --urls-file, validated and de-duplicated in order.</summary>
public static class UrlList
{
    public static IReadOnlyList<string> Read(IEnumerable<string> arguments, string? file)
    {
        var all = new List<string>(arguments);
        if (file is not null)
        {
            try
            {
                all.AddRange(File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--urls-file {file}: {e.Message}");
            }
        }
        if (all.Count == 0) throw new UsageException("no URL to audit: give one or more URLs, or --urls-file");
        var result = new List<string>();
        foreach (var raw in all)
        {
            var url = Validate(raw);
            if (!result.Contains(url)) result.Add(url);
        }
        return result;
    }

    public static string Validate(string raw)
    {
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri))
            throw new UsageException($"not a valid URL: {ConsoleReporter.Clean(raw)}");
        // A password in a URL would be copied into every report and log that names the page.
        if (uri.UserInfo.Length > 0)
            throw new UsageException($"{uri.Scheme}://{uri.Host}…: user and password in a URL would be written into the reports; use --http-credentials");
        if (uri.Scheme is not ("http" or "https"))
            throw new UsageException($"unsupported URL scheme '{uri.Scheme}' in {ConsoleReporter.Clean(raw)}: only http and https pages are audited");
        if (string.IsNullOrEmpty(uri.Host))
            throw new UsageException($"not a valid URL (no host): {raw}");
        return uri.AbsoluteUri;
    }
}
