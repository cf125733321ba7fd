using System.Text.Json;
using System.Text.Json.Nodes;
using Checker.Core.Findings;

namespace Checker.Reporting;

/// <summary>
/// SARIF 2.1.0 (OASIS), as code-scanning tools read it: the rules with their help and links, and one result per
/// finding that needs a look — "fail" with a level from the rule's severity, and "incomplete" or "error" as kind
/// "open" (the rule could not decide). Passing and not-applicable findings are left out: they are in report.json.
/// The page URL is the result's location; the finding's fingerprint is its partial fingerprint, so that a viewer
/// tracks the same problem across runs. Pages that could not be audited are tool execution notifications.
/// </summary>
public static class SarifReporter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string FingerprintKey = "checkerFingerprint/v1";

    public static string Render(RunReport report)
    {
        var ruleIndex = report.Rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var results = new JsonArray();
        foreach (var page in report.Pages)
        foreach (var finding in page.Findings.Where(f => f.Outcome is Outcome.Fail or Outcome.Incomplete or Outcome.Error))
        {
            var result = new JsonObject
            {
                ["ruleId"] = finding.RuleId,
                ["kind"] = finding.Outcome == Outcome.Fail ? "fail" : "open",
                ["level"] = finding.Outcome == Outcome.Fail ? Level(finding.Severity) : "none",
                ["message"] = new JsonObject { ["text"] = MessageOf(finding) },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = page.Url } },
                }),
                ["properties"] = new JsonObject
                {
                    ["outcome"] = MarkdownReporter.OutcomeName(finding.Outcome),
                    ["evidence"] = new JsonArray(finding.Evidence.Select(e => (JsonNode)new JsonObject
                    {
                        ["kind"] = e.Kind, ["value"] = e.Value, ["detail"] = e.Detail,
                    }).ToArray()),
                },
            };
            if (ruleIndex.TryGetValue(finding.RuleId, out var index)) result["ruleIndex"] = index;
            if (finding.Fingerprint is { } fingerprint) result["partialFingerprints"] = new JsonObject { [FingerprintKey] = fingerprint };
            if (finding.Baseline is { } state) result["baselineState"] = state;
            // An allowlisted finding is still reported, as accepted, so that code scanning shows it dismissed with its reason.
            if (finding.Suppression is { } suppression)
                result["suppressions"] = new JsonArray(new JsonObject
                {
                    ["kind"] = "external",
                    ["status"] = "accepted",
                    ["justification"] = $"{suppression.Reason} ({suppression.Source}{(suppression.Expires is { } until ? $", until {until:yyyy-MM-dd}" : "")})",
                });
            results.Add(result);
        }

        var notifications = new JsonArray(report.Pages.Where(p => p.Status == PageStatus.Failed).Select(p => (JsonNode)new JsonObject
        {
            ["level"] = "error",
            ["message"] = new JsonObject { ["text"] = $"{p.Url} could not be audited: {p.Error ?? "unknown error"}" },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = p.Url } },
            }),
        }).ToArray());

        var sarif = new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "Checker",
                        ["fullName"] = "Checker compliance checker for news publishers",
                        ["version"] = report.Tool.Version,
                        ["semanticVersion"] = report.Tool.Version,
                        ["rules"] = new JsonArray(report.Rules.Select(Rule).ToArray()),
                    },
                },
                ["invocations"] = new JsonArray(new JsonObject
                {
                    ["executionSuccessful"] = true,
                    ["commandLine"] = report.Run.Command,
                    ["startTimeUtc"] = report.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
                    ["endTimeUtc"] = report.Run.FinishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
                    ["exitCode"] = report.Summary.ExitCode,
                    ["toolExecutionNotifications"] = notifications,
                }),
                ["columnKind"] = "unicodeCodePoints",
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonNode Rule(RuleInfo rule)
    {
        var help = rule.ReferenceLinks.Count == 0
            ? rule.HelpText
            : rule.HelpText + "\n\nReferences:\n" + string.Join("\n", rule.ReferenceLinks.Select(r => $"- {r.Title}{(r.Url is null ? "" : $": {r.Url}")}"));
        var markdown = rule.HelpText + (rule.ReferenceLinks.Count == 0 ? "" : "\n\n**References**\n\n" +
            string.Join("\n", rule.ReferenceLinks.Select(r => r.Url is null ? $"- {r.Title}" : $"- [{r.Title}]({r.Url})")));
        var node = new JsonObject
        {
            ["id"] = rule.Id,
            ["name"] = string.Concat(rule.Id.Split('.', '-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])),
            ["shortDescription"] = new JsonObject { ["text"] = rule.Title },
            ["fullDescription"] = new JsonObject { ["text"] = rule.Description ?? rule.Title },
            ["help"] = new JsonObject { ["text"] = help, ["markdown"] = markdown },
            ["defaultConfiguration"] = new JsonObject { ["level"] = Level(rule.Severity) },
            ["properties"] = new JsonObject { ["tags"] = new JsonArray(rule.Tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()) },
        };
        if (rule.ReferenceLinks.FirstOrDefault(r => r.Url is not null)?.Url is { } url) node["helpUri"] = url;
        return node;
    }

    private static string MessageOf(Finding finding) => finding.Outcome switch
    {
        Outcome.Incomplete => "Could not tell: " + finding.Message,
        Outcome.Error => "Could not evaluate: " + finding.Message,
        _ => finding.Message,
    };

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
