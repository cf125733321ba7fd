using System.Text.Json;
using Checker.Core.Configuration;
using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Rules;
using Checker.Core.Serialization;
using Json.Schema;

namespace Checker.Core.Tests;

/// <summary>checker.json: read strictly with the line of each mistake, then applied as profiles, levels, parameters and an allowlist.</summary>
public sealed class ConfigTests
{
    private static readonly RuleEngine Engine = BuiltInRules.LoadEngine(TestPaths.Rules);
    private static readonly IReadOnlyDictionary<string, Profile> AllProfiles = Profiles.Load(Engine.Catalog);
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static CheckerConfig Parse(string json) => ConfigLoader.Parse(json, "checker.json", Engine.Catalog, AllProfiles);

    private static string ErrorOf(string json) => Assert.Throws<ConfigException>(() => Parse(json))!.Message;

    [Test]
    public void A_key_given_twice_is_a_config_error_not_a_crash()
    {
        // Found by FuzzTests: a duplicate key used to surface as an ArgumentException from deep inside JsonObject.
        Assert.That(ErrorOf("{ \"failOn\": \"warning\",\n  \"failOn\": \"error\" }"), Does.StartWith("checker.json").And.Contain("Duplicate property 'failOn'"));
    }

    private static PageAudit Fixture(string rule, string name)
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.Fixtures, rule, name + ".json"));
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("phases", out var phases))
            return new PageAudit
            {
                Url = "https://www.news.test/article",
                Phases = phases.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Deserialize<PageEvidence>(CheckerJson.Options)!),
            };
        return PageAudit.Of(CheckerJson.Deserialize<PageEvidence>(json));
    }

    private static Finding Evaluate(string config, PageAudit audit, string rule) =>
        AuditPolicy.Create(Engine, Parse(config), AllProfiles).Evaluate(audit, Today).Single(f => f.RuleId == rule);

    [Test]
    public void The_documented_example_is_read_and_matches_the_published_schema()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "examples", "checker.json"));
        var config = Parse(text);
        Assert.That(config.Profile, Is.EqualTo("gdpr"));
        Assert.That(config.Rules["consent.consent-cookie-lifetime"].Parameters!["maxDays"]!.GetValue<int>(), Is.EqualTo(180));
        Assert.That(config.Allow, Has.Count.EqualTo(2));
        Assert.That(config.Allow[0].Source, Is.EqualTo("checker.json line 14"));
        Assert.That(config.Allow[0].Expires, Is.EqualTo(new DateOnly(2027, 6, 30)));

        var schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "docs", "checker.schema.json"));
        using var document = JsonDocument.Parse(text);
        Assert.That(schema.Evaluate(document.RootElement).IsValid, Is.True);
        using var bad = JsonDocument.Parse("""{ "allow": [ { "cookie": "_ga" } ] }""");
        Assert.That(schema.Evaluate(bad.RootElement).IsValid, Is.False, "the schema also wants a reason");
    }

    [TestCase("{\n  \"profil\": \"gdpr\"\n}", "checker.json line 2: unknown key 'profil'")]
    [TestCase("{\n  \"rules\": {\n    \"consent.no-such-rule\": \"error\"\n  }\n}", "line 3: unknown rule 'consent.no-such-rule'")]
    [TestCase("{\n  \"rules\": {\n    \"consent.cookie-wall\": \"fatal\"\n  }\n}", "line 3: 'fatal' is not a level")]
    [TestCase("{\n  \"rules\": {\n    \"consent.cookie-wall\": { \"parameters\": { \"x\": 1 } }\n  }\n}", "line 3: rule 'consent.cookie-wall' has no parameter 'x'")]
    [TestCase("{\n  \"allow\": [\n    { \"cookie\": \"_ga\" }\n  ]\n}", "line 3: an allow entry needs a 'reason'")]
    [TestCase("{\n  \"allow\": [\n    { \"cookie\": \"_ga\", \"reason\": \"r\",\n      \"expires\": \"31/12/2027\" }\n  ]\n}", "line 4: 'expires' must be a date written YYYY-MM-DD")]
    [TestCase("{\n  \"allow\": [ { \"url\": \"https://a.test/*\", \"reason\": \"r\" } ]\n}", "line 2: an allow entry needs a 'rule', a 'cookie' or a 'host'")]
    [TestCase("{\n  \"profile\": \"gdrp\"\n}", "line 2: unknown profile 'gdrp' (known: gdpr, cnil, ccpa, attribution, all)")]
    [TestCase("{\n  \"failOn\": \"warn\"\n}", "line 2: 'failOn' must be")]
    [TestCase("{\n  \"rules\": {\n    \"consent.cookie-wall\": \"off\",\n  ,\n}", "line 4: not valid JSON")]
    public void A_mistake_is_one_message_with_the_file_and_line(string json, string expected) =>
        Assert.That(ErrorOf(json), Does.Contain(expected));

    [Test]
    public void Profiles_choose_the_rules_and_their_levels()
    {
        RuleCatalog Catalog(string profile) => AuditPolicy.Create(Engine, new CheckerConfig { Profile = profile }, AllProfiles).Catalog;
        Assert.That(Catalog("gdpr").Rules, Has.Count.EqualTo(Engine.Catalog.Rules.Count), "gdpr: every rule as shipped");
        Assert.That(Catalog("gdpr")["consent.tracking-after-gpc"].Severity, Is.EqualTo(Severity.Warning));
        Assert.That(Catalog("ccpa").Rules.Select(r => r.Id), Is.EquivalentTo(new[] { "consent.tracking-after-gpc", "consent.reject-not-respected" }));
        Assert.That(Catalog("ccpa")["consent.tracking-after-gpc"].Severity, Is.EqualTo(Severity.Error));
        Assert.That(Catalog("cnil")["consent.consent-cookie-lifetime"].Severity, Is.EqualTo(Severity.Error));
        Assert.That(Catalog("attribution").Rules.Select(r => r.Id), Has.All.StartWith("attribution."));
    }

    [Test]
    public void Rule_levels_and_url_overrides_apply_per_page()
    {
        var policy = AuditPolicy.Create(Engine, Parse("""
            {
              "rules": { "consent.unequal-prominence": "error", "attribution.missing-byline": "off" },
              "overrides": [ { "urls": "https://www.news.test/live/*", "rules": { "consent.unequal-prominence": "off", "attribution.missing-byline": "note" } } ]
            }
            """), AllProfiles);
        var article = policy.CatalogFor("https://www.news.test/2026/story");
        Assert.That(article["consent.unequal-prominence"].Severity, Is.EqualTo(Severity.Error));
        Assert.That(article.Rules.Any(r => r.Id == "attribution.missing-byline"), Is.False);
        var live = policy.CatalogFor("https://www.news.test/live/election");
        Assert.That(live.Rules.Any(r => r.Id == "consent.unequal-prominence"), Is.False);
        Assert.That(live["attribution.missing-byline"].Severity, Is.EqualTo(Severity.Note));
    }

    [Test]
    public void Parameters_from_the_config_are_merged_over_the_rule_file()
    {
        var audit = Fixture("consent.consent-cookie-lifetime", "pass");
        Assert.That(Evaluate("{}", audit, "consent.consent-cookie-lifetime").Outcome, Is.EqualTo(Outcome.Pass), "181 days is within 395");
        var stricter = Evaluate("""{ "rules": { "consent.consent-cookie-lifetime": { "parameters": { "maxDays": 180 } } } }""", audit,
            "consent.consent-cookie-lifetime");
        Assert.That(stricter.Outcome, Is.EqualTo(Outcome.Fail), stricter.Message);
    }

    [Test]
    public void An_allowlist_accepts_a_finding_only_when_every_cookie_and_host_it_cites_is_allowed()
    {
        var audit = Fixture("consent.tracking-before-consent", "fail");
        const string rule = "consent.tracking-before-consent";
        var onlyCookie = Evaluate("""{ "allow": [ { "cookie": "_ga", "reason": "measured by our own server" } ] }""", audit, rule);
        Assert.That(onlyCookie.Suppression, Is.Null, "the tracker host is not allowed, so the finding still fails");

        var both = Evaluate("""
            { "allow": [ { "cookie": "_ga", "reason": "first-party audience measurement, CNIL-exempt setup" },
                         { "host": "tracker.test", "rule": "consent.*", "reason": "contract DPA-7", "expires": "2027-01-31" } ] }
            """, audit, rule);
        Assert.That(both.Outcome, Is.EqualTo(Outcome.Fail), "the finding keeps its outcome");
        Assert.That(both.Suppression, Is.Not.Null);
        Assert.That(both.Suppression!.Reason, Does.Contain("CNIL-exempt").And.Contain("DPA-7"));
        Assert.That(both.Suppression.Expires, Is.EqualTo(new DateOnly(2027, 1, 31)));
        Assert.That(both.IsOpenFailure, Is.False);
    }

    [Test]
    public void An_expired_or_other_page_allow_entry_does_not_apply()
    {
        var audit = Fixture("consent.tracking-before-consent", "fail");
        const string rule = "consent.tracking-before-consent";
        Assert.That(Evaluate("""{ "allow": [ { "rule": "consent.tracking-before-consent", "reason": "r", "expires": "2026-11-27" } ] }""", audit, rule)
            .Suppression, Is.Null, "expired yesterday");
        Assert.That(Evaluate("""{ "allow": [ { "rule": "consent.tracking-before-consent", "reason": "r", "expires": "2026-11-28" } ] }""", audit, rule)
            .Suppression, Is.Not.Null, "the expiry day itself still counts");
        Assert.That(Evaluate("""{ "allow": [ { "rule": "consent.tracking-before-consent", "url": "https://other.test/*", "reason": "r" } ] }""", audit, rule)
            .Suppression, Is.Null);
    }

    [Test]
    public void The_json_lines_of_a_pointer_are_found_in_nested_lists()
    {
        const string json = "{\n \"a\": [\n  1,\n  { \"b\": [\n    true,\n    \"x\"\n  ] }\n ]\n}";
        Assert.That(JsonLines.LineOf(json, "/a/1/b/1"), Is.EqualTo(6));
        Assert.That(JsonLines.LineOf(json, "/a/0"), Is.EqualTo(3));
        Assert.That(JsonLines.LineOf(json, "/a/9"), Is.EqualTo(2), "a missing element: its parent's line");
    }
}
