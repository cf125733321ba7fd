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
    public IReadOnlyList<BannerControl> Controls { get; init; } = [];
}

public sealed record BoxEvidence(double X, double Y, double Width, double Height);

/// <summary>A button or link on the banner's first layer.</summary>
public sealed record BannerControl
{
    public required string Text { get; init; }
    /// <summary>"button" or "link".</summary>
    public required string Element { get; init; }
    public string? Href { get; init; }
    public BoxEvidence? Box { get; init; }
}
