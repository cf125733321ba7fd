namespace Checker.Browser;

/// <summary>
/// The heap of Playwright's driver (Node.js, started by Playwright.CreateAsync with this process's environment). Node
/// sizes V8's heap for a server on this machine: a young generation of 16 MiB semi-spaces and an old generation that
/// grows to four times what survives its last full collection (V8's growing factor is 4 when the old generation may
/// reach 2 GiB or more, and falls towards 1.3 as that limit comes down to 256 MiB). The driver's live objects are few
/// (Playwright keeps at most 10,000 of each kind of request, response or handle), but what it allocates per message is
/// not: on a 500-page run (bench/scale) the driver held 418 MiB, ~2/3 of it garbage not yet collected.
/// A 1 GiB old generation (several times the live set even at Playwright's limits) gives a factor of ~1.6, and 2 MiB
/// semi-spaces end most messages' garbage young. Flags the user set in NODE_OPTIONS win.
/// </summary>
public static class DriverHeap
{
    private const string Variable = "NODE_OPTIONS";
    public const string SemiSpace = "--max-semi-space-size=2";
    public const string OldSpace = "--max-old-space-size=1024";

    public static void Apply()
    {
        var current = Environment.GetEnvironmentVariable(Variable) ?? "";
        Environment.SetEnvironmentVariable(Variable, Combine(current));
    }

    /// <summary>The user's NODE_OPTIONS with ours added where the user set neither the same flag nor its underscore spelling.</summary>
    public static string Combine(string current)
    {
        var options = new List<string>();
        if (current.Trim().Length > 0) options.Add(current.Trim());
        foreach (var flag in (string[])[SemiSpace, OldSpace])
        {
            var name = flag[..flag.IndexOf('=', StringComparison.Ordinal)];
            if (!current.Replace('_', '-').Contains(name, StringComparison.Ordinal))
                options.Add(flag);
        }
        return string.Join(' ', options);
    }
}
