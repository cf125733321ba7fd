using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules;

/// <summary>The tracking a page did in one visit: tracking cookies and tracker hosts, as evidence items.</summary>
public sealed record TrackingSummary(IReadOnlyList<CookieEvidence> Cookies, IReadOnlyList<TrackerHostEvidence> Hosts)
{
    public bool Any => Cookies.Count > 0 || Hosts.Count > 0;

    public static TrackingSummary Of(PageEvidence evidence) => new(
        evidence.Cookies.Where(c => c.Classification?.IsTracking == true).ToList(),
        evidence.TrackerHosts.Where(h => h.Classification.IsTracking).ToList());

    public IReadOnlyList<EvidenceItem> Items() =>
    [
        .. Cookies.Select(c => new EvidenceItem("cookie", c.Name,
            $"{c.Domain} · {c.Party.ToString().ToLowerInvariant()}-party · {Describe(c.Classification!)}")),
        .. Hosts.Select(h => new EvidenceItem("tracker-host", h.Host,
            $"{h.RequestCount} request(s) · {Describe(h.Classification)}")),
    ];

    public string Describe() =>
        $"{Cookies.Count} tracking cookie(s){List(Cookies.Select(c => c.Name))} and {Hosts.Count} tracker host(s){List(Hosts.Select(h => h.Host))}";

    /// <summary>" (a, b, c)" for up to five names, "" for none: how messages list cookies and hosts.</summary>
    public static string List(IEnumerable<string> names)
    {
        var all = names.Distinct().ToList();
        if (all.Count == 0) return "";
        var shown = string.Join(", ", all.Take(5));
        return all.Count > 5 ? $" ({shown}, …)" : $" ({shown})";
    }

    private static string Describe(Classification c) =>
        $"{c.Category}{(c.Vendor is null ? "" : $" ({c.Vendor})")} · source: {c.Source}";
}
