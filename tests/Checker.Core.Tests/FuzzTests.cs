using System.Diagnostics;
using System.Text.Json;
using Checker.Core.Configuration;
using Checker.Core.Crawling;
using Checker.Core.Domains;
using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Rules;
using Checker.Core.Tcf;
using Checker.Core.Trackers;
using FsCheck;
using FsCheck.Fluent;

namespace Checker.Core.Tests;

/// <summary>
/// Property-based fuzzing (FsCheck) of everything that reads input a page, a server or a user wrote: random and
/// mutated input never crashes these readers (only their documented refusal), never hangs them, and what they
/// accept is well-formed. Each property runs on several hundred generated inputs, biased towards near-valid ones
/// (mutations of real TC strings, configs, rule files, URLs), which is where parsers break.
/// </summary>
public sealed class FuzzTests
{
    private const int Runs = 400;
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(Runs);

    /// <summary>A seed string with random edits: characters replaced, removed, duplicated, or random text spliced in.</summary>
    private static Gen<string> Mutations(IReadOnlyList<string> seeds, string alphabet) =>
        from seed in Gen.Elements(seeds.ToArray())
        from edits in Gen.Choose(0, 8)
        from positions in Gen.Choose(0, 10_000).ArrayOf(edits)
        from kinds in Gen.Choose(0, 3).ArrayOf(edits)
        from characters in Gen.Elements(alphabet.ToCharArray()).ArrayOf(edits)
        select Mutate(seed, positions, kinds, characters);

    private static string Mutate(string seed, int[] positions, int[] kinds, char[] characters)
    {
        var text = new System.Text.StringBuilder(seed);
        for (var i = 0; i < positions.Length; i++)
        {
            if (text.Length == 0) { text.Append(characters[i]); continue; }
            var at = positions[i] % text.Length;
            switch (kinds[i])
            {
                case 0: text[at] = characters[i]; break;
                case 1: text.Remove(at, 1); break;
                case 2: text.Insert(at, text.ToString(at, Math.Min(20, text.Length - at))); break;
                default: text.Insert(at, new string(characters[i], 1 + positions[i] % 5)); break;
            }
        }
        return text.ToString();
    }

