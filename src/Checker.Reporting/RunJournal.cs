using System.Text;
using System.Text.Json;
using Checker.Core.Serialization;

namespace Checker.Reporting;

/// <summary>
/// journal.jsonl: one line per page, appended and flushed to disk as soon as the page is audited, so that a run
/// that is killed loses at most the pages in flight and `--resume` can continue it. A line cut short by a kill is
/// ignored when the journal is read back.
/// </summary>
public sealed class RunJournal : IAsyncDisposable
{
    public const string FileName = "journal.jsonl";

    private static readonly JsonSerializerOptions OneLine = new(CheckerJson.Options) { WriteIndented = false };

    private readonly FileStream _stream;
    private readonly SemaphoreSlim _lock = new(1, 1);

    private RunJournal(FileStream stream, IReadOnlyList<PageReport> pages)
    {
        _stream = stream;
        Pages = pages;
    }

    /// <summary>The pages already in the journal when it was opened (none for a new run).</summary>
    public IReadOnlyList<PageReport> Pages { get; }

    /// <summary>A new journal (an existing one is replaced), or with <paramref name="resume"/> the existing one continued.</summary>
    public static RunJournal Open(string directory, bool resume)
    {
        var path = Path.Combine(directory, FileName);
        var pages = resume ? Read(path) : [];
        var stream = new FileStream(path, resume ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        if (resume) TruncateTornLine(stream);
        stream.Seek(0, SeekOrigin.End);
        return new RunJournal(stream, pages);
    }

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Every whole line of the journal; the last page of a URL wins (a page audited again after a resume).</summary>
    public static IReadOnlyList<PageReport> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var byUrl = new Dictionary<string, PageReport>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            PageReport? page;
            try { page = JsonSerializer.Deserialize<PageReport>(line, OneLine); }
            catch (JsonException) { continue; }
            if (page is null) continue;
            if (!byUrl.ContainsKey(page.Url)) order.Add(page.Url);
            byUrl[page.Url] = page;
        }
        return order.Select(u => byUrl[u]).ToList();
    }

    public async Task AppendAsync(PageReport page, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(page, OneLine) + "\n");
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
            // On disk, not only in the page cache: a power cut or a killed container keeps the page.
            _stream.Flush(flushToDisk: true);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A kill in the middle of a write leaves a line without its newline: cut it, so the next line starts clean.</summary>
    private static void TruncateTornLine(FileStream stream)
    {
        if (stream.Length == 0) return;
        var buffer = new byte[Math.Min(stream.Length, 1 << 20)];
        stream.Seek(-buffer.Length, SeekOrigin.End);
        stream.ReadExactly(buffer);
        var lastNewline = Array.LastIndexOf(buffer, (byte)'\n');
        if (lastNewline == buffer.Length - 1) return;
        var keep = lastNewline < 0 ? stream.Length - buffer.Length : stream.Length - buffer.Length + lastNewline + 1;
        stream.SetLength(keep);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _lock.Dispose();
    }
}
