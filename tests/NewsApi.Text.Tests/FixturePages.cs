using NewsApi.Fixtures;

namespace NewsApi.Text.Tests;

/// <summary>The repository's example pages (tests/fixtures/pages) and the publication date their expectations assume.</summary>
internal static class FixturePages
{
    public static DateOnly SeedPublishedOn { get; } = new(2020, 12, 10);

    public static string Folder => FixtureFolder.Pages;

    public static IEnumerable<string> Pages() => FixtureFolder.PageFiles();

    public static string SeedPath => Path.Combine(Folder, "seed-quan-chinh-2020.txt");
}
