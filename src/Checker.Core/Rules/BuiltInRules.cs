using Checker.Core.Rules.Attribution;
using Checker.Core.Rules.Consent;

namespace Checker.Core.Rules;

/// <summary>Every rule implementation the tool ships, by id.</summary>
public static class BuiltInRules
{
    public static IReadOnlyDictionary<string, IRule> All { get; } = new IRule[]
    {
        new TrackingBeforeConsent(),
        new BannerMissing(),
        new ImpliedConsent(),
        new NoRejectFirstLayer(),
        new RejectNotRespected(),
        new ChoiceNotRemembered(),
        new UnequalProminence(),
        new PretickedBoxes(),
        new NoPolicyLink(),
        new CookieWall(),
        new TrackingAfterGpc(),
        new ConsentCookieLifetime(),
        new TcfConsentBeforeChoice(),
        new TcfLegitimateInterest(),
        new MissingByline(),
        new UncreditedCorrespondent(),
        new CopyArtifacts(),
        new MissingDate(),
        new MissingPublisher(),
        new UncreditedWireCopy(),
        new StructuredData(),
        new ImageCreditMissing(),
        new UnlabelledSponsored(),
        new CopiedContent(),
        new SyndicationCanonical(),
    }.ToDictionary(r => r.Id);

    public static RuleEngine LoadEngine(string rulesFolder) =>
        new(RuleCatalog.Load(rulesFolder, All.Keys.ToList()), All);
}
