namespace Checker.Core.Evidence;

/// <summary>The visits made of each page, each in its own fresh profile.</summary>
public static class Phases
{
    /// <summary>No interaction: what happens before any consent.</summary>
    public const string Initial = "initial";
    /// <summary>The banner's reject (on the first layer, else through its settings), then a reload.</summary>
    public const string Reject = "reject";
    /// <summary>The banner's accept, then a reload: what the consent gates.</summary>
    public const string Accept = "accept";
    /// <summary>Global Privacy Control on (Sec-GPC: 1, navigator.globalPrivacyControl), no interaction.</summary>
    public const string Gpc = "gpc";

    public static readonly IReadOnlyList<string> All = [Initial, Reject, Accept, Gpc];
}
