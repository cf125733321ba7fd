using Checker.Core.Serialization;

namespace Checker.Reporting;

/// <summary>Writes a run's report in the formats asked for, each file whole or not at all.</summary>
public static class ReportWriter
{
    public static readonly IReadOnlyList<string> Formats = ["json", "html", "junit", "sarif", "md"];

    public static string FileName(string format) => format switch
    {
        "json" => "report.json",
        "html" => "report.html",
        "junit" => "report.junit.xml",
        "sarif" => "report.sarif",
        "md" => "report.md",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown report format"),
    };

    /// <summary>Parses "json,html" into known formats in a fixed order; returns the unknown ones separately.</summary>
    public static (IReadOnlyList<string> Known, IReadOnlyList<string> Unknown) Parse(string list)
    {
        var asked = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => f.ToLowerInvariant()).ToHashSet();
        return (Formats.Where(asked.Contains).ToList(), asked.Except(Formats).Order().ToList());
    }

    /// <summary>
    /// Writes every format asked for into <paramref name="outputDirectory"/>; the HTML report reads its evidence
    /// and screenshots through <paramref name="source"/>. Returns the paths written.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(ReportFolder source, string outputDirectory, IEnumerable<string> formats,
        CancellationToken cancellationToken)
    {
        var written = new List<string>();
        foreach (var format in formats)
        {
            var path = Path.Combine(outputDirectory, FileName(format));
            // JSON goes straight into the file (a large run's report is never one string); the others are rendered first.
            if (format == "json") await CheckerJson.WriteJsonAtomicallyAsync(path, source.Report, cancellationToken);
            else await CheckerJson.WriteAtomicallyAsync(path, Render(source, format), cancellationToken);
            written.Add(path);
        }
        return written;
    }

    private static string Render(ReportFolder source, string format) => format switch
    {
        "html" => HtmlReporter.Render(source),
        "junit" => JunitReporter.Render(source.Report),
        "sarif" => SarifReporter.Render(source.Report),
        "md" => MarkdownReporter.Render(source.Report),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown report format"),
    };
}
