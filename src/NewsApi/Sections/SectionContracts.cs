using NewsApi.Http;

namespace NewsApi.Sections;

/// <summary>A section as served: path is the slugs from the top section down to this one, joined by "/".</summary>
public sealed record SectionResponse(
    int Id, string Slug, string Name, int? ParentId, string Path, int Position, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>The whole tree, in reading order: each section followed by its subsections, siblings by position.</summary>
public sealed record SectionTree(IReadOnlyList<SectionResponse> Items);

/// <summary>
/// A section to create or replace. The slug is made from the name unless given; parentId places it under another
/// section (null: at the top); position orders it among its siblings (default: after them).
/// </summary>
public sealed record SectionRequest(string Name, string? Slug = null, int? ParentId = null, int? Position = null);

/// <summary>The body of PATCH (JSON Merge Patch): the members of a section request, each optional; parentId null moves it to the top.</summary>
[ValidatedAs(typeof(SectionRequest))]
public sealed record SectionPatchRequest(string? Name = null, string? Slug = null, int? ParentId = null, int? Position = null);

/// <summary>An article's primary section as the article shows it.</summary>
public sealed record ArticleSection(int Id, string Slug, string Name, string Path);
