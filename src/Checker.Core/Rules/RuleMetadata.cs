using System.Text.Json;
using Checker.Core.Findings;

namespace Checker.Core.Rules;

/// <summary>A rule as data (rules/&lt;family&gt;/&lt;id&gt;.json): what it checks, why, and the parameters its code reads.</summary>
public sealed record RuleMetadata
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string FailureTitle { get; init; }
    public required string Description { get; init; }
    public required Severity Severity { get; init; }
    public IReadOnlyList<RuleReference> References { get; init; } = [];
    public required string HelpText { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public JsonElement Parameters { get; init; }
    /// <summary>The file it was read from, for error messages.</summary>
    public string? SourcePath { get; init; }

    /// <summary>A number parameter, or the fallback when the rule file has none; a value that is not a number is a broken rule.</summary>
    public double NumberFor(string parameter, double fallback)
    {
        if (Parameters.ValueKind != JsonValueKind.Object || !Parameters.TryGetProperty(parameter, out var value)) return fallback;
        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new RuleCatalogException($"{SourcePath ?? Id}: parameter '{parameter}' must be a number");
    }

    /// <summary>A parameter that maps a language code to a list of phrases, flattened (all languages).</summary>
    public IReadOnlyList<string> PhrasesFor(string parameter)
    {
        if (Parameters.ValueKind != JsonValueKind.Object || !Parameters.TryGetProperty(parameter, out var value))
            throw new RuleCatalogException($"{SourcePath ?? Id}: parameter '{parameter}' is missing");
        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().Select(v => v.GetString() ?? "").Where(s => s.Length > 0).ToList(),
            JsonValueKind.Object => value.EnumerateObject()
                .SelectMany(language => language.Value.EnumerateArray().Select(v => v.GetString() ?? ""))
                .Where(s => s.Length > 0).ToList(),
            _ => throw new RuleCatalogException($"{SourcePath ?? Id}: parameter '{parameter}' must be a list or a map of language to list"),
        };
    }
}

public sealed record RuleReference(string Title, string? Url);

public sealed class RuleCatalogException(string message) : Exception(message);
