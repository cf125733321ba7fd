using System.Globalization;
using System.Text.Json;
using Checker.Core.Dates;

namespace Checker.Bench;

/// <summary>
/// An experiment, not a decision Checker makes: would a ranker whose weights are learned from labelled pages choose
/// publication days better than the hand-made tiers of <see cref="PublicationDates"/>? Each page's candidate days are
/// described by what states them (source, zone, kind, dateline or sentence, first in its zone, how many others agree);
/// a logistic model scores the days and the best one is the page's. Measured by cross-validation inside htmldate-dev's
/// look half only (folds by a stable hash of the URL), so it is comparable with the tiers' figure on the held-out half.
/// Reads the candidates a previous <c>bench/dates</c> run saved: <c>rank-dates --from RUN [--folds N]</c>.
/// </summary>
public static class DateRankerExperiment
{
    private sealed record Page(string Url, string Gold, string? TierDay, IReadOnlyList<RankedDay> Days);

    public static async Task<int> RunAsync(string[] args)
    {
        var from = BenchSupport.Option(args, "--from");
        var data = BenchSupport.Option(args, "--data") ?? BenchSupport.SharedData("htmldate-dev");
        if (from is null || data is null) { Console.Error.WriteLine("rank-dates --from RUN-DIR [--data DIR] [--folds N]"); return 2; }
        // --all-days: the design Checker does not use, measured for the record: the ranker chooses among every day the
        // page states (lists of other stories and the sources of estimates included, each with the tier that would take
        // it), everywhere, with no rule of the tiers standing; the tiers' day only where the page states none.
        var allDays = args.Contains("--all-days");
        if (allDays && BenchSupport.Option(args, "--write") is not null) { Console.Error.WriteLine("--write writes the weights of the design Checker uses: not with --all-days"); return 2; }
        var l2 = double.Parse(BenchSupport.Option(args, "--l2") ?? "0.01", CultureInfo.InvariantCulture);
        var epochs = int.Parse(BenchSupport.Option(args, "--epochs") ?? "300", CultureInfo.InvariantCulture);
        Dictionary<string, double> Train(IEnumerable<Page> taught, bool withTiers) =>
            DateRanker.Train([.. taught.Where(p => p.Days.Count > 0).Select(p => (p.Days, p.Gold, withTiers ? p.TierDay : null))], l2, epochs);
        var folds = int.Parse(BenchSupport.Option(args, "--folds") ?? "5", CultureInfo.InvariantCulture);
        using var goldDocument = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data, "gold.json")));
        var pages = await PagesAsync(from, allDays, goldDocument.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetProperty("date").GetString()!)));
        // --naeb RUN: naeb-dev's look half, as a bench/naeb run saved it, also taught (never measured here).
        var more = new List<Page>();
        if (BenchSupport.Option(args, "--naeb") is { } naebRun && BenchSupport.SharedData("naeb-dev") is { } naebData)
        {
            using var naebGold = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(naebData, "gold.json")));
            more = [.. (await PagesAsync(naebRun, allDays, naebGold.RootElement.EnumerateObject()
                    .Where(p => p.Value.TryGetProperty("url", out var u) && Uri.TryCreate(u.GetString(), UriKind.Absolute, out _) && p.Value.TryGetProperty("date", out _))
                    .Select(p => (p.Value.GetProperty("url").GetString()!, p.Value.GetProperty("date").GetString()!))))
                .Where(p => BenchSupport.HalfOf(p.Url) == "look")];
            Console.WriteLine($"naeb-dev look half taught too: {more.Count} pages");
        }
        var heldOut = pages.Where(p => BenchSupport.HalfOf(p.Url) != "look").ToList();
        pages = pages.Where(p => BenchSupport.HalfOf(p.Url) == "look").ToList();
        var reachable = pages.Count(p => p.Days.Any(d => d.Iso == p.Gold));
        Console.WriteLine($"look half: {pages.Count} pages; the gold day among the candidate days on {reachable}; the tiers right on {pages.Count(p => p.TierDay == p.Gold)}");
        foreach (var withTiers in new[] { false, true })
        {
            var right = 0;
            for (var fold = 0; fold < folds; fold++)
            {
                var train = pages.Where(p => (int)(Checker.Core.StableHash.Fnv1a64("fold" + p.Url) % (ulong)folds) != fold).ToList();
                var test = pages.Where(p => (int)(Checker.Core.StableHash.Fnv1a64("fold" + p.Url) % (ulong)folds) == fold).ToList();
                var weights = Train([.. train, .. more], withTiers);
                right += test.Count(p => Choose(p, weights, withTiers) == p.Gold);
                if (args.Contains("--verbose") && withTiers)
                    foreach (var p in test.Where(p => Choose(p, weights, withTiers) != p.Gold))
                        Console.WriteLine($"    wrong: {p.Url} gold {p.Gold} chose {Choose(p, weights, withTiers)} tiers {p.TierDay}");
            }
            Console.WriteLine($"  learned ranker{(withTiers ? " with the tiers' choice as a feature" : " alone")}, {folds}-fold cross-validation on the look half: "
                + $"{(double)right / pages.Count:0.000} ({right}/{pages.Count})");
            // --held-out: trained on the whole look half, measured once on the other half (figures only, no pages named).
            if (!args.Contains("--held-out")) continue;
            var all = Train([.. pages, .. more], withTiers);
            var chosen = heldOut.Select(p => (Page: p, Day: Choose(p, all, withTiers))).ToList();
            Console.WriteLine($"    held-out half: {(double)chosen.Count(c => c.Day == c.Page.Gold) / heldOut.Count:0.000} ({chosen.Count(c => c.Day == c.Page.Gold)}/{heldOut.Count}); "
                + $"the tiers {heldOut.Count(p => p.TierDay == p.Gold)}; right where the tiers were wrong {chosen.Count(c => c.Day == c.Page.Gold && c.Page.TierDay != c.Page.Gold)}, "
                + $"wrong where the tiers were right {chosen.Count(c => c.Day != c.Page.Gold && c.Page.TierDay == c.Page.Gold)}");
        }
        // --write FILE: the weights Checker uses (rules/data/date-ranker.json), trained with the tiers' choice on the whole look half.
        if (BenchSupport.Option(args, "--write") is { } weightsFile)
        {
            var weights = Train([.. pages, .. more], withTiers: true).Where(w => Math.Abs(w.Value) >= 0.0005).OrderBy(w => w.Key, StringComparer.Ordinal)
                .ToDictionary(w => w.Key, w => Math.Round(w.Value, 4));
            var json = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["description"] = "Weights of the publication-day ranker (Checker.Core.Dates.DateRanker), learned by bench/rank-dates --write from htmldate-dev's look half "
                    + $"({pages.Count} pages, the tiers' choice a feature). Regenerate them; do not edit by hand.",
                ["weights"] = weights,
            }, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            await File.WriteAllTextAsync(weightsFile, json + "\n");
            Console.WriteLine($"weights written: {weightsFile} ({weights.Count})");
        }
        return 0;
    }

    private static async Task<List<Page>> PagesAsync(string run, bool allDays, IEnumerable<(string Url, string Date)> gold)
    {
        var goldByAudit = new Dictionary<string, (string Url, string Date)>(StringComparer.Ordinal);
        foreach (var (url, date) in gold) goldByAudit[SavedPageAddress.AuditUrl(new Uri(url))] = (url, date);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, "report.json")));
        var pages = new List<Page>();
        foreach (var page in report.RootElement.GetProperty("pages").EnumerateArray())
        {
            if (!goldByAudit.TryGetValue(page.GetProperty("url").GetString()!, out var expected)
                || !page.TryGetProperty("evidence", out var evidenceFile) || evidenceFile.GetString() is not { } file) continue;
            using var evidence = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, file)));
            if (DatesBenchmark.SavedCandidates.From(evidence.RootElement) is not { } saved) continue;
            var (days, tiersDay) = PublicationDates.RankingOf(saved.Candidates, saved.Language, saved.VisitedAt, saved.Url, saved.CanonicalUrl);
            if (allDays) days = PublicationDates.AllDaysOf(saved.Candidates, saved.Language, saved.VisitedAt, saved.Url, saved.CanonicalUrl);
            pages.Add(new Page(expected.Url, expected.Date, tiersDay, days));
        }
        return pages;
    }

    /// <summary>The ranker's day where the tiers found a publication date, else the tiers' own (an estimate or none).</summary>
    private static string? Choose(Page page, IReadOnlyDictionary<string, double> weights, bool withTiers) =>
        page.Days.Count == 0 ? page.TierDay : DateRanker.Best(page.Days, withTiers ? page.TierDay : null, weights)?.Iso;
}
