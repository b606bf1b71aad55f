using NewsApi.Text;

namespace NewsApi.Data.Seed;

/// <summary>The seed page, parsed once: what every contract's example is made of (see Http.Examples).</summary>
public static class SeedExample
{
    private static readonly Lazy<ParsedPage> Parsed = new(() =>
        PageImporter.FromText(DatabaseSetup.SeedPage(), DateOnly.FromDateTime(DatabaseSetup.SeedPublishedAt.DateTime)).Page!);

    public static ParsedPage Page => Parsed.Value;

    public static DateTimeOffset Published => DatabaseSetup.SeedPublishedAt;

    /// <summary>The address `dotnet run` prints: feeds and structured data carry absolute links.</summary>
    public const string BaseUrl = "http://localhost:5000";
}
