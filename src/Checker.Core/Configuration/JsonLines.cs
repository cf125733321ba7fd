using System.Text;
using System.Text.Json;

namespace Checker.Core.Configuration;

/// <summary>
/// JSON files that people write (config, rules, rule data): how they are read, their parse errors as one line, and the
/// line on which the value at a JSON pointer ("/allow/0/reason") starts, so that a message can say where to look
/// (System.Text.Json's DOM keeps no positions; its reader does).
/// </summary>
public static class JsonLines
{
    /// <summary>
    /// How files people write (rules, rule data, profiles, checker.json) are read: comments and trailing commas allowed,
    /// a key given twice refused (it would otherwise surface as an exception from deep inside JsonObject).
    /// </summary>
    public static readonly JsonDocumentOptions AuthoredFile = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// A parser's complaint as one short line: System.Text.Json appends " Path: … LineNumber: …" and may quote the rest of
    /// the input, new lines and all, which would break a one-line error.
    /// </summary>
    public static string ErrorText(Exception e)
    {
        var text = e.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:" })
            if (text.IndexOf(marker, StringComparison.Ordinal) is > 0 and var cut) text = text[..cut];
        text = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    public static int LineOf(string json, string pointer)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var offsets = Index(bytes);
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (offsets.TryGetValue(p, out var offset)) return 1 + bytes.AsSpan(0, (int)offset).Count((byte)'\n');
            if (p.Length == 0) return 1;
        }
    }

    private sealed class Frame(bool isArray, string pointer)
    {
        public bool IsArray { get; } = isArray;
        public string Pointer { get; } = pointer;
        public int Index { get; set; } = -1;
        public string? Property { get; set; }
        public string ChildPointer => Pointer + "/" + (IsArray ? Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : Escape(Property ?? ""));
    }

    private static Dictionary<string, long> Index(byte[] bytes)
    {
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<Frame>();
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token == JsonTokenType.PropertyName)
                {
                    stack.Peek().Property = reader.GetString();
                    offsets.TryAdd(stack.Peek().ChildPointer, reader.TokenStartIndex);
                    continue;
                }
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    stack.Pop();
                    continue;
                }
                var pointer = "";
                if (stack.Count > 0)
                {
                    var parent = stack.Peek();
                    if (parent.IsArray)
                    {
                        parent.Index++;
                        offsets.TryAdd(parent.ChildPointer, reader.TokenStartIndex);
                    }
                    pointer = parent.ChildPointer;
                }
                else offsets.TryAdd("", reader.TokenStartIndex);
                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    stack.Push(new Frame(token == JsonTokenType.StartArray, pointer));
            }
        }
        catch (JsonException)
        {
            // A syntax error is reported by the parser itself, with its own line.
        }
        return offsets;
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
