namespace Checker.Core.Tests;

internal static class TestPaths
{
    /// <summary>The rules folder copied next to the tests: the same files the tool reads at run time.</summary>
    public static string Rules => Path.Combine(AppContext.BaseDirectory, "rules");

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The shared data folder beside the repository (../shared/data), read in place, never copied.</summary>
    public static string? SharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
