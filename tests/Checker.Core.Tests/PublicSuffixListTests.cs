using Checker.Core.Domains;

namespace Checker.Core.Tests;

public sealed class PublicSuffixListTests
{
    private static PublicSuffixList Sample() => PublicSuffixList.Parse(new StringReader("""
        // comment
        com
        uk
        co.uk
        *.ck
        !www.ck
        jp
        *.kobe.jp
        !city.kobe.jp
        github.io
        """), "sample");

    [TestCase("www.example.com", ExpectedResult = "example.com")]
    [TestCase("a.b.example.co.uk", ExpectedResult = "example.co.uk")]
    [TestCase("example.co.uk", ExpectedResult = "example.co.uk")]
    [TestCase("co.uk", ExpectedResult = "co.uk")]
    [TestCase("www.foo.ck", ExpectedResult = "www.foo.ck")]
    [TestCase("www.ck", ExpectedResult = "www.ck")]
    [TestCase("a.www.ck", ExpectedResult = "www.ck")]
    [TestCase("city.kobe.jp", ExpectedResult = "city.kobe.jp")]
    [TestCase("user.github.io", ExpectedResult = "user.github.io")]
    [TestCase(".Tracker.Example.COM.", ExpectedResult = "example.com")]
    [TestCase("collect.pulse-analytics.example", ExpectedResult = "pulse-analytics.example")]
    [TestCase("127.0.0.1", ExpectedResult = "127.0.0.1")]
    public string Registrable_domain_follows_the_list_rules(string host) => Sample().RegistrableDomain(host);

    [Test]
    public void The_installed_list_knows_multi_label_suffixes()
    {
        var path = PublicSuffixList.FindInstalled();
        Assume.That(path, Is.Not.Null, "the publicsuffix package is installed by scripts/setup");
        var list = PublicSuffixList.Load(path!);
        Assert.That(list.RegistrableDomain("www.bbc.co.uk"), Is.EqualTo("bbc.co.uk"));
        Assert.That(list.RegistrableDomain("news.example.github.io"), Is.EqualTo("example.github.io"));
        Assert.That(list.SameSite("cdn.lemonde.fr", "www.lemonde.fr"), Is.True);
        Assert.That(list.SameSite("www.doubleclick.net", "www.lemonde.fr"), Is.False);
    }

    [Test]
    public void An_empty_list_is_refused() =>
        Assert.Throws<InvalidDataException>(() => PublicSuffixList.Parse(new StringReader("// nothing\n"), "empty"));
}
