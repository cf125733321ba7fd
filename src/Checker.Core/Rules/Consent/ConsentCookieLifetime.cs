using System.Text.Json;
using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>CNIL délibération 2020-091: the consent choice is kept at most 13 months (the cookie that stores it too).</summary>
public sealed class ConsentCookieLifetime() : SinglePhaseRule(Phases.Accept)
{
    public override string Id => "consent.consent-cookie-lifetime";

    protected override RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata)
    {
        if (evidence.Interaction is not { Outcome: InteractionEvidence.Done } interaction)
            return RuleResult.NotApplicable("no accept was performed");
        var maxDays = metadata.Parameters.TryGetProperty("maxDays", out var d) ? d.GetInt32() : 395;
        var names = metadata.Parameters.TryGetProperty("consentCookieWords", out var w) && w.ValueKind == JsonValueKind.Array
            ? w.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToList()
            : [];
        var consentCookies = evidence.Cookies.Where(c => c.SetAfterInteraction && c.Classification?.IsTracking != true
            && names.Any(n => c.Name.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (consentCookies.Count == 0)
            return RuleResult.Incomplete("no cookie that stores the consent choice was recognised after accepting");
        var from = interaction.CompletedAt ?? evidence.FinishedAt;
        var tooLong = consentCookies.Where(c => c.Expires is { } e && (e - from).TotalDays > maxDays).ToList();
        var items = consentCookies.Select(c => new EvidenceItem("cookie", c.Name,
            c.Expires is { } e ? $"kept {(e - from).TotalDays:0} days" : "session")).ToList();
        return tooLong.Count == 0
            ? RuleResult.Pass($"The consent choice is kept at most {maxDays} days.", items)
            : RuleResult.Fail($"The consent choice is kept longer than {maxDays} days (13 months): " +
                              string.Join(", ", tooLong.Select(c => $"{c.Name} for {(c.Expires!.Value - from).TotalDays:0} days")) + ".", items);
    }
}
