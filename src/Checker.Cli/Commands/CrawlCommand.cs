using System.CommandLine;
using Checker.Cli.Audit;
using Checker.Core.Crawling;

namespace Checker.Cli.Commands;

public static class CrawlCommand
{
    public static Command Create()
    {
        var options = new AuditOptions(defaultDelayMs: 250);
        var site = new Argument<string>("site") { Description = "The site to audit: its start page (http or https)" };
        var maxPages = new Option<int>("--max-pages") { Description = "Pages to audit at most", DefaultValueFactory = _ => 50 };
        var sitemaps = new Option<string[]>("--sitemap") { Description = "Sitemap (or sitemap index) to read instead of those robots.txt names; repeatable" };
        var include = new Option<string[]>("--include") { Description = "Audit only URLs matching this pattern ('*' any characters); repeatable" };
        var exclude = new Option<string[]>("--exclude") { Description = "Leave out URLs matching this pattern; repeatable" };
        var command = new Command("crawl", "Find a site's pages (robots.txt sitemaps, Google News sitemaps first, then links) and audit them as 'audit' does");
        command.Arguments.Add(site);
        foreach (var option in new Option[] { maxPages, sitemaps, include, exclude }) command.Options.Add(option);
        options.AddTo(command);
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var start = UrlList.Validate(result.GetValue(site)!);
            var max = result.GetValue(maxPages);
            if (max is < 1 or > 100_000) throw new UsageException("--max-pages must be between 1 and 100000");
            var sitemapList = (result.GetValue(sitemaps) ?? []).Select(s => UrlList.Validate(s)).ToList();
            var request = options.ToRequest(result, "crawl", [start]);
            var crawl = new CrawlRequest(start, new CrawlOptions
            {
                MaxPages = max,
                Sitemaps = sitemapList,
                Include = result.GetValue(include) ?? [],
                Exclude = result.GetValue(exclude) ?? [],
                Delay = request.HostDelay,
            });
            return await AuditRunner.RunAsync(request with { Crawl = crawl }, Console.Out, cancellationToken);
        }));
        return command;
    }
}
