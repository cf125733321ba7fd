using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>A real run whose report several test classes read.</summary>
public sealed record SharedRun(string Out, CliResult Run, JsonElement Report);

/// <summary>
/// One four-phase audit of every consent site of the fixture web and a few other publisher pages, made once and read by
/// every class that asserts on those sites (the verdict matrix, the phases, banner placement, TCF, the open-source CMPs,
/// autoconsent, the fixture-web audit): the same
/// evidence an auditor would get, without visiting the same sites five times. Each site is audited twice, its front
/// page then <see cref="SecondPage"/>, in one site session (the default --isolation site): the second visit of each
/// phase runs in the page the first left (wiped, or in the state of the choice), and the verdict matrix checks that it
/// judges exactly as the first did. A worker's browser pages go on from one site to the next, wiped in between, so most
/// front pages are audited in a page other sites used: <see cref="FreshFrontPagesAsync"/> is what fresh contexts record. Each *.news.test publisher is a site of its own here (news.test is added
/// to the Public Suffix List), so the report's overview has a row per publisher.
/// </summary>
public static class SharedRuns
{
    public static readonly string[] ConsentSites =
    [
        "compliant.news.test", "rejectignored.news.test", "secondlayer.news.test", "wall.news.test", "unequal.news.test",
        "lepetit.news.test", "gpcok.news.test", "tracking-nobanner.news.test", "tcf-bad.news.test", "tcf-good.news.test",
        "iframe.news.test", "delayed.news.test", "vanillacc.news.test", "orejime.news.test", "osano.news.test", "klaro.news.test",
        "tarteaucitron.news.test",
    ];

    /// <summary>Publisher pages the fixture-web audit checks beside the consent sites (no second page: they judge no session).</summary>
    public static readonly string[] OtherPublisherPages =
        ["https://notracking.news.test/", "https://byline.news.test/", "https://stealth.news.test/", "https://shadow.news.test/"];

    /// <summary>How many pages the shared run audits.</summary>
    public static int PageCount => 2 * ConsentSites.Length + OtherPublisherPages.Length;

    private static readonly Lazy<Task<SharedRun>> ConsentWebRun = new(async () =>
    {
        var output = NewOutputFolder();
        // Two sites at a time: the sweet spot of this 2-core machine (one at a time 180 s, two 154 s, four 180 s).
        var run = await RunAsync(["audit", .. ConsentSites.Select(s => $"https://{s}/"), .. OtherPublisherPages, .. ConsentSites.Select(SecondPage),
            "--concurrency", "2", "--out", output, "--public-suffix-list", FixtureWeb.PublicSuffixListWithFixturePublishers, .. FixtureWeb.AuditOptions]);
        return new SharedRun(output, run, ReadReport(output));
    });

    private static readonly Lazy<Task<SharedRun>> FreshFrontPagesRun = new(async () =>
    {
        var output = NewOutputFolder();
        var run = await RunAsync(["audit", .. ConsentSites.Select(s => $"https://{s}/"), "--isolation", "page", "--phases", "initial,gpc",
            "--concurrency", "2", "--out", output, .. FixtureWeb.AuditOptions]);
        return new SharedRun(output, run, ReadReport(output));
    });

    /// <summary>
    /// The consent sites' front pages before any choice and with GPC, each visit in a fresh context (--isolation page):
    /// the reference that pages audited in site sessions, which go from site to site, are compared with.
    /// </summary>
    public static Task<SharedRun> FreshFrontPagesAsync() => FreshFrontPagesRun.Value;

    /// <summary>The same front page under another address: the site's second page in its session.</summary>
    public static string SecondPage(string site) => $"https://{site}/?again";

    /// <summary>
    /// Starts the shared runs one after the other without waiting for them. NUnit runs the [Parallelizable] classes
    /// first, and they mostly wait on CLIs that start, refuse or render; the shared runs use that time instead of
    /// holding up their first reader for a minute and a half.
    /// </summary>
    public static void StartEarly() => _ = ConsentWebAsync().ContinueWith(_ => FreshFrontPagesAsync(), TaskScheduler.Default);

    /// <summary>All four phases of every consent site, default options.</summary>
    public static Task<SharedRun> ConsentWebAsync() => ConsentWebRun.Value;
}
