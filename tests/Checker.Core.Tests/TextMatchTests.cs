using Checker.Core.Rules;

namespace Checker.Core.Tests;

public sealed class TextMatchTests
{
    [TestCase("We’ll assume you’re OK with this", "we'll assume you're ok", ExpectedResult = true)]
    [TestCase("En poursuivant votre navigation", "en poursuivant votre navigation", ExpectedResult = true)]
    [TestCase("Si continúa navegando", "si continua navegando", ExpectedResult = true)]
    [TestCase("This is acceptable", "accept", ExpectedResult = false)]
    [TestCase("Accept all", "accept", ExpectedResult = true)]
    [TestCase("Book now", "ok", ExpectedResult = false)]
    public bool Phrases_match_whole_words_ignoring_case_accents_and_curly_quotes(string text, string phrase) =>
        TextMatch.FindPhrase(text, [phrase]) is not null;

    [Test]
    public void The_quoted_sentence_is_cut_where_a_button_label_is_glued_to_it()
    {
        var sentence = TextMatch.SentenceContaining("We use cookies. We'll assume you're ok with this, but you can opt-out if you wish.Accept Read More",
            "we'll assume you're ok");
        Assert.That(sentence, Is.EqualTo("We'll assume you're ok with this, but you can opt-out if you wish."));
    }

    [Test]
    public void Abbreviations_do_not_end_a_sentence()
    {
        var sentences = TextMatch.Sentences("The U.S. Secretary of Defense ended his visit. He left.").ToList();
        Assert.That(sentences, Is.EqualTo(new[] { "The U.S. Secretary of Defense ended his visit.", "He left." }));
    }
}

public sealed class ContrastTests
{
    [TestCase("rgb(0, 0, 0)", "rgb(255, 255, 255)", 21.0)]
    [TestCase("rgb(119, 119, 119)", "rgb(255, 255, 255)", 4.48)]
    [TestCase("rgb(255, 255, 255)", "rgb(255, 255, 255)", 1.0)]
    [TestCase("rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)", 3.98)]
    public void Contrast_ratio_follows_WCAG(string foreground, string background, double expected) =>
        Assert.That(Checker.Core.Rules.Consent.Contrast.Ratio(foreground, background), Is.EqualTo(expected).Within(0.02));

    [Test]
    public void Unreadable_colours_give_no_ratio() =>
        Assert.That(Checker.Core.Rules.Consent.Contrast.Ratio("currentcolor", "rgb(1, 2, 3)"), Is.Null);
}
