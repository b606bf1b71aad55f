using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Keys;

namespace NewsApi.Tests;

public class BylineAndDatelineTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private async Task<int> DraftAsync(HttpClient writer)
    {
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline = "Bài để thử byline " + Guid.NewGuid().ToString("N")[..6],
            lead = "Ngày 20/11, tại Hà Nội, Bộ Quốc phòng khai mạc hội chợ.",
            publishedAt = "2021-11-20T08:00:00+07:00",
        }));
        return (int)(await response.ReadJson())["id"]!;
    }

    private async Task<int> SeedIdAsync() =>
        (int)(await (await factory.CreateClient().GetAsync("/api/v1/articles/tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020")).ReadJson())["id"]!;

    [Fact]
    public async Task TheSeedBylineAndDatelineArePublic()
    {
        var id = await SeedIdAsync();
        var client = factory.CreateClient();
        var byline = await (await client.GetAsync($"/api/v1/articles/{id}/byline")).ReadJson();
        Assert.Equal("Tin, ảnh: HƯƠNG HỒNG THU (QĐND)", (string)byline["text"]!);
        Assert.Equal("QĐND", (string)byline["source"]!);
        var dateline = await (await client.GetAsync($"/api/v1/articles/{id}/dateline")).ReadJson();
        Assert.Equal("Sáng 10-12", (string)dateline["text"]!);
        Assert.Equal("2020-12-10", (string)dateline["date"]!);
        Assert.Null(dateline["place"]);
    }

    [Fact]
    public async Task PuttingBylineTextAloneParsesCreditsRolesAndSource()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await DraftAsync(writer);
        var response = await writer.PutAsync($"/api/v1/articles/{id}/byline", Http.JsonBody(new { text = "Tin: TRẦN VĂN AN; Ảnh: LÊ THỊ BÌNH" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var byline = await response.ReadJson();
        var credits = byline["credits"]!.AsArray();
        Assert.Equal(2, credits.Count);
        Assert.Equal("Trần Văn An", (string)credits[0]!["name"]!);
        Assert.Equal(["text"], credits[0]!["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("Lê Thị Bình", (string)credits[1]!["name"]!);
        Assert.Equal(["photo"], credits[1]!["roles"]!.AsArray().Select(r => (string)r!));

        var article = await (await writer.GetAsync($"/api/v1/articles/{id}")).ReadJson();
        Assert.Equal(2, (int)article["version"]!);
        var contributor = await (await factory.ClientWithScope(Scopes.ContentRead).GetAsync("/api/v1/contributors/le-thi-binh")).ReadJson();
        Assert.Equal((int)credits[1]!["contributorId"]!, (int)contributor["id"]!);
        // Credited only in a draft: the name stays under embargo with the article.
        await (await factory.CreateClient().GetAsync("/api/v1/contributors/le-thi-binh")).ProblemOf(404);
        var publicList = await (await factory.CreateClient().GetAsync("/api/v1/contributors?pageSize=100")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("le-thi-binh", publicList);
    }

    [Fact]
    public async Task PuttingExplicitCreditsKeepsThem()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await DraftAsync(writer);
        var byline = await (await writer.PutAsync($"/api/v1/articles/{id}/byline", Http.JsonBody(new
        {
            text = "Đồ họa: Minh Châu",
            credits = new[] { new { name = "Minh Châu", roles = new[] { "graphics" } } },
            source = "QĐND",
        }))).ReadJson();
        Assert.Equal("graphics", (string)byline["credits"]![0]!["roles"]![0]!);
        Assert.Equal("QĐND", (string)byline["source"]!);
    }

    [Fact]
    public async Task AnUnknownContributorIdIs400()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await DraftAsync(writer);
        var problem = await (await writer.PutAsync($"/api/v1/articles/{id}/byline", Http.JsonBody(new
        {
            text = "Tin: X",
            credits = new[] { new { name = "X", roles = new[] { "text" }, contributorId = 999999 } },
        }))).ProblemOf(400);
        Assert.NotNull(problem["errors"]!["credits[0].contributorId"]);
    }

    [Fact]
    public async Task PuttingDatelineTextAloneTakesTheYearFromPublication()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await DraftAsync(writer);
        var dateline = await (await writer.PutAsync($"/api/v1/articles/{id}/dateline", Http.JsonBody(new { text = "Tối 19-11, tại xã Quang Trung, huyện Hòa An" }))).ReadJson();
        Assert.Equal("2021-11-19", (string)dateline["date"]!);
        Assert.Equal("evening", (string)dateline["partOfDay"]!);
        Assert.Equal("xã Quang Trung, huyện Hòa An", (string)dateline["place"]!);
    }

    [Fact]
    public async Task DatelineWritesAreValidated()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await DraftAsync(writer);
        var problem = await (await writer.PutAsync($"/api/v1/articles/{id}/dateline", Http.JsonBody(new { text = "", date = "2021-02-30" }))).ProblemOf(400);
        Assert.NotNull(problem["errors"]);
        await (await writer.PutAsync($"/api/v1/articles/{id}/dateline", Http.RawJson("{\"text\":\"Sáng 1-2\",\"partOfDay\":\"brunch\"}"))).ProblemOf(400);
    }

    [Fact]
    public async Task SubResourcesOfDraftsAndMissingArticlesAre404ForThePublic()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await DraftAsync(writer);
        await writer.PutAsync($"/api/v1/articles/{id}/byline", Http.JsonBody(new { text = "Theo TTXVN" }));
        await (await factory.CreateClient().GetAsync($"/api/v1/articles/{id}/byline")).ProblemOf(404);
        await (await factory.CreateClient().GetAsync("/api/v1/articles/999999/dateline")).ProblemOf(404);
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientWithScope(Scopes.ContentRead).GetAsync($"/api/v1/articles/{id}/byline")).StatusCode);
        await (await writer.GetAsync($"/api/v1/articles/{id}/dateline")).ProblemOf(404);
    }

    [Fact]
    public async Task SubResourceWritesNeedAKeyAndHonourIfMatch()
    {
        var id = await SeedIdAsync();
        await (await factory.CreateClient().PutAsync($"/api/v1/articles/{id}/byline", Http.JsonBody(new { text = "Tin: X" }))).ProblemOf(401);
        await (await factory.ClientWithScope(Scopes.ContentRead).PutAsync($"/api/v1/articles/{id}/dateline", Http.JsonBody(new { text = "Sáng 1-2" }))).ProblemOf(403);

        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{id}/byline") { Content = Http.JsonBody(new { text = "Tin: X" }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"stale\""));
        await (await writer.SendAsync(stale)).ProblemOf(412);
        var byline = await (await factory.CreateClient().GetAsync($"/api/v1/articles/{id}/byline")).ReadJson();
        Assert.Equal("Tin, ảnh: HƯƠNG HỒNG THU (QĐND)", (string)byline["text"]!);
    }
}
