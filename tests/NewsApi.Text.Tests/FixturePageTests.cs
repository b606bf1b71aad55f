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
    public void FixturesFolderIsFoundAndHoldsTextAndHtmlPages()
    {
        var pages = FixturePages.Pages().ToList();
        Assert.Contains(pages, p => p.EndsWith(".txt", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.EndsWith(".html", StringComparison.Ordinal));
        Assert.All(pages, p => Assert.True(File.Exists(ExpectedPathOf(p)), $"{p} has no .expected.json"));
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void EveryFixturePageParsesAsItsExpectedJsonSays(string pageName)
    {
        var path = Path.Combine(FixturePages.Folder, pageName);
        var content = File.ReadAllText(path);
        var result = path.EndsWith(".html", StringComparison.Ordinal)
            ? PageImporter.FromHtml(content, FixturePages.SeedPublishedOn)
            : PageImporter.FromText(content, FixturePages.SeedPublishedOn);
        using var expectedDocument = JsonDocument.Parse(File.ReadAllText(ExpectedPathOf(path)));
        var expected = expectedDocument.RootElement;

        Assert.Null(result.Error);
        var page = result.Page!;
        Assert.Equal(expected.GetProperty("headline").GetString(), page.Headline);
        Assert.StartsWith(expected.GetProperty("leadStartsWith").GetString()!, page.Lead, StringComparison.Ordinal);
        Assert.Equal(expected.GetProperty("bodyParagraphs").GetInt32(), page.Body.Count);
        Assert.StartsWith(expected.GetProperty("bodyFirstStartsWith").GetString()!, page.Body[0], StringComparison.Ordinal);
        AssertByline(expected.GetProperty("byline"), page.Byline);
        AssertDateline(expected.GetProperty("dateline"), page.Dateline);
        AssertContactHeader(expected.GetProperty("contactHeader"), page.ContactHeader);
    }

    private static void AssertByline(JsonElement expected, ParsedByline? actual)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.GetProperty("text").GetString(), actual.Text);
        Assert.Equal(expected.GetProperty("source").GetString(), actual.Source);
        var expectedCredits = expected.GetProperty("credits").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()}: {string.Join(",", c.GetProperty("roles").EnumerateArray().Select(r => r.GetString()))}");
        var actualCredits = actual.Credits.Select(c => $"{c.Name}: {string.Join(",", c.Roles.Select(Contract.Of))}");
        Assert.Equal(expectedCredits, actualCredits);
    }

    private static void AssertDateline(JsonElement expected, ParsedDateline? actual)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.GetProperty("text").GetString(), actual.Text);
        Assert.Equal(expected.GetProperty("partOfDay").GetString(), actual.PartOfDay is { } part ? Contract.Of(part) : null);
        Assert.Equal(expected.GetProperty("day").GetInt32(), actual.Day);
        Assert.Equal(expected.GetProperty("month").GetInt32(), actual.Month);
        Assert.Equal(expected.GetProperty("place").GetString(), actual.Place);
        Assert.NotNull(actual.Date);
    }

    private static void AssertContactHeader(JsonElement expected, ParsedContactHeader? actual)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.GetProperty("address").GetString(), actual.Address);
        var phone = Assert.Single(actual.Phones);
        Assert.Equal(expected.GetProperty("phoneDisplay").GetString(), phone.Display);
        Assert.Equal(expected.GetProperty("phoneE164").GetString(), phone.E164);
    }

    private static string ExpectedPathOf(string page) => NewsApi.Fixtures.FixtureFolder.ExpectedJsonOf(page);
}
