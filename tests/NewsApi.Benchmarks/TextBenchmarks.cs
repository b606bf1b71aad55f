using BenchmarkDotNet.Attributes;
using NewsApi.Text;

namespace NewsApi.Benchmarks;

/// <summary>The text library on the seed page: what every import, search index and slug pays.</summary>
[MemoryDiagnoser]
[MinColumn]
public class TextBenchmarks
{
    private static readonly DateOnly SeedPublishedOn = new(2020, 12, 10);

    private string _seedPage = "";
    private string _headline = "";
    private string _htmlPage = "";
    private string _cmsPage = "";
    private string _tablePage = "";

    [GlobalSetup]
    public void ReadFixtures()
    {
        _seedPage = FixturePages.Read("seed-quan-chinh-2020.txt");
        _htmlPage = FixturePages.Read("tin-anh-html.html");
        _cmsPage = FixturePages.Read("cms-sapo-mua-lu-quang-ngai.html");
        _tablePage = FixturePages.Read("table-font-dien-tap-lut-bao.html");
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

    /// <summary>A typical CMS page: menus, breadcrumb, sapo, share bar, related box, comments, meta publication time.</summary>
    [Benchmark]
    public PageParseResult ImportCmsPageFromHtml() => PageImporter.FromHtml(_cmsPage);

    [Benchmark]
    public PageParseResult ImportTablePageFromHtml() => PageImporter.FromHtml(_tablePage);
}
