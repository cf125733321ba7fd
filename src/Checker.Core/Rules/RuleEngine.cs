using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules;

/// <summary>Evaluates every rule of the catalog on one page's evidence. A rule that throws yields an "error" finding.</summary>
public sealed class RuleEngine(RuleCatalog catalog, IReadOnlyDictionary<string, IRule> implementations)
{
    public RuleCatalog Catalog => catalog;

    /// <summary>The same rule code evaluated with other settings (see <see cref="RuleCatalog.WithRules"/>).</summary>
    public RuleEngine With(RuleCatalog other) => new(other, implementations);

    public IReadOnlyList<Finding> Evaluate(PageAudit audit)
    {
        var findings = new List<Finding>(catalog.Rules.Count);
        foreach (var metadata in catalog.Rules)
        {
            RuleResult result;
            try
            {
                result = implementations[metadata.Id].Evaluate(audit, metadata);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                result = RuleResult.Error($"the rule failed: {e.Message}");
            }
            findings.Add(new Finding
            {
                RuleId = metadata.Id,
                Outcome = result.Outcome,
                Severity = metadata.Severity,
                Message = result.Message,
                Evidence = result.Evidence,
                Fingerprint = FindingFingerprint.Of(audit.Url, metadata.Id, result.Evidence),
            });
        }
        return findings;
    }
}
