using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules;

/// <summary>The code behind one rule: a pure function of the evidence and the rule's own metadata.</summary>
public interface IRule
{
    string Id { get; }
    RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata);
}

public sealed record RuleResult(Outcome Outcome, string Message, IReadOnlyList<EvidenceItem> Evidence)
{
    public static RuleResult Pass(string message, params IReadOnlyList<EvidenceItem> evidence) => new(Outcome.Pass, message, evidence);
    public static RuleResult Fail(string message, params IReadOnlyList<EvidenceItem> evidence) => new(Outcome.Fail, message, evidence);
    public static RuleResult NotApplicable(string message) => new(Outcome.NotApplicable, message, []);
    public static RuleResult Incomplete(string message, params IReadOnlyList<EvidenceItem> evidence) => new(Outcome.Incomplete, message, evidence);
    public static RuleResult Error(string message) => new(Outcome.Error, message, []);
}
