using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Rules;
using Checker.Core.Serialization;
using Checker.Core.Similarity;
using Checker.Reporting;
using Serilog;

namespace Checker.Cli.Audit;

/// <summary>
/// Re-runs the rules on a saved run's evidence, without a browser: new rules, new parameters or another fail-on
/// on old evidence. With nothing changed, the findings are exactly those of the original run.
/// </summary>
public static class EvaluateRunner
{
    public static async Task<int> RunAsync(string input, string? outputDirectory, string rulesFolder, Commands.GateRequest gateRequest,
        IReadOnlyList<string> formats, TextWriter stdout, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        ReportFolder source;
        try { source = ReportFolder.Load(input); }
        catch (ReportReadException e) { throw new UsageException(e.Message); }
        var engine = AuditRunner.LoadRules(rulesFolder);
        // Without a fail-on of its own, the saved run's is kept.
        var gate = Gate.Load(gateRequest with { FailOn = gateRequest.FailOn ?? (gateRequest.ConfigPath is null ? source.Report.Run.FailOn : null) }, engine);
        gate = gate with { References = LoadReferences(source.Directory) };
        var output = outputDirectory is null ? source.Directory : Path.GetFullPath(outputDirectory);
        if (!string.Equals(output, source.Directory, StringComparison.Ordinal)) CopyEvidence(source.Directory, output);

        var pages = new List<PageReport>();
        foreach (var page in source.Report.Pages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pages.Add(Evaluate(source, gate, page));
        }
        var original = source.Report.Run;
        var options = new Dictionary<string, string?>(original.Options)
        {
            ["evaluatedFrom"] = Path.Combine(source.Directory, "report.json"),
            ["originalCommand"] = original.Command,
            ["originalStartedAt"] = original.StartedAt.ToString("O"),
            ["rules"] = rulesFolder,
        };
        var report = gate.Build(new ToolInfo("checker", AuditRunner.ToolVersion),
            new RunInfo { Command = "evaluate", StartedAt = startedAt, FinishedAt = DateTimeOffset.UtcNow, FailOn = gate.FailOn, Options = options },
            pages);
        await ReportWriter.WriteAsync(ReportFolder.From(output, report), output, formats, CancellationToken.None);
        await stdout.WriteAsync(ConsoleReporter.Render(report, Path.Combine(output, "report.json")));
        return report.Summary.ExitCode;
    }

    private static PageReport Evaluate(ReportFolder source, Gate gate, PageReport page)
    {
        // A page that was not audited has nothing to judge, now as then.
        if (page.Status == PageStatus.Failed) return page;
        var phases = new List<PageEvidence>();
        foreach (var (phase, entry) in page.Phases)
        {
            var evidence = source.Evidence(page, phase);
            if (evidence is null)
            {
                // One unreadable file does not sink the run: the page says why it has no findings.
                Log.Warning("{Url}: evidence {File} is missing or unreadable; the page is not evaluated", page.Url, entry.Evidence);
                return page with { Status = PageStatus.Failed, Error = $"evidence {entry.Evidence} is missing or unreadable", Findings = [] };
            }
            phases.Add(evidence);
        }
        return page with { Findings = gate.Judge(page.Url, phases) };
    }

    /// <summary>The audit's reference signatures, so that copies are judged as they were; none when it had none.</summary>
    private static IReadOnlyList<ReferenceText> LoadReferences(string directory)
    {
        var path = Path.Combine(directory, Gate.ReferencesFile);
        if (!File.Exists(path)) return [];
        try
        {
            return CheckerJson.Deserialize<List<ReferenceText>>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new UsageException($"{path}: the saved reference texts cannot be read: {e.Message.Split(" Path:")[0]}");
        }
    }

    /// <summary>A run's evidence files copied into another folder's evidence/ (a file of the same name is replaced).</summary>
    internal static void CopyEvidence(string from, string to)
    {
        try
        {
            var target = Path.Combine(to, "evidence");
            Directory.CreateDirectory(target);
            var source = Path.Combine(from, "evidence");
            if (!Directory.Exists(source)) return;
            foreach (var file in Directory.EnumerateFiles(source))
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write reports to {to}: {e.Message}");
        }
    }
}
