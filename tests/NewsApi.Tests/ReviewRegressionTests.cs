using System.Net;
using System.Net.Http.Headers;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>Cases a review found: each was a 500, a leak or a wrong answer before its fix.</summary>
public class ReviewRegressionTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private async Task<int> DraftAsync(HttpClient writer, string headline, string? byline = null)
    {
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new { headline, lead = "Sáng 1-2, dẫn.", byline = byline is null ? null : new { text = byline } }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)(await response.ReadJson())["id"]!;
    }

    [Theory]
    [InlineData("/api/v1/articles", "POST", "{\"headline\":\"x\",\"lead\":\"y\",\"body\":[null]}", "body")]
    [InlineData("/api/v1/articles", "POST", "{\"headline\":\"x\",\"lead\":\"y\",\"byline\":{\"text\":\"A\",\"credits\":[null]}}", "byline.credits")]
    [InlineData("/api/v1/contact-header", "PUT", "{\"address\":\"x\",\"phones\":[null]}", "phones")]
    public async Task NullItemsInListsAre400NotA500(string path, string method, string json, string field)
    {
        var admin = factory.ClientWithScope(Scopes.Admin);
        var problem = await (await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Http.RawJson(json) })).ProblemOf(400);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task AMergePatchNamingAMemberTwiceIs400()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await DraftAsync(writer, "Vá trùng thành viên");
        await (await writer.PatchAsync($"/api/v1/articles/{id}", Http.RawJson("{\"headline\":\"a\",\"headline\":\"b\"}", "application/merge-patch+json"))).ProblemOf(400);
    }

    [Theory]
    [InlineData("/api/v1/articles?to=9999-12-31", "to")]
    [InlineData("/api/v1/articles?from=0001-01-01", "from")]
    [InlineData("/api/v1/articles?contributor=a%00", "contributor")]
    public async Task OutOfRangeDatesAndControlCharactersInQueriesAre400(string url, string field)
    {
        var problem = await (await factory.CreateClient().GetAsync(url)).ProblemOf(400);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task AnImportDatedNearYear9999Is400()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var content = new StringContent("Tiêu đề\n\nSáng 1-1, dẫn.\n\nThân.", System.Text.Encoding.UTF8, "text/plain");
        await (await writer.PostAsync("/api/v1/imports?publishedAt=9999-12-31T23:00:00Z", content)).ProblemOf(400);
    }

    [Fact]
    public async Task SlugsAreNeverDigitsAloneSoTheyCannotBeReadAsIds()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = "2020", lead = "Dẫn." }));
        Assert.Equal("bai-viet-2020", (string)(await response.ReadJson())["slug"]!);
        await (await writer.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = "x", lead = "y", slug = "1" }))).ProblemOf(400);
    }

    [Fact]
    public async Task PublishedForAFutureTimeIsScheduledAndNotYetPublic()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline = "Đăng trước giờ",
            lead = "Dẫn.",
            status = "published",
            publishedAt = DateTimeOffset.UtcNow.AddDays(1),
        }));
        var article = await response.ReadJson();
        Assert.Equal("scheduled", (string)article["status"]!);
        await (await factory.CreateClient().GetAsync($"/api/v1/articles/{(int)article["id"]!}")).ProblemOf(404);
    }

    [Fact]
    public async Task IfMatchComparesStronglyAndFailsOnAMissingPart()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var created = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = "So khớp mạnh", lead = "Dẫn." }));
        var id = (int)(await created.ReadJson())["id"]!;
        var weak = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{id}") { Content = Http.JsonBody(new { headline = "y", lead = "z" }) };
        weak.Headers.IfMatch.Add(new EntityTagHeaderValue(created.Headers.ETag!.Tag, isWeak: true));
        await (await writer.SendAsync(weak)).ProblemOf(412);

        var noByline = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{id}/byline") { Content = Http.JsonBody(new { text = "Tin: AN" }) };
        noByline.Headers.IfMatch.Add(new EntityTagHeaderValue("\"whatever\""));
        await (await writer.SendAsync(noByline)).ProblemOf(412);
    }

    [Fact]
    public async Task PatchingABylineWithTextAloneReadsItsCreditsAgain()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await DraftAsync(writer, "Vá byline", "Tin, ảnh: HƯƠNG HỒNG THU (QĐND)");
        var patched = await (await writer.PatchAsync($"/api/v1/articles/{id}",
            Http.RawJson("{\"byline\":{\"text\":\"Bài: LÊ VĂN CƯỜNG\"},\"dateline\":{\"text\":\"Tối 3-4\"}}", "application/merge-patch+json"))).ReadJson();
        var credits = patched["byline"]!["credits"]!.AsArray();
        Assert.Equal("Lê Văn Cường", (string)credits.Single()!["name"]!);
        Assert.Null(patched["byline"]!["source"]);
        Assert.Equal("evening", (string)patched["dateline"]!["partOfDay"]!);
    }
}
