namespace NewsApi.Text.Tests;

/// <summary>
/// The shared example pages. The repository is cloned beside <c>shared/</c>, so the folder is found by walking up
/// from the test binaries; NEWSAPI_FIXTURES points elsewhere when needed.
/// </summary>
internal static class FixturePages
{
    public const string EnvironmentVariable = "NEWSAPI_FIXTURES";

    private static readonly string[] RelativeCandidates =
        [Path.Combine("shared", "fixtures", "pages"), Path.Combine("fixtures", "pages"), "pages", ""];

    public static DateOnly SeedPublishedOn { get; } = new(2020, 12, 10);

    public static string? Folder { get; } = Locate();

    public static string RequiredFolder =>
        Folder ?? throw new DirectoryNotFoundException(
            $"No shared/fixtures/pages folder above {AppContext.BaseDirectory}; set {EnvironmentVariable} to it.");

    public static IEnumerable<string> Pages() =>
        Folder is null
            ? []
            : Directory.EnumerateFiles(Folder)
                .Where(f => f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);

    public static string SeedPath => Path.Combine(RequiredFolder, "seed-quan-chinh-2020.txt");

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            foreach (var relative in RelativeCandidates)
            {
                var candidate = Path.GetFullPath(Path.Combine(configured, relative));
                if (HoldsPages(candidate))
                {
                    return candidate;
                }
            }
        }
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "fixtures", "pages");
            if (HoldsPages(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static bool HoldsPages(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.expected.json").Any();
}
