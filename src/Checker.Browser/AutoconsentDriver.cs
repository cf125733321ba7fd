using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Playwright;
using Serilog;

namespace Checker.Browser;

/// <summary>The autoconsent files shipped beside the tool (autoconsent/), read once.</summary>
public sealed class AutoconsentBundle
{
    public string Script { get; }
    public string Version { get; }
    private readonly IReadOnlyList<(JsonElement Rule, System.Text.RegularExpressions.Regex? UrlPattern, bool Main, bool Frame)> _rules;

    private AutoconsentBundle(string script, JsonElement rules, string version)
    {
        Script = script;
        Version = version;
        _rules = rules.EnumerateArray().Select(rule =>
        {
            var context = rule.TryGetProperty("runContext", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            System.Text.RegularExpressions.Regex? pattern = null;
            if (context.ValueKind == JsonValueKind.Object && context.TryGetProperty("urlPattern", out var p) && p.GetString() is { Length: > 0 } text)
            {
                try { pattern = new System.Text.RegularExpressions.Regex(text, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(50)); }
                catch (ArgumentException) { pattern = null; } // a JavaScript-only pattern: keep the rule for every URL
            }
            var main = context.ValueKind != JsonValueKind.Object || !context.TryGetProperty("main", out var m) || m.GetBoolean();
            var frame = context.ValueKind == JsonValueKind.Object && context.TryGetProperty("frame", out var f) && f.GetBoolean();
            return (rule.Clone(), pattern, main, frame);
        }).ToList();
    }

    /// <summary>
    /// The message that answers a frame's "init": our config and the rules that can apply to that frame (~600 of
    /// autoconsent's ~800 rules are for one site each, and sending them all to every frame slows pages down; its own
    /// runner filters the same way). Built once per distinct set of rules and kept: nearly every frame gets the same
    /// few hundred kilobytes of generic rules, and building them again for each frame made megabytes of large-object
    /// garbage per visit, which the CLI held on to until a full collection.
    /// </summary>
    public string InitResponseFor(string url, bool mainFrame)
    {
        var selected = Enumerable.Range(0, _rules.Count)
            .Where(i => (mainFrame ? _rules[i].Main : _rules[i].Frame) && (_rules[i].UrlPattern is not { } pattern || Matches(pattern, url)))
            .ToList();
        var key = string.Join(',', selected);
        if (_initResponses.TryGetValue(key, out var kept)) return kept;
        var rules = "{\"autoconsent\":[" + string.Join(",", selected.Select(i => _rules[i].Rule.GetRawText())) + "]}";
        var response = $"autoconsentReceiveMessage({{ type: 'initResp', config: {Config}, rules: {rules} }})";
        // Bounded: a crawl of many sites meets many site-specific rule sets; the common ones are met first.
        if (_initResponses.Count < InitResponsesKept) _initResponses.TryAdd(key, response);
        return response;
    }

    private const int InitResponsesKept = 64;
    private readonly ConcurrentDictionary<string, string> _initResponses = new(StringComparer.Ordinal);

    // Rules only: no heuristics (they click "OK" on implied-consent banners and call it an opt-out) and no cosmetic
    // rules (hiding a banner is not a choice). Few detection retries: our own engine is there for the rest.
    private static readonly string Config = JsonSerializer.Serialize(new
    {
        enabled = true,
        autoAction = (string?)null,
        disabledCmps = Array.Empty<string>(),
        enablePrehide = false,
        enableCosmeticRules = false,
        enableGeneratedRules = true,
        enableHeuristicDetection = false,
        detectRetries = 6,
        heuristicMode = "off",
        logs = new { lifecycle = false, rulesteps = false, detectionsteps = false, evals = false, errors = false, messages = false, waits = false },
    });

    private static bool Matches(System.Text.RegularExpressions.Regex pattern, string url)
    {
        try { return pattern.IsMatch(url); }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException) { return true; }
    }

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "autoconsent");

    private static readonly Lazy<AutoconsentBundle?> Shipped = new(() =>
    {
        var script = Path.Combine(Folder, "autoconsent.playwright.js");
        var rules = Path.Combine(Folder, "rules.json");
        if (!File.Exists(script) || !File.Exists(rules)) return null;
        using var document = JsonDocument.Parse(File.ReadAllText(rules));
        var version = document.RootElement.TryGetProperty("version", out var v) ? v.ToString() : "unknown";
        return new AutoconsentBundle(File.ReadAllText(script), document.RootElement.GetProperty("autoconsent"), version);
    });

    /// <summary>The shipped bundle, or null when the tool was built without it (then only the generic engine runs).</summary>
    public static AutoconsentBundle? Load() => Shipped.Value;
}

