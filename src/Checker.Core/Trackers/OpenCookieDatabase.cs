using System.Text;

namespace Checker.Core.Trackers;

/// <summary>
/// The Open Cookie Database (https://github.com/jkwakman/Open-Cookie-Database), read from its CSV:
/// cookie or storage key name, category, platform and, for some entries, the domain that sets it.
/// </summary>
public sealed class OpenCookieDatabase
{
    public sealed record Entry(string Id, string Platform, string Category, string Name, string? Domain, bool Prefix);

    private readonly Dictionary<string, List<Entry>> _exact = new(StringComparer.Ordinal);
    private readonly List<Entry> _prefixes = [];

    public string Source { get; }
    public int Count { get; private set; }

    private OpenCookieDatabase(string source) => Source = source;

    public static OpenCookieDatabase Load(string path)
    {
        // Accept the folder that holds the CSV as well as the file itself.
        if (Directory.Exists(path))
            path = Directory.EnumerateFiles(path, "*.csv").FirstOrDefault()
                   ?? throw new FileNotFoundException($"no .csv file in {path}");
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Parse(reader, path);
    }

    public static OpenCookieDatabase Parse(TextReader reader, string source)
    {
        var db = new OpenCookieDatabase(source);
        var rows = CsvReader.ReadAll(reader).ToList();
        if (rows.Count == 0) throw new InvalidDataException($"{source} is empty");
        var header = rows[0];
        int Column(string name) => header.FindIndex(h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0
            ? i
            : throw new InvalidDataException($"{source} has no column '{name}'");
        var id = Column("ID");
        var platform = Column("Platform");
        var category = Column("Category");
        var name = Column("Cookie / Data Key name");
        var domain = Column("Domain");
        var wildcard = Column("Wildcard match");
        foreach (var row in rows.Skip(1))
        {
            if (row.Count <= wildcard || string.IsNullOrWhiteSpace(row[name])) continue;
            var entry = new Entry(row[id], row[platform], row[category].Trim(), row[name].Trim(),
                NormaliseDomain(row[domain]), row[wildcard].Trim() == "1");
            if (entry.Prefix) db._prefixes.Add(entry);
            else
            {
                if (!db._exact.TryGetValue(entry.Name, out var list)) db._exact[entry.Name] = list = [];
                list.Add(entry);
            }
            db.Count++;
        }
        return db;
    }

    /// <summary>Entries whose name matches, exact ones first, then prefix ones from the longest prefix.</summary>
    public IEnumerable<Entry> Match(string cookieName)
    {
        if (_exact.TryGetValue(cookieName, out var exact))
            foreach (var e in exact) yield return e;
        foreach (var e in _prefixes.Where(p => cookieName.StartsWith(p.Name, StringComparison.Ordinal))
                     .OrderByDescending(p => p.Name.Length))
            yield return e;
    }

    // The CSV writes domains like "doubleclick.net (3rd party)" or ".linkedin.com"; keep the bare domain.
    private static string? NormaliseDomain(string raw)
    {
        var value = raw.Trim();
        var paren = value.IndexOf('(');
        if (paren >= 0) value = value[..paren];
        value = value.Trim().TrimStart('.').ToLowerInvariant();
        return value.Length == 0 || value.Contains(' ') ? null : value;
    }
}

/// <summary>RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.</summary>
internal static class CsvReader
{
    public static IEnumerable<List<string>> ReadAll(TextReader reader)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { field.Append('"'); reader.Read(); }
                    else inQuotes = false;
                }
                else field.Append(ch);
            }
            else if (ch == '"') inQuotes = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && reader.Peek() == '\n') reader.Read();
                row.Add(field.ToString()); field.Clear();
                if (row.Count > 1 || row[0].Length > 0) yield return row;
                row = [];
            }
            else field.Append(ch);
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
