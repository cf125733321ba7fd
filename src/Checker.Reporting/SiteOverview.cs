using Checker.Core.Findings;

namespace Checker.Reporting;

/// <summary>
/// A run seen by site (registrable domain), the way a privacy lead or an editor reads a crawl: how many pages, how
/// many fail the gate, how bad the worst is, which rules fail on how many pages, and the pages grouped by the set of
/// rules they fail (500 pages of one template failing the same two rules are one group). Built from report.json alone.
/// </summary>
public sealed record SiteOverview
{
    public required string Site { get; init; }
    public required IReadOnlyList<PageReport> Pages { get; init; }
    public int Audited => Pages.Count(p => p.Status == PageStatus.Audited);
    public int NotAudited => Pages.Count - Audited;
    /// <summary>Pages with at least one finding the exit code gates on.</summary>
    public required int PagesFailingGate { get; init; }
    /// <summary>The highest severity of an open failing finding (not allowlisted), or null when nothing fails.</summary>
    public required Severity? Worst { get; init; }
    /// <summary>For each rule that fails on some page of the site, those pages (in the run's order).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<PageReport>> FailingPagesByRule { get; init; }
    public required IReadOnlyList<PageGroup> Groups { get; init; }
    /// <summary>With --baseline: the site's failing findings new and unchanged since then, and those fixed.</summary>
    public SiteBaseline? Baseline { get; init; }

    /// <summary>The site of a page: as recorded, or for reports written before it was, its host without "www.".</summary>
    public static string SiteOf(PageReport page) => page.Site ?? SiteOfAddress(page.Url);

    public static string SiteOfAddress(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0) return url;
        return uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
    }

    /// <summary>The sites of a run, those with the most pages failing the gate first, then by name.</summary>
    public static IReadOnlyList<SiteOverview> Build(RunReport report)
    {
        var siteByUrl = report.Pages.GroupBy(p => p.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => SiteOf(g.First()), StringComparer.Ordinal);
        var fixedBySite = (report.Baseline?.Fixed ?? [])
            .GroupBy(f => siteByUrl.GetValueOrDefault(f.Url) ?? SiteOfAddress(f.Url), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var sites = report.Pages.GroupBy(SiteOf, StringComparer.Ordinal).Select(g => ForSite(g.Key, g.ToList(), report, fixedBySite)).ToList();
        return [.. sites.OrderByDescending(s => s.PagesFailingGate).ThenByDescending(s => s.Worst ?? (Severity)(-1)).ThenBy(s => s.Site, StringComparer.Ordinal)];
    }

    private static SiteOverview ForSite(string site, IReadOnlyList<PageReport> pages, RunReport report, IReadOnlyDictionary<string, int> fixedBySite)
    {
        var failing = pages.SelectMany(p => p.Findings.Where(f => f.Outcome == Outcome.Fail).Select(f => (Page: p, Finding: f))).ToList();
        var byRule = failing.GroupBy(x => x.Finding.RuleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PageReport>)g.Select(x => x.Page).Distinct().ToList(), StringComparer.Ordinal);
        var open = failing.Where(x => x.Finding.IsOpenFailure).Select(x => x.Finding.Severity).ToList();
        return new SiteOverview
        {
            Site = site,
            Pages = pages,
            PagesFailingGate = pages.Count(p => p.Findings.Any(f => ReportBuilder.Gates(f, report.Run))),
            Worst = open.Count > 0 ? open.Max() : null,
            FailingPagesByRule = byRule,
            Groups = GroupPages(pages),
            Baseline = report.Baseline is null ? null : new SiteBaseline(
                failing.Count(x => x.Finding.Baseline == BaselineStates.New),
                failing.Count(x => x.Finding.Baseline == BaselineStates.Unchanged),
                fixedBySite.GetValueOrDefault(site)),
        };
    }

    /// <summary>Each rule that fails on some page of these sites, with how many pages it fails on, in no particular order.</summary>
    public static IReadOnlyList<(string Rule, int Pages)> FailingRules(IEnumerable<SiteOverview> sites) =>
    [
        .. sites.SelectMany(x => x.FailingPagesByRule.Select(r => (Rule: r.Key, Pages: r.Value.Count)))
            .GroupBy(x => x.Rule, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(x => x.Pages))),
    ];

    /// <summary>Pages by the set of rules they fail; pages not audited apart; the groups that fail most first.</summary>
    public static IReadOnlyList<PageGroup> GroupPages(IReadOnlyList<PageReport> pages) =>
    [
        .. pages.GroupBy(p => p.Status == PageStatus.Audited
                ? string.Join("\n", p.Findings.Where(f => f.Outcome == Outcome.Fail).Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal))
                : "\u0000not audited", StringComparer.Ordinal)
            .Select(g => new PageGroup(
                g.Key == "\u0000not audited" ? [] : g.Key.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                g.ToList(), NotAudited: g.Key == "\u0000not audited"))
            .OrderByDescending(g => g.NotAudited).ThenByDescending(g => g.FailingRules.Count).ThenByDescending(g => g.Pages.Count)
            .ThenBy(g => string.Join(",", g.FailingRules), StringComparer.Ordinal),
    ];
}

/// <summary>Pages of one site that fail exactly the same rules (none: they pass), or that could not be audited.</summary>
public sealed record PageGroup(IReadOnlyList<string> FailingRules, IReadOnlyList<PageReport> Pages, bool NotAudited);

public sealed record SiteBaseline(int New, int Unchanged, int Fixed);