/// <summary>
/// Drives DuckDuckGo's autoconsent in one page, as its own Playwright runner does: the content script is injected
/// into every frame and talks to us through a binding. It is told to wait (no automatic action) so that we decide
/// when it acts, and every wait on it is bounded: it can otherwise wait up to a minute for a page to change.
/// </summary>
internal sealed class AutoconsentDriver
{
    private readonly Channel<(IFrame Frame, JsonElement Message)> _messages = Channel.CreateUnbounded<(IFrame, JsonElement)>();
    private readonly AutoconsentBundle _bundle;
    // One visit's state: a page kept for a site session is visited again with all of it new (Reset).
    private TaskCompletionSource<(IFrame Frame, string Cmp)> _popup = NewSource<(IFrame, string)>();
    private TaskCompletionSource<(bool Result, string Cmp)> _result = NewSource<(bool, string)>();
    private TaskCompletionSource<bool> _mainFrameGaveUp = NewSource<bool>();
    // Frames whose "init" is held back while autoconsent is not wanted (a later page of a site session where the
    // choice was already made): its content script then waits, idle, for rules it may never need.
    private readonly List<IFrame> _heldInits = [];
    private volatile bool _active = true;

    // When each frame of this visit got its rules (Environment.TickCount64): autoconsent looks for nothing before that.
    private readonly ConcurrentDictionary<IFrame, long> _rulesSentAt = new();
    // When autoconsent last began a look for its CMPs in each frame (its "report" of a new findCmpAttempts), and how many
    // of its requests to evaluate code in a page's own scripts (a CMP's API) each frame has waiting on us.
    private readonly ConcurrentDictionary<IFrame, (int Attempts, long At)> _lookStarted = new();
    private readonly ConcurrentDictionary<IFrame, int> _evalsPending = new();

    public string? DetectedCmp { get; private set; }

    /// <summary>Whether frames get their rules as they ask (false: held back until <see cref="ActivateAsync"/>).</summary>
    public bool Active => _active;

    /// <summary>How long ago the frame got autoconsent's rules (its looks for CMPs start then); null when it has none yet.</summary>
    public TimeSpan? SinceRules(IFrame frame) =>
        _rulesSentAt.TryGetValue(frame, out var at) ? TimeSpan.FromMilliseconds(Environment.TickCount64 - at) : null;

    /// <summary>
    /// Whether autoconsent has yet to finish a look at the frame as it has been since <paramref name="changedAt"/>
    /// (Environment.TickCount64): it has no rules yet, or began no look since both its rules came and the frame last
    /// changed, or began one a moment ago, or waits for us to evaluate a CMP API call. On a busy machine its timers and
    /// our messages are late; a grace measured in time alone would end before it looked.
    /// </summary>
    public bool IsLooking(IFrame frame, long changedAt)
    {
        if (_evalsPending.GetValueOrDefault(frame) > 0) return true;
        if (!_rulesSentAt.TryGetValue(frame, out var rulesAt)) return true;
        if (!_lookStarted.TryGetValue(frame, out var look) || look.At < Math.Max(rulesAt, changedAt)) return true;
        return Environment.TickCount64 - look.At < LookSettles;
    }

    /// <summary>Whether autoconsent said it found nothing in the main frame after all its looks.</summary>
    public bool GaveUp => _mainFrameGaveUp.Task.IsCompleted;

    /// <summary>How long a look for CMPs takes once begun when it needs nothing from us (DOM checks of a few hundred rules).</summary>
    private const long LookSettles = 150;

    public int Clicks { get; private set; }
    public List<string> Errors { get; private set; } = [];

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Forgets the previous visit. Inactive, it answers no frame until <see cref="ActivateAsync"/>.</summary>
    public void Reset(bool active)
    {
        lock (_heldInits)
        {
            _popup = NewSource<(IFrame, string)>();
            _result = NewSource<(bool, string)>();
            _mainFrameGaveUp = NewSource<bool>();
            DetectedCmp = null;
            Clicks = 0;
            Errors = [];
            _heldInits.Clear();
            _rulesSentAt.Clear();
            _lookStarted.Clear();
            _evalsPending.Clear();
            _active = active;
        }
    }

    /// <summary>
    /// From now on, frames that ask for rules are held back (what autoconsent found and did this visit is kept): the
    /// page is reloaded after the choice to see what the site does with it, and autoconsent looking for the CMP again in
    /// every frame of the new document (a few hundred rules, again at every change of the DOM) would only cost CPU.
    /// </summary>
    public void Hold()
    {
        lock (_heldInits) _active = false;
    }

    /// <summary>Lets autoconsent look at the page after all: the frames it held back get their rules now.</summary>
    public async Task ActivateAsync()
    {
        IFrame[] held;
        lock (_heldInits)
        {
            _active = true;
            held = [.. _heldInits];
            _heldInits.Clear();
        }
        foreach (var frame in held.Where(f => !f.IsDetached))
        {
            try { await SendRulesAsync(frame); }
            catch (PlaywrightException) { /* the frame went away */ }
        }
    }

    private AutoconsentDriver(AutoconsentBundle bundle) => _bundle = bundle;

