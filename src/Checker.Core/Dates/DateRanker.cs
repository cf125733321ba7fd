using System.Globalization;

namespace Checker.Core.Dates;

/// <summary>A day a page states, with indicators of what states it (source, zone, kind, dateline or sentence, agreement).</summary>
public sealed record RankedDay(string Iso, IReadOnlyDictionary<string, double> Features, IReadOnlyList<DateCandidate> Candidates);

/// <summary>
/// Scores the days a page states with weights learned from hand-labelled pages (rules/data/date-ranker.json, trained by
/// <c>bench/rank-dates</c> on htmldate-dev's look half), the day the tiers of <see cref="PublicationDates"/> chose
/// being one feature among the others: the tiers decide, unless what states another day says more on pages like it.
/// A listwise logistic model: each day's score is the sum of the weights of its features.
/// </summary>
public static class DateRanker
{
    /// <summary>The feature that marks the day the tiers chose.</summary>
    public const string TiersFeature = "tiers";

    /// <summary>
    /// Every day the candidates state, as <paramref name="dateOf"/> reads a candidate's date (the decision's own reading:
    /// plausible dates only); <paramref name="moreFeatures"/> names further features a candidate gives its day.
    /// </summary>
    public static IReadOnlyList<RankedDay> DaysOf(IReadOnlyList<DateCandidate> candidates, Func<DateCandidate, StatedDate?> dateOf,
        Func<DateCandidate, IEnumerable<string>>? moreFeatures = null)
    {
        var stated = new List<(string Day, DateCandidate Candidate, bool HasTime, bool Dateline)>();
        foreach (var c in candidates)
            if (dateOf(c) is { } d)
                stated.Add((d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c, d.TimeOfDay is not null, PublicationDates.IsShort(c.Value)));
        var firstInZone = stated.GroupBy(s => s.Candidate.Zone).ToDictionary(g => g.Key, g => g.First().Candidate);
        var newest = stated.Select(s => s.Day).DefaultIfEmpty("").Max(StringComparer.Ordinal);
        var oldest = stated.Select(s => s.Day).DefaultIfEmpty("").Min(StringComparer.Ordinal);
        var days = new List<RankedDay>();
        foreach (var group in stated.GroupBy(s => s.Day))
        {
            var features = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (_, c, hasTime, dateline) in group)
            {
                var source = c.Source.StartsWith("meta:", StringComparison.Ordinal) ? "meta" : c.Source.StartsWith("json-ld", StringComparison.Ordinal) ? "json-ld" : c.Source;
                foreach (var name in (string[])[$"s:{source}", $"z:{c.Zone}", $"k:{c.Kind}", $"sz:{source}|{c.Zone}", $"zk:{c.Zone}|{c.Kind}",
                             $"szk:{source}|{c.Zone}|{c.Kind}", dateline ? $"line:{c.Zone}" : $"sentence:{c.Zone}", hasTime ? "time" : "no-time"])
                    features[name] = 1;
                if (ReferenceEquals(firstInZone[c.Zone], c)) features[$"first:{c.Zone}"] = 1;
                foreach (var name in moreFeatures?.Invoke(c) ?? []) features[name] = 1;
            }
            features["agree"] = Math.Log(1 + group.Count());
            features["sources"] = Math.Log(1 + group.Select(g => g.Candidate.Source).Distinct().Count());
            if (group.Key == newest) features["newest"] = 1;
            if (group.Key == oldest) features["oldest"] = 1;
            days.Add(new RankedDay(group.Key, features, group.Select(g => g.Candidate).ToList()));
        }
        return days;
    }

    public static double Score(RankedDay day, string? tiersDay, IReadOnlyDictionary<string, double> weights)
    {
        var sum = weights.GetValueOrDefault("bias");
        foreach (var (name, value) in day.Features) sum += weights.GetValueOrDefault(name) * value;
        if (day.Iso == tiersDay) sum += weights.GetValueOrDefault(TiersFeature);
        return sum;
    }

    /// <summary>The best-scored of the days (the first of equals), or none.</summary>
    public static RankedDay? Best(IEnumerable<RankedDay> days, string? tiersDay, IReadOnlyDictionary<string, double> weights) =>
        days.Select(d => (Day: d, Score: Score(d, tiersDay, weights))).OrderByDescending(x => x.Score).Select(x => x.Day).FirstOrDefault();

    /// <summary>
    /// Learns the weights: a softmax over each page's days (the gold day the one to pick), L2-regularised, by plain
    /// gradient descent; pages whose gold day is not among their days teach nothing.
    /// </summary>
    public static Dictionary<string, double> Train(IReadOnlyList<(IReadOnlyList<RankedDay> Days, string Gold, string? TiersDay)> pages, double l2 = 0.01,
        int epochs = 300, double rate = 0.1)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var learnable = pages.Where(p => p.Days.Any(d => d.Iso == p.Gold)).ToList();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var gradient = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (days, gold, tiersDay) in learnable)
            {
                var scores = days.Select(d => Score(d, tiersDay, weights)).ToArray();
                var max = scores.Max();
                var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
                var total = exp.Sum();
                for (var i = 0; i < days.Count; i++)
                {
                    var error = exp[i] / total - (days[i].Iso == gold ? 1 : 0);
                    foreach (var (name, value) in days[i].Features) gradient[name] = gradient.GetValueOrDefault(name) + error * value;
                    if (days[i].Iso == tiersDay) gradient[TiersFeature] = gradient.GetValueOrDefault(TiersFeature) + error;
                }
            }
            foreach (var name in gradient.Keys.Union(weights.Keys).ToList())
                weights[name] = weights.GetValueOrDefault(name) - rate * (gradient.GetValueOrDefault(name) / pages.Count + l2 * weights.GetValueOrDefault(name));
        }
        return weights;
    }
}
