using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Checker.Core;
using Checker.Core.Dates;
using Checker.Sites;

namespace Checker.Bench;

/// <summary>
/// How well Checker reads when a page was published, on the hand-labelled pages of ../shared/data/htmldate-dev
/// (399 pages of many sites and languages; htmldate's own figure on the whole set is 0.903). Each page is served
/// offline under its original host and path (every host resolves to the local server, so nothing leaves the
/// machine) and audited by the checker CLI as a user would; the figures come from its evidence files.
/// The pages are split in two halves by a stable hash of the URL: causes of mistakes are looked for in the "look"
/// half only; the "held-out" half is the figure to report. Accuracy counts a page right only when the day given is
/// the gold day (no date is wrong), as htmldate's evaluation does.
/// </summary>
public static partial class DatesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = BenchSupport.Option(args, "--data") ?? BenchSupport.SharedData("htmldate-dev");
        if (data is null || !File.Exists(Path.Combine(data, "gold.json")))
        {
            Console.Error.WriteLine("bench dates: no htmldate-dev data (give --data DIR, the folder with gold.json and pages/)");
            return 2;
        }
        var output = Path.GetFullPath(BenchSupport.Option(args, "--out")
            ?? Path.Combine("reports", "bench-dates-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
        // --only FILE: the pages whose URLs the file lists, one a line (to re-run the mistakes of one half quickly).
        var only = BenchSupport.Option(args, "--only") is { } onlyFile ? File.ReadAllLines(onlyFile).ToHashSet(StringComparer.Ordinal) : null;
        using var goldDocument = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "gold.json")));
        var gold = goldDocument.RootElement.EnumerateObject()
            .Select(p => new Gold(p.Name, Path.Combine(data, p.Value.GetProperty("file").GetString()!), p.Value.GetProperty("date").GetString()!))
            .Where(g => File.Exists(g.File))
            .Where(g => BenchSupport.Option(args, "--half") is not { } half || g.Half == half)
            .Where(g => only is null || only.Contains(g.Url))
            .ToList();

        // --redecide DIR: no browser; the dates are decided again, by the code as it is now, from the candidates a
        // previous run saved in its evidence (for working on the decision; the collection needs a real run).
        if (BenchSupport.Option(args, "--redecide") is { } previousRun) output = Path.GetFullPath(previousRun);
        else if (!await AuditAsync(gold, output, args)) return 1;

        // The ranker's weights as the CLI reads them (rules/data/date-ranker.json), for --redecide.
        var rankerFile = Path.Combine("rules", "data", "date-ranker.json");
        var rankerWeights = File.Exists(rankerFile) && !args.Contains("--tiers-only") ? Checker.Core.Rules.CollectorKeywords.RankerWeights(rankerFile) : null;
        using var reportDocument = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var byUrl = gold.ToDictionary(g => g.AuditUrl, StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var page in reportDocument.RootElement.GetProperty("pages").EnumerateArray())
        {
            if (!byUrl.TryGetValue(page.GetProperty("url").GetString()!, out var expected)) continue;
            if (page.GetProperty("status").GetString() != "audited" || page.GetProperty("evidence").GetString() is not { } file)
            {
                rows.Add(new Row(expected, null, null, null, null, null));
                continue;
            }
            using var evidence = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, file)));
            var article = evidence.RootElement.GetProperty("article");
            string? Text(string name) => article.ValueKind == JsonValueKind.Object && article.TryGetProperty(name, out var v)
                && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (BenchSupport.Option(args, "--redecide") is not null && article.ValueKind == JsonValueKind.Object)
            {
                var saved = SavedCandidates.From(evidence.RootElement)!;
                var dates = PublicationDates.Resolve(saved.Candidates, saved.Language, saved.VisitedAt, saved.Url, saved.CanonicalUrl, rankerWeights);
                rows.Add(new Row(expected, dates.PublishedDay, dates.Published?.Iso, dates.PublishedSource, DayOf(dates.Estimated?.Iso), dates.EstimatedSource));
                continue;
            }
            var published = Text("datePublished");
            rows.Add(new Row(expected, Text("publishedDay") ?? DayOf(published), published, Text("datePublishedSource"),
                DayOf(Text("dateEstimated")), Text("dateEstimatedSource")));
        }

        Console.WriteLine();
        Console.WriteLine($"htmldate-dev publication dates: {rows.Count} pages (accuracy: the gold day; no date is wrong; like htmldate's figure, the day"
            + " given for the page: its publication date, else the estimate made where it states none; 'stated only' counts publication dates alone)");
        foreach (var half in BenchSupport.Halves)
        {
            var part = rows.Where(r => r.Gold.Half == half).ToList();
            if (part.Count == 0) continue;
            Console.WriteLine($"  {half,-9} half: accuracy {Ratio(part.Count(r => r.Right), part.Count)}, stated only {Ratio(part.Count(r => r.RightStated), part.Count)}, "
                + $"estimated {part.Count(r => r.Stated is null && r.Estimated is not null)} (right {part.Count(r => r.Stated is null && r.Right)}), no date {part.Count(r => r.Day is null)}, "
                + $"datePublished not ISO 8601 {part.Count(r => r.Published is not null && !Iso8601().IsMatch(r.Published))}");
        }
        Console.WriteLine($"  both halves:    accuracy {Ratio(rows.Count(r => r.Right), rows.Count)}, stated only {Ratio(rows.Count(r => r.RightStated), rows.Count)}");
        var details = Path.Combine(output, BenchSupport.Option(args, "--redecide") is null ? "bench-dates.tsv" : "bench-dates-redecided.tsv");
        await File.WriteAllTextAsync(details, Details(rows));
        Console.WriteLine($"Per-page details: {details}");
        if (BenchSupport.Option(args, "--previous") is { } previous) PrintChanges(previous, rows);
        return 0;
    }

    /// <summary>Serves the saved pages and audits them with the checker CLI (initial phase), into the output folder.</summary>
    private static async Task<bool> AuditAsync(IReadOnlyList<Gold> gold, string output, string[] args)
    {
        var timeout = BenchSupport.Option(args, "--timeout") ?? "30";
        var source = new SavedPageSource<Gold>(gold.Select(g => (g.Host, g.ServedPath, g)), g =>
        {
            // Decompressed, as HTML in the charset the page declares.
            using var gzip = new GZipStream(File.OpenRead(g.File), CompressionMode.Decompress);
            using var bytes = new MemoryStream();
            gzip.CopyTo(bytes);
            return bytes.ToArray();
        });
        await using var server = await FixtureWebServer.StartAsync(source, CancellationToken.None);
        Directory.CreateDirectory(output);
        var urls = Path.Combine(output, "urls.txt");
        await File.WriteAllLinesAsync(urls, gold.Select(g => g.AuditUrl));

        Console.Error.WriteLine($"bench dates: {gold.Count} pages, served on 127.0.0.1:{server.Port}; reports in {output}");
        var clock = Stopwatch.StartNew();
        using (var process = Process.Start(BenchSupport.Checker(["audit", "--urls-file", urls, "--phases", "initial", "--format", "json",
                   "--timeout", timeout, "--concurrency", BenchSupport.Option(args, "--concurrency") ?? "4",
                   "--host-resolver-rules", $"MAP * 127.0.0.1:{server.Port}", "--ignore-https-errors", "--out", output,
                   args.Contains("--verbose") ? "--verbose" : "--quiet"], redirectStdout: true))!)
        {
            // The console summary of 399 pages is not the benchmark's output: drained, not shown.
            _ = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode is not (0 or 1 or 3))
            {
                Console.Error.WriteLine($"bench dates: checker exited {process.ExitCode}");
                return false;
            }
        }
        Console.Error.WriteLine($"bench dates: audited in {clock.Elapsed.TotalSeconds:0} s");
        return true;
    }

    private static string Ratio(int hits, int of) => of == 0 ? "n/a" : $"{(double)hits / of:0.000} ({hits}/{of})";

    /// <summary>Pages that changed from right to wrong or back since an earlier run's bench-dates.tsv: nothing right may go wrong.</summary>
    private static void PrintChanges(string previousTsv, IReadOnlyList<Row> rows)
    {
        var before = File.ReadAllLines(previousTsv).Skip(1).Select(l => l.Split('\t'))
            .ToDictionary(f => f[0], f => f[2] == "True", StringComparer.Ordinal);
        foreach (var row in rows.Where(r => before.TryGetValue(r.Gold.Url, out var was) && was != r.Right))
            Console.WriteLine($"  {(row.Right ? "now right" : "NOW WRONG")} [{row.Gold.Half}] {row.Gold.Url} gold {row.Gold.Date} got {row.Day} ({row.Source})");
    }

    private static string Details(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder("url\thalf\tright\tgold\tday\tdatePublished\tsource\n");
        foreach (var r in rows)
            text.Append(CultureInfo.InvariantCulture, $"{r.Gold.Url}\t{r.Gold.Half}\t{r.Right}\t{r.Gold.Date}\t{r.Day}\t{r.Published}\t{r.Source}\n");
        return text.ToString();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex Iso8601();

    private sealed record Gold(string Url, string File, string Date)
    {
        private readonly Uri _uri = new(Url);

        /// <summary>"look" (where causes are looked for) or "held-out" (the figure reported), by a stable hash of the URL.</summary>
        public string Half => BenchSupport.HalfOf(Url);

        public string AuditUrl => SavedPageAddress.AuditUrl(_uri);

        public string Host => _uri.Host.ToLowerInvariant();

        public string ServedPath => SavedPageAddress.ServedPath(_uri);
    }

    /// <summary>What an evidence file saved for deciding the dates again: the candidates and what the decision reads beside them.</summary>
    internal sealed record SavedCandidates(List<DateCandidate> Candidates, string? Language, DateTimeOffset VisitedAt, string? Url, string? CanonicalUrl)
    {
        /// <summary>Null where the page gave no article evidence.</summary>
        public static SavedCandidates? From(JsonElement evidence)
        {
            var article = evidence.GetProperty("article");
            if (article.ValueKind != JsonValueKind.Object) return null;
            string? Text(string name) => article.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new SavedCandidates(article.GetProperty("dateCandidates").Deserialize<List<DateCandidate>>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!,
                Text("language"), evidence.GetProperty("startedAt").GetDateTimeOffset(), evidence.GetProperty("navigation").GetProperty("finalUrl").GetString(),
                Text("canonicalUrl"));
        }
    }

    private static string? DayOf(string? iso) => iso is { Length: >= 10 } ? iso[..10] : null;

    /// <param name="Stated">The publication day the page states; <paramref name="Estimated"/> the day estimated where it states none.</param>
    private sealed record Row(Gold Gold, string? Stated, string? Published, string? StatedSource, string? Estimated, string? EstimatedSource)
    {
        /// <summary>The day given for the page, as htmldate gives one: its publication day, else the estimate.</summary>
        public string? Day => Stated ?? Estimated;
        public string? Source => Stated is not null ? StatedSource : EstimatedSource;
        public bool Right => Day == Gold.Date;
        public bool RightStated => Stated == Gold.Date;
    }
}
