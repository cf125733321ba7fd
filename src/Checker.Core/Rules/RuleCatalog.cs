using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Checker.Core.Findings;

namespace Checker.Core.Rules;

/// <summary>
/// The rules folder: one JSON file per rule under rules/&lt;family&gt;/, shared data under rules/data/.
/// Every rule file must have code behind it and every rule in code a file; anything else is a broken rules folder.
/// </summary>
public sealed class RuleCatalog
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string Folder { get; }
    public IReadOnlyList<RuleMetadata> Rules { get; }

    private RuleCatalog(string folder, IReadOnlyList<RuleMetadata> rules)
    {
        Folder = folder;
        Rules = rules;
    }

    public RuleMetadata this[string id] => Rules.First(r => r.Id == id);

    /// <summary>The same folder with another set of rule settings (a profile's, a config's): some off, levels or parameters changed.</summary>
    public RuleCatalog WithRules(IReadOnlyList<RuleMetadata> rules) => new(Folder, rules);

    public string DataPath(string fileName) => Path.Combine(Folder, "data", fileName);

    public static RuleCatalog Load(string folder, IReadOnlyCollection<string> implementedIds)
    {
        if (!Directory.Exists(folder)) throw new RuleCatalogException($"rules folder not found: {folder}");
        var rules = new List<RuleMetadata>();
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Where(f => !IsUnder(folder, f, "data"))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            RuleMetadata? rule;
            try
            {
                var node = JsonNode.Parse(File.ReadAllText(file), documentOptions: Configuration.JsonLines.AuthoredFile);
                if (node is not JsonObject) throw new RuleCatalogException($"{file}: a rule file must be a JSON object");
                ResolveDataReferences(node["parameters"], folder, file);
                rule = node.Deserialize<RuleMetadata>(Options);
            }
            catch (JsonException e)
            {
                var where = e.LineNumber is { } line ? $" line {line + 1}" : "";
                throw new RuleCatalogException($"{file}{where}: {Configuration.JsonLines.ErrorText(e)}");
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException or ArgumentException)
            {
                // A value of the wrong kind where the metadata expects another (a list for a number, …).
                throw new RuleCatalogException($"{file}: {Configuration.JsonLines.ErrorText(e)}");
            }
            if (rule is null) throw new RuleCatalogException($"{file}: empty rule file");
            if (!implementedIds.Contains(rule.Id))
                throw new RuleCatalogException($"{file}: no rule implementation has id '{rule.Id}'");
            var expectedName = rule.Id + ".json";
            if (!string.Equals(Path.GetFileName(file), expectedName, StringComparison.Ordinal))
                throw new RuleCatalogException($"{file}: a rule file must be named after its id ({expectedName})");
            if (rules.Any(r => r.Id == rule.Id))
                throw new RuleCatalogException($"{file}: rule id '{rule.Id}' is defined twice");
            rules.Add(rule with { SourcePath = file });
        }
        var missing = implementedIds.Except(rules.Select(r => r.Id)).ToList();
        if (missing.Count > 0)
            throw new RuleCatalogException($"{folder}: no rule file for {string.Join(", ", missing)}");
        return new RuleCatalog(Path.GetFullPath(folder), rules);
    }

    /// <summary>
    /// A parameter written "@data/name.json" stands for that file of the data folder, so that keyword lists shared by
    /// the collectors and several rules are kept once.
    /// </summary>
    private static void ResolveDataReferences(JsonNode? parameters, string folder, string file)
    {
        if (parameters is not JsonObject map) return;
        foreach (var (name, value) in map.ToList())
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || !text.StartsWith("@data/", StringComparison.Ordinal))
                continue;
            var path = Path.Combine(folder, "data", text["@data/".Length..]);
            if (!File.Exists(path)) throw new RuleCatalogException($"{file}: parameter '{name}' refers to {path}, which does not exist");
            try
            {
                map[name] = JsonNode.Parse(File.ReadAllText(path), documentOptions: Configuration.JsonLines.AuthoredFile);
            }
            catch (JsonException e)
            {
                throw new RuleCatalogException($"{path} line {(e.LineNumber ?? 0) + 1}: {Configuration.JsonLines.ErrorText(e)}");
            }
        }
    }

    private static bool IsUnder(string root, string file, string subfolder) =>
        Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0] == subfolder;

    // System.Text.Json appends path and position details we already report in our own form.
}
