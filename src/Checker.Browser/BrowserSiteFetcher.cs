using Checker.Core.Crawling;
using Microsoft.Playwright;
using Serilog;

namespace Checker.Browser;

/// <summary>
/// The crawler's view of the web, through the audit browser: robots.txt, sitemaps and pages are fetched as the
/// audit will see them (same resolver rules, certificates, user agent). One page, one request at a time.
/// </summary>
public sealed class BrowserSiteFetcher(BrowserSession session) : ISiteFetcher, IAsyncDisposable
{
    private IBrowserContext? _context;
    private IPage? _page;

    private async Task<IPage> PageAsync()
    {
        if (_page is { IsClosed: false }) return _page;
        _context ??= await session.NewContextAsync();
        _page = await _context.NewPageAsync();
        await session.PreparePageAsync(_context, _page);
        _page.Dialog += (_, dialog) => TaskBounds.Abandon(dialog.DismissAsync());
        return _page;
    }

    private float Timeout => (float)Math.Min(session.Settings.PageTimeout.TotalMilliseconds, 30_000);

    public async Task<string?> FetchTextAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            var page = await PageAsync();
            var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = Timeout })
                .WaitAsync(cancellationToken);
            if (response is null || !response.Ok) return null;
            return await response.TextAsync();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            Log.Debug("crawl: {Url} not fetched: {Error}", url, EvidenceCollectors.FirstLine(e.Message));
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> LinksAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            var page = await PageAsync();
            var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = Timeout }).WaitAsync(cancellationToken);
            if (response is { Ok: false }) return [];
            return await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map((a) => a.href).slice(0, 2000)");
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            Log.Debug("crawl: links of {Url} not read: {Error}", url, EvidenceCollectors.FirstLine(e.Message));
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is null) return;
        try { await _context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception e) when (e is PlaywrightException or TimeoutException) { Log.Debug(e, "crawl context not closed"); }
    }
}
