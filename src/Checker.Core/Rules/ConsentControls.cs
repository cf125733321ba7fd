using System.Text.Json;

namespace Checker.Core.Rules;

/// <summary>
/// What a consent banner's button or link does, told by its text (rules/data/consent-controls.json), shared by the
/// clicking engine and the rules so that both read a banner the same way.
/// </summary>
public sealed class ConsentControls
{
    public const string Reject = "reject";
    public const string Save = "save";
    public const string Settings = "settings";
    public const string Accept = "accept";
    public const string Acknowledge = "acknowledge";
    public const string Close = "close";
    public const string Other = "other";

    // Order is precedence: "Continue without accepting" is a reject, "Accept selection" a save.
    private static readonly string[] Kinds = [Reject, Save, Settings, Accept, Acknowledge, Close];

    private readonly Dictionary<string, IReadOnlyList<string>> _phrases;
    private readonly IReadOnlyList<string> _policy;
    private readonly IReadOnlyList<string> _necessary;

    private ConsentControls(Dictionary<string, IReadOnlyList<string>> phrases, IReadOnlyList<string> policy, IReadOnlyList<string> necessary)
    {
        _phrases = phrases;
        _policy = policy;
        _necessary = necessary;
    }

    public static ConsentControls FromJson(JsonElement data, string source)
    {
        IReadOnlyList<string> Flatten(string name) =>
            data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object
                ? map.EnumerateObject().SelectMany(l => l.Value.EnumerateArray().Select(v => v.GetString() ?? "")).Where(s => s.Length > 0).ToList()
                : throw new RuleCatalogException($"{source}: '{name}' must map languages to phrase lists");
        return new ConsentControls(Kinds.ToDictionary(k => k, Flatten), Flatten("policy"), Flatten("necessaryPurpose"));
    }

    public static ConsentControls From(RuleMetadata metadata) =>
        metadata.Parameters.ValueKind == JsonValueKind.Object && metadata.Parameters.TryGetProperty("controls", out var controls)
            ? FromJson(controls, metadata.SourcePath ?? metadata.Id)
            : throw new RuleCatalogException($"{metadata.SourcePath ?? metadata.Id}: parameter 'controls' is missing");

    /// <summary>The phrases of one kind of control, all languages together (for the page scripts).</summary>
    public IReadOnlyList<string> PhrasesOf(string kind) => _phrases[kind];

    /// <summary>accept, reject, save, settings, acknowledge, close or other.</summary>
    public string Classify(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return Other;
        foreach (var kind in Kinds)
            if (TextMatch.FindPhrase(trimmed, _phrases[kind]) is not null)
                return kind;
        return Other;
    }

    /// <summary>A link to a privacy or cookie policy, by its text.</summary>
    public bool IsPolicyLink(string text) => TextMatch.FindPhrase(text, _policy) is not null;

    /// <summary>A purpose that is strictly necessary (may be on, and usually locked on, before any choice).</summary>
    public bool IsNecessaryPurpose(string label) => TextMatch.FindPhrase(label, _necessary) is not null;
}
