using System.Text;
using Checker.Core.Rules;

namespace Checker.Core.Similarity;

/// <summary>
/// A MinHash signature of a text's word shingles (runs of <see cref="ShingleWords"/> words, after folding case,
/// accents and punctuation): two texts' signatures estimate how much of their wording they share, without keeping
/// the texts. Near-copies, lightly edited copies and copies with extra paragraphs all keep most of their shingles.
/// </summary>
public sealed record TextSignature(int ShingleCount, IReadOnlyList<ulong> MinHashes)
{
    public const int ShingleWords = 5;
    public const int HashCount = 128;

    public static TextSignature Of(string text)
    {
        var words = TextMatch.Words(text).ToArray();
        var shingles = new HashSet<ulong>();
        for (var i = 0; i + ShingleWords <= words.Length; i++)
            shingles.Add(StableHash.Fnv1a64(string.Join(' ', words, i, ShingleWords)));
        // A text shorter than one shingle is one shingle of what it has.
        if (shingles.Count == 0 && words.Length > 0) shingles.Add(StableHash.Fnv1a64(string.Join(' ', words)));

        var minima = new ulong[HashCount];
        Array.Fill(minima, ulong.MaxValue);
        foreach (var shingle in shingles)
            for (var k = 0; k < HashCount; k++)
            {
                var h = Mix(shingle ^ Seeds[k]);
                if (h < minima[k]) minima[k] = h;
            }
        return new TextSignature(shingles.Count, minima);
    }

    /// <summary>
    /// Resemblance (Jaccard of the shingle sets) and containment (the share of this text's shingles found in the
    /// other), estimated from the signatures.
    /// </summary>
    public SimilarityEstimate Compare(TextSignature other)
    {
        if (ShingleCount == 0 || other.ShingleCount == 0 || MinHashes.Count != other.MinHashes.Count) return new SimilarityEstimate(0, 0);
        var equal = 0;
        for (var k = 0; k < MinHashes.Count; k++)
            if (MinHashes[k] == other.MinHashes[k]) equal++;
        var jaccard = (double)equal / MinHashes.Count;
        // |A ∩ B| = J (|A| + |B|) / (1 + J)
        var shared = jaccard * (ShingleCount + other.ShingleCount) / (1 + jaccard);
        return new SimilarityEstimate(jaccard, Math.Min(1, shared / ShingleCount));
    }


    private static readonly ulong[] Seeds = MakeSeeds();

    // Fixed seeds: signatures saved by one run are compared by another.
    private static ulong[] MakeSeeds()
    {
        var seeds = new ulong[HashCount];
        var state = 0x9E3779B97F4A7C15UL;
        for (var k = 0; k < HashCount; k++) seeds[k] = Mix(state += 0x9E3779B97F4A7C15UL);
        return seeds;
    }

    /// <summary>SplitMix64's finaliser: a cheap, well-mixed permutation of 64-bit values.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

public sealed record SimilarityEstimate(double Resemblance, double Containment);

/// <summary>
/// A text the user says is someone's original (`--reference`): where it comes from, whose it is, and its signature.
/// The text itself is not kept; its opening is, to show in reports.
/// </summary>
public sealed record ReferenceText
{
    /// <summary>What the user gave: a file path or a URL.</summary>
    public required string Source { get; init; }
    /// <summary>The original's address (its canonical URL, the URL read, or a "Source:" line), when known.</summary>
    public string? Url { get; init; }
    public string? Title { get; init; }
    public string? Publisher { get; init; }
    public int WordCount { get; init; }
    public string? Opening { get; init; }
    public required TextSignature Signature { get; init; }

    public static ReferenceText FromText(string source, string text, string? url = null, string? title = null, string? publisher = null)
    {
        var words = TextMatch.Words(text);
        return new ReferenceText
        {
            Source = source,
            Url = url,
            Title = title,
            Publisher = publisher,
            WordCount = words.Count,
            Opening = text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…",
            Signature = TextSignature.Of(text),
        };
    }
}
