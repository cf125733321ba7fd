using Checker.Core.Evidence;

namespace Checker.Core.Trackers;

/// <summary>Turns the requests of one visit into the list of tracker hosts it contacted, each with why it counts.</summary>
public static class TrackerHostAggregator
{
    public static IReadOnlyList<TrackerHostEvidence> Aggregate(
        IReadOnlyList<RequestEvidence> requests, IReadOnlyList<CookieEvidence> cookies, TrackerClassifier classifier)
    {
        var trackingCookies = cookies.Where(c => c.Classification?.IsTracking == true)
            .GroupBy(c => c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Classification!, StringComparer.Ordinal);
        var hosts = requests.GroupBy(r => r.Host.ToLowerInvariant())
            .Select(g => (Host: g.Key, Requests: g.ToList(), Domain: classifier.PublicSuffixList.RegistrableDomain(g.Key)))
            .ToList();

        var classified = new Dictionary<string, Classification>(StringComparer.Ordinal);
        foreach (var (host, hostRequests, _) in hosts)
        {
            if (hostRequests[0].Tracker is { } listed)
            {
                classified[host] = listed;
                continue;
            }
            if (hostRequests[0].Party != Party.Third) continue;
            // A third-party host whose responses set a tracking cookie is a tracker, whether or not a list names it:
            // that is what the cookie is for.
            var setName = hostRequests.SelectMany(r => r.SetCookieNames).FirstOrDefault(trackingCookies.ContainsKey);
            if (setName is not null)
                classified[host] = new Classification
                {
                    Category = trackingCookies[setName].Category,
                    Source = $"{TrackerClassifier.SetsTrackingCookieHeuristic}:{setName}",
                };
        }

        // A tracking cookie in the jar of a site whose hosts the page requested, when no response was seen setting
        // it: the page reloaded (after a choice) before the response of the request that set it was reported, yet the
        // cookie is there. Its site's hosts are the tracker all the same.
        var trackingSites = cookies.Where(c => c.Classification?.IsTracking == true && c.Party == Party.Third)
            .GroupBy(c => classifier.PublicSuffixList.RegistrableDomain(c.Domain), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (host, hostRequests, domain) in hosts)
            if (!classified.ContainsKey(host) && hostRequests[0].Party == Party.Third
                && !hosts.Any(h => h.Domain == domain && classified.ContainsKey(h.Host)) && trackingSites.TryGetValue(domain, out var cookie))
                classified[host] = new Classification
                {
                    Category = cookie.Classification!.Category,
                    Source = $"{TrackerClassifier.SetsTrackingCookieHeuristic}:{cookie.Name} (in the cookie jar; the response that set it was not seen)",
                };

        // Other third-party hosts of a tracker's own site (its tag CDN, say) belong to the same tracker.
        foreach (var (host, hostRequests, domain) in hosts)
        {
            if (classified.ContainsKey(host) || hostRequests[0].Party != Party.Third) continue;
            var sibling = hosts.FirstOrDefault(h => h.Domain == domain && h.Host != host && classified.ContainsKey(h.Host));
            if (sibling.Host is not null)
                classified[host] = classified[sibling.Host] with { Source = $"{classified[sibling.Host].Source} (same site as {sibling.Host})" };
        }

        return hosts.Where(h => classified.ContainsKey(h.Host))
            .Select(h => new TrackerHostEvidence
            {
                Host = h.Host,
                RegistrableDomain = h.Domain,
                RequestCount = h.Requests.Count,
                Classification = classified[h.Host],
            })
            .ToList();
    }
}
