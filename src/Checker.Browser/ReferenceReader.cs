using Checker.Core.Rules;
using Checker.Core.Similarity;
using Microsoft.Playwright;
using Serilog;

namespace Checker.Browser;

/// <summary>
/// Reads the originals given with `--reference` into signatures: a text file as it is (optional "Source:",
/// "Title:", "Publisher:" lines at its top), an HTML file or a URL through the article collector, so that only
/// the article's own text is compared, not its page's menus. HTML files are read with scripts off: they are
/// documents, not pages to run.
/// </summary>
public sealed class ReferenceReader(BrowserSession session, CollectorKeywords keywords)
{
    public static readonly IReadOnlyList<string> TextExtensions = [".txt", ".md"];
    public static readonly IReadOnlyList<string> HtmlExtensions = [".html", ".htm"];

    /// <summary>Folders to their files, checked before anything is started; a bad entry is one line for the user.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> specs)
    {
        var sources = new List<string>();
        foreach (var spec in specs)
        {
            if (Uri.TryCreate(spec, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                sources.Add(uri.AbsoluteUri);
                continue;
            }
            if (Directory.Exists(spec))
            {
                var files = Directory.EnumerateFiles(spec, "*", SearchOption.AllDirectories).Where(IsReadable).Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0)
                    throw new ArgumentException($"--reference {spec}: no .txt, .md, .html or .htm file in this folder");
                sources.AddRange(files.Select(Path.GetFullPath));
                continue;
            }
            if (File.Exists(spec))
            {
                if (!IsReadable(spec)) throw new ArgumentException($"--reference {spec}: not a text (.txt, .md) or HTML (.html, .htm) file");
                sources.Add(Path.GetFullPath(spec));
                continue;
            }
            throw new ArgumentException($"--reference {spec}: no such file or folder, and not an http(s) URL");
        }
        return sources.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool IsReadable(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return TextExtensions.Contains(extension) || HtmlExtensions.Contains(extension);
    }

    /// <summary>One reference; null (and a warning) when it cannot be read: one bad original does not stop the audit.</summary>
    public async Task<ReferenceText?> ReadAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            if (TextExtensions.Contains(Path.GetExtension(source).ToLowerInvariant()) && File.Exists(source))
                return FromTextFile(source, await File.ReadAllTextAsync(source, cancellationToken));
            return await ReadPageAsync(source, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlaywrightException or TimeoutException
                                      or System.Text.Json.JsonException)
        {
            Log.Warning("Reference {Source} could not be read and is left out: {Error}", source, EvidenceCollectors.FirstLine(e.Message));
            Log.Debug(e, "reference {Source}", source);
            return null;
        }
    }

    public static ReferenceText FromTextFile(string source, string content)
    {
        string? url = null, title = null, publisher = null;
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var body = 0;
        for (; body < lines.Length; body++)
        {
            var line = lines[body];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) break;
            var value = line[(colon + 1)..].Trim();
            switch (line[..colon].Trim().ToLowerInvariant())
            {
                case "source" or "url": url = value; continue;
                case "title": title = value; continue;
                case "publisher": publisher = value; continue;
            }
            break;
        }
        return ReferenceText.FromText(source, string.Join('\n', lines[body..]).Trim(), url, title, publisher);
    }

    private async Task<ReferenceText?> ReadPageAsync(string source, CancellationToken cancellationToken)
    {
        var isFile = !source.StartsWith("http://", StringComparison.Ordinal) && !source.StartsWith("https://", StringComparison.Ordinal);
        var context = await session.NewContextAsync(javaScript: !isFile);
        await using var closeOnCancel = cancellationToken.Register(() => TaskBounds.Abandon(context.CloseAsync()));
        try
        {
            var page = await context.NewPageAsync();
            await session.PreparePageAsync(context, page);
            var address = isFile ? new Uri(source).AbsoluteUri : source;
            await page.GotoAsync(address, new PageGotoOptions
            {
                WaitUntil = WaitUntilState.Load, Timeout = (float)session.Settings.PageTimeout.TotalMilliseconds,
            });
            var article = await EvidenceCollectors.ReadArticleAsync(page, keywords);
            if (article is null || article.Paragraphs.Count == 0)
            {
                Log.Warning("Reference {Source} has no readable article text and is left out", source);
                return null;
            }
            return ReferenceText.FromText(source, article.MainText, article.CanonicalUrl ?? (isFile ? null : page.Url), article.Headline,
                article.Publisher);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
