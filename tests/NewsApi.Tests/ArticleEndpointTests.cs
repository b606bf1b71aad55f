using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NewsApi.Keys;

namespace NewsApi.Tests;

public class ArticleEndpointTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private static object NewArticle(string headline, object? extra = null) => new
    {
        headline,
        lead = "Chiều 18-4, tại thao trường huấn luyện, đơn vị tổ chức kiểm tra.",
        body = new[] { new { type = "paragraph", text = "Đoạn thân bài thứ nhất." }, new { type = "paragraph", text = "Đoạn thứ hai." } },
        byline = new { text = "Bài và ảnh: NGUYỄN VĂN HÙNG" },
        dateline = new { text = "Chiều 18-4, tại thao trường huấn luyện" },
    };

    private async Task<JsonNode> CreateAsync(HttpClient writer, object body)
    {
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(body));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJson();
    }

    [Fact]
    public async Task ListHasPagingTotalLinksAndALinkHeader()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/articles?page=1&pageSize=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.ReadJson();
        Assert.Equal(1, (int)list["page"]!);
        Assert.Equal(5, (int)list["pageSize"]!);
        Assert.True((int)list["total"]! >= 1);
        Assert.Equal("/api/v1/articles?page=1&pageSize=5", (string)list["links"]!["self"]!);
        Assert.Contains("rel=\"self\"", response.Headers.GetValues("Link").Single());
        Assert.Null(list["items"]![0]!["body"]);
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("sort=headline", "sort")]
    [InlineData("page=abc", "page")]
    [InlineData("from=2020-13-45", "from")]
    public async Task ListRejectsBadQueryWithFieldErrors(string query, string field)
    {
        var problem = await (await factory.CreateClient().GetAsync("/api/v1/articles?" + query)).ProblemOf(400);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task GetByIdAndBySlugGiveTheSameArticle()
    {
        var client = factory.CreateClient();
        var bySlug = await (await client.GetAsync("/api/v1/articles/tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020")).ReadJson();
        var byId = await (await client.GetAsync($"/api/v1/articles/{(int)bySlug["id"]!}")).ReadJson();
        Assert.Equal(bySlug.ToJsonString(), byId.ToJsonString());
    }

    [Fact]
    public async Task UnknownArticleIsA404Problem()
    {
        var problem = await (await factory.CreateClient().GetAsync("/api/v1/articles/khong-ton-tai")).ProblemOf(404);
        Assert.Contains("khong-ton-tai", (string)problem["detail"]!);
    }

    [Fact]
    public async Task WritingWithoutAKeyIs401AndWithAReadKeyIs403()
    {
        var anonymous = await factory.CreateClient().PostAsync("/api/v1/articles", Http.JsonBody(NewArticle("Không có khóa")));
        await anonymous.ProblemOf(401);
        var reader = await factory.ClientWithScope(Scopes.ContentRead).PostAsync("/api/v1/articles", Http.JsonBody(NewArticle("Khóa chỉ đọc")));
        await reader.ProblemOf(403);
        Assert.Equal(0, factory.Db(db => db.Articles.Count(a => a.Headline == "Không có khóa" || a.Headline == "Khóa chỉ đọc")));
    }

    [Fact]
    public async Task ABadKeyIs401EvenOnPublicReads()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nk_not-a-real-key");
        await (await client.GetAsync("/api/v1/articles")).ProblemOf(401);
    }

    [Fact]
    public async Task CreateMakesADraftWithSlugParsedBylineAndDateline()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(NewArticle("Lữ đoàn 382 kiểm tra huấn luyện")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var article = await response.ReadJson();
        Assert.Equal($"/api/v1/articles/{(int)article["id"]!}", response.Headers.Location!.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("draft", (string)article["status"]!);
        Assert.Equal("lu-doan-382-kiem-tra-huan-luyen", (string)article["slug"]!);
        Assert.Equal("Nguyễn Văn Hùng", (string)article["byline"]!["credits"]![0]!["name"]!);
        Assert.Equal(["text", "photo"], article["byline"]!["credits"]![0]!["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("afternoon", (string)article["dateline"]!["partOfDay"]!);
        Assert.Equal("thao trường huấn luyện", (string)article["dateline"]!["place"]!);

        // A draft is invisible to the public and visible with content.read.
        await (await factory.CreateClient().GetAsync($"/api/v1/articles/{(int)article["id"]!}")).ProblemOf(404);
        var asReader = await factory.ClientWithScope(Scopes.ContentRead).GetAsync($"/api/v1/articles/{(int)article["id"]!}");
        Assert.Equal(HttpStatusCode.OK, asReader.StatusCode);
        var publicList = await (await factory.CreateClient().GetAsync("/api/v1/articles?pageSize=100")).ReadJson();
        Assert.DoesNotContain(publicList["items"]!.AsArray(), i => (int)i!["id"]! == (int)article["id"]!);
    }

    [Fact]
    public async Task CreateStoresTextNfcNormalized()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var decomposed = "Hội nghị NFD kiểm tra".Normalize(System.Text.NormalizationForm.FormD);
        var article = await CreateAsync(writer, new { headline = decomposed + "\u00a0 ", lead = "Sáng 1-2, có\r\nxuống dòng." });
        Assert.Equal("Hội nghị NFD kiểm tra".Normalize(), (string)article["headline"]!);
        Assert.True(((string)article["headline"]!).IsNormalized());
        Assert.DoesNotContain("\r", (string)article["lead"]!);
    }

    [Fact]
    public async Task ValidationErrorsAreKeyedByField()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline = "",
            lead = new string('a', 2001),
            body = new[] { new { type = "video", text = "x" } },
            slug = "Not A Slug",
            byline = new { text = "Tin: A", credits = new[] { new { name = "A", roles = Array.Empty<string>() } } },
        }));
        var problem = await response.ProblemOf(400);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("headline", errors.Select(e => e.Key));
        Assert.Contains("lead", errors.Select(e => e.Key));
        Assert.Contains("body[0].type", errors.Select(e => e.Key));
        Assert.Contains("slug", errors.Select(e => e.Key));
        Assert.Contains("byline.credits[0].roles", errors.Select(e => e.Key));
    }

    [Theory]
    [InlineData("{\"headline\":\"x\",\"lead\":\"y\",\"isAdmin\":true}", "isAdmin")]
    [InlineData("{\"headline\":\"x\",\"lead\":\"y\",\"status\":\"archived\"}", "status")]
    [InlineData("{\"headline\":\"x\",\"lead\":\"y\",\"dateline\":{\"text\":\"Sáng 1-2\",\"partOfDay\":\"dawn\"}}", "dateline.partOfDay")]
    [InlineData("{\"headline\":\"x\",\"lead\":\"y\",\"byline\":{\"text\":\"A\",\"credits\":[{\"name\":\"A\",\"roles\":[\"chef\"]}]}}", "byline.credits[0].roles[0]")]
    public async Task UnknownMembersAndBadEnumsAre400(string json, string field)
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var problem = await (await writer.PostAsync("/api/v1/articles", Http.RawJson(json))).ProblemOf(400);
        Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task MalformedJsonIs400AndWrongMediaTypeIs415()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        await (await writer.PostAsync("/api/v1/articles", Http.RawJson("{\"headline\": "))).ProblemOf(400);
        var problem = await (await writer.PostAsync("/api/v1/articles", new StringContent("headline=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"))).ProblemOf(415);
        Assert.DoesNotContain("Exception", problem.ToJsonString());
    }

    [Fact]
    public async Task AnExplicitSlugThatClashesIs409()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        await CreateAsync(writer, new { headline = "Bài một", lead = "Dẫn.", slug = "trung-slug" });
        var second = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = "Bài hai", lead = "Dẫn.", slug = "trung-slug" }));
        await second.ProblemOf(409);
    }

    [Fact]
    public async Task SlugsFromTheSameHeadlineStayUnique()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var first = await CreateAsync(writer, new { headline = "Tiêu đề trùng nhau", lead = "Dẫn." });
        var second = await CreateAsync(writer, new { headline = "Tiêu đề trùng nhau", lead = "Dẫn." });
        Assert.Equal("tieu-de-trung-nhau", (string)first["slug"]!);
        Assert.Equal("tieu-de-trung-nhau-2", (string)second["slug"]!);
    }

    [Fact]
    public async Task PutReplacesAndBumpsTheVersion()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var article = await CreateAsync(writer, NewArticle("Trước khi sửa"));
        var response = await writer.PutAsync($"/api/v1/articles/{(int)article["id"]!}", Http.JsonBody(new { headline = "Sau khi sửa", lead = "Dẫn mới.", status = "published" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadJson();
        Assert.Equal("Sau khi sửa", (string)updated["headline"]!);
        Assert.Equal(2, (int)updated["version"]!);
        Assert.Equal("published", (string)updated["status"]!);
        Assert.NotNull(updated["publishedAt"]);
        Assert.Null(updated["byline"]);
        Assert.Equal((string)article["slug"]!, (string)updated["slug"]!);
    }

    [Fact]
    public async Task PutWithStaleIfMatchReturns412AndChangesNothing()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var created = await writer.PostAsync("/api/v1/articles", Http.JsonBody(NewArticle("Bản cũ")));
        var etag = created.Headers.ETag!;
        var id = (int)(await created.ReadJson())["id"]!;

        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{id}") { Content = Http.JsonBody(new { headline = "Bản của A", lead = "Dẫn." }) };
        first.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await writer.SendAsync(first)).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{id}") { Content = Http.JsonBody(new { headline = "Bản của B", lead = "Dẫn." }) };
        stale.Headers.IfMatch.Add(etag);
        await (await writer.SendAsync(stale)).ProblemOf(412);
        Assert.Equal("Bản của A", factory.Db(db => db.Articles.Single(a => a.Id == id).Headline));
    }

    [Fact]
    public async Task PatchMergesOnlyTheGivenMembers()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var article = await CreateAsync(writer, NewArticle("Trước khi vá"));
        var id = (int)article["id"]!;
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/articles/{id}")
        {
            Content = Http.RawJson("{\"headline\":\"Sau khi vá\",\"dateline\":null}", "application/merge-patch+json"),
        };
        var response = await writer.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await response.ReadJson();
        Assert.Equal("Sau khi vá", (string)patched["headline"]!);
        Assert.Equal((string)article["lead"]!, (string)patched["lead"]!);
        Assert.Equal(2, ((JsonArray)patched["body"]!).Count);
        Assert.Equal("Nguyễn Văn Hùng", (string)patched["byline"]!["credits"]![0]!["name"]!);
        Assert.Null(patched["dateline"]);
        Assert.Equal(2, (int)patched["version"]!);
    }

    [Fact]
    public async Task PatchNeedsMergePatchJsonAndRejectsUnknownMembers()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = (int)(await CreateAsync(writer, NewArticle("Vá sai")))["id"]!;
        await (await writer.PatchAsync($"/api/v1/articles/{id}", Http.RawJson("{\"headline\":\"x\"}"))).ProblemOf(415);
        var unknown = await writer.PatchAsync($"/api/v1/articles/{id}", Http.RawJson("{\"owner\":\"x\"}", "application/merge-patch+json"));
        Assert.NotNull((await unknown.ProblemOf(400))["errors"]!["owner"]);
        var invalid = await writer.PatchAsync($"/api/v1/articles/{id}", Http.RawJson("{\"headline\":null}", "application/merge-patch+json"));
        Assert.NotNull((await invalid.ProblemOf(400))["errors"]!["headline"]);
        Assert.Equal("Vá sai", factory.Db(db => db.Articles.Single(a => a.Id == id).Headline));
    }

    [Fact]
    public async Task DeleteRemovesTheArticleAndHonoursIfMatch()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = (int)(await CreateAsync(writer, NewArticle("Sẽ bị xóa")))["id"]!;
        var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/articles/{id}");
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0000\""));
        await (await writer.SendAsync(stale)).ProblemOf(412);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/articles/{id}")).StatusCode);
        await (await writer.DeleteAsync($"/api/v1/articles/{id}")).ProblemOf(404);
        Assert.False(factory.Db(db => db.Articles.Any(a => a.Id == id)));
    }

    [Fact]
    public async Task IfNoneMatchGets304AndPublicReadsAreCacheableForFiveSeconds()
    {
        var client = factory.CreateClient();
        var first = await client.GetAsync("/api/v1/articles/tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020");
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal(TimeSpan.FromSeconds(5), first.Headers.CacheControl!.MaxAge);
        Assert.True(first.Headers.CacheControl.Public);
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        var list = await client.GetAsync("/api/v1/articles");
        Assert.NotNull(list.Headers.ETag);
        var keyHolder = await factory.ClientWithScope(Scopes.ContentRead).GetAsync("/api/v1/articles");
        Assert.True(keyHolder.Headers.CacheControl!.Private);
    }

    [Fact]
    public async Task DraftsAreListedByStatusOnlyWithAKey()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        await CreateAsync(writer, NewArticle("Bản nháp để liệt kê"));
        await (await factory.CreateClient().GetAsync("/api/v1/articles?status=draft")).ProblemOf(401);
        var drafts = await (await factory.ClientWithScope(Scopes.ContentRead).GetAsync("/api/v1/articles?status=draft&pageSize=100")).ReadJson();
        Assert.Contains(drafts["items"]!.AsArray(), i => (string)i!["headline"]! == "Bản nháp để liệt kê");
        Assert.All(drafts["items"]!.AsArray(), i => Assert.Equal("draft", (string)i!["status"]!));
    }

    [Fact]
    public async Task ListFiltersByContributorSourceAndDates()
    {
        var client = factory.CreateClient();
        Assert.Equal(1, (int)(await (await client.GetAsync("/api/v1/articles?source=QĐND")).ReadJson())["total"]!);
        Assert.Equal(0, (int)(await (await client.GetAsync("/api/v1/articles?source=TTXVN")).ReadJson())["total"]!);
        Assert.Equal(1, (int)(await (await client.GetAsync("/api/v1/articles?from=2020-12-10&to=2020-12-10")).ReadJson())["total"]!);
        Assert.Equal(0, (int)(await (await client.GetAsync("/api/v1/articles?from=2020-12-11&to=2021-01-01")).ReadJson())["total"]!);
        Assert.Equal(1, (int)(await (await client.GetAsync("/api/v1/articles?contributor=huong-hong-thu")).ReadJson())["total"]!);
    }
}
