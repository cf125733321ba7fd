using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Tcf;

namespace Checker.Core.Rules.Consent;

/// <summary>
/// IAB TCF v2.2 policy and GDPR art. 7: a TC string may only signal consent the reader gave. On a first visit,
/// before any choice, it must not carry purpose or vendor consents.
/// </summary>
public sealed class TcfConsentBeforeChoice() : SinglePhaseRule(Phases.Initial)
{
    public override string Id => "consent.tcf-consent-before-choice";

    protected override RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata)
    {
        if (evidence.CollectorFailed(Collectors.Tcf)) return RuleResult.Error("the TCF signals could not be read");
        if (evidence.Tcf is not { } tcf) return RuleResult.NotApplicable("the page has no IAB TCF consent platform");
        var strings = tcf.Strings().ToList();
        if (strings.Count == 0)
            return tcf.Error is null
                ? RuleResult.Pass("Before any choice the TCF platform holds no TC string.")
                : RuleResult.Incomplete($"__tcfapi did not give TC data: {tcf.Error}");

        var items = new List<EvidenceItem>();
        foreach (var text in strings)
        {
            if (!TcString.TryDecode(text, out var decoded))
                return RuleResult.Incomplete("the TC string could not be decoded", new EvidenceItem("tc-string", text));
            if (decoded!.PurposeConsents.Count > 0 || decoded.VendorConsents.Count > 0)
                items.Add(new EvidenceItem("tc-string", text,
                    $"purposes consented: {string.Join(", ", decoded.PurposeConsents)}; vendors consented: {decoded.VendorConsents.Count}; " +
                    $"source: {(text == tcf.TcString ? "__tcfapi" : "euconsent-v2 cookie")}; eventStatus: {tcf.EventStatus ?? "none"}"));
        }
        if (items.Count == 0)
            return RuleResult.Pass("Before any choice the TC string signals no purpose or vendor consent.",
                [.. strings.Select(s => new EvidenceItem("tc-string", s))]);
        return RuleResult.Fail($"Before the reader chose anything, the TC string already signals consent ({items[0].Detail}).", items);
    }
}
