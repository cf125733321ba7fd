using System.Text;

namespace Checker.Core;

/// <summary>
/// FNV-1a over UTF-8: the same value on every machine and .NET version (string.GetHashCode is randomised per
/// process), for what must agree between runs: shards of a URL list, signatures saved with the evidence.
/// </summary>
public static class StableHash
{
    public static ulong Fnv1a64(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }
}
