namespace Checker.Core.Evidence;

/// <summary>Who wrote the page, when, for whom, and its main text, as the live DOM and its metadata state them.</summary>
public sealed record ArticleEvidence
{
    public required bool IsArticle { get; init; }
    public required string IsArticleReason { get; init; }
    public string? Headline { get; init; }
    /// <summary>Persons credited as authors.</summary>
    public IReadOnlyList<AuthorEvidence> Authors { get; init; } = [];
    /// <summary>Organisations or agencies credited, and where each credit was seen.</summary>
    public IReadOnlyList<CreditEvidence> Credits { get; init; } = [];
    /// <summary>ISO 8601 as the page states it.</summary>
    public string? DatePublished { get; init; }
    public string? DateModified { get; init; }
    public string? Publisher { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? Language { get; init; }
    /// <summary>The visible byline line, if any, as displayed.</summary>
    public string? BylineText { get; init; }
    /// <summary>The article body, one entry per block (paragraph, heading, list item), in reading order.</summary>
    public IReadOnlyList<string> Paragraphs { get; init; } = [];
    public string MainText => string.Join("\n\n", Paragraphs);
}

public sealed record AuthorEvidence(string Name, string Source);

public sealed record CreditEvidence(string Name, string Source);
