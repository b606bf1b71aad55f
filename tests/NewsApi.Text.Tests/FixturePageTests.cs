using System.Text.Json;

namespace NewsApi.Text.Tests;

public class FixturePageTests
{
    public static TheoryData<string> PageNames()
    {
        var data = new TheoryData<string>();
        foreach (var page in FixturePages.Pages())
        {
            data.Add(Path.GetFileName(page));
        }
        return data;
    }

    [Fact]
    public void FixturesFolderHoldsAtLeastFortyPagesOfTenKindsEachWithItsExpectedJson()
    {
        var pages = FixturePages.Pages().ToList();
        Assert.Contains(pages, p => p.EndsWith(".txt", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.EndsWith(".html", StringComparison.Ordinal));
        Assert.All(pages, p => Assert.True(File.Exists(ExpectedPathOf(p)), $"{p} has no .expected.json"));
        Assert.True(pages.Count >= 40, $"{pages.Count} pages");
        var kinds = pages.Select(p => ExpectedFields.KindOf(JsonDocument.Parse(File.ReadAllText(ExpectedPathOf(p))).RootElement)).Distinct().ToList();
        Assert.True(kinds.Count >= 10, string.Join(", ", kinds));
        Assert.DoesNotContain("unknown", kinds);
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void EveryFixturePageParsesAsItsExpectedJsonSays(string pageName)
    {
        var path = Path.Combine(FixturePages.Folder, pageName);
        using var expectedDocument = JsonDocument.Parse(File.ReadAllText(ExpectedPathOf(path)));
        var expected = expectedDocument.RootElement;
        var result = FixturePages.Parse(path, ExpectedFields.GivenPublishedOn(expected));

        Assert.Null(result.Error);
        var wrong = ExpectedFields.Check(expected, result.Page!).Where(c => !c.Right)
            .Select(c => $"{c.Field}: expected «{c.Expected}», got «{c.Actual}»").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static string ExpectedPathOf(string page) => NewsApi.Fixtures.FixtureFolder.ExpectedJsonOf(page);
}
