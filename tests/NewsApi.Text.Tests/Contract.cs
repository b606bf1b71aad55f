namespace NewsApi.Text.Tests;

/// <summary>The API contract's spelling of the library's enums (API.md: "early-morning", "photo").</summary>
internal static class Contract
{
    public static string Of(CreditRole role) => role.ToString().ToLowerInvariant();

    public static string Of(PartOfDay part) => part switch
    {
        PartOfDay.EarlyMorning => "early-morning",
        _ => part.ToString().ToLowerInvariant(),
    };
}
