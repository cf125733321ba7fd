using System.CommandLine;
using Checker.Cli.Audit;
using Checker.Core.Findings;

namespace Checker.Cli.Commands;

/// <summary>What decides the verdict of a run, shared by audit, demo and evaluate: config, profile, baseline, fail-on.</summary>
public sealed class GateOptions
{
    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "Config file (default: ./checker.json when it exists). Profiles, rule levels and parameters, URL overrides, allowlist",
    };
    public Option<string?> Profile { get; } = new("--profile") { Description = "Rule profile: gdpr (default), cnil, ccpa, attribution, all" };
    public Option<string?> FailOn { get; } = new("--fail-on")
    {
        Description = "Exit 1 when a finding fails at or above this severity: error (default), warning or note",
    };
    public Option<string?> Baseline { get; } = new("--baseline")
    {
        Description = "An earlier report.json (or its folder): each failing finding is marked new or unchanged, and fixed ones are listed",
    };
    public Option<bool> FailOnNewOnly { get; } = new("--fail-on-new-only") { Description = "Only findings new since --baseline fail the run" };

    public GateOptions()
    {
        FailOn.AcceptOnlyFromAmong("error", "warning", "note");
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Config, Profile, FailOn, Baseline, FailOnNewOnly }) command.Options.Add(option);
    }

    public GateRequest ToRequest(ParseResult result)
    {
        var failOnNewOnly = result.GetValue(FailOnNewOnly);
        var baseline = result.GetValue(Baseline);
        if (failOnNewOnly && baseline is null) throw new UsageException("--fail-on-new-only needs --baseline: new since which run?");
        var config = result.GetValue(Config);
        if (config is not null && !File.Exists(config)) throw new UsageException($"--config {config}: no such file");
        config ??= File.Exists(Core.Configuration.ConfigLoader.DefaultFileName) ? Path.GetFullPath(Core.Configuration.ConfigLoader.DefaultFileName) : null;
        return new GateRequest
        {
            ConfigPath = config,
            Profile = result.GetValue(Profile),
            FailOn = result.GetValue(FailOn) is { } level ? Enum.Parse<Severity>(level, ignoreCase: true) : null,
            BaselinePath = baseline,
            FailOnNewOnly = failOnNewOnly ? true : null,
        };
    }
}

/// <summary>The gate as asked on the command line; the config fills in what the command line leaves open.</summary>
public sealed record GateRequest
{
    public string? ConfigPath { get; init; }
    public string? Profile { get; init; }
    public Severity? FailOn { get; init; }
    public string? BaselinePath { get; init; }
    public bool? FailOnNewOnly { get; init; }
}
