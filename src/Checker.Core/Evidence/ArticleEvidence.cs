using Checker.Core.Dates;

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
    /// <summary>
    /// The publication date in ISO 8601: the day alone ("2023-12-22") when the page states no time, else date, time and
    /// the offset the page states. Decided from <see cref="DateCandidates"/> (see Checker.Core.Dates.PublicationDates).
    /// </summary>
    public string? DatePublished { get; init; }
    /// <summary>Where the publication date was read: json-ld, meta:article:published_time, microdata, time, element, url, page-text, …</summary>
    public string? DatePublishedSource { get; init; }
    /// <summary>
    /// The publication day (yyyy-MM-dd) as readers are shown it: the declared date's own day, or the day shown near
    /// the headline when the declared date is a UTC timestamp a day away from it.
    /// </summary>
    public string? PublishedDay { get; init; }
    /// <summary>The last modification date in ISO 8601, where the page states one.</summary>
    public string? DateModified { get; init; }
    public string? DateModifiedSource { get; init; }
    /// <summary>
    /// Only where the page states no publication date: the best estimate of its date (ISO 8601), never to be taken for a
    /// publication date — its last-changed date, a date labelled anywhere on it, or the day its short texts show most.
    /// </summary>
    public string? DateEstimated { get; init; }
    /// <summary>How the estimate was made: estimate:modified:SOURCE, estimate:labelled, estimate:most-shown.</summary>
    public string? DateEstimatedSource { get; init; }
    /// <summary>Every date the page states, with where it stands: the publication and modification dates are decided from these.</summary>
    public IReadOnlyList<DateCandidate> DateCandidates { get; init; } = [];
    public string? Publisher { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? Language { get; init; }
    /// <summary>Whether robots meta tags ask search engines not to index the page.</summary>
    public bool RobotsNoIndex { get; init; }
    /// <summary>The visible byline line, if any, as displayed.</summary>
    public string? BylineText { get; init; }
    /// <summary>Person names a reader sees on the page (byline, author links), whatever the metadata says.</summary>
    public IReadOnlyList<string> VisibleAuthors { get; init; } = [];
    /// <summary>The first date shown with the article (a time element), as its datetime and its text.</summary>
    public VisibleDateEvidence? VisibleDate { get; init; }
    /// <summary>The article's JSON-LD node, as declared.</summary>
    public StructuredDataEvidence? StructuredData { get; init; }
    /// <summary>Every name seen, with where and how it was taken: the authors and credits above are decided from these.</summary>
    public IReadOnlyList<NameCandidate> Candidates { get; init; } = [];
    /// <summary>The article body, one entry per block (paragraph, heading, list item), in reading order.</summary>
    public IReadOnlyList<string> Paragraphs { get; init; } = [];
    /// <summary>"readability" (Mozilla's Readability found the article) or "dom" (our fallback).</summary>
    public string? MainTextSource { get; init; }
    public string? ReadabilityError { get; init; }
    /// <summary>The article's images (large enough to be content), with caption and credit where given.</summary>
    public IReadOnlyList<ImageEvidence> Images { get; init; } = [];
    /// <summary>Paid-content labels shown on the page ("Sponsored", "Anzeige").</summary>
    public IReadOnlyList<LabelEvidence> Labels { get; init; } = [];
    /// <summary>Links marked rel="sponsored".</summary>
    public IReadOnlyList<LinkEvidence> SponsoredLinks { get; init; } = [];
    /// <summary>Sponsors or funders declared in the article's JSON-LD.</summary>
    public IReadOnlyList<string> Sponsors { get; init; } = [];
    /// <summary>Markup, tags or an address that call the page paid content, whether or not a reader sees it.</summary>
    public IReadOnlyList<SponsorSignalEvidence> SponsorSignals { get; init; } = [];
    /// <summary>Links in the article with their text, and whether each stays on the page's own site.</summary>
    public IReadOnlyList<ArticleLinkEvidence> Links { get; init; } = [];
    /// <summary>Affiliate disclosures shown in or by the article ("we may earn a commission from links").</summary>
    public IReadOnlyList<string> Disclosures { get; init; } = [];

    public string MainText => string.Join("\n\n", Paragraphs);
}

public sealed record VisibleDateEvidence(string? Datetime, string? Text);

public sealed record StructuredDataEvidence
{
    public bool Present { get; init; }
    public IReadOnlyList<string> Types { get; init; } = [];
    public int JsonLdErrors { get; init; }
    public string? Headline { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? DatePublished { get; init; }
    public string? DateModified { get; init; }
    public string? Publisher { get; init; }
}

public sealed record NameCandidate(string Name, string Source, bool Organisation, bool Person, bool Visible);

public sealed record ImageEvidence(string Src, string? Alt, string? Caption, string? Credit, string? CreditSource);

public sealed record LabelEvidence(string Text, string? Tag);

public sealed record SponsorSignalEvidence(string Value, string Where);

public sealed record ArticleLinkEvidence(string Text, string Href, bool SameSite);

public sealed record LinkEvidence(string Href, string? Text);

public sealed record AuthorEvidence(string Name, string Source);

public sealed record CreditEvidence(string Name, string Source);
