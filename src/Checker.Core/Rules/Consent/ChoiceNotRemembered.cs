using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>
/// A choice made on one page of the site must hold on the next: a banner that comes back asks the reader again (and
/// again) until they give in. Judged where the reject or accept visit of this page carried a choice made on an earlier
/// page of its site session (interaction.carriedFrom); on the page where the choice was made there is nothing to tell.
/// </summary>
public sealed class ChoiceNotRemembered : IRule
{
    public string Id => "consent.choice-not-remembered";

    public RuleResult Evaluate(PageAudit audit, RuleMetadata metadata)
    {
        var carried = new[] { Phases.Reject, Phases.Accept }
            .Select(audit.Phase)
            .Where(p => p is { Navigation.Loaded: true, Interaction.CarriedFrom: not null })
            .Select(p => p!)
            .ToList();
        if (carried.Count == 0)
            return RuleResult.NotApplicable(
                "no choice was carried to this page: it was made here, or the page was audited alone (only a later page of a site session tells whether a choice is remembered)");

        var forgotten = carried.Where(p => p.Interaction!.BannerReturned).ToList();
        if (forgotten.Count == 0)
            return RuleResult.Pass(
                $"The {Choices(carried)} made on {carried[0].Interaction!.CarriedFrom} held here: no banner asked again.",
                [.. carried.Select(p => new EvidenceItem("choice-made-on", p.Interaction!.CarriedFrom!, p.Phase))]);

        var cookies = forgotten.SelectMany(p => p.Interaction!.ChoiceCookies).Distinct(StringComparer.Ordinal).ToList();
        return RuleResult.Fail(
            $"The banner came back on this page after the reader's {Choices(forgotten)} on {forgotten[0].Interaction!.CarriedFrom}: " +
            (cookies.Count == 0
                ? "the choice set no cookie that could have carried it."
                : $"the choice was stored in {string.Join(", ", cookies)}, which did not stop the banner here."),
            [
                .. forgotten.Select(p => new EvidenceItem("choice-made-on", p.Interaction!.CarriedFrom!, p.Phase)),
                .. cookies.Select(c => new EvidenceItem("choice-cookie", c, "set by the choice; the banner showed again with it")),
            ]);
    }

    private static string Choices(IEnumerable<PageEvidence> phases) => string.Join(" and ", phases.Select(p => $"'{p.Interaction!.Action}'"));
}
