using Checker.Cli.Commands;
using Checker.Core.Configuration;
using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Rules;
using Checker.Core.Similarity;
using Checker.Reporting;
using Serilog;

namespace Checker.Cli.Audit;

/// <summary>The config, profile, baseline and fail-on of a run, loaded and checked before anything is audited.</summary>
public sealed record Gate(AuditPolicy Policy, Severity FailOn, bool FailOnNewOnly, RunReport? Baseline, string? BaselineSource, DateOnly Today)
{
    /// <summary>The originals pages are compared with (`--reference`), read once per run.</summary>
    public IReadOnlyList<ReferenceText> References { get; init; } = [];

    /// <summary>Where a run keeps its references' signatures, so that `evaluate` judges copies as the audit did.</summary>
    public const string ReferencesFile = "evidence/references.json";

    /// <summary>
    /// The findings of one page, from the phases that loaded (a phase that failed leaves its rules "error" or
    /// "incomplete", never "pass"), judged on the run's day, the day its allowlist expiries are read against.
    /// </summary>
    public IReadOnlyList<Finding> Judge(string url, IEnumerable<PageEvidence> phases) => Policy.Evaluate(new PageAudit
    {
        Url = url,
        Phases = phases.Where(e => e.Navigation.Loaded).ToDictionary(e => e.Phase, StringComparer.Ordinal),
        References = References,
    }, Today);

    public static Gate Load(GateRequest request, RuleEngine engine)
    {
        IReadOnlyDictionary<string, Profile> profiles;
        try { profiles = Profiles.Load(engine.Catalog); }
        catch (RuleCatalogException e) { throw new UsageException($"broken rules: {e.Message}"); }

        CheckerConfig config;
        try
        {
            config = request.ConfigPath is { } path ? ConfigLoader.Load(path, engine.Catalog, profiles) : new CheckerConfig();
        }
        catch (ConfigException e)
        {
            throw new UsageException($"bad config: {e.Message}");
        }
        if (request.Profile is { } profile)
        {
            if (!profiles.ContainsKey(profile)) throw new UsageException($"--profile: unknown profile '{profile}' (known: {string.Join(", ", profiles.Keys)})");
            config = config with { Profile = profile };
        }
        var policy = AuditPolicy.Create(engine, config, profiles);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var expired in policy.ExpiredEntries(today))
            Log.Warning("Allowlist entry at {Source} expired on {Expires:yyyy-MM-dd} and no longer applies: {Reason}", expired.Source, expired.Expires, expired.Reason);
        if (config.SourcePath is not null)
            Log.Information("Config {Path}: profile {Profile}, {Rules} rule(s) on, {Allow} allowlist entr(ies)", config.SourcePath, policy.ProfileName,
                policy.Catalog.Rules.Count, config.Allow.Count);

        RunReport? baseline = null;
        string? baselineSource = null;
        if (request.BaselinePath is { } baselinePath)
        {
            try
            {
                var folder = ReportFolder.Load(baselinePath);
                baseline = folder.Report;
                baselineSource = Path.Combine(folder.Directory, "report.json");
            }
            catch (ReportReadException e)
            {
                throw new UsageException($"--baseline: {e.Message}");
            }
        }
        var failOnNewOnly = request.FailOnNewOnly ?? config.FailOnNewOnly;
        if (failOnNewOnly && baseline is null) throw new UsageException("failOnNewOnly needs a baseline (--baseline): new since which run?");
        return new Gate(policy, request.FailOn ?? config.FailOn ?? Severity.Error, failOnNewOnly, baseline, baselineSource, today);
    }

    public RunInfo Describe(RunInfo run) => run with
    {
        FailOn = FailOn,
        FailOnNewOnly = FailOnNewOnly,
        Config = Policy.Config.SourcePath,
        Profile = Policy.ProfileName,
    };

    public RunReport Build(ToolInfo tool, RunInfo run, IReadOnlyList<PageReport> pages) =>
        ReportBuilder.Build(tool, Describe(run), Policy.Catalog, pages, Baseline, BaselineSource);
}
