using System.Text.Json.Serialization;

namespace Checker.Core.Evidence;

/// <summary>The consent banner as the page showed it, without judgement: rules decide what its wording and buttons mean.</summary>
public sealed record BannerEvidence
{
    public required bool Detected { get; init; }
    /// <summary>How it was found, e.g. "generic:fixed+keywords".</summary>
    public string? Method { get; init; }
    public string? Selector { get; init; }
    public string? Text { get; init; }
    public string? Position { get; init; }
    public int? ZIndex { get; init; }
    public BoxEvidence? Box { get; init; }
    public bool InShadowRoot { get; init; }
    public string? FrameUrl { get; init; }
    /// <summary>Every button and link of the banner, hidden ones included (see <see cref="BannerControl.Visible"/>).</summary>
    public IReadOnlyList<BannerControl> Controls { get; init; } = [];
    /// <summary>The controls a person can see and use: what the rules and the clicking engine go by.</summary>
    [JsonIgnore]
    public IEnumerable<BannerControl> VisibleControls => Controls.Where(c => c.Visible);
    /// <summary>Checkboxes and switches (purposes, vendors) with their state as first shown.</summary>
    public IReadOnlyList<BannerToggle> Toggles { get; init; } = [];
    /// <summary>Share of the viewport covered by the banner or by an overlay behind it (0 to 1).</summary>
    public double? ViewportCoverage { get; init; }
    /// <summary>Whether the page behind cannot be scrolled while the banner shows.</summary>
    public bool ScrollLocked { get; init; }
    /// <summary>
    /// How long after the load event the banner (or the element that holds it) was put into the page; null when it
    /// was there at load, or when that could not be told. A box that appears after load is how most CMPs behave.
    /// </summary>
    public double? AppearedAfterLoadMs { get; init; }
    /// <summary>
    /// Before any choice, how long the page was watched for a banner once it had settled: until the banner appeared, or
    /// the whole look when none did ("no banner" means none within this time). The first page of a site session is
    /// given the whole --banner-wait; its later pages twice the longest the site's banner took to come, a second at
    /// least. Null where no banner was waited for (after a choice, in the gpc phase).
    /// </summary>
    public long? LookedForMs { get; init; }
}

public sealed record BoxEvidence(double X, double Y, double Width, double Height)
{
    public double Area => Width * Height;
}

/// <summary>A button or link on the banner, with what makes it more or less prominent.</summary>
public sealed record BannerControl
{
    public required string Text { get; init; }
    /// <summary>"button" or "link".</summary>
    public required string Element { get; init; }
    public string? Href { get; init; }
    public BoxEvidence? Box { get; init; }
    /// <summary>The id the collector gave it (data-checker-id) to click it later.</summary>
    public string? Id { get; init; }
    public string? Tag { get; init; }
    public double? FontSizePx { get; init; }
    public int? FontWeight { get; init; }
    /// <summary>Computed text colour, "rgb(r, g, b)" or "rgba(…)".</summary>
    public string? Color { get; init; }
    /// <summary>The first opaque background behind it, itself or an ancestor's.</summary>
    public string? BackgroundColor { get; init; }
    /// <summary>Whether it has a visible border or fill of its own (a text link has neither).</summary>
    public bool Filled { get; init; }
    /// <summary>False for a control in the banner's markup that is not shown (display:none, hidden, zero size, transparent).</summary>
    public bool Visible { get; init; } = true;
}

public sealed record BannerToggle
{
    public required string Label { get; init; }
    public required bool Checked { get; init; }
    public bool Disabled { get; init; }
    public string? Id { get; init; }
}
