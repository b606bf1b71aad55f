namespace NewsApi.ContactHeader;

public sealed record PhoneResponse(string Display, string E164);

public sealed record ContactHeaderResponse(string Address, IReadOnlyList<PhoneResponse> Phones, string? Email, DateTimeOffset UpdatedAt, int Version);

/// <summary>A phone as the site prints it; e164 is worked out from the display form when left out.</summary>
public sealed record PhoneRequest(string Display, string? E164 = null);

public sealed record ContactHeaderRequest(string Address, IReadOnlyList<PhoneRequest>? Phones = null, string? Email = null);
