using NewsApi.Http;

namespace NewsApi.Tags;

public sealed record TagResponse(int Id, string Slug, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

public sealed record TagPage(IReadOnlyList<TagResponse> Items, int Page, int PageSize, int Total, PageLinks Links);

/// <summary>A tag as an article shows it.</summary>
public sealed record ArticleTagResponse(int Id, string Slug, string Name);

/// <summary>The body of PATCH /tags/{idOrSlug} (JSON Merge Patch): a new name, a new slug, or both.</summary>
public sealed record TagPatchRequest(string? Name = null, string? Slug = null);

/// <summary>The body of POST /tags/{idOrSlug}/merge: the tag (id or slug) that takes this one's articles.</summary>
public sealed record TagMergeRequest(string Into);
