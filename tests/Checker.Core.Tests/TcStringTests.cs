using System.Text.Json;
using Checker.Core.Tcf;

namespace Checker.Core.Tests;

/// <summary>
/// The C# decoder against TC strings encoded by the IAB's own library, @iabtcf/core
/// (tests/Checker.EndToEnd.Tests/web/make-tcf-vectors.cjs writes TestVectors/tcf-vectors.json).
/// </summary>
public sealed class TcStringTests
{
    public static IEnumerable<TestCaseData> Vectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestVectors", "tcf-vectors.json")));
        foreach (var vector in document.RootElement.EnumerateArray())
            yield return new TestCaseData(vector.Clone()).SetName("TC string: " + vector.GetProperty("name").GetString());
    }

    [TestCaseSource(nameof(Vectors))]
    public void Decodes_what_iabtcf_core_encoded(JsonElement vector)
    {
        var decoded = TcString.Decode(vector.GetProperty("tcString").GetString()!);
        static int[] Ints(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetInt32()).ToArray();

        Assert.That(decoded.Version, Is.EqualTo(2));
        Assert.That(decoded.CmpId, Is.EqualTo(vector.GetProperty("cmpId").GetInt32()));
        Assert.That(decoded.CmpVersion, Is.EqualTo(vector.GetProperty("cmpVersion").GetInt32()));
        Assert.That(decoded.VendorListVersion, Is.EqualTo(vector.GetProperty("vendorListVersion").GetInt32()));
        Assert.That(decoded.PolicyVersion, Is.EqualTo(vector.GetProperty("policyVersion").GetInt32()));
        Assert.That(decoded.ConsentLanguage, Is.EqualTo(vector.GetProperty("consentLanguage").GetString()));
        Assert.That(decoded.PublisherCountryCode, Is.EqualTo(vector.GetProperty("publisherCountryCode").GetString()));
        Assert.That(decoded.IsServiceSpecific, Is.EqualTo(vector.GetProperty("isServiceSpecific").GetBoolean()));
        Assert.That(decoded.PurposeConsents, Is.EqualTo(Ints(vector, "purposeConsents")));
        Assert.That(decoded.PurposeLegitimateInterests, Is.EqualTo(Ints(vector, "purposeLegitimateInterests")));
        Assert.That(decoded.SpecialFeatureOptIns, Is.EqualTo(Ints(vector, "specialFeatureOptins")));
        Assert.That(decoded.VendorConsents, Is.EqualTo(Ints(vector, "vendorConsents")));
        Assert.That(decoded.VendorLegitimateInterests, Is.EqualTo(Ints(vector, "vendorLegitimateInterests")));
        Assert.That(decoded.Created, Is.EqualTo(DateTimeOffset.Parse(vector.GetProperty("created").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(decoded.LastUpdated, Is.EqualTo(DateTimeOffset.Parse(vector.GetProperty("lastUpdated").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("")]
    [TestCase("not a tc string!")]
    [TestCase("BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA")] // a TCF v1 string
    [TestCase("CQtB6GA")]                            // truncated
    public void Anything_else_is_refused_as_a_format_error(string input)
    {
        Assert.That(TcString.TryDecode(input, out _), Is.False);
        Assert.Throws<FormatException>(() => TcString.Decode(input == "" ? " " : input));
    }
}