    public static async Task<AutoconsentDriver> AttachAsync(IPage page, AutoconsentBundle bundle, CancellationToken cancellationToken)
    {
        var driver = new AutoconsentDriver(bundle);
        // The binding only queues: answering from inside a Playwright callback could block its dispatcher.
        // autoconsent's messages reach the binding through a filter in the page (Scripts/autoconsent-messages.js): only
        // those the driver reads cross.
        await page.ExposeBindingAsync("__checkerAutoconsentMessage", (BindingSource source, JsonElement message) =>
        {
            driver._messages.Writer.TryWrite((source.Frame, message.Clone()));
        });
        await page.AddInitScriptAsync(ScriptResources.AutoconsentMessages + "\n" + bundle.Script);
        _ = Task.Run(() => driver.PumpAsync(cancellationToken), CancellationToken.None);
        return driver;
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (frame, message) in _messages.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await HandleAsync(frame, message);
                }
                catch (Exception e) when (e is PlaywrightException or JsonException or InvalidOperationException)
                {
                    // A frame that navigated or went away: its instance is gone with it.
                    Log.Debug("autoconsent message {Type} not handled: {Message}", Type(message), EvidenceCollectors.FirstLine(e.Message));
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task HandleAsync(IFrame frame, JsonElement message)
    {
        switch (Type(message))
        {
            case "init":
                lock (_heldInits)
                {
                    if (!_active)
                    {
                        _heldInits.Add(frame);
                        break;
                    }
                }
                await SendRulesAsync(frame);
                break;
            case "eval":
                var id = message.GetProperty("id").GetString();
                _evalsPending.AddOrUpdate(frame, 1, (_, n) => n + 1);
                try
                {
                    JsonElement result;
                    try { result = await frame.EvaluateAsync<JsonElement>(message.GetProperty("code").GetString()!); }
                    catch (PlaywrightException) { result = JsonSerializer.SerializeToElement(false); }
                    await frame.EvaluateAsync($"autoconsentReceiveMessage({{ id: {JsonSerializer.Serialize(id)}, type: 'evalResp', result: {result.GetRawText()} }})");
                }
                finally
                {
                    _evalsPending.AddOrUpdate(frame, 0, (_, n) => Math.Max(0, n - 1));
                }
                break;
            case "report":
                var state = message.GetProperty("state");
                if (state.TryGetProperty("findCmpAttempts", out var attempts) && attempts.TryGetInt32(out var attempt)
                    && (!_lookStarted.TryGetValue(frame, out var seen) || attempt > seen.Attempts))
                    _lookStarted[frame] = (attempt, Environment.TickCount64);
                var lifecycle = state.GetProperty("lifecycle").GetString() ?? "";
                if (state.TryGetProperty("clicks", out var clicks) && clicks.TryGetInt32(out var n)) Clicks = Math.Max(Clicks, n);
                if (lifecycle == "nothingDetected" && message.GetProperty("mainFrame").GetBoolean()) _mainFrameGaveUp.TrySetResult(true);
                break;
            case "cmpDetected":
                DetectedCmp ??= message.GetProperty("cmp").GetString();
                break;
            case "popupFound":
                var cmp = message.GetProperty("cmp").GetString() ?? "unknown";
                DetectedCmp = cmp;
                _popup.TrySetResult((frame, cmp));
                break;
            case "optOutResult":
            case "optInResult":
                _result.TrySetResult((message.GetProperty("result").GetBoolean(), message.GetProperty("cmp").GetString() ?? "unknown"));
                break;
            case "autoconsentError":
                Errors.Add(message.TryGetProperty("details", out var details) ? details.ToString() : "error");
                break;
        }
    }

    private async Task SendRulesAsync(IFrame frame)
    {
        await frame.EvaluateAsync(_bundle.InitResponseFor(frame.Url, frame.ParentFrame is null));
        _rulesSentAt[frame] = Environment.TickCount64;
    }

    private static string Type(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";

    /// <summary>The frame and CMP of an open consent popup that autoconsent knows, or null once it gave up or time ran out.</summary>
    public async Task<(IFrame Frame, string Cmp)?> WaitForPopupAsync(TimeSpan bound)
    {
        var finished = await Task.WhenAny(_popup.Task, _mainFrameGaveUp.Task, Task.Delay(bound));
        return finished == _popup.Task ? await _popup.Task : null;
    }

    /// <summary>Asks autoconsent to opt out or in on the popup it found; its verdict, or null when it gave none in time.</summary>
    /// <remarks>May be asked again on the same popup (a CMP that did not yet listen to the first clicks): each ask
    /// waits for its own verdict.</remarks>
    public async Task<(bool Result, string Cmp)?> PerformAsync(IFrame frame, string action, TimeSpan bound)
    {
        if (_result.Task.IsCompleted) _result = NewSource<(bool, string)>();
        await frame.EvaluateAsync($"autoconsentReceiveMessage({{ type: '{(action == Core.Evidence.Phases.Reject ? "optOut" : "optIn")}' }})");
        var finished = await Task.WhenAny(_result.Task, Task.Delay(bound));
        return finished == _result.Task ? await _result.Task : null;
    }
}
