using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Checker.Browser;
using Checker.Core.Crawling;
using Checker.Core.Domains;
using Checker.Core.Evidence;
using Checker.Core.Findings;
using Checker.Core.Rules;
using Checker.Core.Runs;
using Checker.Core.Serialization;
using Checker.Core.Similarity;
using Checker.Core.Trackers;
using Checker.Reporting;
using Microsoft.Playwright;
using Serilog;

namespace Checker.Cli.Audit;

/// <summary>collect → evidence → evaluate → findings → report, for a list of URLs.</summary>
public static class AuditRunner
{
    public static string ToolVersion =>
        typeof(AuditRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static async Task<int> RunAsync(AuditRequest request, TextWriter stdout, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        // Everything that can be wrong with the input is checked before the browser starts.
        var engine = LoadRules(request.RulesFolder);
        var gate = Gate.Load(request.Gate, engine);
        var keywords = CollectorKeywords.Load(engine.Catalog);
        var classifier = LoadClassifier(request, engine.Catalog);
        IReadOnlyList<string> referenceSources;
        try { referenceSources = ReferenceReader.Expand(request.References); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        // A remote browser (--browser-endpoint) needs none here.
        var (located, problem) = request.BrowserEndpoint is { } endpoint
            ? (new LocatedBrowser(endpoint, "--browser-endpoint"), null)
            : BrowserLocator.Locate(request.BrowserPath, needsCookieSettings: request.ThirdPartyCookies == ThirdPartyCookies.Block);
        if (located is null) throw new UsageException(problem!);
        PrepareOutput(request.OutputDirectory, request.Resume);

        var settings = new BrowserSettings
        {
            ExecutablePath = located.ExecutablePath,
            Endpoint = request.BrowserEndpoint,
            Locale = request.Locale,
            ViewportWidth = request.ViewportWidth,
            ViewportHeight = request.ViewportHeight,
            ThirdPartyCookies = request.ThirdPartyCookies,
            HostResolverRules = request.HostResolverRules,
            IgnoreHttpsErrors = request.IgnoreHttpsErrors,
            PageTimeout = request.PageTimeout,
            UseAutoconsent = request.UseAutoconsent,
            Access = request.Access,
        };
        if (request.UseAutoconsent && AutoconsentBundle.Load() is null)
            Log.Warning("autoconsent is not shipped with this build ({Folder}); the generic engine decides alone", AutoconsentBundle.Folder);
        Log.Information("Auditing {Count} page(s) with {Browser} ({FoundBy}); reports in {Out}",
            request.Urls.Count, located.ExecutablePath, located.FoundBy, request.OutputDirectory);

        BrowserSession session;
        try
        {
            session = await BrowserSession.StartAsync(settings, cancellationToken);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            Log.Debug(e, "browser start failed");
            throw new UsageException(request.BrowserEndpoint is null
                ? $"the browser at {located.ExecutablePath} did not start: {e.Message.Split('\n')[0]}{(e.Message.Contains("has been closed", StringComparison.Ordinal) ? " (it exited at once: is it Chromium or Chrome? 'checker doctor' checks)" : "")}"
                : $"--browser-endpoint {request.BrowserEndpoint}: cannot connect: {e.Message.Split('\n')[0]}");
        }

        // From here on the browser is closed however the run ends: an error, Ctrl+C, or done.
        try
        {
            gate = gate with { References = await ReadReferencesAsync(session, keywords, referenceSources, request.OutputDirectory, cancellationToken) };
            if (request.Crawl is { } crawl)
            {
                var found = await DiscoverAsync(session, crawl, request, cancellationToken);
                var asked = TimeSpan.FromSeconds(found.CrawlDelaySeconds ?? 0);
                if (asked > request.HostDelay)
                    Log.Information("robots.txt asks for {Seconds} s between requests: pages of {Site} are started that far apart", asked.TotalSeconds, crawl.Site);
                request = request with { Urls = [.. found.Pages.Select(p => p.Url)], HostDelay = asked > request.HostDelay ? asked : request.HostDelay };
            }

            // Pages already in the journal (--resume) are kept and not visited again; the rest, in this shard, are audited.
            await using var journal = RunJournal.Open(request.OutputDirectory, request.Resume);
            var done = journal.Pages.Select(p => p.Url).ToHashSet(StringComparer.Ordinal);
            var targets = request.Urls.Select((url, i) => (Url: url, Position: i + 1))
                .Where(t => request.Shard.Contains(t.Url) && !done.Contains(t.Url)).ToList();
            if (request.Resume) Log.Information("Resuming {Out}: {Done} page(s) already audited, {Left} to go", request.OutputDirectory, done.Count, targets.Count);
            if (request.Shard.Count > 1)
                Log.Information("Shard {Shard}: {Count} of {Total} page(s)", request.Shard, request.Urls.Count(request.Shard.Contains), request.Urls.Count);

            var pages = new ConcurrentDictionary<string, PageReport>(journal.Pages.ToDictionary(p => p.Url, StringComparer.Ordinal));
            var order = request.Urls.Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i, StringComparer.Ordinal);
            IReadOnlyList<PageReport> Ordered() => [.. pages.Values.OrderBy(p => order.GetValueOrDefault(p.Url, int.MaxValue))];
            var interrupted = false;
            var runClock = Stopwatch.StartNew();
            var finished = 0;
            var snapshot = new SnapshotWriter(TimeSpan.FromSeconds(5));
            var maxVisits = MaxVisits(request);
            // --max-visits bounds the browser pages open at once. A visit in a fresh context holds one for its own time.
            // With site sessions, a set of lanes (a browser page per phase) goes from batch to batch and is kept open
            // in between: there are as many sets as the limit allows (fewer than the phases: one set, whose visits
            // still take turns among themselves).
            var visitor = new PageVisitor(session, classifier, keywords,
                request.SiteSessions && maxVisits >= request.Phases.Count ? 0 : maxVisits);
            var laneSets = request.SiteSessions
                ? LaneSets(maxVisits > 0 ? Math.Max(1, Math.Min(request.Concurrency, maxVisits / request.Phases.Count)) : request.Concurrency,
                    request.Phases.Count)
                : null;
            if (maxVisits > 0 && maxVisits < request.Concurrency * request.Phases.Count)
                Log.Information("At most {Visits} browser pages open at once (--max-visits); the phases of {Pages} page(s) or site session(s) take turns",
                    maxVisits, request.Concurrency);
            var pacer = new HostPacer(request.HostDelay);
            var screenshotsTaken = new ConcurrentDictionary<(string Url, string Phase), IReadOnlyDictionary<string, string>>();
            // --run-timeout ends the audit as Ctrl+C would: pages in flight are given up, the report of the rest is written.
            using var runLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (request.RunTimeout is { } limit) runLimit.CancelAfter(limit);
            try
            {
                // --isolation site: a site's pages in one batch (or a few, for a large site), each phase in one browser page
                // kept from page to page. --isolation page: each page its own batch, each visit a fresh context.
                var batches = request.SiteSessions
                    ? SiteBatches.Work(targets, t => SessionKey(t.Url), request.Concurrency)
                    : [.. targets.Select(t => new SiteWork<(string Url, int Position)>(SessionKey(t.Url), [t]))];
                if (request.SiteSessions && batches.Count < targets.Count)
                    Log.Information("{Pages} page(s) in {Batches} site session(s)", targets.Count, batches.Count);
                await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = request.Concurrency, CancellationToken = runLimit.Token },
                    async (batch, token) =>
                    {
                        var lanes = laneSets is null ? request.Phases.Select(_ => (SessionLane?)null).ToList() : await laneSets.Reader.ReadAsync(token);
                        foreach (var lane in lanes) lane?.BeginSite(batch.Site);
                        try
                        {
                            // Each phase in its own lane (its own context), at its own pace; a page is recorded once all
                            // its phases are done.
                            await PhasePipeline.RunAsync(batch.Pages, request.Phases.Count, PagesInFlight,
                                (target, t) => pacer.WaitTurnAsync(target.Url, t),
                                (target, i, t) => visitor.VisitAsync(target.Url, PhaseSpec.For(request.Phases[i]), lanes[i], t),
                                async (target, results, elapsed, t) =>
                                {
                                    var page = await RecordPageAsync(request, gate, target.Url, SiteOf(classifier, target.Url), results, target.Position, screenshotsTaken, t);
                                    await journal.AppendAsync(page, CancellationToken.None);
                                    pages[page.Url] = page;
                                    var count = Interlocked.Increment(ref finished);
                                    LogProgress(count, targets.Count, page, elapsed, runClock.Elapsed, pages.Values);
                                    // A readable report.json at every moment of a long run, not only at its end.
                                    await snapshot.MaybeWriteAsync(() => WriteSnapshotAsync(request, gate, classifier, settings, session.Version, startedAt, Ordered()));
                                }, token);
                        }
                        finally
                        {
                            laneSets?.Writer.TryWrite(lanes);
                        }
                    });
            }
            catch (OperationCanceledException)
            {
                interrupted = true;
            }
            finally
            {
                // Bounded each: an interrupted run must not wait on a stuck renderer to close.
                if (laneSets is not null)
                    while (laneSets.Reader.TryRead(out var lanes))
                        foreach (var lane in lanes.OfType<SessionLane>())
                            await lane.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(6), CancellationToken.None)
                                .ContinueWith(_ => { }, TaskScheduler.Default);
            }
            // The report is written before the browser is closed, and even when interrupted: what was audited is not lost.
            var exitCode = await WriteReportsAsync(request, gate, classifier, settings, session.Version, startedAt, Ordered(), stdout);
            if (!interrupted) return exitCode;
            if (!cancellationToken.IsCancellationRequested)
            {
                Log.Warning("Stopped at the run's time limit (--run-timeout {Limit}) after {Done} of {Total} page(s); the partial report is saved, and --resume {Out} continues the run",
                    request.RunTimeout, finished, targets.Count, request.OutputDirectory);
                return ExitCodes.RunTimedOut;
            }
            Log.Warning("Interrupted after {Done} of {Total} page(s); the partial report is saved, and --resume {Out} continues the run",
                finished, targets.Count, request.OutputDirectory);
            return ExitCodes.Interrupted;
        }
        finally
        {
            await session.DisposeAsync();
        }
    }

    /// <summary>
    /// Pages of a batch taken and not yet recorded: the fastest phase's lane is at most this many pages ahead of the slowest.
    /// </summary>
    private const int PagesInFlight = 3;

    /// <summary>Sets of lanes (one per phase), each used by one batch at a time and handed to the next.</summary>
    private static System.Threading.Channels.Channel<List<SessionLane?>> LaneSets(int sets, int phases)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<List<SessionLane?>>();
        for (var i = 0; i < sets; i++)
            channel.Writer.TryWrite([.. Enumerable.Range(0, phases).Select(_ => (SessionLane?)new SessionLane())]);
        return channel;
    }

    private static Task WriteSnapshotAsync(AuditRequest request, Gate gate, TrackerClassifier classifier, BrowserSettings settings,
        string browserVersion, DateTimeOffset startedAt, IReadOnlyList<PageReport> pages)
    {
        var report = gate.Build(new ToolInfo("checker", ToolVersion), RunInfoFor(request, gate, classifier, settings, browserVersion, startedAt), pages);
        return CheckerJson.WriteJsonAtomicallyAsync(Path.Combine(request.OutputDirectory, "report.json"), report, CancellationToken.None);
    }

    private static RunInfo RunInfoFor(AuditRequest request, Gate gate, TrackerClassifier classifier, BrowserSettings settings, string browserVersion,
        DateTimeOffset startedAt) => new()
    {
        Command = request.Command,
        StartedAt = startedAt,
        FinishedAt = DateTimeOffset.UtcNow,
        FailOn = gate.FailOn,
        Options = DescribeOptions(request, settings, browserVersion, classifier),
    };

    /// <summary>
    /// The pages of a crawled site, found once and saved in crawl.json: a resumed crawl audits the same list, and
    /// the shards of a crawl can each be given it.
    /// </summary>
    private static async Task<CrawlResult> DiscoverAsync(BrowserSession session, CrawlRequest crawl, AuditRequest request,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(request.OutputDirectory, CrawlFile);
        if (request.Resume && File.Exists(path))
        {
            var saved = CheckerJson.Deserialize<CrawlResult>(await File.ReadAllTextAsync(path, cancellationToken));
            Log.Information("Resuming the crawl of {Site}: the {Count} page(s) it found", crawl.Site, saved.Pages.Count);
            return saved;
        }
        Log.Information("Crawling {Site} for up to {Max} page(s): robots.txt, sitemaps, then links", crawl.Site, crawl.Options.MaxPages);
        var clock = Stopwatch.StartNew();
        CrawlResult result;
        await using (var fetcher = new BrowserSiteFetcher(session))
            result = await new SiteCrawler(fetcher, crawl.Options).CrawlAsync(crawl.Site, cancellationToken);
        Log.Information("Found {Count} page(s) in {Seconds:0.0} s ({Sitemap} from {Sitemaps} sitemap(s), {Links} from links; {Disallowed} left out by robots.txt)",
            result.Pages.Count, clock.Elapsed.TotalSeconds, result.Pages.Count(p => p.Source.StartsWith("sitemap", StringComparison.Ordinal)),
            result.SitemapsRead, result.Pages.Count(p => p.Source is "link" or "start"), result.DisallowedByRobots);
        if (result.Pages.Count == 0)
            throw new UsageException($"crawl: no page of {crawl.Site} to audit (the site did not answer, or robots.txt disallows it)");
        await CheckerJson.WriteJsonAtomicallyAsync(path, result, cancellationToken);
        return result;
    }

    public const string CrawlFile = "crawl.json";

    /// <summary>
    /// The originals, read before any page so that every page is compared with all of them; their signatures are
    /// saved with the evidence for `evaluate`.
    /// </summary>
    private static async Task<IReadOnlyList<ReferenceText>> ReadReferencesAsync(BrowserSession session, CollectorKeywords keywords,
        IReadOnlyList<string> sources, string outputDirectory, CancellationToken cancellationToken)
    {
        if (sources.Count == 0) return [];
        var reader = new ReferenceReader(session, keywords);
        var references = new List<ReferenceText>();
        foreach (var source in sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await reader.ReadAsync(source, cancellationToken) is { } reference) references.Add(reference);
        }
        if (references.Count == 0) throw new UsageException($"--reference: none of the {sources.Count} reference(s) could be read");
        Log.Information("Read {Count} reference text(s) of {Total} to compare pages with", references.Count, sources.Count);
        await CheckerJson.WriteJsonAtomicallyAsync(Path.Combine(outputDirectory, Gate.ReferencesFile), references, cancellationToken);
        return references;
    }

    private static async Task<int> WriteReportsAsync(AuditRequest request, Gate gate, TrackerClassifier classifier,
        BrowserSettings settings, string browserVersion, DateTimeOffset startedAt, IReadOnlyList<PageReport> pages, TextWriter stdout)
    {
        var report = gate.Build(new ToolInfo("checker", ToolVersion), RunInfoFor(request, gate, classifier, settings, browserVersion, startedAt), pages);
        var reportPath = Path.Combine(request.OutputDirectory, "report.json");
        // Not cancellable: an interrupted run still gets its reports.
        await ReportWriter.WriteAsync(ReportFolder.From(request.OutputDirectory, report), request.OutputDirectory, request.Formats, CancellationToken.None);
        await stdout.WriteAsync(ConsoleReporter.Render(report, reportPath));
        await stdout.FlushAsync(CancellationToken.None);
        return report.Summary.ExitCode;
    }

    /// <param name="screenshotsTaken">The screenshot files written so far, by page and phase, for pages that show the same banner.</param>
    private static async Task<PageReport> RecordPageAsync(AuditRequest request, Gate gate, string url, string site, IReadOnlyList<VisitResult> results,
        int index, ConcurrentDictionary<(string Url, string Phase), IReadOnlyDictionary<string, string>> screenshotsTaken, CancellationToken cancellationToken)
    {
        var baseName = $"{index:D3}-{SafeName(url)}";
        var phases = new Dictionary<string, PhaseReport>();
        var evidence = new List<PageEvidence>();
        foreach (var (result, phase) in results.Zip(request.Phases))
        {
            IReadOnlyDictionary<string, string> screenshots = new Dictionary<string, string>();
            // The same banner as on an earlier page of the site session: that page's screenshots show it.
            if (result.ScreenshotsOf is { } earlier && screenshotsTaken.TryGetValue((earlier, phase), out var earlierShots))
                screenshots = earlierShots;
            else if (result.Attachments.Count > 0)
            {
                var written = new Dictionary<string, string>();
                foreach (var attachment in result.Attachments)
                {
                    var name = $"{baseName}.{phase}.{attachment.Kind}.{attachment.Extension}";
                    await CheckerJson.WriteAtomicallyAsync(Path.Combine(request.OutputDirectory, "evidence", name), attachment.Content, cancellationToken);
                    written[attachment.Kind] = name;
                }
                screenshots = screenshotsTaken[(url, phase)] = written;
            }
            var phaseEvidence = result.Evidence with { Screenshots = screenshots };
            var file = $"evidence/{baseName}.{phase}.json";
            await CheckerJson.WriteJsonAtomicallyAsync(Path.Combine(request.OutputDirectory, file), phaseEvidence, cancellationToken);
            phases[phase] = new PhaseReport(file, phaseEvidence.Navigation.Loaded ? PageStatus.Audited : PageStatus.Failed,
                phaseEvidence.Navigation.Error, phaseEvidence.Navigation.Timings.TotalMs);
            evidence.Add(phaseEvidence);
        }
        // The page counts as audited when its first phase (normally the initial visit) loaded; a later phase that
        // failed shows in its phase entry and in the rules that need it ("error" or "incomplete", never "pass").
        var first = evidence[0];
        var loaded = first.Navigation.Loaded;
        return new PageReport
        {
            Url = url,
            FinalUrl = first.Navigation.FinalUrl,
            Site = site,
            Status = loaded ? PageStatus.Audited : PageStatus.Failed,
            HttpStatus = first.Navigation.Status,
            Error = first.Navigation.Error,
            Evidence = phases[first.Phase].Evidence,
            DurationMs = evidence.Max(e => e.Navigation.Timings.TotalMs),
            Phases = phases,
            // A page that never loaded has no evidence to judge; it is reported as not audited, not as passing.
            Findings = loaded ? gate.Judge(url, evidence) : [],
        };
    }

    /// <summary>
    /// Progress is for a person watching a terminal; in a CI log or a pipe it is quiet unless --verbose (a page that
    /// could not be audited is always a warning).
    /// </summary>
    private static readonly Serilog.Events.LogEventLevel ProgressLevel =
        Console.IsErrorRedirected ? Serilog.Events.LogEventLevel.Debug : Serilog.Events.LogEventLevel.Information;

    /// <summary>One line per page on stderr: where the run is, how it went, how many pages fail so far, and when it should end.</summary>
    private static void LogProgress(int done, int total, PageReport page, TimeSpan pageTime, TimeSpan runTime, ICollection<PageReport> pages)
    {
        var failingPages = pages.Count(p => p.Findings.Any(f => f.IsOpenFailure));
        var remaining = total - done;
        var eta = remaining == 0 ? "" : $", about {Format(runTime / done * remaining)} left";
        if (page.Status == PageStatus.Failed)
            Log.Warning("[{Done}/{Total}] {Url} not audited: {Error} ({FailingPages} page(s) failing so far{Eta})", done, total, page.Url, page.Error,
                failingPages, eta);
        else
            Log.Write(ProgressLevel, "[{Done}/{Total}] {Url} audited in {Seconds:0.0} s: {Failed} failing, {Passed} passing ({FailingPages} page(s) failing so far{Eta})",
                done, total, page.Url, pageTime.TotalSeconds, page.Findings.Count(f => f.Outcome == Outcome.Fail),
                page.Findings.Count(f => f.Outcome == Outcome.Pass), failingPages, eta);
    }

    private static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes:D2} min" : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds:D2} s" : $"{span.Seconds} s";

    internal static RuleEngine LoadRules(string folder)
    {
        try
        {
            return BuiltInRules.LoadEngine(folder);
        }
        catch (RuleCatalogException e)
        {
            throw new UsageException($"broken rules: {e.Message}");
        }
    }

    private static TrackerClassifier LoadClassifier(AuditRequest request, RuleCatalog catalog)
    {
        var pslPath = PublicSuffixList.FindInstalled(request.PublicSuffixListPath)
                      ?? throw new UsageException(
                          "no Public Suffix List found: install it ('apt-get install -y publicsuffix') or pass --public-suffix-list PATH");
        PublicSuffixList psl;
        try { psl = PublicSuffixList.Load(pslPath); }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the Public Suffix List {pslPath}: {e.Message}");
        }
        TrackerData data;
        try { data = TrackerData.Load(catalog.DataPath("trackers.json")); }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            throw new UsageException($"broken rules: {catalog.DataPath("trackers.json")}: {e.Message.Split(" Path:")[0]}");
        }
        OpenCookieDatabase? database = null;
        if (request.CookieDatabasePath is { } dbPath)
        {
            try { database = OpenCookieDatabase.Load(dbPath); }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new UsageException($"--cookie-db {dbPath}: {e.Message}");
            }
            Log.Information("Open Cookie Database: {Count} entries from {Path}", database.Count, database.Source);
        }
        return new TrackerClassifier(data, psl, database);
    }

    private static void PrepareOutput(string directory, bool resume)
    {
        if (resume && !RunJournal.Exists(directory))
            throw new UsageException($"--resume {directory}: no {RunJournal.FileName} there, so no run to continue");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "evidence"));
            var probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write reports to {directory}: {e.Message}");
        }
    }

    private static Dictionary<string, string?> DescribeOptions(AuditRequest request, BrowserSettings settings, string browserVersion,
        TrackerClassifier classifier)
    {
        var options = DescribeBrowserOptions(request, settings, browserVersion, classifier);
        // Which access was used, values redacted: only when some was.
        foreach (var (name, value) in settings.Access.Describe())
            if (value is not null) options[name] = value;
        return options;
    }

    private static Dictionary<string, string?> DescribeBrowserOptions(AuditRequest request, BrowserSettings settings, string browserVersion,
        TrackerClassifier classifier) => new()
    {
        ["browser"] = settings.ExecutablePath,
        ["browserVersion"] = browserVersion,
        ["locale"] = settings.Locale,
        ["viewport"] = $"{settings.ViewportWidth}x{settings.ViewportHeight}",
        ["thirdPartyCookies"] = settings.Endpoint is null ? settings.ThirdPartyCookies.ToString().ToLowerInvariant() : "remote browser's own",
        ["timeoutSeconds"] = settings.PageTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["hostResolverRules"] = settings.HostResolverRules,
        ["ignoreHttpsErrors"] = settings.IgnoreHttpsErrors ? "true" : "false",
        ["rules"] = request.RulesFolder,
        ["publicSuffixList"] = classifier.PublicSuffixList.Source,
        ["cookieDatabase"] = request.CookieDatabasePath,
        ["formats"] = string.Join(",", request.Formats),
        ["phases"] = string.Join(",", request.Phases),
        ["references"] = request.References.Count == 0 ? null : string.Join(" ", request.References),
        ["concurrency"] = request.Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["isolation"] = request.SiteSessions ? "site" : "page",
        ["maxVisits"] = MaxVisits(request) is > 0 and var visits ? visits.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no limit",
        ["delayMs"] = request.HostDelay > TimeSpan.Zero ? request.HostDelay.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        ["shard"] = request.Shard.Count > 1 ? request.Shard.ToString() : null,
        ["autoconsent"] = request.UseAutoconsent ? $"on ({AutoconsentBundle.Load()?.Version ?? "not shipped"})" : "off",
    };

    /// <summary>
    /// Browser visits open at once; 0 for no limit. Past a few per core a machine only slows down and holds more renderers
    /// (bench/scale, 2 cores, concurrency 4, four phases: 16 at once 8.6 pages a minute with pages timing out; 8 at once
    /// 10.3 pages a minute, p50 14.7 s, peak 1247 MiB; 6 at once 9.6 pages a minute, p50 11.2 s, peak 1138 MiB — the
    /// same pace within the runs' noise, less memory and shorter pages). With site sessions it bounds the browser pages
    /// open at once, 4 per core: two four-phase sessions at once on 2 cores (the fixture web's 17 consent sites, two pages
    /// each: one session at a time 180 s, two 154 s, four 180 s with more memory). A remote browser's machine is not this
    /// one: no default limit there. In the headless shell a site session's pages wait more than they work (its quiet
    /// windows, banner waits, autoconsent's looks): 6 per core, three four-phase sessions at once on 2 cores, keeps the
    /// cores busier (bench/peer --checker-only, 48 pages, alternated: 8 at once 56.0/59.0/53.8/60.0 pages/min, 12 at
    /// once 61.0/59.0/57.8/65.3/63.6; peak memory 1118–1163 → 1224–1293 MiB).
    /// </summary>
    private static int MaxVisits(AuditRequest request) =>
        request.MaxVisits ?? (request.BrowserEndpoint is null ? (request.SiteSessions ? 6 : 3) * Environment.ProcessorCount : 0);

    /// <summary>The registrable domain of the page's host (news.example.co.uk → example.co.uk), for the report's overview.</summary>
    private static string SiteOf(TrackerClassifier classifier, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? classifier.PublicSuffixList.RegistrableDomain(uri.Host) : url;

    /// <summary>
    /// Which site session a page belongs to: its host. Not its registrable domain: hosts of one domain may run different
    /// consent platforms (a regional edition, a shop), and a choice made on one is not a state the other's pages should
    /// be judged in; nor are the fixture web's publishers (all under news.test) one site.
    /// </summary>
    private static string SessionKey(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;

    private static string SafeName(string url)
    {
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "page";
        var safe = new string(host.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray());
        return safe.Length > 60 ? safe[..60] : safe;
    }
}
