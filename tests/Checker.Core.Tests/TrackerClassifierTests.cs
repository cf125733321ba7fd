using Checker.Core.Domains;
using Checker.Core.Evidence;
using Checker.Core.Rules;
using Checker.Core.Trackers;

namespace Checker.Core.Tests;

public sealed class TrackerClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly PublicSuffixList Psl = PublicSuffixList.Parse(new StringReader("com\nnet\ntest\nexample\nco.uk"), "sample");
    private static readonly TrackerData BuiltIn =
        TrackerData.Load(Path.Combine(BuiltInRules.LoadEngine(TestPaths.Rules).Catalog.Folder, "data", "trackers.json"));

    [Test]
    public void Well_known_cookies_and_hosts_come_from_the_built_in_list()
    {
        var classifier = new TrackerClassifier(BuiltIn, Psl);
        var ga = classifier.ClassifyCookie("_ga_ABC123", ".news.test", Party.First, Now.AddYears(1), Now);
        Assert.That(ga, Is.Not.Null);
        Assert.That((ga!.Category, ga.Vendor, ga.Source, ga.IsTracking), Is.EqualTo(("analytics", "Google Analytics", "builtin", true)));
        var host = classifier.ClassifyHost("stats.g.doubleclick.net");
        Assert.That(host?.Vendor, Is.EqualTo("Google Marketing Platform"));
        Assert.That(classifier.ClassifyHost("notdoubleclick.net"), Is.Null);
    }

    [Test]
    public void A_consent_cookie_is_functional_not_tracking()
    {
        var c = new TrackerClassifier(BuiltIn, Psl).ClassifyCookie("viewed_cookie_policy", "www.news.test", Party.First, Now.AddYears(1), Now);
        Assert.That(c!.IsTracking, Is.False);
    }

    [Test]
    public void A_long_lived_third_party_cookie_is_a_cross_site_identifier_whatever_its_name()
    {
        var classifier = new TrackerClassifier(BuiltIn, Psl);
        var persistent = classifier.ClassifyCookie("uid", ".adnet.test", Party.Third, Now.AddDays(365), Now);
        Assert.That(persistent?.Source, Is.EqualTo(TrackerClassifier.PersistentThirdPartyHeuristic));
        Assert.That(classifier.ClassifyCookie("uid", ".adnet.test", Party.Third, Now.AddDays(1), Now), Is.Null, "short-lived");
        Assert.That(classifier.ClassifyCookie("uid", ".adnet.test", Party.Third, null, Now), Is.Null, "session cookie");
        Assert.That(classifier.ClassifyCookie("uid", "www.news.test", Party.First, Now.AddDays(365), Now), Is.Null, "first party");
    }

    [Test]
    public void The_open_cookie_database_classifies_names_the_built_in_list_lacks()
    {
        var csv = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n" +
                  "id-1,Hotjar,Analytics,_hjFirstSeen,,\"First visit, \"\"new\"\" user\",30 minutes,Hotjar,https://x,0\n" +
                  "id-2,DoubleClick,Marketing,IDE,doubleclick.net (3rd party),ads,1 year,Google,https://x,0\n" +
                  "id-3,Piano,Analytics,_pcid,,visitor,1 year,Piano,https://x,1\n";
        var db = OpenCookieDatabase.Parse(new StringReader(csv), "sample.csv");
        var classifier = new TrackerClassifier(new TrackerData(), Psl, db);

        var hotjar = classifier.ClassifyCookie("_hjFirstSeen", "www.news.test", Party.First, null, Now);
        Assert.That((hotjar?.Category, hotjar?.Vendor, hotjar?.Source), Is.EqualTo(("analytics", "Hotjar", "open-cookie-database:id-1")));
        Assert.That(classifier.ClassifyCookie("IDE", ".doubleclick.net", Party.Third, null, Now)?.Category, Is.EqualTo("marketing"));
        Assert.That(classifier.ClassifyCookie("IDE", "www.news.test", Party.First, null, Now), Is.Null,
            "an entry tied to a domain does not classify another site's cookie of the same name");
        Assert.That(classifier.ClassifyCookie("_pcid_xyz", "www.news.test", Party.First, null, Now)?.Vendor, Is.EqualTo("Piano"), "wildcard entry");
    }

    [Test]
    public void The_real_open_cookie_database_loads()
    {
        var shared = TestPaths.SharedData();
        Assume.That(shared, Is.Not.Null, "../shared/data is beside the repository");
        var db = OpenCookieDatabase.Load(Path.Combine(shared!, "open-cookie-database"));
        Assert.That(db.Count, Is.GreaterThan(2000));
        Assert.That(db.Match("_fbp").First().Category, Is.EqualTo("Marketing"));
    }

    [Test]
    public void A_third_party_host_that_sets_a_tracking_cookie_is_a_tracker_and_so_is_its_tag_cdn()
    {
        var classifier = new TrackerClassifier(BuiltIn, Psl);
        RequestEvidence Request(string host, params string[] setCookies) => new()
        {
            Url = $"https://{host}/x", Host = host, ResourceType = "script", Method = "GET",
            Party = classifier.PartyOf(host, "www.news.test"), SetCookieNames = setCookies, Tracker = classifier.ClassifyHost(host),
        };
        var requests = new[] { Request("www.news.test"), Request("cdn.adnet.test"), Request("collect.adnet.test", "uid"), Request("fonts.cdn.test") };
        var cookies = new[]
        {
            new CookieEvidence { Name = "uid", Domain = ".adnet.test", Path = "/", Party = Party.Third,
                Classification = classifier.ClassifyCookie("uid", ".adnet.test", Party.Third, Now.AddYears(1), Now) },
        };
        var hosts = TrackerHostAggregator.Aggregate(requests, cookies, classifier);
        Assert.That(hosts.Select(h => h.Host), Is.EquivalentTo(new[] { "collect.adnet.test", "cdn.adnet.test" }));
        Assert.That(hosts.Single(h => h.Host == "collect.adnet.test").Classification.Source, Is.EqualTo("heuristic:sets-tracking-cookie:uid"));
        Assert.That(hosts.Single(h => h.Host == "cdn.adnet.test").Classification.Source, Does.Contain("same site as collect.adnet.test"));
    }

    [Test]
    public void A_third_party_site_whose_tracking_cookie_is_in_the_jar_is_a_tracker_when_the_response_setting_it_was_not_seen()
    {
        var classifier = new TrackerClassifier(BuiltIn, Psl);
        RequestEvidence Request(string host) => new()
        {
            Url = $"https://{host}/x", Host = host, ResourceType = "image", Method = "GET",
            Party = classifier.PartyOf(host, "www.news.test"), Tracker = classifier.ClassifyHost(host),
        };
        var requests = new[] { Request("www.news.test"), Request("metrics.adnet.test"), Request("collect.adnet.test"), Request("fonts.cdn.test") };
        var uid = new CookieEvidence { Name = "uid", Domain = ".adnet.test", Path = "/", Party = Party.Third,
            Classification = classifier.ClassifyCookie("uid", ".adnet.test", Party.Third, Now.AddYears(1), Now) };
        var hosts = TrackerHostAggregator.Aggregate(requests, [uid], classifier);
        Assert.That(hosts.Select(h => h.Host), Is.EquivalentTo(new[] { "metrics.adnet.test", "collect.adnet.test" }));
        Assert.That(TrackerHostAggregator.Aggregate(requests, [], classifier), Is.Empty, "no tracking cookie, no tracker by this reading");
    }
}
