using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>Public answers name what they hold in Surrogate-Key, with the keys a webhook's data.surrogateKeys names for purging.</summary>
public class SurrogateKeyTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private static string[] KeysOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Surrogate-Key", out var values) ? string.Join(' ', values).Split(' ') : [];

    [Fact]
    public async Task ArticlesListsContributorsAndFeedsNameWhatTheyHold()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var created = await (await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline = "Khóa để xóa bộ nhớ đệm của mạng phân phối",
            lead = "Sáng 6-6, tại Đà Nẵng, hội nghị diễn ra.",
            byline = new { text = "Tin: LÊ VĂN TÁM" },
            status = "published",
        }))).ReadJson();
        var id = (int)created["id"]!;
        var slug = (string)created["slug"]!;
        var contributor = (int)created["byline"]!["credits"]![0]!["contributorId"]!;
        var client = factory.CreateClient();

        // From the stored document (by slug) and rendered per request (JSON-LD asked for): the same key.
        Assert.Contains($"article-{id}", KeysOf(await client.GetAsync($"/api/v1/articles/{slug}")));
        var jsonLd = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{id}");
        jsonLd.Headers.Accept.ParseAdd("application/ld+json");
        Assert.Contains($"article-{id}", KeysOf(await client.SendAsync(jsonLd)));

        Assert.Contains("list", KeysOf(await client.GetAsync("/api/v1/articles?pageSize=5")));
        Assert.Contains("list", KeysOf(await client.GetAsync("/feeds/rss.xml")));
        Assert.Contains($"contributor-{contributor}", KeysOf(await client.GetAsync($"/api/v1/contributors/{contributor}")));
        var theirs = KeysOf(await client.GetAsync($"/api/v1/contributors/{contributor}/articles"));
        Assert.Contains("list", theirs);
        Assert.Contains($"contributor-{contributor}", theirs);
        // A 404 names nothing.
        Assert.Empty(KeysOf(await client.GetAsync("/api/v1/articles/khong-co-bai-nay")));
    }
}
