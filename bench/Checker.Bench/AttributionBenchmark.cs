using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Checker.Sites;

namespace Checker.Bench;

/// <summary>
/// How well Checker reads who wrote an article and when, on real news pages labelled by people
/// (../shared/data/naeb-dev: 56 pages, gold authors and publication days). The pages are served from where they
/// lie, offline, by the fixture web server under their original host and path (a page's own address is one of the
/// places its date is read from, as on the web); every host resolves to the local server, so nothing leaves the
/// machine. Checker runs as a user would run it; the figures come from its evidence files.
/// </summary>
public static class AttributionBenchmark
{
    /// <summary>The host of a page whose gold gives no address.</summary>
    private const string Host = "naeb.test";

    public static async Task<int> RunAsync(string[] args)
    {
        var data = BenchSupport.Option(args, "--data") ?? BenchSupport.SharedData("naeb-dev");
        if (data is null || !File.Exists(Path.Combine(data, "gold.json")))
        {
            Console.Error.WriteLine("bench naeb: no naeb-dev data (give --data DIR, the folder with gold.json and html/)");
            return 2;
        }
        var output = Path.GetFullPath(BenchSupport.Option(args, "--out") ?? Path.Combine("reports", "bench-naeb-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
        var timeout = BenchSupport.Option(args, "--timeout") ?? "30";
        using var goldDocument = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "gold.json")));
        var gold = goldDocument.RootElement.EnumerateObject()
            .Select(p => new Gold(p.Name, p.Value.GetProperty("authors").GetString() ?? "", p.Value.GetProperty("date").GetString() ?? "",
                p.Value.GetProperty("url").GetString() ?? ""))
            .Where(g => File.Exists(Path.Combine(data, "html", g.Id + ".html")))
            .Where(g => BenchSupport.Option(args, "--only") is not { } only || only.Split(',').Contains(g.Id))
            .OrderBy(g => g.Id, StringComparer.Ordinal)
            .ToList();

        var empty = Directory.CreateTempSubdirectory("checker-bench-").FullName;
        await using var server = await FixtureWebServer.StartAsync(new SavedPageSource<Gold>(gold.Select(g => (g.ServedHost, g.ServedPath, g)),
            g => File.ReadAllBytes(Path.Combine(data, "html", g.Id + ".html"))), CancellationToken.None);
        var urls = Path.Combine(empty, "urls.txt");
        await File.WriteAllLinesAsync(urls, gold.Select(g => g.AuditUrl));

        Console.Error.WriteLine($"bench naeb: {gold.Count} pages from {data}, served on 127.0.0.1:{server.Port}; reports in {output}");
        var clock = Stopwatch.StartNew();
        var run = await RunCheckerAsync("audit", "--urls-file", urls, "--phases", "initial", "--format", "json", "--timeout", timeout,
            "--host-resolver-rules", $"MAP * 127.0.0.1:{server.Port}", "--ignore-https-errors", "--out", output,
            args.Contains("--verbose") ? "--verbose" : "--quiet");
        if (run is not (0 or 1 or 3))
        {
            Console.Error.WriteLine($"bench naeb: checker exited {run}");
            return 1;
        }
        var elapsed = clock.Elapsed;

