using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Checker.Core.Rules;

/// <summary>
/// Phrase matching that survives how pages write text: case, curly apostrophes, accents, non-breaking spaces.
/// Phrases match on word boundaries, so "accept" does not match inside "acceptable".
/// </summary>
public static partial class TextMatch
{
    public static string Normalise(string text)
    {
        var decomposed = text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u00A0', ' ')
            .ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                builder.Append(c);
        return Whitespace().Replace(builder.ToString(), " ").Trim();
    }

    /// <summary>The words of a text as <see cref="Normalise"/> folds them, punctuation dropped.</summary>
    public static List<string> Words(string text)
    {
        var folded = Normalise(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded) builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        return [.. builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>Whether the text names <paramref name="name"/> as a whole word, case aside ("AP" in "Jane Doe, AP", not in "APPLE").</summary>
    public static bool MentionsWord(string text, string name) =>
        text.Length > 0 && Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(name)}(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The first phrase found in the text, or null.</summary>
    public static string? FindPhrase(string text, IEnumerable<string> phrases)
    {
        var haystack = Normalise(text);
        return phrases.FirstOrDefault(p => ContainsPhrase(haystack, Normalise(p)));
    }

    public static bool StartsWithPhrase(string text, IEnumerable<string> phrases)
    {
        var haystack = Normalise(text).TrimStart(' ', '\u25BA', '\u25B6', '>', '\u2192', '\u00BB', '-', '\u2022', '*');
        return phrases.Any(p => StartsWithWord(haystack, Normalise(p)));
    }

    private static bool ContainsPhrase(string haystack, string needle)
    {
        if (needle.Length == 0) return false;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0;
             i = haystack.IndexOf(needle, i + 1, StringComparison.Ordinal))
        {
            if (IsBoundary(haystack, i - 1, needle[0]) && IsBoundary(haystack, i + needle.Length, needle[^1])) return true;
        }
        return false;
    }

    private static bool StartsWithWord(string haystack, string needle) =>
        needle.Length > 0 && haystack.StartsWith(needle, StringComparison.Ordinal) && IsBoundary(haystack, needle.Length, needle[^1]);

    // A boundary is the edge of the text or a non-letter-or-digit next to a letter-or-digit end of the phrase.
    private static bool IsBoundary(string text, int index, char phraseEdge) =>
        index < 0 || index >= text.Length || !char.IsLetterOrDigit(phraseEdge) || !char.IsLetterOrDigit(text[index]);

    /// <summary>Splits text into sentences, for quoting the one that proves a finding.</summary>
    public static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    /// <summary>The sentence of the text that holds the phrase, for quoting as evidence.</summary>
    public static string SentenceContaining(string text, string phrase) =>
        Sentences(text).FirstOrDefault(s => FindPhrase(s, [phrase]) is not null) ?? text;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // A sentence ends at . ! or ? before a capital, but not after an initial ("U.S.", "J. Smith") or a title
    // ("Mr.", "Dr."). Without a space it ends only after a lower-case letter: pages glue a banner's sentence to its
    // button ("…if you wish.Accept").
    [GeneratedRegex(@"(?<![\s.(]\p{Lu}\.)(?<!^\p{Lu}\.)(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|Capt|Gov|Sen|Rep|Mme|Mlle|Sra)\.)(?<=[.!?])\s+(?=[\p{Lu}\p{Lt}""“«])|(?<=\p{Ll}[.!?])(?=\p{Lu})")]
    private static partial Regex SentenceEnd();
}
