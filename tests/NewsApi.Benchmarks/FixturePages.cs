namespace NewsApi.Benchmarks;

/// <summary>
/// The shared example pages, found by walking up from the binaries (BenchmarkDotNet runs them from a generated
/// folder below this project) or from NEWSAPI_FIXTURES.
/// </summary>
internal static class FixturePages
{
    public static string Read(string fileName)
    {
        var folder = Locate() ?? throw new DirectoryNotFoundException(
            $"No shared/fixtures/pages folder above {AppContext.BaseDirectory}; set NEWSAPI_FIXTURES to it.");
        return File.ReadAllText(Path.Combine(folder, fileName));
    }

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("NEWSAPI_FIXTURES");
        if (!string.IsNullOrWhiteSpace(configured) && Directory.Exists(configured))
        {
            return configured;
        }
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "fixtures", "pages");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
