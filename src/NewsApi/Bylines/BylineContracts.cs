using NewsApi.Text;

namespace NewsApi.Bylines;

public sealed record CreditResponse(int ContributorId, string Name, string Slug, IReadOnlyList<CreditRole> Roles);

public sealed record BylineResponse(string Text, IReadOnlyList<CreditResponse> Credits, string? Source);

public sealed record CreditRequest(string Name, IReadOnlyList<CreditRole> Roles, int? ContributorId = null);

/// <summary>A byline to store. Send the printed text alone and the server reads the credits and source from it.</summary>
public sealed record BylineRequest(string Text, IReadOnlyList<CreditRequest>? Credits = null, string? Source = null);
