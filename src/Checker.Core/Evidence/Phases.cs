namespace Checker.Core.Evidence;

public static class Phases
{
    /// <summary>A fresh profile, no interaction: what happens before any consent.</summary>
    public const string Initial = "initial";
}
