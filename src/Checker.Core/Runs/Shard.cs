using Checker.Core.Findings;

namespace Checker.Core.Runs;

/// <summary>
/// `--shard K/N`: the K-th of N deterministic shares of a URL list, decided by a stable hash of each normalised URL,
/// so that N CI jobs or the pods of an Indexed Job, each given the same list, audit every page exactly once between
/// them whatever order the list is in.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public static readonly Shard All = new(1, 1);

    public bool Contains(string url) => Count == 1 || (int)(StableHash.Fnv1a64(FindingFingerprint.NormaliseUrl(url)) % (ulong)Count) == Index - 1;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>"2/5" → shard 2 of 5; null and a reason when the text is not a shard.</summary>
    public static Shard? Parse(string text, out string? problem)
    {
        problem = null;
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out var index) && int.TryParse(parts[1], out var count)
            && count is >= 1 and <= 10_000 && index >= 1 && index <= count)
            return new Shard(index, count);
        problem = $"'{text}' is not K/N with 1 ≤ K ≤ N (e.g. 1/4)";
        return null;
    }
}
