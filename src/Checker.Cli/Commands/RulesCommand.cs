using System.CommandLine;
using System.Text;
using System.Text.Json;
using Checker.Cli.Audit;
using Checker.Core.Rules;

namespace Checker.Cli.Commands;

public static class RulesCommand
{
    public static Command Create()
    {
        var rules = RulesFolder.CreateOption();
        var list = new Command("list", "List the rules: id, severity, title");
        list.Options.Add(rules);
        list.SetAction((result, _) => CliRunner.RunAsync(async () =>
        {
            var catalog = Load(result.GetValue(rules));
            var width = catalog.Rules.Max(r => r.Id.Length);
            foreach (var rule in catalog.Rules)
                await Console.Out.WriteLineAsync($"{rule.Id.PadRight(width)}  {rule.Severity.ToString().ToLowerInvariant(),-7}  {rule.Title}");
            return 0;
        }));

        var id = new Argument<string>("id") { Description = "A rule id, e.g. consent.no-reject-first-layer" };
        var explain = new Command("explain", "What a rule checks, why, its references and how to fix a failure");
        explain.Arguments.Add(id);
        explain.Options.Add(rules);
        explain.SetAction((result, _) => CliRunner.RunAsync(async () =>
        {
            var catalog = Load(result.GetValue(rules));
            var wanted = result.GetValue(id)!;
            var rule = catalog.Rules.FirstOrDefault(r => string.Equals(r.Id, wanted, StringComparison.OrdinalIgnoreCase))
                       ?? throw new UsageException($"unknown rule '{wanted}'{Suggest(catalog, wanted)} (see 'checker rules list')");
            await Console.Out.WriteAsync(Explain(rule));
            return 0;
        }));

        var command = new Command("rules", "Inspect the rules");
        command.Subcommands.Add(list);
        command.Subcommands.Add(explain);
        return command;
    }

    public static string Explain(RuleMetadata rule)
    {
        var text = new StringBuilder();
        text.AppendLine($"{rule.Id}  ({rule.Severity.ToString().ToLowerInvariant()})");
        text.AppendLine(rule.Title);
        text.AppendLine();
        text.AppendLine("What it checks");
        text.AppendLine("  " + rule.Description);
        text.AppendLine();
        text.AppendLine("When it fails");
        text.AppendLine("  " + rule.FailureTitle);
        text.AppendLine();
        text.AppendLine("How to fix");
        text.AppendLine("  " + rule.HelpText);
        if (rule.References.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("References");
            foreach (var reference in rule.References)
                text.AppendLine($"  - {reference.Title}{(reference.Url is null ? "" : $"\n    {reference.Url}")}");
        }
        if (rule.Tags.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Tags: " + string.Join(", ", rule.Tags));
        }
        if (rule.Parameters.ValueKind == JsonValueKind.Object && rule.Parameters.EnumerateObject().Any())
        {
            text.AppendLine();
            text.AppendLine($"Parameters (in {rule.SourcePath ?? "the rule's file"})");
            foreach (var parameter in rule.Parameters.EnumerateObject())
                text.AppendLine($"  {parameter.Name}: {Summarise(parameter.Value)}");
        }
        text.AppendLine();
        text.AppendLine("Outcomes: pass, fail, incomplete (could not tell — never a pass), not-applicable, error.");
        return text.ToString();
    }

    private static string Summarise(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => $"{value.GetArrayLength()} entries",
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Where(p => !p.Name.StartsWith('$')).Select(p => p.Value.ValueKind switch
        {
            JsonValueKind.Array => $"{p.Name} ({p.Value.GetArrayLength()})",
            JsonValueKind.Object => $"{p.Name} ({p.Value.EnumerateObject().Count()} languages or keys)",
            _ => $"{p.Name}={p.Value}",
        })),
        JsonValueKind.String when value.GetString() is { } s && s.StartsWith('@') => $"data file {s[1..]}",
        _ => value.ToString(),
    };

    private static string Suggest(RuleCatalog catalog, string wanted)
    {
        var close = catalog.Rules.Select(r => r.Id).Where(r => r.Contains(wanted, StringComparison.OrdinalIgnoreCase)
                                                               || wanted.Contains(r.Split('.').Last(), StringComparison.OrdinalIgnoreCase)).Take(3).ToList();
        return close.Count == 0 ? "" : $"; did you mean {string.Join(" or ", close)}?";
    }

    private static RuleCatalog Load(string? option)
    {
        try { return BuiltInRules.LoadEngine(RulesFolder.Resolve(option)).Catalog; }
        catch (RuleCatalogException e) { throw new UsageException($"broken rules: {e.Message}"); }
    }
}
