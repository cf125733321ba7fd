using System.Globalization;
using System.Text.Json;
using Checker.Core.Evidence;
using Checker.Core.Findings;

namespace Checker.Core.Rules.Consent;

/// <summary>
/// EDPB cookie-banner taskforce report (2023) §3.4–3.5, CNIL: reject must not be made harder to see than accept —
/// by size, contrast, or by being a plain text link beside a button.
/// </summary>
public sealed class UnequalProminence() : SinglePhaseRule(Phases.Initial)
{
    public override string Id => "consent.unequal-prominence";

    protected override RuleResult Evaluate(PageEvidence evidence, RuleMetadata metadata)
    {
        if (!BannerRule.TryGet(evidence, out var banner, out var outcome)) return outcome!;
        var controls = ConsentControls.From(metadata);
        // The control that gives consent: an accept, or else an acknowledge ("That's ok") that stands for one.
        var accept = banner.VisibleControls.FirstOrDefault(c => controls.Classify(c.Text) == ConsentControls.Accept)
                     ?? banner.VisibleControls.FirstOrDefault(c => controls.Classify(c.Text) == ConsentControls.Acknowledge);
        var reject = banner.VisibleControls.FirstOrDefault(c => controls.Classify(c.Text) == ConsentControls.Reject);
        if (accept is null || reject is null)
            return RuleResult.NotApplicable("the first layer does not offer both accept and reject");

        var minArea = metadata.NumberFor("minAreaRatio", 0.5);
        var minFont = metadata.NumberFor("minFontSizeRatio", 0.8);
        var minContrast = metadata.NumberFor("minContrastRatio", 3.0);
        var problems = new List<string>();
        if (accept.Box is { } a && reject.Box is { } r && a.Area > 0 && r.Area / a.Area < minArea)
            problems.Add($"reject is {r.Area / a.Area:P0} of accept's area ({r.Width:0}×{r.Height:0} vs {a.Width:0}×{a.Height:0} px)");
        if (accept.FontSizePx is { } af && reject.FontSizePx is { } rf && af > 0 && rf / af < minFont)
            problems.Add($"reject's text is {rf:0.#} px against accept's {af:0.#} px");
        if (Contrast.Ratio(reject.Color, reject.BackgroundColor) is { } rc && rc < minContrast
            && (Contrast.Ratio(accept.Color, accept.BackgroundColor) ?? 0) >= minContrast)
            problems.Add($"reject's text contrast is {rc:0.0}:1, below {minContrast:0.#}:1, while accept's is not");
        if (accept.Filled && !reject.Filled)
            problems.Add("accept is a filled button, reject a plain text link");

        var items = new[]
        {
            Describe("accept", accept),
            Describe("reject", reject),
        };
        return problems.Count == 0
            ? RuleResult.Pass($"\"{reject.Text}\" is as prominent as \"{accept.Text}\".", items)
            : RuleResult.Fail($"\"{reject.Text}\" is less prominent than \"{accept.Text}\": {string.Join("; ", problems)}.", items);
    }

    private static EvidenceItem Describe(string kind, BannerControl c) => new(kind, c.Text,
        string.Create(CultureInfo.InvariantCulture,
            $"{c.Element}, {c.Box?.Width:0}×{c.Box?.Height:0} px, font {c.FontSizePx:0.#} px, {c.Color} on {c.BackgroundColor}, contrast {Contrast.Ratio(c.Color, c.BackgroundColor):0.0}:1{(c.Filled ? ", filled" : "")}"));
}

/// <summary>WCAG 2.x contrast ratio of two CSS colours ("rgb(r, g, b)" or "rgba(r, g, b, a)").</summary>
public static class Contrast
{
    public static double? Ratio(string? foreground, string? background)
    {
        if (Parse(foreground) is not { } fg || Parse(background) is not { } bg) return null;
        // A translucent text colour is blended over its background, as the browser paints it.
        var blended = (R: fg.R * fg.A + bg.R * (1 - fg.A), G: fg.G * fg.A + bg.G * (1 - fg.A), B: fg.B * fg.A + bg.B * (1 - fg.A));
        var l1 = Luminance(blended.R, blended.G, blended.B);
        var l2 = Luminance(bg.R, bg.G, bg.B);
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    private static (double R, double G, double B, double A)? Parse(string? css)
    {
        if (css is null) return null;
        var open = css.IndexOf('(');
        var close = css.IndexOf(')');
        if (open < 0 || close < open) return null;
        var parts = css[(open + 1)..close].Split([',', ' ', '/'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3) return null;
        var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        if (values.Take(3).Any(double.IsNaN)) return null;
        var alpha = values.Length > 3 && !double.IsNaN(values[3]) ? values[3] : 1;
        return (values[0], values[1], values[2], alpha);
    }

    private static double Luminance(double r, double g, double b)
    {
        static double Channel(double c)
        {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(r) + 0.7152 * Channel(g) + 0.0722 * Channel(b);
    }
}
