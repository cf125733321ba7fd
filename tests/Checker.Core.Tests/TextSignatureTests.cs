using Checker.Core.Rules.Attribution;
using Checker.Core.Similarity;

namespace Checker.Core.Tests;

/// <summary>MinHash estimates of how much wording two texts share: what attribution.copied-content decides on.</summary>
public sealed class TextSignatureTests
{
    private static readonly string Original = string.Join(" ", Enumerable.Range(0, 400).Select(i => $"word{i % 97}x{i}"));

    [Test]
    public void The_same_text_resembles_itself_fully_whatever_its_case_accents_and_punctuation()
    {
        var estimate = TextSignature.Of(Original).Compare(TextSignature.Of(Original.ToUpperInvariant().Replace(" ", ", ")));
        Assert.That(estimate.Resemblance, Is.EqualTo(1));
        Assert.That(TextSignature.Of("Les élèves sont arrivés.").Compare(TextSignature.Of("les eleves sont arrives")).Resemblance, Is.EqualTo(1));
    }

    [Test]
    public void Unrelated_texts_share_almost_nothing()
    {
        var other = string.Join(" ", Enumerable.Range(0, 400).Select(i => $"other{i}"));
        Assert.That(TextSignature.Of(Original).Compare(TextSignature.Of(other)).Resemblance, Is.LessThan(0.05));
    }

    [Test]
    public void Half_of_an_original_inside_a_page_shows_as_containment_not_resemblance()
    {
        var words = Original.Split(' ');
        var page = string.Join(" ", words.Take(200)) + " " + string.Join(" ", Enumerable.Range(0, 200).Select(i => $"own{i}"));
        var estimate = TextSignature.Of(page).Compare(TextSignature.Of(Original));
        Assert.That(estimate.Resemblance, Is.InRange(0.2, 0.45));
        Assert.That(estimate.Containment, Is.InRange(0.35, 0.65));
        var copy = TextSignature.Of(string.Join(" ", words.Take(300))).Compare(TextSignature.Of(Original));
        Assert.That(copy.Containment, Is.GreaterThan(0.85), "a page that is a cut of the original is contained in it");
    }

    [TestCase("https://www.a.test/x/", "http://a.test/x?utm=1#top", true)]
    [TestCase("https://a.test/x", "https://a.test/y", false)]
    [TestCase("https://a.test/x", null, false)]
    public void Canonical_links_are_compared_as_articles_not_as_strings(string a, string? b, bool same) =>
        Assert.That(ReferenceMatchRule.SameDocument(a, b), Is.EqualTo(same));
}
