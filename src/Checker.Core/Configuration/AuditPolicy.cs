using System.Text.Json;
using System.Text.Json.Nodes;
using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Rules;

namespace Checker.Core.Configuration;

/// <summary>
/// A config applied to the rules: the profile picks the rules and their levels, the config's "rules" and then its
/// URL overrides adjust them per page, and its allowlist accepts known findings. Pure: same evidence, same config,
/// same day — same findings.
/// </summary>
public sealed class AuditPolicy
{
    private readonly RuleEngine _engine;
    private readonly Profile _profile;

    private AuditPolicy(RuleEngine engine, CheckerConfig config, Profile profile)
    {
        _engine = engine;
        _profile = profile;
        Config = config;
        Catalog = CatalogFor(null);
    }

    public CheckerConfig Config { get; }
    public string ProfileName => _profile.Name;

    /// <summary>The rules as set for every page (profile and "rules"; URL overrides not applied): what the report lists.</summary>
    public RuleCatalog Catalog { get; }

    public static AuditPolicy Create(RuleEngine engine, CheckerConfig config, IReadOnlyDictionary<string, Profile> profiles) =>
        new(engine, config, profiles.TryGetValue(config.Profile, out var profile)
            ? profile
            : throw new ConfigException($"unknown profile '{config.Profile}' (known: {string.Join(", ", profiles.Keys)})"));

    /// <summary>The findings of one page: the rules on for its URL at their levels, then the allowlist.</summary>
    public IReadOnlyList<Finding> Evaluate(PageAudit audit, DateOnly today) =>
        _engine.With(CatalogFor(audit.Url)).Evaluate(audit).Select(f => Allow(audit.Url, f, today)).ToList();

    /// <summary>Allowlist entries past their date: they no longer apply, and the user should hear of it.</summary>
    public IReadOnlyList<AllowEntry> ExpiredEntries(DateOnly today) => Config.Allow.Where(a => a.IsExpired(today)).ToList();

    public RuleCatalog CatalogFor(string? url)
    {
        var rules = new List<RuleMetadata>();
        foreach (var rule in _engine.Catalog.Rules)
        {
            var level = _profile.Includes(rule.Id) ? _profile.Levels.GetValueOrDefault(rule.Id) : Levels.Off;
            JsonObject? parameters = null;
            void Apply(RuleSetting setting)
            {
                if (setting.Level is not null) level = setting.Level;
                if (setting.Parameters is not null)
                {
                    parameters ??= [];
                    foreach (var (name, value) in setting.Parameters) parameters[name] = value?.DeepClone();
                }
            }
            if (Config.Rules.TryGetValue(rule.Id, out var configured)) Apply(configured);
            if (url is not null)
                foreach (var o in Config.Overrides.Where(o => o.Urls.Any(pattern => Glob.IsMatch(pattern, url))))
                    if (o.Rules.TryGetValue(rule.Id, out var overridden)) Apply(overridden);
            if (level == Levels.Off) continue;
            var metadata = level is null ? rule : rule with { Severity = Levels.ToSeverity(level)!.Value };
            if (parameters is not null) metadata = metadata with { Parameters = Merge(rule.Parameters, parameters) };
            rules.Add(metadata);
        }
        return _engine.Catalog.WithRules(rules);
    }

    private static JsonElement Merge(JsonElement original, JsonObject changes)
    {
        var merged = original.ValueKind == JsonValueKind.Object ? JsonObject.Create(original)!.DeepClone().AsObject() : [];
        foreach (var (name, value) in changes) merged[name] = value?.DeepClone();
        return JsonSerializer.SerializeToElement(merged);
    }

    /// <summary>
    /// A failing finding is accepted when an entry names its rule (and page), or when every cookie and tracker host it
    /// cites is allowed. A finding that cites one more, unlisted cookie still fails: the allowlist is not a blank cheque.
    /// </summary>
    private Finding Allow(string url, Finding finding, DateOnly today)
    {
        if (finding.Outcome != Outcome.Fail) return finding;
        var entries = Config.Allow.Where(a => !a.IsExpired(today)
                                              && (a.Rule is null || Glob.IsMatch(a.Rule, finding.RuleId))
                                              && (a.Url is null || Glob.IsMatch(a.Url, url))).ToList();
        if (entries.Count == 0) return finding;
        if (entries.FirstOrDefault(a => a.Cookie is null && a.Host is null) is { } whole)
            return finding with { Suppression = new Suppression(whole.Reason, whole.Expires, whole.Source) };

        var cited = finding.Evidence.Where(e => e.Kind is "cookie" or "tracker-host").ToList();
        if (cited.Count == 0) return finding;
        var used = new List<AllowEntry>();
        foreach (var item in cited)
        {
            var entry = entries.FirstOrDefault(a => item.Kind == "cookie"
                ? a.Cookie is { } cookie && Glob.IsMatch(cookie, item.Value)
                : a.Host is { } host && (Glob.IsMatch(host, item.Value) || item.Value.EndsWith("." + host, StringComparison.OrdinalIgnoreCase)));
            if (entry is null) return finding;
            if (!used.Contains(entry)) used.Add(entry);
        }
        return finding with
        {
            Suppression = new Suppression(
                string.Join("; ", used.Select(u => u.Reason).Distinct()),
                used.Where(u => u.Expires is not null).Select(u => u.Expires).Min(),
                string.Join(", ", used.Select(u => u.Source))),
        };
    }
}
