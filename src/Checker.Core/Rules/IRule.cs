using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules;

/// <summary>The code behind one rule: a pure function of the page's evidence (all its phases) and the rule's metadata.</summary>
public interface IRule
{
    string Id { get; }
    RuleResult Evaluate(PageAudit audit, RuleMetadata metadata);
}

/// <summary>A rule that reads one phase only; it does not apply when that phase was not run.</summary>
public abstract class SinglePhaseRule(string phase) : IRule
{
    public abstract string Id { get; }

    public RuleResult Evaluate(PageAudit audit, RuleMetadata metadata) => audit.Phase(phase) switch
    {
        null => RuleResult.NotApplicable($"the '{phase}' phase was not run"),
        { Navigation.Loaded: false } failed => RuleResult.Error($"the '{phase}' phase could not load the page: {failed.Navigation.Error}"),
        var evidence => Evaluate(evidence, metadata),
    };

    protected abstract RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata);
}

public sealed record RuleResult(Outcome Outcome, string Message, IReadOnlyList<EvidenceItem> Evidence)
{
    public static RuleResult Pass(string message, params IReadOnlyList<EvidenceItem> evidence) => new(Outcome.Pass, message, evidence);
    public static RuleResult Fail(string message, params IReadOnlyList<EvidenceItem> evidence) => new(Outcome.Fail, message, evidence);
    public static RuleResult NotApplicable(string message) => new(Outcome.NotApplicable, message, []);
    public static RuleResult Incomplete(string message, params IReadOnlyList<EvidenceItem> evidence) => new(Outcome.Incomplete, message, evidence);
    public static RuleResult Error(string message) => new(Outcome.Error, message, []);
}
