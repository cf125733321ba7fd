using System.Reflection;

namespace Checker.Browser;

/// <summary>The page scripts shipped inside this assembly (Scripts/*.js).</summary>
internal static class ScriptResources
{
    public static readonly string Banner = Read("banner.js");
    /// <summary>The article collector, with Mozilla's Readability (embedded from npm) inside it, where its marker stands.</summary>
    public static readonly string Article = Read("article.js").Replace("/*READABILITY*/", Read("Readability.js"), StringComparison.Ordinal);
    public static readonly string DomQuiet = Read("dom-quiet.js");
    public static readonly string Tcf = Read("tcf.js");
    public static readonly string Appearance = Read("appearance.js");
    public static readonly string AutoconsentMessages = Read("autoconsent-messages.js");

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Checker.Browser.Scripts.{name}")
                           ?? throw new InvalidOperationException($"page script {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
