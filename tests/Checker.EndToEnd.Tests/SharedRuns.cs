using System.Text.Json;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>A real run whose report several test classes read.</summary>
public sealed record SharedRun(string Out, CliResult Run, JsonElement Report);

/// <summary>
/// One four-phase audit of every consent site of the fixture web, made once and read by every class that asserts on
/// those sites (the verdict matrix, the phases, banner placement, TCF, the open-source CMPs, autoconsent): the same
/// evidence an auditor would get, without visiting the same sites five times.
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

    private static readonly Lazy<Task<SharedRun>> ConsentWebRun = new(async () =>
    {
        var output = NewOutputFolder();
        var run = await RunAsync(["audit", .. ConsentSites.Select(s => $"https://{s}/"), "--out", output, .. FixtureWeb.AuditOptions]);
        return new SharedRun(output, run, ReadReport(output));
    });

    /// <summary>All four phases of every consent site, default options.</summary>
    public static Task<SharedRun> ConsentWebAsync() => ConsentWebRun.Value;
}
