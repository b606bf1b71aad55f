using NewsApi.Bylines;
using NewsApi.Datelines;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>An article as served: with its byline, dateline and photos, instants in the newsroom's time zone.</summary>
public sealed record ArticleResponse(
    int Id,
    string Slug,
    string Headline,
    string Lead,
    IReadOnlyList<BodyBlockResponse> Body,
    ArticleStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    string Language,
    BylineResponse? Byline,
    DatelineResponse? Dateline,
    FeatureImageResponse? FeatureImage,
    NewsApi.Sections.ArticleSection? Section,
    IReadOnlyList<NewsApi.Tags.ArticleTagResponse> Tags);

/// <summary>An article in a list: everything but the body.</summary>
[ValidatedAs(typeof(ArticleRequest))]
public sealed record ArticleSummary(
    int Id,
    string Slug,
    string Headline,
    string Lead,
    ArticleStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    string Language,
    BylineResponse? Byline,
    DatelineResponse? Dateline,
    FeatureImageResponse? FeatureImage,
    NewsApi.Sections.ArticleSection? Section,
    IReadOnlyList<NewsApi.Tags.ArticleTagResponse> Tags);

public sealed record ArticlePage(IReadOnlyList<ArticleSummary> Items, int Page, int PageSize, int Total, PageLinks Links);

/// <summary>
/// The body of POST and PUT (and what PATCH merges into). A byline or dateline given as text alone is parsed:
/// credits, roles and source from the byline, date, part of day and place from the dateline. sectionId places the
/// article in its primary section; tags are names, each tag created on first use ("Huấn luyện" and "huan luyen" are one).
/// </summary>
public sealed record ArticleRequest(
    string Headline,
    string Lead,
    IReadOnlyList<BodyBlock>? Body = null,
    string? Slug = null,
    ArticleStatus? Status = null,
    DateTimeOffset? PublishedAt = null,
    BylineRequest? Byline = null,
    DatelineRequest? Dateline = null,
    FeatureImageRequest? FeatureImage = null,
    int? SectionId = null,
    IReadOnlyList<string>? Tags = null);

/// <summary>
/// The body of PATCH (RFC 7396 JSON Merge Patch), as the document describes it: the members of an article request,
/// every one optional; null removes a byline or dateline. The merged article is held to ArticleRequest's rules.
/// </summary>
[ValidatedAs(typeof(ArticleRequest))]
public sealed record ArticlePatchRequest(
    string? Headline = null,
    string? Lead = null,
    IReadOnlyList<BodyBlock>? Body = null,
    string? Slug = null,
    ArticleStatus? Status = null,
    DateTimeOffset? PublishedAt = null,
    BylineRequest? Byline = null,
    DatelineRequest? Dateline = null,
    FeatureImageRequest? FeatureImage = null,
    int? SectionId = null,
    IReadOnlyList<string>? Tags = null);
