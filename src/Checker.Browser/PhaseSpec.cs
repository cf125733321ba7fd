using Checker.Core.Evidence;

namespace Checker.Browser;

/// <summary>
/// How one phase visits a page: which banner choice it makes, whether Global Privacy Control is on, and what it
/// collects besides the consent evidence. Screenshots and the article are taken in the initial phase only: the
/// reports show the page as it first appears, and every attribution rule judges the initial phase's article (reading
/// it again in the other three phases cost each of them about a second and changed no verdict).
/// </summary>
/// <param name="ReadsSettingsLayer">Opens the banner's settings layer at the end of the visit, once per session (initial phase).</param>
public sealed record PhaseSpec(string Name, string? Choice, bool GlobalPrivacyControl, bool Screenshots, bool ReadsArticle, bool ReadsSettingsLayer = false)
{
    public static PhaseSpec For(string phase) => phase switch
    {
        Phases.Initial => new(Phases.Initial, null, false, Screenshots: true, ReadsArticle: true, ReadsSettingsLayer: true),
        Phases.Reject => new(Phases.Reject, Phases.Reject, false, Screenshots: false, ReadsArticle: false),
        Phases.Accept => new(Phases.Accept, Phases.Accept, false, Screenshots: false, ReadsArticle: false),
        Phases.Gpc => new(Phases.Gpc, null, true, Screenshots: false, ReadsArticle: false),
        _ => throw new ArgumentException($"unknown phase '{phase}' (known: {string.Join(", ", Phases.All)})", nameof(phase)),
    };
}

/// <summary>A file the visit produced besides its evidence (a screenshot), named by kind; the caller decides where it goes.</summary>
public sealed record VisitAttachment(string Kind, string Extension, byte[] Content);

/// <param name="ScreenshotsOf">
/// Set when no screenshot was taken because an earlier page of the same site session showed the same banner (same text,
/// same controls): that page's URL, whose screenshots show this one's banner too.
/// </param>
public sealed record VisitResult(PageEvidence Evidence, IReadOnlyList<VisitAttachment> Attachments, string? ScreenshotsOf = null);
