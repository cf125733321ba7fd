using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Checker.Core.Serialization;

/// <summary>The one JSON shape of evidence and reports: camelCase, enums as strings, indented.</summary>
public static class CheckerJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable non-Latin text, while '<', '>', '&' and quotes stay escaped: page text in our files can never
        // become markup if someone pastes it into HTML.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("empty document");

    /// <summary>Writes the file whole or not at all: a reader never sees half a report, even after a kill.</summary>
    public static Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(path, async (stream, token) =>
        {
            // Encoded as it is written, not into one byte array the size of the report first.
            await using var writer = new StreamWriter(stream, Utf8WithoutBom, leaveOpen: true);
            await writer.WriteAsync(content.AsMemory(), token);
        }, cancellationToken);

    private static readonly System.Text.UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the file (a screenshot) whole or not at all.</summary>
    public static Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(path, (stream, token) => stream.WriteAsync(content, token).AsTask(), cancellationToken);

    /// <summary>
    /// <paramref name="value"/> as JSON, written whole or not at all. Serialised straight into the file: a report of
    /// hundreds of pages, rewritten every few seconds during a run, never becomes one large string and its buffers
    /// (megabytes each, on the large-object heap, which only a full collection frees).
    /// </summary>
    public static Task WriteJsonAtomicallyAsync<T>(string path, T value, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(path, (stream, token) => JsonSerializer.SerializeAsync(stream, value, Options, token), cancellationToken);

    private static async Task WriteAtomicallyAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 14, useAsync: true))
                await write(stream, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
