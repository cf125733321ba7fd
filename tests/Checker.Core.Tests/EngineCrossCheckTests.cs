using Checker.Core.Evidence;

namespace Checker.Core.Tests;

/// <summary>The cross-check an auditor reads when autoconsent and the generic engine both looked at a banner.</summary>
public sealed class EngineCrossCheckTests
{
    private static readonly GenericPlan RejectOnFirstLayer = new(GenericPlan.FirstLayer, "reject on the first layer: \"Reject all\"");
    private static readonly GenericPlan NoRejectNoSettings = new(GenericPlan.None, "no reject and no settings control");
    private static readonly GenericPlan NoBanner = new(GenericPlan.NoBanner, "no banner found");

    private static AutoconsentEvidence Found(bool? result) => new() { Cmp = "Klaro", PopupFound = true, Result = result };

    [Test]
    public void Is_absent_when_autoconsent_did_not_run() =>
        Assert.That(EngineCrossCheck.Of(Phases.Reject, RejectOnFirstLayer, null), Is.Null);

    [Test]
    public void Both_engines_able_to_reject_agree()
    {
        var check = EngineCrossCheck.Of(Phases.Reject, RejectOnFirstLayer, Found(true))!;
        Assert.That(check.Verdict, Is.EqualTo(EngineCrossCheck.Agree));
        Assert.That(check.Detail, Does.Contain("Klaro").And.Contain("Reject all"));
    }

    [Test]
    public void Autoconsent_rejecting_where_the_generic_engine_saw_no_way_is_a_disagreement() =>
        Assert.That(EngineCrossCheck.Of(Phases.Reject, NoRejectNoSettings, Found(true))!.Verdict, Is.EqualTo(EngineCrossCheck.Disagree));

    [Test]
    public void Autoconsent_failing_where_the_generic_engine_has_a_reject_is_a_disagreement() =>
        Assert.That(EngineCrossCheck.Of(Phases.Reject, RejectOnFirstLayer, Found(false))!.Verdict, Is.EqualTo(EngineCrossCheck.Disagree));

    [Test]
    public void An_acknowledge_button_counts_as_a_way_to_accept_but_not_to_reject()
    {
        var acknowledge = new GenericPlan(GenericPlan.AcknowledgeOnly, "acknowledge only: \"OK\"");
        Assert.That(EngineCrossCheck.Of(Phases.Accept, acknowledge, Found(true))!.Verdict, Is.EqualTo(EngineCrossCheck.Agree));
        Assert.That(EngineCrossCheck.Of(Phases.Reject, acknowledge, Found(true))!.Verdict, Is.EqualTo(EngineCrossCheck.Disagree));
    }

    [Test]
    public void A_banner_only_one_engine_found_is_said_so()
    {
        var onlyGeneric = EngineCrossCheck.Of(Phases.Reject, RejectOnFirstLayer, new AutoconsentEvidence { PopupFound = false })!;
        Assert.That(onlyGeneric.Verdict, Is.EqualTo(EngineCrossCheck.OneEngine));
        Assert.That(onlyGeneric.Detail, Does.StartWith("only the generic engine"));
        var onlyAutoconsent = EngineCrossCheck.Of(Phases.Reject, NoBanner, Found(true))!;
        Assert.That(onlyAutoconsent.Detail, Does.StartWith("only autoconsent"));
        Assert.That(EngineCrossCheck.Of(Phases.Reject, NoBanner, new AutoconsentEvidence { PopupFound = false })!.Verdict,
            Is.EqualTo(EngineCrossCheck.Agree));
    }

    [Test]
    public void No_verdict_from_autoconsent_is_not_counted_as_agreement() =>
        Assert.That(EngineCrossCheck.Of(Phases.Reject, RejectOnFirstLayer, Found(null))!.Verdict, Is.EqualTo(EngineCrossCheck.OneEngine));
}
