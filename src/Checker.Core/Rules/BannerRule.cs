using Checker.Core.Evidence;

namespace Checker.Core.Rules;

/// <summary>The precondition shared by the rules that judge a banner: it was looked for, and it was found.</summary>
public static class BannerRule
{
    /// <summary>The detected banner, or the outcome to give when there is none to judge (error or not-applicable).</summary>
    public static bool TryGet(PageEvidence evidence, out BannerEvidence banner, out RuleResult? outcome)
    {
        banner = evidence.Banner!;
        outcome = null;
        if (evidence.Banner is null || evidence.CollectorFailed(Collectors.Banner))
            outcome = RuleResult.Error("the consent banner could not be looked for");
        else if (!evidence.Banner.Detected)
            outcome = RuleResult.NotApplicable("no consent banner");
        return outcome is null;
    }
}
