using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Checker.Core.Findings;
using Checker.Core.Rules;

namespace Checker.Core.Configuration;

/// <summary>A config file that cannot be used: the message names the file, the line and what is wrong.</summary>
public sealed class ConfigException(string message) : Exception(message);

/// <summary>
/// Reads checker.json strictly: an unknown key, rule, level or parameter is an error, not silently ignored, since a
/// typo in a CI gate would otherwise pass unnoticed. The JSON Schema in docs/checker.schema.json describes the same.
/// </summary>
public static class ConfigLoader
{
    public const string DefaultFileName = "checker.json";
    private static readonly string[] TopLevelKeys = ["$schema", "profile", "failOn", "failOnNewOnly", "rules", "overrides", "allow"];
    private static readonly string[] AllowKeys = ["rule", "url", "cookie", "host", "reason", "expires"];

    public static CheckerConfig Load(string path, RuleCatalog catalog, IReadOnlyDictionary<string, Profile> profiles)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ConfigException($"{path}: {e.Message}"); }
        return Parse(text, path, catalog, profiles);
    }

    public static CheckerConfig Parse(string text, string path, RuleCatalog catalog, IReadOnlyDictionary<string, Profile> profiles)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: JsonLines.AuthoredFile);
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{path} line {(e.LineNumber ?? 0) + 1}: not valid JSON: {JsonLines.ErrorText(e)}");
        }
        // One line, whatever the file holds: a value quoted in the message may contain a line break.
        var fail = (string pointer, string message) =>
            new ConfigException($"{path} line {JsonLines.LineOf(text, pointer)}: {message}".ReplaceLineEndings("\\n"));
        if (root is not JsonObject top) throw fail("", "the config must be a JSON object");

        foreach (var (key, _) in top)
            if (!TopLevelKeys.Contains(key)) throw fail("/" + key, $"unknown key '{key}' (known: {string.Join(", ", TopLevelKeys.Skip(1))})");

        var profile = Profiles.Default;
        if (top["profile"] is { } p)
        {
            profile = StringOf(p) ?? throw fail("/profile", "'profile' must be a string");
            if (!profiles.ContainsKey(profile)) throw fail("/profile", $"unknown profile '{profile}' (known: {string.Join(", ", profiles.Keys)})");
        }
        Severity? failOn = null;
        if (top["failOn"] is { } f)
        {
            var level = StringOf(f);
            if (level is not ("error" or "warning" or "note")) throw fail("/failOn", "'failOn' must be \"error\", \"warning\" or \"note\"");
            failOn = Enum.Parse<Severity>(level, ignoreCase: true);
        }
        var failOnNewOnly = false;
        if (top["failOnNewOnly"] is { } n)
        {
            if (n.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) throw fail("/failOnNewOnly", "'failOnNewOnly' must be true or false");
            failOnNewOnly = n.GetValue<bool>();
        }

        var rules = top["rules"] is { } r ? RuleSettings(r, "/rules", catalog, fail) : new Dictionary<string, RuleSetting>();

        var overrides = new List<UrlOverride>();
        if (top["overrides"] is { } o)
        {
            if (o is not JsonArray list) throw fail("/overrides", "'overrides' must be a list");
            for (var i = 0; i < list.Count; i++)
            {
                var at = $"/overrides/{i}";
                if (list[i] is not JsonObject entry) throw fail(at, "an override must be an object with 'urls' and 'rules'");
                foreach (var (key, _) in entry)
                    if (key is not ("urls" or "rules")) throw fail($"{at}/{key}", $"unknown key '{key}' in an override (known: urls, rules)");
                var urls = entry["urls"] switch
                {
                    JsonArray a when a.Count > 0 && a.All(u => StringOf(u) is { Length: > 0 }) => a.Select(u => StringOf(u)!).ToList(),
                    JsonValue v when StringOf(v) is { Length: > 0 } one => [one],
                    _ => throw fail($"{at}/urls", "'urls' must be a URL pattern or a non-empty list of them, e.g. \"https://www.example.com/live/*\""),
                };
                if (entry["rules"] is not { } rulesNode) throw fail(at, "an override needs 'rules'");
                overrides.Add(new UrlOverride(urls, RuleSettings(rulesNode, $"{at}/rules", catalog, fail)));
            }
        }

        var allow = new List<AllowEntry>();
        if (top["allow"] is { } a2)
        {
            if (a2 is not JsonArray list) throw fail("/allow", "'allow' must be a list");
            for (var i = 0; i < list.Count; i++)
            {
                var at = $"/allow/{i}";
                if (list[i] is not JsonObject entry) throw fail(at, "an allow entry must be an object");
                foreach (var (key, value) in entry)
                {
                    if (!AllowKeys.Contains(key)) throw fail($"{at}/{key}", $"unknown key '{key}' in an allow entry (known: {string.Join(", ", AllowKeys)})");
                    if (StringOf(value) is null) throw fail($"{at}/{key}", $"'{key}' must be a string");
                }
                string? Get(string key) => StringOf(entry[key]);
                var reason = Get("reason");
                if (string.IsNullOrWhiteSpace(reason)) throw fail(at, "an allow entry needs a 'reason': say why this is accepted");
                var rule = Get("rule");
                if (rule is not null && !rule.Contains('*') && !catalog.Rules.Any(x => x.Id == rule))
                    throw fail($"{at}/rule", $"unknown rule '{rule}'");
                if (rule is null && Get("cookie") is null && Get("host") is null)
                    throw fail(at, "an allow entry needs a 'rule', a 'cookie' or a 'host'");
                if (Get("cookie") is not null && Get("host") is not null)
                    throw fail(at, "an allow entry names a 'cookie' or a 'host', not both: write two entries");
                DateOnly? expires = null;
                if (Get("expires") is { } date)
                {
                    if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                        throw fail($"{at}/expires", $"'expires' must be a date written YYYY-MM-DD, not '{date}'");
                    expires = parsed;
                }
                allow.Add(new AllowEntry
                {
                    Rule = rule, Url = Get("url"), Cookie = Get("cookie"), Host = Get("host"), Reason = reason.Trim(), Expires = expires,
                    Source = $"{Path.GetFileName(path)} line {JsonLines.LineOf(text, at)}",
                });
            }
        }

        return new CheckerConfig
        {
            SourcePath = Path.GetFullPath(path),
            Profile = profile,
            FailOn = failOn,
            FailOnNewOnly = failOnNewOnly,
            Rules = rules,
            Overrides = overrides,
            Allow = allow,
        };
    }

    private static Dictionary<string, RuleSetting> RuleSettings(JsonNode node, string at, RuleCatalog catalog, Func<string, string, ConfigException> fail)
    {
        if (node is not JsonObject map) throw fail(at, "'rules' must be an object of rule id to level or settings");
        var settings = new Dictionary<string, RuleSetting>(StringComparer.Ordinal);
        foreach (var (id, value) in map)
        {
            var here = $"{at}/{id.Replace("~", "~0").Replace("/", "~1")}";
            var rule = catalog.Rules.FirstOrDefault(r => r.Id == id)
                       ?? throw fail(here, $"unknown rule '{id}' (see 'checker rules list')");
            switch (value)
            {
                case JsonValue when StringOf(value) is { } level:
                    settings[id] = new RuleSetting(CheckLevel(level, here, fail), null);
                    break;
                case JsonObject setting:
                    foreach (var (key, _) in setting)
                        if (key is not ("level" or "parameters")) throw fail($"{here}/{key}", $"unknown key '{key}' for a rule (known: level, parameters)");
                    var lvl = setting["level"] is { } l ? CheckLevel(StringOf(l) ?? "", $"{here}/level", fail) : null;
                    JsonObject? parameters = null;
                    if (setting["parameters"] is { } ps)
                    {
                        parameters = ps as JsonObject ?? throw fail($"{here}/parameters", "'parameters' must be an object");
                        var known = rule.Parameters.ValueKind == JsonValueKind.Object
                            ? rule.Parameters.EnumerateObject().Select(x => x.Name).ToList()
                            : [];
                        foreach (var (name, _) in parameters)
                            if (!known.Contains(name))
                                throw fail($"{here}/parameters/{name}", known.Count == 0
                                    ? $"rule '{id}' has no parameters"
                                    : $"rule '{id}' has no parameter '{name}' (it has: {string.Join(", ", known)})");
                        parameters = (JsonObject)parameters.DeepClone();
                    }
                    settings[id] = new RuleSetting(lvl, parameters);
                    break;
                default:
                    throw fail(here, $"rule '{id}': give a level ({string.Join(", ", Levels.All)}) or {{ \"level\": …, \"parameters\": {{…}} }}");
            }
        }
        return settings;
    }

    private static string CheckLevel(string level, string at, Func<string, string, ConfigException> fail) =>
        Levels.All.Contains(level) ? level : throw fail(at, $"'{level}' is not a level (use {string.Join(", ", Levels.All)})");

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