        using var reportDocument = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var rows = new List<Row>();
        foreach (var page in reportDocument.RootElement.GetProperty("pages").EnumerateArray())
        {
            var expected = gold.First(g => g.AuditUrl == page.GetProperty("url").GetString());
            if (page.GetProperty("status").GetString() != "audited" || page.GetProperty("evidence").GetString() is not { } file)
            {
                rows.Add(new Row(expected, null, [], [], null));
                continue;
            }
            using var evidence = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, file)));
            var article = evidence.RootElement.GetProperty("article");
            if (article.ValueKind != JsonValueKind.Object)
            {
                rows.Add(new Row(expected, null, [], [], null));
                continue;
            }
            var authors = article.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToList();
            var credits = article.GetProperty("credits").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToList();
            var date = article.TryGetProperty("datePublished", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            // The day readers are shown (see ArticleEvidence.PublishedDay), else the declared date's own day.
            var day = article.TryGetProperty("publishedDay", out var pd) && pd.ValueKind == JsonValueKind.String ? pd.GetString() : null;
            rows.Add(new Row(expected, article, authors, credits, day ?? date));
        }

        Print(rows, elapsed);
        await File.WriteAllTextAsync(Path.Combine(output, "bench-naeb.tsv"), Details(rows));
        Console.WriteLine($"Per-page details: {Path.Combine(output, "bench-naeb.tsv")}");
        return 0;
    }

    private sealed record Gold(string Id, string Authors, string Date, string Url)
    {
        public string Half => BenchSupport.HalfOf(Url);

        private readonly Uri? _original = Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

        public string AuditUrl => _original is { } uri ? SavedPageAddress.AuditUrl(uri) : $"https://{Host}/{Id}.html";

        public string ServedHost => _original?.Host.ToLowerInvariant() ?? Host;

        public string ServedPath => _original is { } uri ? SavedPageAddress.ServedPath(uri) : Id + ".html";

        public IReadOnlyList<string> AuthorList => Authors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private sealed record Row(Gold Gold, JsonElement? Article, IReadOnlyList<string> Authors, IReadOnlyList<string> Credits, string? Date)
    {
        public bool AuthorExact => Names(Authors).SetEquals(Names(Gold.AuthorList));
        /// <summary>
        /// The byline Checker gives: the persons, else the organisations credited (what attribution.missing-byline
        /// goes by). Gold labels name an organisation where the page's byline is one ("The Associated Press").
        /// </summary>
        public IReadOnlyList<string> Byline => Authors.Count > 0 ? Authors : Credits;
        public bool BylineExact => Names(Byline).SetEquals(Names(Gold.AuthorList));
        public double TokenF1
        {
            get
            {
                var predicted = Tokens(Authors);
                var expected = Tokens(Gold.AuthorList);
                if (predicted.Count == 0 && expected.Count == 0) return 1;
                if (predicted.Count == 0 || expected.Count == 0) return 0;
                var common = predicted.Intersect(expected).Count();
                if (common == 0) return 0;
                double p = (double)common / predicted.Count, r = (double)common / expected.Count;
                return 2 * p * r / (p + r);
            }
        }
        public bool DateSameDay => Date is { Length: >= 10 } d && DateOf(d) == Gold.Date;
    }

    private static void Print(IReadOnlyList<Row> rows, TimeSpan elapsed)
    {
        Console.WriteLine();
        Console.WriteLine($"naeb-dev attribution benchmark: {rows.Count} pages, {rows.Count(r => r.Article is not null)} read, in {elapsed.TotalSeconds:0} s");
        Console.WriteLine("  two halves by a stable hash of the URL: causes are looked for in 'look'; 'held-out' is the figure to report");
        var parts = BenchSupport.Halves.Select(h => (Name: h, Rows: rows.Where(r => r.Gold.Half == h).ToList()))
            .Append((Name: "both", Rows: rows.ToList())).ToList();
        Console.WriteLine($"  {"",-52}{string.Concat(parts.Select(p => $"{p.Name,-18}"))}");
        void Line(string measure, Func<List<Row>, string> figure) =>
            Console.WriteLine($"  {measure,-52}{string.Concat(parts.Select(p => $"{figure(p.Rows),-18}"))}");
        static string Rate(int hits, int of) => of == 0 ? "n/a" : $"{100.0 * hits / of:0.0}% ({hits}/{of})";
        static List<Row> WithAuthors(List<Row> part) => part.Where(r => r.Gold.AuthorList.Count > 0).ToList();
        static List<Row> AgencyOnly(List<Row> part) => part.Where(r => r.Gold.AuthorList.Count == 0).ToList();
        Line("author exact match (pages with gold authors)", p => Rate(WithAuthors(p).Count(r => r.AuthorExact), WithAuthors(p).Count));
        Line("byline exact match (persons, else credited org)", p => Rate(WithAuthors(p).Count(r => r.BylineExact), WithAuthors(p).Count));
        Line("author token overlap (mean token F1, same pages)", p => $"{100 * WithAuthors(p).Select(r => r.TokenF1).DefaultIfEmpty(0).Average():0.0}%");
        Line("author token overlap >= 0.5 (share of pages)", p => Rate(WithAuthors(p).Count(r => r.TokenF1 >= 0.5), WithAuthors(p).Count));
        Line("no person where gold has none", p => Rate(AgencyOnly(p).Count(r => r.Authors.Count == 0), AgencyOnly(p).Count));
        Line("credit found where gold authors are empty", p => Rate(AgencyOnly(p).Count(r => r.Credits.Count > 0), AgencyOnly(p).Count));
        Line("date same day", p => Rate(p.Count(r => r.DateSameDay), p.Count));
        Line("date found at all", p => Rate(p.Count(r => r.Date is not null), p.Count));
    }

    private static string Details(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder("id\thalf\tauthor_ok\tdate_ok\tgold_authors\tauthors\tcredits\tgold_date\tdate\turl\n");
        foreach (var r in rows)
            text.Append(CultureInfo.InvariantCulture, $"{r.Gold.Id}\t{r.Gold.Half}\t{r.AuthorExact}\t{r.DateSameDay}\t{r.Gold.Authors}\t{string.Join(", ", r.Authors)}\t{string.Join(", ", r.Credits)}\t{r.Gold.Date}\t{r.Date}\t{r.Gold.Url}\n");
        return text.ToString();
    }

    /// <summary>The calendar day a page states, as it states it (its own time zone): "2023-12-22T03:00:00-05:00" is the 22nd.</summary>
    private static string DateOf(string stated) => stated[..10];

    private static HashSet<string> Names(IEnumerable<string> names) => names.Select(Normalise).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Tokens(IEnumerable<string> names) =>
        names.SelectMany(n => Normalise(n).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);

    private static string Normalise(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var text = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            text.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<int> RunCheckerAsync(params string[] args)
    {
        using var process = Process.Start(BenchSupport.Checker(args))!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
