using Checker.Core.Findings;
using Checker.Core.Rules;

namespace Checker.Core.Tests;

public sealed class RuleCatalogTests
{
    private string _folder = "";

    [SetUp]
    public void CopyRules()
    {
        _folder = Directory.CreateTempSubdirectory("checker-rules-").FullName;
        foreach (var file in Directory.EnumerateFiles(TestPaths.Rules, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(TestPaths.Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [TearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void The_shipped_rules_load_with_their_metadata()
    {
        var catalog = BuiltInRules.LoadEngine(TestPaths.Rules).Catalog;
        Assert.That(catalog.Rules.Select(r => r.Id), Is.EquivalentTo(BuiltInRules.All.Keys));
        foreach (var rule in catalog.Rules)
        {
            Assert.That(rule.Title, Is.Not.Empty, rule.Id);
            Assert.That(rule.HelpText, Is.Not.Empty, rule.Id);
            Assert.That(rule.References, Is.Not.Empty, rule.Id);
        }
        Assert.That(catalog["consent.tracking-before-consent"].Severity, Is.EqualTo(Severity.Error));
    }

    [Test]
    public void A_rule_file_with_broken_json_is_reported_with_its_file_and_line()
    {
        var file = Path.Combine(_folder, "consent", "consent.implied-consent.json");
        File.WriteAllText(file, "{\n  \"id\": \"consent.implied-consent\",\n  \"title\": \n}");
        var error = Assert.Throws<RuleCatalogException>(() => BuiltInRules.LoadEngine(_folder));
        Assert.That(error!.Message, Does.Contain("consent.implied-consent.json").And.Contain("line 4"));
    }

    [Test]
    public void The_date_rankers_weights_load_with_the_keywords_and_a_broken_weights_file_is_refused_with_its_name()
    {
        var keywords = CollectorKeywords.Load(BuiltInRules.LoadEngine(TestPaths.Rules).Catalog);
        Assert.That(keywords.DateRankerWeights, Is.Not.Null.And.ContainKey(Checker.Core.Dates.DateRanker.TiersFeature));
        Assert.That(keywords.DateRankerWeights![Checker.Core.Dates.DateRanker.TiersFeature], Is.GreaterThan(0), "the tiers' choice counts for it");
        File.WriteAllText(Path.Combine(_folder, "data", "date-ranker.json"), """{ "weights": { "agree": "high" } }""");
        var error = Assert.Throws<RuleCatalogException>(() => CollectorKeywords.Load(BuiltInRules.LoadEngine(_folder).Catalog));
        Assert.That(error!.Message, Does.Contain("date-ranker.json").And.Contain("weights"));
        File.Delete(Path.Combine(_folder, "data", "date-ranker.json"));
        Assert.That(CollectorKeywords.Load(BuiltInRules.LoadEngine(_folder).Catalog).DateRankerWeights, Is.Null, "without the file, the tiers alone decide");
    }

    [Test]
    public void A_rule_file_missing_a_required_field_is_refused()
    {
        var file = Path.Combine(_folder, "attribution", "attribution.missing-byline.json");
        File.WriteAllText(file, """{ "id": "attribution.missing-byline", "title": "t", "description": "d", "severity": "warning", "helpText": "h" }""");
        var error = Assert.Throws<RuleCatalogException>(() => BuiltInRules.LoadEngine(_folder));
        Assert.That(error!.Message, Does.Contain("attribution.missing-byline.json").And.Contain("failureTitle"));
    }

    [Test]
    public void A_rule_file_without_code_behind_it_is_refused()
    {
        File.WriteAllText(Path.Combine(_folder, "consent", "consent.unknown.json"),
            """{ "id": "consent.unknown", "title": "t", "failureTitle": "f", "description": "d", "severity": "error", "helpText": "h" }""");
        var error = Assert.Throws<RuleCatalogException>(() => BuiltInRules.LoadEngine(_folder));
        Assert.That(error!.Message, Does.Contain("no rule implementation has id 'consent.unknown'"));
    }

    [Test]
    public void A_rule_in_code_without_a_file_is_refused()
    {
        File.Delete(Path.Combine(_folder, "attribution", "attribution.copy-artifacts.json"));
        var error = Assert.Throws<RuleCatalogException>(() => BuiltInRules.LoadEngine(_folder));
        Assert.That(error!.Message, Does.Contain("no rule file for attribution.copy-artifacts"));
    }

    [Test]
    public void A_missing_rules_folder_is_refused()
    {
        var error = Assert.Throws<RuleCatalogException>(() => BuiltInRules.LoadEngine(Path.Combine(_folder, "nope")));
        Assert.That(error!.Message, Does.Contain("rules folder not found"));
    }

    [Test]
    public void Collector_keywords_load_from_the_data_folder()
    {
        var keywords = CollectorKeywords.Load(BuiltInRules.LoadEngine(TestPaths.Rules).Catalog);
        Assert.That(keywords.BannerStrongWords, Does.Contain("cookies").And.Contain("einwilligung"));
        Assert.That(keywords.Agencies, Does.Contain("AFP").And.Contain("Reuters"));
    }
}
