namespace NewsApi.Contributors;

public sealed record ContributorResponse(int Id, string Name, string Slug, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

public sealed record ContributorPage(IReadOnlyList<ContributorResponse> Items, int Page, int PageSize, int Total, NewsApi.Http.PageLinks Links);

/// <summary>A contributor to create or rename. The slug is made from the name unless given.</summary>
public sealed record ContributorRequest(string Name, string? Slug = null);
