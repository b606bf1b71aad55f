using BenchmarkDotNet.Attributes;
using NewsApi.Text;

namespace NewsApi.Benchmarks;

/// <summary>The text library on the seed page: what every import, search index and slug pays.</summary>
[MemoryDiagnoser]
public class TextBenchmarks
{
    private static readonly DateOnly SeedPublishedOn = new(2020, 12, 10);

    private string _seedPage = "";
    private string _headline = "";
    private string _htmlPage = "";

    [GlobalSetup]
    public void ReadFixtures()
    {
        _seedPage = FixturePages.Read("seed-quan-chinh-2020.txt");
        _htmlPage = FixturePages.Read("tin-anh-html.html");
        _headline = PageImporter.FromText(_seedPage, SeedPublishedOn).Page?.Headline
            ?? throw new InvalidOperationException("The seed page no longer parses.");
    }

    [Benchmark]
    public string FoldHeadline() => VietnameseText.Fold(_headline);

    [Benchmark]
    public string FoldSeedPage() => VietnameseText.Fold(_seedPage);

    [Benchmark]
    public string SlugifyHeadline() => VietnameseText.Slugify(_headline);

    [Benchmark]
    public PageParseResult ImportSeedPageFromText() => PageImporter.FromText(_seedPage, SeedPublishedOn);

    [Benchmark]
    public PageParseResult ImportFixturePageFromHtml() => PageImporter.FromHtml(_htmlPage, SeedPublishedOn);
}
