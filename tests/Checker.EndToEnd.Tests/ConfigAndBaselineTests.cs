using System.Text.Json;
using System.Text.Json.Nodes;
using static Checker.EndToEnd.Tests.Cli;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// The CI gate: a config with an allowlist turns a failing run into a passing one and, once an entry expires, back;
/// a baseline lets only new findings fail the run. Through the real CLI, on a real audit of the fixture web.
/// </summary>
[Parallelizable]
public sealed class ConfigAndBaselineTests
{
    private const string TrackingNoBanner = "https://tracking-nobanner.news.test/";
    private const string RejectIgnored = "https://rejectignored.news.test/";
    private string _out = "";
    private CliResult _run = null!;
    private JsonElement _report;

    [OneTimeSetUp]
    public async Task AuditWithoutConfig()
    {
        _out = NewOutputFolder();
        _run = await RunAsync(["audit", TrackingNoBanner, "--phases", "initial", "--out", _out, .. FixtureWeb.AuditOptions]);
        _report = ReadReport(_out);
    }

    /// <summary>What a user writes after reading the report: each failing finding accepted, with a reason.</summary>
    private string AllowEverythingFailing(string expires)
    {
        var allow = new JsonArray();
        foreach (var finding in Page(_report, TrackingNoBanner).GetProperty("findings").EnumerateArray()
                     .Where(f => f.GetProperty("outcome").GetString() == "fail"))
        {
            var rule = finding.GetProperty("ruleId").GetString()!;
            var cited = finding.GetProperty("evidence").EnumerateArray()
                .Where(e => e.GetProperty("kind").GetString() is "cookie" or "tracker-host").ToList();
            if (cited.Count == 0)
                allow.Add(new JsonObject { ["rule"] = rule, ["url"] = TrackingNoBanner + "*", ["reason"] = "accepted by legal, ticket LEG-12", ["expires"] = expires });
            foreach (var item in cited)
                allow.Add(new JsonObject
                {
                    ["rule"] = rule,
                    [item.GetProperty("kind").GetString() == "cookie" ? "cookie" : "host"] = item.GetProperty("value").GetString(),
                    ["reason"] = "measured by a processor under contract DPA-7",
                    ["expires"] = expires,
                });
        }
        var path = Path.Combine(NewOutputFolder(), "checker.json");
        File.WriteAllText(path, new JsonObject { ["allow"] = allow }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    [Test]
    public async Task An_allowlist_turns_the_failing_run_into_a_passing_one_and_an_expired_entry_turns_it_back()
    {
        Assert.That(_run.ExitCode, Is.EqualTo(1), _run.ToString());
        var failing = _report.GetProperty("summary").GetProperty("failing").GetInt32();
        Assert.That(failing, Is.GreaterThan(0));

        var valid = AllowEverythingFailing(DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"));
        var allowed = NewOutputFolder();
        var pass = await RunAsync(["audit", TrackingNoBanner, "--phases", "initial", "--config", valid, "--out", allowed, .. FixtureWeb.AuditOptions]);
        Assert.That(pass.ExitCode, Is.EqualTo(0), pass.ToString());
        var report = ReadReport(allowed);
        Assert.That(report.GetProperty("summary").GetProperty("suppressed").GetInt32(), Is.GreaterThanOrEqualTo(failing));
        var banner = Finding(Page(report, TrackingNoBanner), "consent.banner-missing");
        Assert.That(banner.GetProperty("outcome").GetString(), Is.EqualTo("fail"), "still reported as it is");
        Assert.That(banner.GetProperty("suppression").GetProperty("reason").GetString(), Does.Contain("DPA-7"));
        Assert.That(report.GetProperty("run").GetProperty("config").GetString(), Is.EqualTo(valid));

        var expired = AllowEverythingFailing(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"));
        var back = await RunAsync("evaluate", _out, "--out", NewOutputFolder(), "--config", expired);
        Assert.That(back.ExitCode, Is.EqualTo(1), back.ToString());
        Assert.That(back.Stderr, Does.Contain("expired on"));
    }

    [Test]
    public async Task With_a_baseline_only_new_findings_fail_the_run()
    {
        var same = await RunAsync("evaluate", _out, "--out", NewOutputFolder(), "--baseline", _out, "--fail-on-new-only");
        Assert.That(same.ExitCode, Is.EqualTo(0), same.ToString());
        Assert.That(same.Stdout, Does.Contain("0 new"));

        var output = NewOutputFolder();
        var run = await RunAsync(["audit", TrackingNoBanner, RejectIgnored, "--phases", "initial,reject", "--baseline", Path.Combine(_out, "report.json"),
            "--fail-on-new-only", "--format", "json,md", "--out", output, .. FixtureWeb.AuditOptions]);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        var report = ReadReport(output);
        var known = Finding(Page(report, TrackingNoBanner), "consent.banner-missing");
        Assert.That(known.GetProperty("baseline").GetString(), Is.EqualTo("unchanged"));
        var fresh = Finding(Page(report, RejectIgnored), "consent.reject-not-respected");
        Assert.That(fresh.GetProperty("baseline").GetString(), Is.EqualTo("new"));
        Assert.That(report.GetProperty("baseline").GetProperty("new").GetInt32(), Is.EqualTo(report.GetProperty("summary").GetProperty("failing").GetInt32()),
            "only the new findings gate");
        var md = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.That(md, Does.Contain("new**"));
        // The overview's site line says the same per site (both pages are of news.test); one page fails the gate, the one with the new finding.
        var failing = report.GetProperty("pages").EnumerateArray().SelectMany(p => p.GetProperty("findings").EnumerateArray())
            .Where(f => f.GetProperty("outcome").GetString() == "fail").ToList();
        var line = $"| news.test | 2 | ❌ 1 | error | {failing.Count(f => f.GetProperty("baseline").GetString() == "new")} | " +
                   $"{failing.Count(f => f.GetProperty("baseline").GetString() == "unchanged")} | {report.GetProperty("baseline").GetProperty("fixed").GetArrayLength()} |";
        Assert.That(md.Split('\n').Where(l => l.StartsWith("| news.test |", StringComparison.Ordinal)).Select(l => l[..Math.Min(l.Length, line.Length)]), Is.EqualTo(new[] { line }));
    }

    [Test]
    public async Task A_bad_config_is_one_line_with_its_file_and_line_and_exit_2()
    {
        var path = Path.Combine(NewOutputFolder(), "checker.json");
        await File.WriteAllTextAsync(path, "{\n  \"rules\": {\n    \"consent.cookie-wal\": \"error\"\n  }\n}\n");
        var run = await RunAsync(["audit", TrackingNoBanner, "--config", path, "--out", NewOutputFolder(), .. FixtureWeb.AuditOptions]);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Stderr, Does.Contain($"{path} line 3: unknown rule 'consent.cookie-wal'"));
    }

    [Test]
    public async Task Fail_on_new_only_without_a_baseline_is_a_usage_error()
    {
        var run = await RunAsync("evaluate", _out, "--out", NewOutputFolder(), "--fail-on-new-only");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("needs --baseline"));
    }

    [Test]
    public async Task The_ccpa_profile_runs_only_its_rules()
    {
        var output = NewOutputFolder();
        var run = await RunAsync("evaluate", _out, "--out", output, "--profile", "ccpa");
        var rules = Page(ReadReport(output), TrackingNoBanner).GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString());
        Assert.That(rules, Is.EquivalentTo(new[] { "consent.tracking-after-gpc", "consent.reject-not-respected" }), run.ToString());
    }
}
