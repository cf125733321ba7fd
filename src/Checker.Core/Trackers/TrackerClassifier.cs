using Checker.Core.Domains;
using Checker.Core.Evidence;

namespace Checker.Core.Trackers;

/// <summary>
/// Says what a cookie or a host is, and where that knowledge comes from: the built-in list, the Open Cookie
/// Database, or a heuristic. Pure: the same inputs always give the same classification.
/// </summary>
public sealed class TrackerClassifier(TrackerData builtIn, PublicSuffixList publicSuffixList, OpenCookieDatabase? cookieDatabase = null)
{
    public const string BuiltInSource = "builtin";
    public const string CookieDatabaseSource = "open-cookie-database";
    public const string PersistentThirdPartyHeuristic = "heuristic:persistent-third-party-cookie";
    public const string SetsTrackingCookieHeuristic = "heuristic:sets-tracking-cookie";

    public PublicSuffixList PublicSuffixList => publicSuffixList;

    public Classification? ClassifyCookie(string name, string domain, Party party, DateTimeOffset? expires, DateTimeOffset now)
    {
        var builtInEntry = builtIn.Cookies
            .Where(c => c.Prefix ? name.StartsWith(c.Name, StringComparison.Ordinal) : name == c.Name)
            .OrderBy(c => c.Prefix)
            .FirstOrDefault();
        if (builtInEntry is not null)
            return new Classification { Category = builtInEntry.Category.ToLowerInvariant(), Vendor = builtInEntry.Vendor, Source = BuiltInSource };

        if (cookieDatabase is not null)
        {
            // An entry tied to a domain only counts for cookies of that site: short names like "id" are shared by many.
            var entry = cookieDatabase.Match(name).FirstOrDefault(e =>
                e.Domain is null || publicSuffixList.SameSite(e.Domain, domain));
            if (entry is not null)
                return new Classification
                {
                    Category = entry.Category.ToLowerInvariant(),
                    Vendor = entry.Platform,
                    Source = $"{CookieDatabaseSource}:{entry.Id}",
                };
        }

        if (party == Party.Third && expires is { } until
            && until - now >= TimeSpan.FromDays(builtIn.Heuristics.PersistentThirdPartyCookieMinDays))
            return new Classification { Category = "marketing", Source = PersistentThirdPartyHeuristic };

        return null;
    }

    public Classification? ClassifyHost(string host)
    {
        var normalised = host.ToLowerInvariant().TrimEnd('.');
        var entry = builtIn.Hosts.FirstOrDefault(h =>
            normalised == h.Domain || normalised.EndsWith("." + h.Domain, StringComparison.Ordinal));
        return entry is null
            ? null
            : new Classification { Category = entry.Category.ToLowerInvariant(), Vendor = entry.Vendor, Source = BuiltInSource };
    }

    public Party PartyOf(string host, string pageHost) =>
        publicSuffixList.SameSite(host, pageHost) ? Party.First : Party.Third;
}
