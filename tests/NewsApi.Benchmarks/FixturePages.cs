using NewsApi.Fixtures;

namespace NewsApi.Benchmarks;

/// <summary>The repository's example pages (tests/fixtures/pages), found by walking up from the generated benchmark folder.</summary>
internal static class FixturePages
{
    public static string Read(string fileName) => File.ReadAllText(Path.Combine(FixtureFolder.Pages, fileName));
}
