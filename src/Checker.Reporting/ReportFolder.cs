using System.Text.Json;
using Checker.Core.Evidence;
using Checker.Core.Serialization;

namespace Checker.Reporting;

/// <summary>A saved run: report.json and the evidence files beside it, read back for rendering or re-evaluating.</summary>
public sealed class ReportFolder
{
    private ReportFolder(string directory, RunReport report)
    {
        Directory = directory;
        Report = report;
    }

    public string Directory { get; }
    public RunReport Report { get; }

    /// <summary>A report that is being written into <paramref name="directory"/>, beside its evidence.</summary>
    public static ReportFolder From(string directory, RunReport report) => new(Path.GetFullPath(directory), report);

    /// <summary>Reads report.json from a folder or from the file given. Throws <see cref="ReportReadException"/> with a one-line reason.</summary>
    public static ReportFolder Load(string path)
    {
        var file = System.IO.Directory.Exists(path) ? Path.Combine(path, "report.json") : path;
        if (!File.Exists(file)) throw new ReportReadException($"{file}: no such report");
        RunReport report;
        try
        {
            report = CheckerJson.Deserialize<RunReport>(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new ReportReadException($"{file}: not a Checker report ({e.Message.Split(" Path:")[0]})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportReadException($"{file}: {e.Message}");
        }
        if (report.SchemaVersion > RunReport.CurrentSchemaVersion)
            throw new ReportReadException($"{file}: schema version {report.SchemaVersion} is newer than this Checker reads ({RunReport.CurrentSchemaVersion})");
        return new ReportFolder(Path.GetDirectoryName(Path.GetFullPath(file))!, report);
    }

    /// <summary>The evidence of one phase of a page, or null when its file is missing or unreadable.</summary>
    public PageEvidence? Evidence(PageReport page, string phase)
    {
        if (!page.Phases.TryGetValue(phase, out var entry)) return null;
        return ReadEvidence(entry.Evidence);
    }

    public PageEvidence? ReadEvidence(string relativePath)
    {
        var path = Resolve(relativePath);
        if (path is null || !File.Exists(path)) return null;
        try { return CheckerJson.Deserialize<PageEvidence>(File.ReadAllText(path)); }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>A file saved beside the evidence (a screenshot), by the name the evidence gives it.</summary>
    public byte[]? Attachment(string name)
    {
        var path = Resolve(Path.Combine("evidence", name));
        return path is not null && File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    // Names come from report files, which may have been edited: nothing outside the report's folder is read.
    private string? Resolve(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Directory, relativePath));
        var root = Path.GetFullPath(Directory) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }
}

public sealed class ReportReadException(string message) : Exception(message);
