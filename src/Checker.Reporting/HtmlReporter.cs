using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Reporting;

/// <summary>
/// One self-contained HTML file for auditors and editors: the summary first, then each page with its findings,
/// the banner screenshot, the banner's buttons with their measured prominence, and cookies and tracker hosts phase
/// by phase. Everything taken from a web page is HTML-encoded; the only script is ours, allowed by its hash in a
/// strict Content-Security-Policy (no other script, no external resource, images only as inlined data).
/// </summary>
public static class HtmlReporter
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:16px;color:#1b1b1b}
        h1{font-size:22px}h2{font-size:17px;margin-top:32px;border-top:2px solid #ddd;padding-top:12px;word-break:break-all}
        h3{font-size:15px;margin:18px 0 6px}table{border-collapse:collapse;width:100%;margin:6px 0}
        th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f4f4f4}
        td.msg{max-width:520px}td:first-child code{white-space:nowrap}.fail{color:#a40000;font-weight:600}.error{color:#8a4b00;font-weight:600}
        .incomplete{color:#6a5d00}.pass{color:#0b6b1f}.not-applicable{color:#666}.muted{color:#666}
        .cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:110px}
        .card b{display:block;font-size:20px}img.shot{max-width:100%;border:1px solid #ccc}ul.ev{margin:0;padding-left:18px}
        .filters{position:sticky;top:0;background:#fff;padding:8px 0;border-bottom:1px solid #ddd}code{word-break:break-all}
        """;

    private const string FilterScript = """
        (function () {
          var outcome = document.getElementById('f-outcome'), rule = document.getElementById('f-rule');
          function apply() {
            var rows = document.querySelectorAll('tr[data-outcome]');
            for (var i = 0; i < rows.length; i++) {
              var row = rows[i];
              row.hidden = (outcome.value !== '' && row.getAttribute('data-outcome') !== outcome.value)
                || (rule.value !== '' && row.getAttribute('data-rule') !== rule.value);
            }
          }
          outcome.addEventListener('change', apply);
          rule.addEventListener('change', apply);
        })();
        """;

    /// <summary>The Content-Security-Policy the file carries: our own style and script by hash, images as data only.</summary>
    public static string ContentSecurityPolicy =>
        $"default-src 'none'; img-src data:; style-src '{Hash(Style)}'; script-src '{Hash(FilterScript)}'; base-uri 'none'; form-action 'none'";

    public static string Render(ReportFolder folder)
    {
        var report = folder.Report;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{E(ContentSecurityPolicy)}\">");
        html.Append("<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append("<title>Checker report</title><style>").Append(Style).Append("</style></head><body>\n");

        var s = report.Summary;
        html.Append("<h1>Checker compliance report</h1>");
        html.Append($"<p class=\"muted\">{E(report.Tool.Name)} {E(report.Tool.Version)} · {E(report.Run.StartedAt.ToString("u", CultureInfo.InvariantCulture))} · fail-on <code>{E(Name(report.Run.FailOn))}</code> · exit code {s.ExitCode}</p>");
        html.Append("<div class=\"cards\">");
        Card(html, "pages", s.Pages);
        Card(html, "audited", s.Audited);
        Card(html, "not audited", s.Failed);
        Card(html, "failing (gate)", s.Failing);
        if (s.Suppressed > 0) Card(html, "allowed", s.Suppressed);
        foreach (var (outcome, count) in s.Outcomes) Card(html, outcome, count);
        html.Append("</div>\n");

        RuleSummary(html, report);

        html.Append("<div class=\"filters\"><label>Outcome <select id=\"f-outcome\"><option value=\"\">all</option>");
        foreach (var outcome in Enum.GetValues<Outcome>()) html.Append($"<option>{E(MarkdownReporter.OutcomeName(outcome))}</option>");
        html.Append("</select></label> <label>Rule <select id=\"f-rule\"><option value=\"\">all</option>");
        foreach (var rule in report.Rules) html.Append($"<option>{E(rule.Id)}</option>");
        html.Append("</select></label></div>\n");

        if (report.Baseline is { } baseline)
        {
            html.Append($"<h3>Against the baseline</h3><p>{baseline.New} new, {baseline.Unchanged} unchanged, {baseline.Fixed.Count} fixed since the run of {E(baseline.BaselineStartedAt.ToString("u", CultureInfo.InvariantCulture))}.</p>");
            if (baseline.Fixed.Count > 0)
            {
                html.Append("<table><tr><th>Fixed</th><th>Rule</th><th>Then</th></tr>");
                foreach (var f in baseline.Fixed) html.Append($"<tr><td>{E(f.Url)}</td><td><code>{E(f.RuleId)}</code></td><td>{E(f.Message)}</td></tr>");
                html.Append("</table>");
            }
        }

        foreach (var page in report.Pages) Page(html, folder, page, report.Run);

        html.Append("<script>").Append(FilterScript).Append("</script></body></html>\n");
        return html.ToString();
    }

    private static void RuleSummary(StringBuilder html, RunReport report)
    {
        html.Append("<h3>By rule</h3><table><tr><th>Rule</th><th>Severity</th><th>fail</th><th>incomplete</th><th>error</th><th>pass</th><th>not-applicable</th></tr>");
        foreach (var rule in report.Rules)
        {
            var findings = report.Pages.SelectMany(p => p.Findings).Where(f => f.RuleId == rule.Id).ToList();
            int Count(Outcome o) => findings.Count(f => f.Outcome == o);
            html.Append($"<tr><td><code>{E(rule.Id)}</code><br><span class=\"muted\">{E(rule.Title)}</span></td><td>{E(Name(rule.Severity))}</td>" +
                        $"<td class=\"fail\">{Count(Outcome.Fail)}</td><td>{Count(Outcome.Incomplete)}</td><td>{Count(Outcome.Error)}</td>" +
                        $"<td>{Count(Outcome.Pass)}</td><td>{Count(Outcome.NotApplicable)}</td></tr>");
        }
        html.Append("</table>\n");
    }

    private static void Page(StringBuilder html, ReportFolder folder, PageReport page, RunInfo run)
    {
        html.Append($"<section><h2>{Link(page.Url)}</h2>");
        html.Append($"<p class=\"muted\">{E(page.Status)}{(page.HttpStatus is { } status ? $" · HTTP {status}" : "")}" +
                    $"{(page.DurationMs is { } ms ? $" · {ms / 1000.0:0.0} s" : "")}" +
                    $"{(page.FinalUrl is { } final && final != page.Url ? $" · ended at {E(final)}" : "")}</p>");
        if (page.Status == PageStatus.Failed)
        {
            html.Append($"<p class=\"error\">Not audited: {E(page.Error ?? "unknown error")}</p></section>\n");
            return;
        }

        html.Append("<table><tr><th>Rule</th><th>Outcome</th><th>Severity</th><th>Message</th><th>Evidence</th></tr>");
        foreach (var f in page.Findings.OrderBy(f => MarkdownReporter.OutcomeOrder(f.Outcome)).ThenByDescending(f => f.Severity))
        {
            var outcome = MarkdownReporter.OutcomeName(f.Outcome);
            html.Append($"<tr data-outcome=\"{E(outcome)}\" data-rule=\"{E(f.RuleId)}\"><td><code>{E(f.RuleId)}</code></td>" +
                        $"<td class=\"{E(outcome)}\">{E(outcome)}{(f.Outcome == Outcome.Fail ? $"<br><span class=\"muted\">{E(MarkdownReporter.Mark(f, run))}</span>" : "")}</td>" +
                        $"<td>{E(Name(f.Severity))}</td><td class=\"msg\">{E(f.Message)}" +
                        $"{(f.Suppression is { } x ? $"<br><span class=\"muted\">allowed ({E(x.Source)}): {E(x.Reason)}{(x.Expires is { } until ? E($" until {until:yyyy-MM-dd}") : "")}</span>" : "")}</td><td>");
            if (f.Evidence.Count > 0)
            {
                html.Append("<ul class=\"ev\">");
                foreach (var item in f.Evidence.Take(30))
                    html.Append($"<li>{E(item.Kind)}: <code>{E(item.Value)}</code>{(item.Detail is null ? "" : $" <span class=\"muted\">{E(item.Detail)}</span>")}</li>");
                if (f.Evidence.Count > 30) html.Append($"<li class=\"muted\">… {f.Evidence.Count - 30} more in report.json</li>");
                html.Append("</ul>");
            }
            html.Append("</td></tr>");
        }
        html.Append("</table>");

        var phases = page.Phases.Keys.Select(p => (Phase: p, Evidence: folder.Evidence(page, p))).ToList();
        var initial = phases.FirstOrDefault(p => p.Phase == Phases.Initial).Evidence ?? phases.FirstOrDefault().Evidence;
        if (initial is not null)
        {
            Screenshots(html, folder, initial);
            Banner(html, initial.Banner);
        }
        PhaseTable(html, phases);
        foreach (var (phase, evidence) in phases.Where(p => p.Evidence is not null))
            PhaseDetails(html, phase, evidence!);
        html.Append("</section>\n");
    }

    private static void Screenshots(StringBuilder html, ReportFolder folder, PageEvidence evidence)
    {
        foreach (var kind in new[] { "banner", "viewport" })
        {
            if (!evidence.Screenshots.TryGetValue(kind, out var name) || !name.EndsWith(".png", StringComparison.Ordinal)) continue;
            if (folder.Attachment(name) is not { Length: > 0 } png) continue;
            html.Append($"<h3>Screenshot: {E(kind)}</h3><img class=\"shot\" alt=\"{E(kind)} screenshot\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">");
        }
    }

    private static void Banner(StringBuilder html, BannerEvidence? banner)
    {
        if (banner is not { Detected: true })
        {
            html.Append("<h3>Consent banner</h3><p>No consent banner was found on the first visit.</p>");
            return;
        }
        html.Append("<h3>Consent banner</h3>");
        html.Append($"<p class=\"muted\">found by {E(banner.Method)}{(banner.FrameUrl is null ? "" : $" in frame {E(banner.FrameUrl)}")}" +
                    $"{(banner.InShadowRoot ? " · in a shadow root" : "")} · covers {banner.ViewportCoverage:P0} of the viewport" +
                    $"{(banner.ScrollLocked ? " · page scroll locked" : "")}</p>");
        html.Append($"<blockquote>{E(banner.Text)}</blockquote>");
        html.Append("<table><tr><th>Control</th><th>Element</th><th>Visible</th><th>Size (px)</th><th>Font</th><th>Colours</th><th>Contrast</th><th>Filled</th></tr>");
        foreach (var c in banner.Controls)
        {
            var contrast = Checker.Core.Rules.Consent.Contrast.Ratio(c.Color, c.BackgroundColor);
            html.Append($"<tr><td>{E(c.Text)}</td><td>{E(c.Element)}</td><td>{(c.Visible ? "yes" : "hidden")}</td>" +
                        $"<td>{(c.Box is { } b ? F($"{b.Width:0}×{b.Height:0}") : "")}</td>" +
                        $"<td>{(c.FontSizePx is { } size ? F($"{size:0.#} px") : "")}{(c.FontWeight is { } w ? $" / {w}" : "")}</td>" +
                        $"<td>{E(c.Color)} on {E(c.BackgroundColor)}</td><td>{(contrast is { } r ? F($"{r:0.0}:1") : "")}</td><td>{(c.Filled ? "yes" : "no")}</td></tr>");
        }
        html.Append("</table>");
        if (banner.Toggles.Count > 0)
        {
            html.Append("<table><tr><th>Checkbox / switch</th><th>Initially</th></tr>");
            foreach (var t in banner.Toggles)
                html.Append($"<tr><td>{E(t.Label)}</td><td>{(t.Checked ? "ticked" : "not ticked")}{(t.Disabled ? " (disabled)" : "")}</td></tr>");
            html.Append("</table>");
        }
    }

    private static void PhaseTable(StringBuilder html, IReadOnlyList<(string Phase, PageEvidence? Evidence)> phases)
    {
        html.Append("<h3>Phases</h3><table><tr><th>Phase</th><th>Choice</th><th>Cookies</th><th>Tracking cookies</th><th>Tracker hosts</th><th>Cross-check</th></tr>");
        foreach (var (phase, e) in phases)
        {
            if (e is null)
            {
                html.Append($"<tr><td>{E(phase)}</td><td colspan=\"5\" class=\"muted\">evidence file missing</td></tr>");
                continue;
            }
            var choice = e.Interaction is { } i
                ? $"{E(i.Outcome)}{(i.DecidedBy is null ? "" : $" by {E(i.DecidedBy)}")}{(i.Path.Length > 0 ? $": {E(i.Path)}" : "")}{(i.Message is null ? "" : $" <span class=\"muted\">{E(i.Message)}</span>")}"
                : e.GlobalPrivacyControl ? "Global Privacy Control on" : "none";
            if (!e.Navigation.Loaded) choice = $"<span class=\"error\">not loaded: {E(e.Navigation.Error)}</span>";
            html.Append($"<tr><td>{E(phase)}</td><td>{choice}</td><td>{e.Cookies.Count}</td>" +
                        $"<td>{e.Cookies.Count(c => c.Classification?.IsTracking == true)}</td><td>{e.TrackerHosts.Count(h => h.Classification.IsTracking)}</td>" +
                        $"<td>{(e.Interaction?.CrossCheck is { } x ? $"{E(x.Verdict)} <span class=\"muted\">{E(x.Detail)}</span>" : "")}</td></tr>");
        }
        html.Append("</table>");
    }

    private static void PhaseDetails(StringBuilder html, string phase, PageEvidence e)
    {
        html.Append($"<details><summary>Cookies and tracker hosts — {E(phase)} ({e.Cookies.Count} cookies, {e.TrackerHosts.Count} tracker hosts)</summary>");
        html.Append("<table><tr><th>Cookie</th><th>Domain</th><th>Party</th><th>Category</th><th>Expires</th><th>After the choice</th></tr>");
        foreach (var c in e.Cookies)
            html.Append($"<tr><td><code>{E(c.Name)}</code></td><td>{E(c.Domain)}</td><td>{E(c.Party.ToString().ToLowerInvariant())}</td>" +
                        $"<td>{E(Describe(c.Classification))}</td><td>{(c.Expires is { } x ? E(x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : "session")}</td>" +
                        $"<td>{(c.SetAfterInteraction ? "yes" : "")}</td></tr>");
        html.Append("</table><table><tr><th>Tracker host</th><th>Requests</th><th>Category</th></tr>");
        foreach (var h in e.TrackerHosts)
            html.Append($"<tr><td>{E(h.Host)}</td><td>{h.RequestCount}</td><td>{E(Describe(h.Classification))}</td></tr>");
        html.Append("</table></details>");
    }

    private static string Describe(Classification? c) =>
        c is null ? "" : $"{c.Category}{(c.Vendor is null ? "" : $" ({c.Vendor})")} · {c.Source}";

    private static void Card(StringBuilder html, string label, int value) =>
        html.Append($"<div class=\"card\"><b>{value}</b>{E(label)}</div>");

    /// <summary>A page link only for http(s) URLs; anything else (javascript:, data:) is shown as text.</summary>
    private static string Link(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? $"<a href=\"{E(uri.AbsoluteUri)}\" rel=\"noopener noreferrer\">{E(url)}</a>"
            : E(url);

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    private static string F(FormattableString text) => E(text.ToString(CultureInfo.InvariantCulture));

    /// <summary>HTML-encodes text and attribute values alike (&lt; &gt; &amp; " ').</summary>
    private static string E(string? text) => WebUtility.HtmlEncode(ReportText.Safe(text));

    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));
}
