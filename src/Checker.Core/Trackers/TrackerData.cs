using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checker.Core.Trackers;

/// <summary>The built-in classification list (rules/data/trackers.json).</summary>
public sealed record TrackerData
{
    public IReadOnlyList<HostEntry> Hosts { get; init; } = [];
    public IReadOnlyList<CookieEntry> Cookies { get; init; } = [];
    public HeuristicSettings Heuristics { get; init; } = new();

    public sealed record HostEntry(string Domain, string Category, string? Vendor);

    public sealed record CookieEntry(string Name, string Category, string? Vendor, bool Prefix = false);

    public sealed record HeuristicSettings
    {
        public int PersistentThirdPartyCookieMinDays { get; init; } = 30;
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static TrackerData Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<TrackerData>(stream, Options)
               ?? throw new InvalidDataException($"{path} is empty");
    }
}
