using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>
/// EDPB cookie-banner taskforce report (2023) §3.1, CNIL: refusing must be as easy as accepting, so a banner
/// that offers "accept" on its first layer must offer "reject" there too.
/// </summary>
public sealed class NoRejectFirstLayer : IRule
{
    public string Id => "consent.no-reject-first-layer";

    public RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata)
    {
        if (evidence.Banner is null || evidence.CollectorFailed(Collectors.Banner))
            return RuleResult.Error("the consent banner could not be looked for");
        var banner = evidence.Banner;
        if (!banner.Detected) return RuleResult.NotApplicable("no consent banner");
        if (banner.Controls.Count == 0)
            return RuleResult.Incomplete("the banner has no button or link that could be read");

        var classified = banner.Controls.Select(c => (Control: c, Kind: Classify(c.Text, metadata))).ToList();
        var items = classified.Select(c => new EvidenceItem(c.Control.Element, c.Control.Text, c.Kind)).ToList();
        var accepts = classified.Where(c => c.Kind is "accept" or "acknowledge").ToList();
        var rejects = classified.Where(c => c.Kind == "reject").ToList();

        if (rejects.Count > 0)
            return RuleResult.Pass($"The first layer offers a reject: \"{rejects[0].Control.Text}\".", items);
        if (accepts.Count > 0)
            return RuleResult.Fail(
                $"The banner offers \"{accepts[0].Control.Text}\" but no way to reject on its first layer " +
                $"(controls: {string.Join(", ", banner.Controls.Select(c => $"\"{c.Text}\""))}).", items);
        return RuleResult.Incomplete("no accept or reject control recognised on the banner", items);
    }

    /// <summary>accept, reject, acknowledge, settings or other. Reject words win: "continue without accepting" is a reject.</summary>
    public static string Classify(string text, RuleMetadata metadata)
    {
        if (TextMatch.FindPhrase(text, metadata.PhrasesFor("reject")) is not null) return "reject";
        if (TextMatch.FindPhrase(text, metadata.PhrasesFor("settings")) is not null) return "settings";
        if (TextMatch.FindPhrase(text, metadata.PhrasesFor("accept")) is not null) return "accept";
        if (TextMatch.FindPhrase(text, metadata.PhrasesFor("acknowledge")) is not null) return "acknowledge";
        return "other";
    }
}
