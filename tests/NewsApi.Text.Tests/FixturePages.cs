using NewsApi.Fixtures;

namespace NewsApi.Text.Tests;

/// <summary>The repository's example pages (tests/fixtures/pages) and the publication date their expectations assume.</summary>
internal static class FixturePages
{
    public static DateOnly SeedPublishedOn { get; } = new(2020, 12, 10);

    public static string Folder => FixtureFolder.Pages;

    public static IEnumerable<string> Pages() => FixtureFolder.PageFiles();

    public static string SeedPath => Path.Combine(Folder, "seed-quan-chinh-2020.txt");

    public static bool IsHtml(string path) => path.EndsWith(".html", StringComparison.Ordinal);

    /// <summary>Imports a fixture page as the API does: the given publication date, else the page's own, else today.</summary>
    public static PageParseResult Parse(string path, DateOnly? givenPublishedOn)
    {
        var content = File.ReadAllText(path);
        return IsHtml(path)
            ? PageImporter.FromHtml(content, givenPublishedOn, ExpectedFields.Today)
            : PageImporter.FromText(content, givenPublishedOn, ExpectedFields.Today);
    }
}
