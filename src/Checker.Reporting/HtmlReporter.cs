using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Reporting;

/// <summary>
/// One self-contained HTML file for auditors and editors. It leads with the overview a privacy lead or an editor
/// opens a crawl for: one line per site (pages, pages failing the gate, worst severity, what changed since the
/// baseline), a matrix of sites × the rules that fail (a cell opens the pages behind it), and per site the banner as
/// it looks (first layer, and the second where it was opened) beside its buttons' measured prominence and a chart
/// of tracking by phase. Below, each site's pages are grouped by the set of rules they fail, folded, each page with
/// its findings (what passed folded away) and its evidence phase by phase. Everything taken from a web page is
/// HTML-encoded; the only script is ours, allowed by its hash in a strict Content-Security-Policy (no other script,
/// no external resource, images only as inlined data, each distinct one once: see <see cref="ReportImages"/>).
/// </summary>
public static class HtmlReporter
{
    /// <summary>Reports of at most this many pages open with their page groups unfolded.</summary>
    public const int UnfoldedPages = 5;

    /// <summary>Stored width of banner and settings-layer pictures (shown at <see cref="BannerShown"/>, sharp on dense screens).</summary>
    private const int BannerStored = 720;
    private const int BannerShown = 640;
    private const int ViewportStored = 320;
    private const int ViewportShown = 320;

    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:16px;color:#1b1b1b}
        h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-top:2px solid #ddd;padding-top:12px;word-break:break-all}
        h3{font-size:15px;margin:18px 0 6px}h4{font-size:14px;margin:14px 0 4px;word-break:break-all}
        table{border-collapse:collapse;width:100%;margin:6px 0}
        th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f4f4f4}
        td.msg{max-width:520px}td:first-child code{white-space:nowrap}.fail{color:#a40000;font-weight:600}.error{color:#8a4b00;font-weight:600}
        .incomplete{color:#6a5d00}.pass{color:#0b6b1f}.not-applicable{color:#666}.muted{color:#666}
        .cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:110px}
        .card b{display:block;font-size:20px}img.shot{border:1px solid #ccc;max-width:100%;height:auto;display:block}ul.ev{margin:0;padding-left:18px}
        .filters{position:sticky;top:0;background:#fff;padding:8px 0;border-bottom:1px solid #ddd;z-index:1}code{word-break:break-all}
        .verdict{font-size:16px;font-weight:600}.verdict.ok{color:#0b6b1f}.verdict.bad{color:#a40000}
        table.matrix td{text-align:right;white-space:nowrap}table.matrix td.bad{background:#fde8e8;color:#a40000;font-weight:600}
        table.matrix{width:auto}table.matrix th.rule{font-weight:500;font-size:12px;vertical-align:bottom;min-width:56px;max-width:96px}
        table.matrix tr>th:first-child{white-space:nowrap}table.matrix th.family{text-align:center;font-size:12px}
        table.matrix td.thumb,table.matrix td:nth-child(3){text-align:left}div.scroll{overflow-x:auto}svg.thumb{border:1px solid #ccc;display:block}
        svg.spark{vertical-align:middle}table.matrix td.zero{color:#bbb;text-align:center}table.matrix td.s2{background:#f8c9c9}table.matrix td.s1{background:#fbe3c4}table.matrix td.s0{background:#eef}
        table.matrix details{text-align:left}table.matrix summary{cursor:pointer;font-weight:600;text-align:right}
        table.matrix ul{margin:4px 0;padding-left:16px;white-space:normal;min-width:260px;font-size:12px}
        .site-head{display:flex;gap:18px;flex-wrap:wrap;align-items:flex-start}.site-head figure{margin:0}
        figcaption{font-size:12px;color:#666}svg.shot{border:1px solid #ccc;max-width:100%;height:auto;display:block}
        svg.defs{position:absolute;width:0;height:0;overflow:hidden}
        table.prominence{width:auto;font-size:12px}table.prominence td{white-space:nowrap}svg.bar{display:block}
        details.group{border:1px solid #ddd;border-radius:6px;margin:8px 0;padding:4px 10px}details.group>summary{cursor:pointer;font-weight:600}
        details.passed>summary{cursor:pointer;color:#666}section.page{border-top:1px solid #eee;margin-top:10px}
        """;

    private const string Script = """
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
          if (outcome && rule) { outcome.addEventListener('change', apply); rule.addEventListener('change', apply); }
          // A link to a page or a site inside folded sections unfolds them, so the target is on screen.
          function reveal() {
            var target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
            if (!target) return;
            for (var node = target; node; node = node.parentElement) if (node.tagName === 'DETAILS') node.open = true;
            target.scrollIntoView();
          }
          window.addEventListener('hashchange', reveal);
          reveal();
        })();
        """;

    /// <summary>The Content-Security-Policy the file carries: our own style and script by hash, images as data only.</summary>
    public static string ContentSecurityPolicy =>
        $"default-src 'none'; img-src data:; style-src '{Hash(Style)}'; script-src '{Hash(Script)}'; base-uri 'none'; form-action 'none'";

    public static string Render(ReportFolder folder) => Render(folder, new ReportImages());

    public static string Render(ReportFolder folder, ReportImages images)
    {
        var report = folder.Report;
        var sites = SiteOverview.Build(report);
        var unfolded = report.Pages.Count <= UnfoldedPages;
        var pageIds = new Dictionary<PageReport, string>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < report.Pages.Count; i++) pageIds[report.Pages[i]] = $"p-{i + 1}";
        var siteIds = sites.Select((s, i) => (s.Site, i)).ToDictionary(x => x.Site, x => $"site-{x.i + 1}", StringComparer.Ordinal);

        // One pass over the evidence: each page's section is rendered, and what its site's head shows is gathered.
        var pictures = new Dictionary<string, SitePictures>(StringComparer.Ordinal);
        var pageHtml = new Dictionary<PageReport, string>(ReferenceEqualityComparer.Instance);
        // Screenshots and banners already shown on an earlier page (by file name; by text and buttons): later pages point there.
        var shownOn = new Dictionary<string, (string Id, string Url)>(StringComparer.Ordinal);
        var bannersShown = new Dictionary<string, (string Id, string Url)>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            var gathered = pictures[site.Site] = new SitePictures();
            foreach (var page in site.Pages)
            {
                var phases = page.Phases.Keys.Select(p => (Phase: p, Evidence: folder.Evidence(page, p))).ToList();
                gathered.Add(phases, folder, images);
                var section = new StringBuilder();
                Page(section, folder, images, shownOn, bannersShown, page, pageIds[page], phases, report.Run);
                pageHtml[page] = section.ToString();
            }
        }

        var body = new StringBuilder();
        var s = report.Summary;
        body.Append("<h1>Checker compliance report</h1>");
        body.Append($"<p class=\"muted\">{E(report.Tool.Name)} {E(report.Tool.Version)} · {E(report.Run.StartedAt.ToString("u", CultureInfo.InvariantCulture))} · fail-on <code>{E(Name(report.Run.FailOn))}</code> · exit code {s.ExitCode}</p>");
        var failingSites = sites.Count(x => x.PagesFailingGate > 0);
        body.Append(s.ExitCode == ExitCodes.Success
            ? $"<p class=\"verdict ok\">Passes: no page of the {sites.Count} site(s) fails the gate.</p>"
            : $"<p class=\"verdict bad\">{failingSites} of {sites.Count} site(s) fail: {sites.Sum(x => x.PagesFailingGate)} of {s.Pages} page(s) with findings at or above {E(Name(report.Run.FailOn))}" +
              $"{(s.Failed > 0 ? $"; {s.Failed} page(s) not audited" : "")}.</p>");
        body.Append("<div class=\"cards\">");
        Card(body, "sites", sites.Count);
        Card(body, "pages", s.Pages);
        Card(body, "audited", s.Audited);
        Card(body, "not audited", s.Failed);
        Card(body, "failing findings (gate)", s.Failing);
        if (s.Suppressed > 0) Card(body, "allowed", s.Suppressed);
        body.Append("</div>\n");

        SiteMatrix(body, sites, siteIds, pageIds, pictures, report);
        RuleSummary(body, report);
        BaselineSection(body, report);

        body.Append("<div class=\"filters\"><label>Outcome <select id=\"f-outcome\"><option value=\"\">all</option>");
        foreach (var outcome in Enum.GetValues<Outcome>()) body.Append($"<option>{E(MarkdownReporter.OutcomeName(outcome))}</option>");
        body.Append("</select></label> <label>Rule <select id=\"f-rule\"><option value=\"\">all</option>");
        foreach (var rule in report.Rules) body.Append($"<option>{E(rule.Id)}</option>");
        body.Append("</select></label></div>\n");

        foreach (var site in sites)
        {
            body.Append($"<section class=\"site\" id=\"{siteIds[site.Site]}\"><h2>{E(site.Site)}</h2>");
            body.Append($"<p>{SiteVerdict(site)}</p>");
            SiteHead(body, site, pictures[site.Site]);
            foreach (var group in site.Groups)
            {
                body.Append($"<details class=\"group\"{(unfolded ? " open" : "")}><summary>{group.Pages.Count} page(s) · {GroupTitle(group)}</summary>");
                foreach (var page in group.Pages) body.Append(pageHtml[page]);
                body.Append("</details>");
            }
            body.Append("</section>\n");
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{E(ContentSecurityPolicy)}\">");
        html.Append("<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append("<title>Checker report</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append(images.Definitions());
        html.Append(body);
        html.Append("<script>").Append(Script).Append("</script></body></html>\n");
        return html.ToString();
    }

    private static string SiteVerdict(SiteOverview site)
    {
        var verdict = site.PagesFailingGate > 0
            ? $"<span class=\"fail\">{site.PagesFailingGate} of {site.Pages.Count} page(s) fail the gate</span>"
            : $"<span class=\"pass\">no page of {site.Pages.Count} fails the gate</span>";
        if (site.Worst is { } worst) verdict += $" · worst failing finding: {E(Name(worst))}";
        if (site.NotAudited > 0) verdict += $" · <span class=\"error\">{site.NotAudited} not audited</span>";
        if (site.Baseline is { } b) verdict += $" · since the baseline: {b.New} new, {b.Unchanged} unchanged, {b.Fixed} fixed";
        return verdict;
    }

    private static string GroupTitle(PageGroup group) =>
        group.NotAudited ? "<span class=\"error\">not audited</span>"
        : group.FailingRules.Count == 0 ? "<span class=\"pass\">no rule fails</span>"
        : $"fail {string.Join(", ", group.FailingRules.Select(r => $"<code>{E(r)}</code>"))}";

    /// <summary>
    /// The overview: one row per site (pages, pages failing the gate, worst severity, baseline changes) and, across,
    /// the rules that fail somewhere (worst rules first), each cell the pages failing it there, opening to their list.
    /// </summary>
    private static void SiteMatrix(StringBuilder html, IReadOnlyList<SiteOverview> sites, IReadOnlyDictionary<string, string> siteIds,
        IReadOnlyDictionary<PageReport, string> pageIds, IReadOnlyDictionary<string, SitePictures> pictures, RunReport report)
    {
        var severity = report.Rules.ToDictionary(r => r.Id, r => r.Severity, StringComparer.Ordinal);
        var failing = SiteOverview.FailingRules(sites)
            .Select(x => (x.Rule, x.Pages, Severity: severity.GetValueOrDefault(x.Rule, Severity.Warning)))
            .OrderByDescending(x => x.Severity).ThenByDescending(x => x.Pages).ThenBy(x => x.Rule, StringComparer.Ordinal).ToList();
        // Rules side by side by family (consent, attribution), the family with the worst failure first.
        var families = failing.Select(x => Family(x.Rule)).Distinct(StringComparer.Ordinal).ToList();
        failing = [.. failing.OrderBy(x => families.IndexOf(Family(x.Rule)))];
        var baseline = report.Baseline is not null;
        html.Append("<h2 id=\"overview\">Sites</h2>");
        html.Append(failing.Count == 0 ? "<p class=\"pass\">No rule fails on any page.</p>"
            : "<p class=\"muted\">Pages failing each rule, by site; open a cell for its pages. Rules that fail nowhere are folded below.</p>");
        var phaseNames = pictures.Values.SelectMany(p => p.Tracking.Select(t => t.Phase)).Distinct(StringComparer.Ordinal).ToList();
        html.Append($"<div class=\"scroll\"><table class=\"matrix\"><tr><th rowspan=\"2\">Site</th><th rowspan=\"2\">Banner</th><th rowspan=\"2\">Tracker hosts by phase<br><span class=\"muted\">{E(string.Join("/", phaseNames))}</span></th>" +
                    "<th rowspan=\"2\">Pages</th><th rowspan=\"2\">Fail the gate</th><th rowspan=\"2\">Worst</th>");
        if (baseline) html.Append("<th rowspan=\"2\">New</th><th rowspan=\"2\">Unchanged</th><th rowspan=\"2\">Fixed</th>");
        foreach (var family in families) html.Append($"<th class=\"family\" colspan=\"{failing.Count(x => Family(x.Rule) == family)}\">{E(family)}</th>");
        html.Append("</tr><tr>");
        foreach (var (rule, _, sev) in failing)
        {
            var name = rule.Length > Family(rule).Length + 1 ? rule[(Family(rule).Length + 1)..] : rule;
            html.Append($"<th class=\"rule\" title=\"{E(rule)} ({E(Name(sev))})\">{E(name).Replace("-", "-<wbr>", StringComparison.Ordinal)}</th>");
        }
        html.Append("</tr>");
        foreach (var site in sites)
        {
            var gathered = pictures[site.Site];
            html.Append($"<tr data-site=\"{E(site.Site)}\"><th><a href=\"#{siteIds[site.Site]}\">{E(site.Site)}</a></th>" +
                        $"<td class=\"thumb\">{(gathered.BannerPicture is { } picture ? picture.Markup($"consent banner of {site.Site}", 120, "thumb", maxHeight: 44) : gathered.Banner is null && gathered.AnyBannerLooked ? "<span class=\"muted\">none</span>" : "")}</td>" +
                        $"<td>{Sparkline(gathered.Tracking, phaseNames)}</td>" +
                        $"<td data-count=\"pages\">{site.Pages.Count}{(site.NotAudited > 0 ? $" <span class=\"error\">({site.NotAudited} not audited)</span>" : "")}</td>" +
                        $"<td data-count=\"gate\" class=\"{(site.PagesFailingGate > 0 ? "bad" : "good")}\">{site.PagesFailingGate}</td>" +
                        $"<td>{(site.Worst is { } w ? E(Name(w)) : "")}</td>");
            if (site.Baseline is { } b) html.Append($"<td data-count=\"new\">{b.New}</td><td data-count=\"unchanged\">{b.Unchanged}</td><td data-count=\"fixed\">{b.Fixed}</td>");
            foreach (var (rule, _, sev) in failing)
            {
                if (!site.FailingPagesByRule.TryGetValue(rule, out var pages))
                {
                    html.Append($"<td class=\"zero\" data-rule=\"{E(rule)}\">·</td>");
                    continue;
                }
                html.Append($"<td class=\"s{(int)sev}\" data-rule=\"{E(rule)}\"><details><summary>{pages.Count}</summary><ul>");
                foreach (var page in pages.Take(100)) html.Append($"<li><a href=\"#{pageIds[page]}\">{E(page.Url)}</a></li>");
                if (pages.Count > 100) html.Append($"<li class=\"muted\">… {pages.Count - 100} more in the site's page groups</li>");
                html.Append("</ul></details></td>");
            }
            html.Append("</tr>");
        }
        html.Append("</table></div>\n");
    }

    private static string Family(string rule) => rule.IndexOf('.') is var dot && dot > 0 ? rule[..dot] : "";

    /// <summary>A few pixels per phase of the run: tracker hosts seen (distinct, all pages of the site), the numbers in its title.</summary>
    private static string Sparkline(IReadOnlyList<(string Phase, int Cookies, int Hosts)> tracking, IReadOnlyList<string> phases)
    {
        if (tracking.Count == 0) return "";
        var byPhase = phases.Select(p => tracking.Where(t => t.Phase == p).Select(t => ((int Cookies, int Hosts)?)(t.Cookies, t.Hosts)).FirstOrDefault()).ToList();
        var max = Math.Max(1, tracking.Max(t => t.Hosts));
        var svg = new StringBuilder($"<svg data-report=\"sparkline\" class=\"spark\" width=\"{phases.Count * 14}\" height=\"24\" role=\"img\"><title>");
        svg.Append(E(string.Join(" · ", phases.Zip(byPhase, (p, t) => t is { } x ? $"{p}: {x.Hosts} tracker host(s), {x.Cookies} tracking cookie(s)" : $"{p}: not recorded"))))
            .Append("</title>");
        for (var i = 0; i < phases.Count; i++)
        {
            if (byPhase[i] is not { } seen) continue;
            var h = seen.Hosts == 0 ? 1 : Math.Max(3, (int)Math.Round(20.0 * seen.Hosts / max));
            svg.Append($"<rect x=\"{i * 14 + 2}\" y=\"{22 - h}\" width=\"10\" height=\"{h}\" fill=\"{(seen.Hosts == 0 ? "#bbb" : "#e67e22")}\"/>");
        }
        return svg.Append("</svg> <span class=\"muted\">").Append(E(string.Join("/", byPhase.Select(t => t is { } x ? x.Hosts.ToString(CultureInfo.InvariantCulture) : "–"))))
            .Append("</span>").ToString();
    }

    private static void RuleSummary(StringBuilder html, RunReport report)
    {
        var counts = report.Pages.SelectMany(p => p.Findings).GroupBy(f => (f.RuleId, f.Outcome)).ToDictionary(g => g.Key, g => g.Count());
        int Count(string rule, Outcome outcome) => counts.GetValueOrDefault((rule, outcome));
        var quiet = report.Rules.Count(r => Count(r.Id, Outcome.Fail) == 0);
        html.Append($"<details class=\"rules\"><summary>All {report.Rules.Count} rules by outcome ({quiet} with no failing page)</summary>");
        html.Append("<table><tr><th>Rule</th><th>Severity</th><th>fail</th><th>incomplete</th><th>error</th><th>pass</th><th>not-applicable</th></tr>");
        foreach (var rule in report.Rules.OrderBy(r => Count(r.Id, Outcome.Fail) == 0).ThenByDescending(r => r.Severity))
        {
            html.Append($"<tr><td><code>{E(rule.Id)}</code><br><span class=\"muted\">{E(rule.Title)}</span></td><td>{E(Name(rule.Severity))}</td>" +
                        $"<td class=\"fail\">{Count(rule.Id, Outcome.Fail)}</td><td>{Count(rule.Id, Outcome.Incomplete)}</td><td>{Count(rule.Id, Outcome.Error)}</td>" +
                        $"<td>{Count(rule.Id, Outcome.Pass)}</td><td>{Count(rule.Id, Outcome.NotApplicable)}</td></tr>");
        }
        html.Append("</table></details>\n");
    }

    private static void BaselineSection(StringBuilder html, RunReport report)
    {
        if (report.Baseline is not { } baseline) return;
        html.Append($"<h3>Against the baseline</h3><p>{baseline.New} new, {baseline.Unchanged} unchanged, {baseline.Fixed.Count} fixed since the run of {E(baseline.BaselineStartedAt.ToString("u", CultureInfo.InvariantCulture))}.</p>");
        if (baseline.Fixed.Count == 0) return;
        html.Append($"<details><summary>Fixed ({baseline.Fixed.Count})</summary><table><tr><th>Fixed</th><th>Rule</th><th>Then</th></tr>");
        foreach (var f in baseline.Fixed) html.Append($"<tr><td>{E(f.Url)}</td><td><code>{E(f.RuleId)}</code></td><td>{E(f.Message)}</td></tr>");
        html.Append("</table></details>");
    }

    /// <summary>The site's banner as a reader sees it, its buttons' prominence, and tracking by phase.</summary>
    private static void SiteHead(StringBuilder html, SiteOverview site, SitePictures gathered)
    {
        html.Append("<div class=\"site-head\">");
        if (gathered.Banner is { } banner)
        {
            html.Append("<figure>");
            if (gathered.BannerPicture is { } picture) html.Append(picture.Markup($"consent banner of {site.Site}", BannerShown));
            else if (gathered.BannerFile is { } file) html.Append($"<p class=\"muted\">banner screenshot not inlined: <code>evidence/{E(file)}</code></p>");
            html.Append($"<figcaption>First layer · found by {E(banner.Method)}{(banner.ViewportCoverage is { } c ? F($" · covers {c:P0} of the viewport") : "")}</figcaption>");
            if (gathered.SettingsPicture is { } settings)
                html.Append(settings.Markup($"settings layer of {site.Site}", BannerShown)).Append("<figcaption>Second layer (settings), as opened</figcaption>");
            html.Append("</figure>");
            Prominence(html, banner);
        }
        else if (gathered.AnyBannerLooked)
            html.Append("<p><b>No consent banner</b> was found on the site's pages.</p>");
        Chart(html, site.Site, gathered.Tracking);
        html.Append("</div>");
    }

    /// <summary>The first layer's visible buttons, largest first, with the size, weight, contrast and fill measured on the page.</summary>
    private static void Prominence(StringBuilder html, BannerEvidence banner)
    {
        var controls = banner.VisibleControls.ToList();
        if (controls.Count == 0) return;
        var largest = controls.Max(c => c.Box is { } b ? b.Width * b.Height : 0);
        html.Append("<table class=\"prominence\"><tr><th>Button</th><th>Area</th><th>Font</th><th>Contrast</th><th>Filled</th></tr>");
        foreach (var c in controls.OrderByDescending(c => c.Box is { } b ? b.Width * b.Height : 0))
        {
            var area = c.Box is { } box ? box.Width * box.Height : 0;
            var bar = largest > 0 ? (int)Math.Round(100 * area / largest) : 0;
            var contrast = Checker.Core.Rules.Consent.Contrast.Ratio(c.Color, c.BackgroundColor);
            html.Append($"<tr><td>{E(c.Text.Length > 40 ? c.Text[..40] + "…" : c.Text)}</td>" +
                        $"<td><svg data-report=\"bar\" class=\"bar\" width=\"104\" height=\"10\" role=\"img\"><title>{bar}% of the largest button</title>" +
                        $"<rect width=\"{Math.Max(1, bar)}\" height=\"10\" fill=\"{(c.Filled ? "#2a6fdb" : "#9bb7e8")}\"/></svg>" +
                        $"{(c.Box is { } b2 ? F($"{b2.Width:0}×{b2.Height:0}") : "")}</td>" +
                        $"<td>{(c.FontSizePx is { } size ? F($"{size:0.#} px") : "")}{(c.FontWeight is { } w ? $" / {w}" : "")}</td>" +
                        $"<td>{(contrast is { } r ? F($"{r:0.0}:1") : "")}</td><td>{(c.Filled ? "yes" : "no")}</td></tr>");
        }
        html.Append("</table>");
    }

    /// <summary>Distinct tracking cookies and tracker hosts seen on the site's pages, per phase: "reject not respected" at a glance.</summary>
    private static void Chart(StringBuilder html, string site, IReadOnlyList<(string Phase, int Cookies, int Hosts)> tracking)
    {
        if (tracking.Count == 0) return;
        const int barWidth = 16, gap = 4, groupWidth = 2 * barWidth + gap + 22, top = 16, plot = 90;
        var max = Math.Max(1, tracking.Max(t => Math.Max(t.Cookies, t.Hosts)));
        var width = tracking.Count * groupWidth + 10;
        var svg = new StringBuilder($"<svg data-report=\"chart\" class=\"chart\" width=\"{width}\" height=\"{top + plot + 34}\" role=\"img\">");
        svg.Append($"<title>Tracking on {E(site)} by phase: {string.Join("; ", tracking.Select(t => $"{E(t.Phase)} {t.Cookies} tracking cookies, {t.Hosts} tracker hosts"))}</title>");
        svg.Append($"<line x1=\"0\" y1=\"{top + plot}\" x2=\"{width}\" y2=\"{top + plot}\" stroke=\"#999\"/>");
        for (var i = 0; i < tracking.Count; i++)
        {
            var (phase, cookies, hosts) = tracking[i];
            var x = 6 + i * groupWidth;
            foreach (var (value, dx, colour) in new[] { (cookies, 0, "#c0392b"), (hosts, barWidth + gap, "#e67e22") })
            {
                var h = (int)Math.Round((double)plot * value / max);
                svg.Append($"<rect x=\"{x + dx}\" y=\"{top + plot - h}\" width=\"{barWidth}\" height=\"{Math.Max(h, 0)}\" fill=\"{colour}\"/>");
                svg.Append($"<text x=\"{x + dx + barWidth / 2}\" y=\"{top + plot - h - 3}\" font-size=\"11\" text-anchor=\"middle\">{value}</text>");
            }
            svg.Append($"<text x=\"{x + barWidth + gap / 2}\" y=\"{top + plot + 14}\" font-size=\"11\" text-anchor=\"middle\">{E(phase)}</text>");
        }
        svg.Append($"<rect x=\"6\" y=\"{top + plot + 22}\" width=\"10\" height=\"10\" fill=\"#c0392b\"/><text x=\"20\" y=\"{top + plot + 31}\" font-size=\"11\">tracking cookies</text>");
        svg.Append($"<rect x=\"120\" y=\"{top + plot + 22}\" width=\"10\" height=\"10\" fill=\"#e67e22\"/><text x=\"134\" y=\"{top + plot + 31}\" font-size=\"11\">tracker hosts</text>");
        html.Append("<figure>").Append(svg).Append("</svg><figcaption>Tracking by phase, all pages of the site (distinct cookies and hosts)</figcaption></figure>");
    }

    private static void Page(StringBuilder html, ReportFolder folder, ReportImages images, Dictionary<string, (string Id, string Url)> shownOn,
        Dictionary<string, (string Id, string Url)> bannersShown, PageReport page, string id, IReadOnlyList<(string Phase, PageEvidence? Evidence)> phases, RunInfo run)
    {
        html.Append($"<section class=\"page\" id=\"{id}\"><h4>{Link(page.Url)}</h4>");
        html.Append($"<p class=\"muted\">{E(page.Status)}{(page.HttpStatus is { } status ? $" · HTTP {status}" : "")}" +
                    $"{(page.DurationMs is { } ms ? $" · {ms / 1000.0:0.0} s" : "")}" +
                    $"{(page.FinalUrl is { } final && final != page.Url ? $" · ended at {E(final)}" : "")}</p>");
        if (page.Status == PageStatus.Failed)
        {
            html.Append($"<p class=\"error\">Not audited: {E(page.Error ?? "unknown error")}</p></section>\n");
            return;
        }

        var ordered = page.Findings.OrderBy(f => MarkdownReporter.OutcomeOrder(f.Outcome)).ThenByDescending(f => f.Severity).ToList();
        var open = ordered.Where(f => f.Outcome is Outcome.Fail or Outcome.Error or Outcome.Incomplete).ToList();
        var quiet = ordered.Except(open).ToList();
        if (open.Count > 0) FindingTable(html, open, run);
        else html.Append("<p class=\"pass\">Every rule passes or does not apply.</p>");
        if (quiet.Count > 0)
        {
            html.Append($"<details class=\"passed\"><summary>{quiet.Count(f => f.Outcome == Outcome.Pass)} passed, {quiet.Count(f => f.Outcome == Outcome.NotApplicable)} not applicable</summary>");
            FindingTable(html, quiet, run, withEvidence: false);
            html.Append("</details>");
        }

        var initial = phases.FirstOrDefault(p => p.Phase == Phases.Initial).Evidence ?? phases.FirstOrDefault().Evidence;
        if (initial is not null)
        {
            Screenshots(html, folder, images, initial, shownOn, id, page.Url);
            var signature = initial.Banner is { Detected: true } banner ? Signature(banner) : null;
            if (signature is not null && bannersShown.TryGetValue(signature, out var sameAs))
                html.Append($"<h3>Consent banner</h3><p class=\"muted\">The same banner (text and buttons) as on <a href=\"#{sameAs.Id}\">{E(sameAs.Url)}</a>.</p>");
            else
            {
                if (signature is not null) bannersShown[signature] = (id, page.Url);
                Banner(html, initial.Banner);
            }
        }
        PhaseTable(html, phases);
        PhaseDetails(html, phases);
        html.Append("</section>\n");
    }

    /// <param name="withEvidence">False for what passed or does not apply: its evidence stays in report.json, which keeps a large run's report small.</param>
    private static void FindingTable(StringBuilder html, IReadOnlyList<Finding> findings, RunInfo run, bool withEvidence = true)
    {
        html.Append("<table><tr><th>Rule</th><th>Outcome</th><th>Severity</th><th>Message</th><th>Evidence</th></tr>");
        foreach (var f in findings)
        {
            var outcome = MarkdownReporter.OutcomeName(f.Outcome);
            if (!withEvidence)
            {
                html.Append($"<tr data-outcome=\"{E(outcome)}\" data-rule=\"{E(f.RuleId)}\"><td><code>{E(f.RuleId)}</code></td><td class=\"{E(outcome)}\">{E(outcome)}</td>" +
                            $"<td colspan=\"3\" class=\"msg\">{E(f.Message)}</td></tr>");
                continue;
            }
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
    }

    /// <summary>
    /// The page's screenshots, where this page took them; a page of a site session that showed the same banner as an
    /// earlier one points to that page instead (the screenshot was taken there), so no picture is inlined twice.
    /// </summary>
    private static void Screenshots(StringBuilder html, ReportFolder folder, ReportImages images, PageEvidence evidence,
        Dictionary<string, (string Id, string Url)> shownOn, string id, string url)
    {
        foreach (var (kind, stored, shown) in new[] { ("banner", BannerStored, BannerShown), ("viewport", ViewportStored, ViewportShown) })
        {
            if (!evidence.Screenshots.TryGetValue(kind, out var name) || !name.EndsWith(".png", StringComparison.Ordinal)) continue;
            if (shownOn.TryGetValue(name, out var earlier))
            {
                html.Append($"<p class=\"muted\">Screenshot ({E(kind)}): the same banner as on <a href=\"#{earlier.Id}\">{E(earlier.Url)}</a>, where it was taken.</p>");
                continue;
            }
            if (folder.Attachment(name) is not { Length: > 0 } png) continue;
            shownOn[name] = (id, url);
            html.Append($"<h3>Screenshot: {E(kind)}</h3>");
            html.Append(images.AddLazy(png, stored) is { } picture
                ? picture.Markup($"{kind} screenshot", shown)
                : $"<p class=\"muted\">not inlined (the report's picture budget is spent): <code>evidence/{E(name)}</code></p>");
        }
    }

    private static string Signature(BannerEvidence banner) =>
        string.Join("\u0001", [banner.Text ?? "", banner.FrameUrl ?? "", .. banner.Controls.Select(c => $"{c.Text}\u0002{c.Box?.Width}\u0002{c.Box?.Height}\u0002{c.Color}\u0002{c.BackgroundColor}\u0002{c.Visible}"),
            .. banner.Toggles.Select(t => $"{t.Label}\u0002{t.Checked}")]);

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

    /// <summary>
    /// Every cookie and tracker host of the page in one table, a column per phase: what each phase had side by side
    /// (a cookie there before any choice and after reject reads across one row).
    /// </summary>
    private static void PhaseDetails(StringBuilder html, IReadOnlyList<(string Phase, PageEvidence? Evidence)> phases)
    {
        var recorded = phases.Where(p => p.Evidence is not null).Select(p => (p.Phase, Evidence: p.Evidence!)).ToList();
        if (recorded.Count == 0) return;
        var cookies = recorded.SelectMany(p => p.Evidence.Cookies.Select(c => (p.Phase, Cookie: c)))
            .GroupBy(x => (x.Cookie.Name, x.Cookie.Domain, x.Cookie.Path)).ToList();
        var hosts = recorded.SelectMany(p => p.Evidence.TrackerHosts.Select(h => (p.Phase, Host: h))).GroupBy(x => x.Host.Host, StringComparer.Ordinal).ToList();
        var columns = string.Concat(recorded.Select(p => $"<th>{E(p.Phase)}</th>"));
        html.Append($"<details><summary>Cookies and tracker hosts by phase ({cookies.Count} cookies, {hosts.Count} tracker hosts)</summary>");
        html.Append($"<table><tr><th>Cookie</th><th>Domain</th><th>Party</th><th>Category</th><th>Expires</th>{columns}</tr>");
        foreach (var cookie in cookies)
        {
            var c = cookie.First().Cookie;
            html.Append($"<tr><td><code>{E(c.Name)}</code></td><td>{E(c.Domain)}</td><td>{E(c.Party.ToString().ToLowerInvariant())}</td>" +
                        $"<td>{E(Describe(c.Classification))}</td><td>{(c.Expires is { } x ? E(x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : "session")}</td>");
            foreach (var (phase, _) in recorded)
            {
                var seen = cookie.Where(x => x.Phase == phase).Select(x => x.Cookie).FirstOrDefault();
                html.Append($"<td>{(seen is null ? "" : seen.SetAfterInteraction ? "set after the choice" : "yes")}</td>");
            }
            html.Append("</tr>");
        }
        html.Append($"</table><table><tr><th>Tracker host</th><th>Category</th>{columns}</tr>");
        foreach (var host in hosts)
        {
            html.Append($"<tr><td>{E(host.Key)}</td><td>{E(Describe(host.First().Host.Classification))}</td>");
            foreach (var (phase, _) in recorded)
                html.Append($"<td>{host.Where(x => x.Phase == phase).Select(x => $"{x.Host.RequestCount} request(s)").FirstOrDefault()}</td>");
            html.Append("</tr>");
        }
        html.Append("</table></details>");
    }

    /// <summary>What a site's head shows, gathered page by page: its first banner with a screenshot, and tracking by phase.</summary>
    private sealed class SitePictures
    {
        private static readonly Dictionary<string, int> PhaseRank = Phases.All.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        private readonly Dictionary<string, (HashSet<string> Cookies, HashSet<string> Hosts)> _tracking = new(StringComparer.Ordinal);

        public BannerEvidence? Banner { get; private set; }
        public string? BannerFile { get; private set; }
        public ReportImages.Picture? BannerPicture { get; private set; }
        public ReportImages.Picture? SettingsPicture { get; private set; }
        /// <summary>Whether some page of the site loaded in a phase that looks for a banner before any choice.</summary>
        public bool AnyBannerLooked { get; private set; }

        public IReadOnlyList<(string Phase, int Cookies, int Hosts)> Tracking =>
        [
            .. _tracking.OrderBy(t => PhaseRank.GetValueOrDefault(t.Key, PhaseRank.Count)).ThenBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => (t.Key, t.Value.Cookies.Count, t.Value.Hosts.Count)),
        ];

        public void Add(IReadOnlyList<(string Phase, PageEvidence? Evidence)> phases, ReportFolder folder, ReportImages images)
        {
            foreach (var (phase, e) in phases)
            {
                if (e is not { Navigation.Loaded: true }) continue;
                if (!_tracking.TryGetValue(phase, out var seen)) _tracking[phase] = seen = (new(StringComparer.Ordinal), new(StringComparer.Ordinal));
                foreach (var c in e.Cookies.Where(c => c.Classification?.IsTracking == true)) seen.Cookies.Add($"{c.Name}\u0001{c.Domain}");
                foreach (var h in e.TrackerHosts.Where(h => h.Classification.IsTracking)) seen.Hosts.Add(h.Host);
            }
            var initial = phases.FirstOrDefault(p => p.Phase == Phases.Initial).Evidence;
            if (initial is not { Navigation.Loaded: true }) return;
            AnyBannerLooked = true;
            if (BannerFile is not null || initial.Banner is not { Detected: true } banner) return;
            Banner ??= banner;
            var name = initial.Screenshots.GetValueOrDefault("banner") ?? initial.Screenshots.GetValueOrDefault("viewport");
            if (name is null || !name.EndsWith(".png", StringComparison.Ordinal) || folder.Attachment(name) is not { Length: > 0 } png) return;
            Banner = banner;
            BannerFile = name;
            BannerPicture = images.Add(png, BannerStored);
            if (initial.Screenshots.GetValueOrDefault("settings") is { } settings && settings.EndsWith(".png", StringComparison.Ordinal)
                && folder.Attachment(settings) is { Length: > 0 } layer)
                SettingsPicture = images.Add(layer, BannerStored);
        }
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