    private static Gen<string> AnyText => ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "");

    private static void Within(TimeSpan bound, Action action, string what)
    {
        var clock = Stopwatch.StartNew();
        action();
        if (clock.Elapsed > bound) throw new TimeoutException($"{what} took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    // ---- TC strings ---------------------------------------------------------------------------------------------------

    private static readonly string[] RealTcStrings = JsonDocument
        .Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestVectors", "tcf-vectors.json"))).RootElement
        .EnumerateArray().Select(v => v.GetProperty("tcString").GetString()!).ToArray();

    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";

    [Test]
    public void The_tc_string_decoder_refuses_what_is_not_one_and_never_crashes()
    {
        var inputs = Gen.OneOf(Mutations(RealTcStrings, Base64Url), AnyText, Gen.Elements(Base64Url.ToCharArray()).ArrayOf().Select(c => new string(c)));
        Prop.ForAll(inputs.ToArbitrary(), text =>
        {
            Within(TimeSpan.FromSeconds(1), () =>
            {
                try
                {
                    var decoded = TcString.Decode(text);
                    // What it accepts is a version-2 string with sane fields.
                    if (decoded.PurposeConsents.Any(p => p is < 1 or > 24)) throw new InvalidOperationException($"purpose out of range in {text}");
                }
                catch (FormatException) { }
                TcString.TryDecode(text, out _);
            }, "decoding");
        }).Check(Quick);
    }

    // ---- config -------------------------------------------------------------------------------------------------------

    private static readonly RuleEngine Engine = BuiltInRules.LoadEngine(TestPaths.Rules);
    private static readonly IReadOnlyDictionary<string, Profile> AllProfiles = Profiles.Load(Engine.Catalog);

    private static readonly string[] RealConfigs =
    [
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "examples", "checker.json")),
        """{ "profile": "cnil", "failOn": "warning", "rules": { "consent.consent-cookie-lifetime": { "level": "error", "parameters": { "maxDays": 395 } } } }""",
        """{ "allow": [ { "rule": "consent.tracking-before-consent", "url": "https://*.news.test/*", "cookie": "_ga", "reason": "r", "expires": "2027-01-01" } ] }""",
        """{ "overrides": [ { "url": "https://a.test/*", "rules": { "attribution.missing-byline": "off" } } ] }""",
    ];

    private const string JsonAlphabet = "{}[]\":,0123456789.-+eEtrufalsn \n\\/abcxyz*?";

    [Test]
    public void The_config_loader_turns_any_input_into_a_config_or_one_config_error()
    {
        Prop.ForAll(Gen.OneOf(Mutations(RealConfigs, JsonAlphabet), AnyText).ToArbitrary(), text =>
        {
            Within(TimeSpan.FromSeconds(2), () =>
            {
                try { ConfigLoader.Parse(text, "checker.json", Engine.Catalog, AllProfiles); }
                catch (ConfigException e) when (!e.Message.Contains('\n')) { }
            }, "loading the config");
        }).Check(Quick);
    }

    // ---- rule files ---------------------------------------------------------------------------------------------------

    [Test]
    public void The_rule_loader_turns_any_rule_file_into_rules_or_one_rule_error()
    {
        var folder = Directory.CreateTempSubdirectory("checker-fuzz-rules-").FullName;
        try
        {
            CopyFolder(TestPaths.Rules, folder);
            var target = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).First(f => f.EndsWith("consent.unequal-prominence.json", StringComparison.Ordinal));
            var original = File.ReadAllText(target);
            var data = Directory.EnumerateFiles(Path.Combine(folder, "data"), "*.json").First();
            var originalData = File.ReadAllText(data);
            // A hundred runs: each loads the whole folder.
            Prop.ForAll(Gen.OneOf(Mutations([original, originalData], JsonAlphabet), AnyText).ToArbitrary(), text =>
            {
                File.WriteAllText(target, text);
                try
                {
                    Within(TimeSpan.FromSeconds(5), () =>
                    {
                        try { BuiltInRules.LoadEngine(folder); }
                        catch (RuleCatalogException e) when (!e.Message.Contains('\n')) { }
                    }, "loading the rules");
                }
                finally { File.WriteAllText(target, original); }
                File.WriteAllText(data, text);
                try
                {
                    Within(TimeSpan.FromSeconds(5), () =>
                    {
                        try { CollectorKeywords.Load(BuiltInRules.LoadEngine(folder).Catalog); }
                        catch (RuleCatalogException e) when (!e.Message.Contains('\n')) { }
                    }, "loading the rules' data");
                }
                finally { File.WriteAllText(data, originalData); }
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    // ---- URLs ---------------------------------------------------------------------------------------------------------

    private static readonly string[] RealUrls =
    [
        "https://www.news.test/politics/2026/11/28/budget-vote?utm_source=x&id=3#comments",
        "http://News.Test:80/a/../b/./c?b=2&a=1",
        "https://xn--nws-wka.test/ünïcødé/path?q=ä",
        "https://[::1]:8443/x?gclid=1",
        "/relative/path?fbclid=2",
        "//cdn.test/lib.js",
        "javascript:alert(1)",
        "mailto:desk@news.test",
    ];

    private const string UrlAlphabet = ":/?#[]@!$&'()*+,;=%-._~aZ09 \t\\\u00e9\u0000\u202e";

    [Test]
    public void Url_normalisation_never_crashes_and_is_stable()
    {
        var site = new Uri("https://www.news.test/");
        var tried = 0;
        Prop.ForAll(Gen.OneOf(Mutations(RealUrls, UrlAlphabet), AnyText).ToArbitrary(), text =>
        {
            Within(TimeSpan.FromSeconds(1), () =>
            {
                var normal = CrawlUrl.Normalise(text, site);
                if (normal is not null)
                {
                    if (!Uri.TryCreate(normal, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                        throw new InvalidOperationException($"'{text}' normalised to '{normal}', not an http(s) URL");
                    if (CrawlUrl.Normalise(normal) != normal) throw new InvalidOperationException($"'{normal}' is not stable under normalisation");
                    CrawlUrl.SameSite(normal, site);
                }
                FindingFingerprint.NormaliseUrl(text);
                tried++;
            }, "normalising");
        }).Check(Quick);
        Assert.That(tried, Is.EqualTo(Runs), "every generated input was tried");
    }

    // ---- what servers send: robots.txt, sitemaps, Set-Cookie; cookie and host classification ------------------------

    private static readonly string[] RealRobots =
    [
        "User-agent: *\nDisallow: /private/\nAllow: /private/ok$\nCrawl-delay: 2\nSitemap: https://www.news.test/sitemap.xml\n",
        "User-agent: checker\nDisallow: /*.pdf$\n\nUser-agent: *\nDisallow: /\n",
    ];

    [Test]
    public void Robots_txt_of_any_content_parses_and_answers()
    {
        Prop.ForAll(Gen.OneOf(Mutations(RealRobots, "*$/:#\n\r\t aUserAgentDisallow-"), AnyText).ToArbitrary(), Gen.OneOf(Mutations(RealUrls, UrlAlphabet), AnyText).ToArbitrary(),
            (text, url) => Within(TimeSpan.FromSeconds(1), () => RobotsTxt.Parse(text).Allows(url), "robots.txt")).Check(Quick);
    }

    private static readonly string[] RealSitemaps =
    [
        """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://www.news.test/a</loc><lastmod>2026-11-28</lastmod><news:news><news:publication_date>2026-11-28T08:00:00Z</news:publication_date></news:news></url></urlset>""",
        """<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://www.news.test/s1.xml</loc></sitemap></sitemapindex>""",
    ];

    [Test]
    public void Sitemaps_of_any_content_parse_or_are_refused()
    {
        Prop.ForAll(Gen.OneOf(Mutations(RealSitemaps, "<>/=\"'?!-[]&;#x:abc "), AnyText).ToArbitrary(),
            text => Within(TimeSpan.FromSeconds(1), () => Sitemap.Parse(text), "sitemap")).Check(Quick);
    }

    private static readonly string[] RealSetCookies =
    [
        "_ga=GA1.1.123.456; Path=/; Max-Age=63072000; SameSite=Lax",
        "uid=abc; Domain=.tracker.test; Secure; SameSite=None\nsid=1; HttpOnly",
        "=novalue; Path=/",
    ];

    private static readonly TrackerClassifier Classifier = new(
        TrackerData.Load(Path.Combine(Engine.Catalog.Folder, "data", "trackers.json")),
        PublicSuffixList.Parse(new StringReader("com\nnet\ntest\nco.uk\n*.ck\n!www.ck"), "sample"));

    [Test]
    public void Set_cookie_headers_and_cookie_classification_take_any_text()
    {
        var now = DateTimeOffset.UtcNow;
        Prop.ForAll(Gen.OneOf(Mutations(RealSetCookies, "=;, \n\t\"\u0000ab_"), AnyText).ToArbitrary(), Gen.OneOf(Mutations(RealUrls, UrlAlphabet), AnyText).ToArbitrary(),
            (header, host) => Within(TimeSpan.FromSeconds(1), () =>
            {
                foreach (var name in SetCookieNames.Parse([header]))
                {
                    if (name.Length == 0 || name != name.Trim()) throw new InvalidOperationException($"bad cookie name '{name}' from '{header}'");
                    var party = Classifier.PartyOf(host, "www.news.test");
                    Classifier.ClassifyCookie(name, host, party, now.AddDays(400), now);
                }
                Classifier.ClassifyHost(host);
            }, "classification")).Check(Quick);
    }
}
