using System.Text.Json;
using Checker.Core.Rules;

namespace Checker.Core.Configuration;

/// <summary>A named starting point (rules/data/profiles.json): which rules run, and at which level.</summary>
public sealed record Profile(string Name, string Description, IReadOnlyList<string> Include, IReadOnlyDictionary<string, string> Levels)
{
    public bool Includes(string ruleId) => Include.Any(pattern => Glob.IsMatch(pattern, ruleId));
}

public static class Profiles
{
    public const string Default = "gdpr";

    public static IReadOnlyDictionary<string, Profile> Load(RuleCatalog catalog)
    {
        var path = catalog.DataPath("profiles.json");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), JsonLines.AuthoredFile);
            var profiles = new Dictionary<string, Profile>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject().Where(p => !p.Name.StartsWith('$')))
            {
                var value = property.Value;
                var include = value.GetProperty("include").EnumerateArray().Select(e => e.GetString()!).ToList();
                var levels = value.TryGetProperty("levels", out var l)
                    ? l.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
                    : new Dictionary<string, string>();
                foreach (var (id, level) in levels)
                {
                    if (!catalog.Rules.Any(r => r.Id == id)) throw new RuleCatalogException($"{path}: profile '{property.Name}' names unknown rule '{id}'");
                    if (!Configuration.Levels.All.Contains(level)) throw new RuleCatalogException($"{path}: profile '{property.Name}': '{level}' is not a level");
                }
                profiles[property.Name] = new Profile(property.Name, value.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "", include, levels);
            }
            if (!profiles.ContainsKey(Default)) throw new RuleCatalogException($"{path}: the default profile '{Default}' is missing");
            return profiles;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new RuleCatalogException($"{path}: {e.Message.Split(" Path:")[0]}");
        }
    }
}

/// <summary>Patterns with '*' (any characters, '/' included), matched whole and case-insensitively.</summary>
public static class Glob
{
    public static bool IsMatch(string pattern, string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text,
            "^" + string.Join(".*", pattern.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)) + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
}
