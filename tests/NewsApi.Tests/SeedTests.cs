using System.Net;

namespace NewsApi.Tests;

public class SeedTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private const string SeedSlug = "tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020";

    [Fact]
    public async Task FirstStartSeedsTheSeedPageExactlyAsExpected()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync($"/api/v1/articles/{SeedSlug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var article = await response.ReadJson();
        var expected = Fixtures.Expected(Path.Combine(Fixtures.PagesFolder, "seed-quan-chinh-2020.txt"));

        ExpectedPage.AssertArticle(expected, article);
        Assert.Equal(SeedSlug, (string)article["slug"]!);
        Assert.Equal("published", (string)article["status"]!);
        Assert.Equal("2020-12-10T00:00:00+07:00", (string)article["publishedAt"]!);
        Assert.Equal("2020-12-10", (string)article["dateline"]!["date"]!);
        Assert.Equal("morning", (string)article["dateline"]!["partOfDay"]!);
        Assert.Equal("vi", (string)article["language"]!);
        Assert.Equal(1, (int)article["version"]!);

        var contact = await (await client.GetAsync("/api/v1/contact-header")).ReadJson();
        ExpectedPage.AssertContactHeader(expected, contact);
        Assert.Null(contact["email"]);
    }

    [Fact]
    public async Task SeedContributorIsCreatedInProperCaseWithASlug()
    {
        var client = factory.CreateClient();
        var contributor = await (await client.GetAsync("/api/v1/contributors/huong-hong-thu")).ReadJson();
        Assert.Equal("Hương Hồng Thu", (string)contributor["name"]!);
        var articles = await (await client.GetAsync("/api/v1/contributors/huong-hong-thu/articles")).ReadJson();
        Assert.Equal(SeedSlug, (string)articles["items"]![0]!["slug"]!);
    }

    [Fact]
    public async Task VietnameseIsServedUnescapedAsUtf8()
    {
        var response = await factory.CreateClient().GetAsync($"/api/v1/articles/{SeedSlug}");
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("Tổng cục Công nghiệp Quốc phòng", raw);
        Assert.DoesNotContain("\\u", raw);
    }

    [Fact]
    public async Task RestartingDoesNotSeedTwice()
    {
        using (var second = new NewsApiFactoryOn(factory.Database))
        {
            var list = await (await second.CreateClient().GetAsync("/api/v1/articles")).ReadJson();
            Assert.Equal(1, (int)list["total"]!);
        }
        var again = await (await factory.CreateClient().GetAsync("/api/v1/articles")).ReadJson();
        Assert.Equal(1, (int)again["total"]!);
    }
}

/// <summary>A second app instance over an existing database, as after a restart.</summary>
public sealed class NewsApiFactoryOn(TestDatabase existing) : NewsApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", existing.Provider);
        builder.UseSetting("ConnectionStrings:NewsDb", existing.ConnectionString);
    }
}
