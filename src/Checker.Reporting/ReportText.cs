namespace Checker.Reporting;

/// <summary>
/// Text from web pages (cookie names, banner and article text) as every human-readable report shows it: control
/// characters (terminal escape sequences, NUL, bell) and the bidirectional overrides that make text read backwards
/// ("exe.txt" shown as "txt.exe") become a visible U+FFFD, so that nothing in a report acts on the one who reads it.
/// </summary>
public static class ReportText
{
    public const char Replacement = '\uFFFD';

    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!text.Any(IsUnsafe)) return text;
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = IsUnsafe(source[i]) ? Replacement : source[i];
        });
    }

    /// <summary>Controls other than tab and line breaks, and the bidi embeddings, overrides and isolates.</summary>
    public static bool IsUnsafe(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
