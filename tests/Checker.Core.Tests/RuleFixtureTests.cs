using System.Text.Json;
using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Rules;
using Checker.Core.Serialization;
using Checker.Core.Similarity;

namespace Checker.Core.Tests;

/// <summary>
/// Every rule is run on hand-written evidence (Fixtures/&lt;rule-id&gt;/&lt;outcome&gt;[-case].json), with no browser:
/// the file name says which outcome the rule must give, and "$expectEvidence" which items it must cite.
/// </summary>
public sealed class RuleFixtureTests
{
    private static readonly RuleEngine Engine = BuiltInRules.LoadEngine(TestPaths.Rules);

    public static IEnumerable<TestCaseData> Cases() =>
        Directory.EnumerateDirectories(TestPaths.Fixtures).Order()
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.json").Order())
            .Select(file => new TestCaseData(Path.GetFileName(Path.GetDirectoryName(file))!, Path.GetFileNameWithoutExtension(file))
                .SetName($"{Path.GetFileName(Path.GetDirectoryName(file))} {Path.GetFileNameWithoutExtension(file)}"));

    [TestCaseSource(nameof(Cases))]
    public void Rule_gives_the_outcome_its_fixture_names(string ruleId, string fixture)
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.Fixtures, ruleId, fixture + ".json"));

        var finding = Engine.Evaluate(LoadAudit(json)).Single(f => f.RuleId == ruleId);

        var expected = ExpectedOutcome(fixture);
        Assert.That(finding.Outcome, Is.EqualTo(expected), finding.Message);
        Assert.That(finding.Message, Is.Not.Empty);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("$expectEvidence", out var expectEvidence))
            foreach (var item in expectEvidence.EnumerateArray())
                Assert.That(finding.Evidence.Select(e => e.Value), Does.Contain(item.GetString()), "evidence items of " + fixture);
    }

    [Test]
    public void Every_rule_has_pass_fail_and_not_applicable_fixtures()
    {
        foreach (var rule in Engine.Catalog.Rules)
        {
            var dir = Path.Combine(TestPaths.Fixtures, rule.Id);
            Assert.That(Directory.Exists(dir), Is.True, $"no fixtures for {rule.Id}");
            var outcomes = Directory.EnumerateFiles(dir, "*.json").Select(f => ExpectedOutcome(Path.GetFileNameWithoutExtension(f))).ToHashSet();
            Assert.That(outcomes, Is.SupersetOf(new[] { Outcome.Pass, Outcome.Fail, Outcome.NotApplicable }), rule.Id);
        }
    }

    [Test]
    public void A_failing_finding_carries_the_rule_severity_from_its_metadata()
    {
        var audit = LoadAudit(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "attribution.missing-byline", "fail.json")));
        var finding = Engine.Evaluate(audit).Single(f => f.RuleId == "attribution.missing-byline");
        Assert.That(finding.Severity, Is.EqualTo(Engine.Catalog["attribution.missing-byline"].Severity));
    }

    /// <summary>A fixture is one phase's evidence, or {"phases": {"initial": …, "reject": …}} for rules that compare phases.</summary>
    /// "$references" gives the run's reference texts (source, url, title, publisher, text), as --reference would.
    public static PageAudit LoadAudit(string json)
    {
        using var document = JsonDocument.Parse(json);
        var audit = document.RootElement.TryGetProperty("phases", out var phases)
            ? PageAudit.Of(phases.EnumerateObject()
                .Select(p => CheckerJson.Deserialize<PageEvidence>(p.Value.GetRawText()) with { Phase = p.Name }).ToArray())
            : PageAudit.Of(CheckerJson.Deserialize<PageEvidence>(json));
        if (!document.RootElement.TryGetProperty("$references", out var references)) return audit;
        string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
        return audit with
        {
            References = [.. references.EnumerateArray().Select(r => ReferenceText.FromText(
                Text(r, "source")!, Text(r, "text")!, Text(r, "url"), Text(r, "title"), Text(r, "publisher")))],
        };
    }

    private static Outcome ExpectedOutcome(string fixture)
    {
        foreach (var (prefix, outcome) in new[]
                 {
                     ("not-applicable", Outcome.NotApplicable), ("pass", Outcome.Pass), ("fail", Outcome.Fail),
                     ("incomplete", Outcome.Incomplete), ("error", Outcome.Error),
                 })
            if (fixture == prefix || fixture.StartsWith(prefix + "-", StringComparison.Ordinal))
                return outcome;
        throw new InvalidOperationException($"fixture {fixture} does not start with an outcome");
    }
}
