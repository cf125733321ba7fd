using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Tcf;

namespace Checker.Core.Rules.Consent;

/// <summary>
/// IAB TCF v2.2 (policy version 4): purposes 3 to 6 (personalised advertising and content profiles and their use)
/// may no longer rest on legitimate interest; only consent.
/// </summary>
public sealed class TcfLegitimateInterest : IRule
{
    public string Id => "consent.tcf-legitimate-interest";

    private static readonly int[] ConsentOnlyPurposes = [3, 4, 5, 6];

    public RuleResult Evaluate(PageAudit audit, RuleMetadata metadata)
    {
        var strings = new[] { Phases.Initial, Phases.Accept, Phases.Reject }
            .Select(p => (Phase: p, Evidence: audit.Phase(p)))
            .Where(p => p.Evidence?.Tcf is not null)
            .SelectMany(p => p.Evidence!.Tcf!.Strings().Select(s => (p.Phase, Text: s)))
            .ToList();
        if (strings.Count == 0) return RuleResult.NotApplicable("no TC string was seen in any phase");

        var items = new List<EvidenceItem>();
        foreach (var (phase, text) in strings.DistinctBy(s => s.Text))
        {
            if (!TcString.TryDecode(text, out var decoded)) continue;
            var claimed = decoded!.PurposeLegitimateInterests.Intersect(ConsentOnlyPurposes).Order().ToList();
            if (claimed.Count > 0)
                items.Add(new EvidenceItem("tc-string", text,
                    $"{phase} phase: legitimate interest for purpose(s) {string.Join(", ", claimed)}; policy version {decoded.PolicyVersion}"));
        }
        return items.Count == 0
            ? RuleResult.Pass("No TC string claims legitimate interest for purposes 3 to 6.")
            : RuleResult.Fail($"The TC string claims legitimate interest for purposes that need consent ({items[0].Detail}).", items);
    }
}
