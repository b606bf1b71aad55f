using System.Net;
using System.Text.Json.Nodes;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>Sections and tags as a front end and an admin use them, over real HTTP on the configured provider.</summary>
public class SectionAndTagTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private const string SeedSlug = "tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020";

    private readonly HttpClient admin = factory.ClientWithScope(Scopes.Admin);
    private readonly HttpClient writer = factory.ClientWithScope(Scopes.ContentWrite);
    private readonly HttpClient anonymous = factory.CreateClient();

    private static StringContent MergePatch(object value) =>
        Http.RawJson(System.Text.Json.JsonSerializer.Serialize(value), "application/merge-patch+json");

    private async Task<JsonNode> CreateSectionAsync(string name, int? parentId = null, string? slug = null)
    {
        var response = await admin.PostAsync("/api/v1/sections", Http.JsonBody(new { name, parentId, slug }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    private async Task<JsonNode> CreateArticleAsync(string headline, int? sectionId = null, string[]? tags = null, string status = "published")
    {
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline,
            lead = "Sáng 12-3, tại Hà Nội, đơn vị tổ chức hội nghị tổng kết công tác năm.",
            status,
            sectionId,
            tags,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    private async Task<List<string>> SlugsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["items"]!.AsArray().Select(i => (string)i!["slug"]!).ToList();
    }

    private static List<string> TagNames(JsonNode article) => article["tags"]!.AsArray().Select(t => (string)t!["name"]!).ToList();

    [Fact]
    public async Task AFreshDatabaseHasTheSeedPapersSectionsAndTheSeedArticleItsSectionAndTags()
    {
        var tree = (await (await anonymous.GetAsync("/api/v1/sections")).ReadJson())["items"]!.AsArray();
        var seedNames = NewsApi.Data.Seed.SeedSections.Tree.SelectMany(t => t.Subsections.Prepend(t.Name)).ToHashSet();
        var names = tree.Select(s => (string)s!["name"]!).Where(seedNames.Contains).ToList();
        // Reading order: a top section, then its subsections, then the next top section.
        Assert.Equal(["Tin tức", "Thời sự", "Trong nước", "Quốc tế", "Quốc phòng - An ninh"], names.Take(5));
        var defence = tree.Single(s => (string)s!["slug"]! == "quoc-phong-an-ninh")!;
        Assert.Null((int?)defence["parentId"]);
        var industry = tree.Single(s => (string)s!["slug"]! == "cong-nghiep-quoc-phong")!;
        Assert.Equal((int)defence["id"]!, (int)industry["parentId"]!);
        Assert.Equal("quoc-phong-an-ninh/cong-nghiep-quoc-phong", (string)industry["path"]!);

        var seed = await (await anonymous.GetAsync("/api/v1/articles/" + SeedSlug)).ReadJson();
        Assert.Equal("Công nghiệp quốc phòng", (string)seed["section"]!["name"]!);
        Assert.Equal("quoc-phong-an-ninh/cong-nghiep-quoc-phong", (string)seed["section"]!["path"]!);
        Assert.Equal(["Hội nghị Quân chính", "Công nghiệp quốc phòng"], TagNames(seed));
        Assert.Equal(["hoi-nghi-quan-chinh", "cong-nghiep-quoc-phong"], seed["tags"]!.AsArray().Select(t => (string)t!["slug"]!));
        // A parent section's page includes what its subsections hold.
        Assert.Contains(SeedSlug, await SlugsAsync(anonymous, "/api/v1/sections/quoc-phong-an-ninh/articles"));
        Assert.Contains(SeedSlug, await SlugsAsync(anonymous, "/api/v1/tags/hoi-nghi-quan-chinh/articles"));
        Assert.DoesNotContain(SeedSlug, await SlugsAsync(anonymous, "/api/v1/sections/tin-tuc/articles"));
    }

    [Fact]
    public async Task SectionWritesNeedAnAdminKey()
    {
        var body = new { name = "Chuyên mục thử quyền" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/sections", Http.JsonBody(body))).StatusCode);
        await (await writer.PostAsync("/api/v1/sections", Http.JsonBody(body))).ProblemOf(403);
        await (await writer.DeleteAsync("/api/v1/sections/tin-tuc")).ProblemOf(403);
        await (await writer.PostAsync("/api/v1/tags/hoi-nghi-quan-chinh/merge", Http.JsonBody(new { into = "cong-nghiep-quoc-phong" }))).ProblemOf(403);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/sections/tin-tuc")).StatusCode);
    }

    [Fact]
    public async Task TheSectionFilterIncludesSubsectionsOnEveryList()
    {
        var economy = await CreateSectionAsync("Kinh tế");
        var farming = await CreateSectionAsync("Nông nghiệp", (int)economy["id"]!);
        Assert.Equal("kinh-te/nong-nghiep", (string)farming["path"]!);
        var rice = await CreateArticleAsync("Giá lúa tăng mạnh ở đồng bằng", (int)farming["id"]!);
        var market = await CreateArticleAsync("Chợ phiên vùng cao đông vui", (int)economy["id"]!);

        var parent = await SlugsAsync(anonymous, "/api/v1/articles?section=kinh-te");
        Assert.Equal([(string)market["slug"]!, (string)rice["slug"]!], parent.Where(s => s == (string)market["slug"]! || s == (string)rice["slug"]!).Order());
        Assert.Equal(2, parent.Count);
        Assert.Equal([(string)rice["slug"]!], await SlugsAsync(anonymous, $"/api/v1/articles?section={farming["id"]}"));
        Assert.Equal([(string)rice["slug"]!], await SlugsAsync(anonymous, "/api/v1/sections/nong-nghiep/articles"));
        Assert.Equal(2, (await SlugsAsync(anonymous, "/api/v1/sections/kinh-te/articles?q=gia+lua")).Count + 1);
        Assert.Empty(await SlugsAsync(anonymous, "/api/v1/articles?section=khong-co-chuyen-muc-nay"));
        await (await anonymous.GetAsync("/api/v1/sections/khong-co-chuyen-muc-nay/articles")).ProblemOf(404);
        await (await anonymous.GetAsync("/api/v1/articles?section=" + new string('a', 200))).ProblemOf(400);
    }

    [Fact]
    public async Task RenamingOrMovingASectionChangesItsArticlesAndKeepsTheOldSlug()
    {
        var culture = await CreateSectionAsync("Văn nghệ");
        var film = await CreateSectionAsync("Điện ảnh", (int)culture["id"]!);
        var article = await CreateArticleAsync("Liên hoan phim tài liệu khai mạc", (int)film["id"]!);
        var version = (int)article["version"]!;

        var renamed = await admin.PatchAsync("/api/v1/sections/van-nghe", MergePatch(new { name = "Văn học - Nghệ thuật", slug = "van-hoc-nghe-thuat" }));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        // The subsection's path follows its parent; the article shows it (from its re-rendered document), as a new version.
        var shown = await (await anonymous.GetAsync("/api/v1/articles/" + article["slug"])).ReadJson();
        Assert.Equal("van-hoc-nghe-thuat/dien-anh", (string)shown["section"]!["path"]!);
        Assert.Equal(version + 1, (int)shown["version"]!);
        var revisions = await (await writer.GetAsync($"/api/v1/articles/{article["id"]}/revisions")).ReadJson();
        Assert.Equal(2, revisions.AsArray().Count);

        var old = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/v1/sections/van-nghe/articles?page=1");
        Assert.Equal(HttpStatusCode.PermanentRedirect, old.StatusCode);
        Assert.Equal("/api/v1/sections/van-hoc-nghe-thuat/articles?page=1", old.Headers.Location!.OriginalString);
        Assert.Equal([(string)article["slug"]!], await SlugsAsync(anonymous, "/api/v1/articles?section=van-nghe"));

        // Moved to the top: its path is its own slug; renamed alone: only its name changes.
        var moved = await admin.PatchAsync($"/api/v1/sections/{film["id"]}", MergePatch(new { parentId = (int?)null }));
        var top = await moved.ReadJson();
        Assert.Equal("dien-anh", (string)top["path"]!);
        // Moved without a position: after its new siblings.
        var tops = (await (await anonymous.GetAsync("/api/v1/sections")).ReadJson())["items"]!.AsArray().Where(s => s!["parentId"] is null).ToList();
        Assert.Equal("dien-anh", (string)tops[^1]!["slug"]!);
        Assert.Equal("dien-anh", (string)(await (await anonymous.GetAsync("/api/v1/articles/" + article["slug"])).ReadJson())["section"]!["path"]!);
        await admin.PatchAsync("/api/v1/sections/dien-anh", MergePatch(new { name = "Phim ảnh" }));
        var again = await (await anonymous.GetAsync("/api/v1/articles/" + article["slug"])).ReadJson();
        Assert.Equal(("Phim ảnh", "dien-anh"), ((string)again["section"]!["name"]!, (string)again["section"]!["slug"]!));
    }

    [Fact]
    public async Task TheTreeRefusesCyclesDepthUnknownParentsAndTakenSlugs()
    {
        var a = await CreateSectionAsync("Cấp một");
        var b = await CreateSectionAsync("Cấp hai", (int)a["id"]!);
        var c = await CreateSectionAsync("Cấp ba", (int)b["id"]!);
        var before = await (await anonymous.GetAsync("/api/v1/sections")).Content.ReadAsStringAsync();

        var cycle = await (await admin.PatchAsync($"/api/v1/sections/{a["id"]}", MergePatch(new { parentId = (int)c["id"]! }))).ProblemOf(400);
        Assert.NotNull(cycle["errors"]?["parentId"] ?? cycle["detail"]);
        await (await admin.PostAsync("/api/v1/sections", Http.JsonBody(new { name = "Cấp bốn", parentId = (int)c["id"]! }))).ProblemOf(400);
        await (await admin.PostAsync("/api/v1/sections", Http.JsonBody(new { name = "Mồ côi", parentId = 999_999 }))).ProblemOf(400);
        await (await admin.PostAsync("/api/v1/sections", Http.JsonBody(new { name = "Tin tức" }))).ProblemOf(409);
        await (await admin.PostAsync("/api/v1/sections", Http.JsonBody(new { name = "" }))).ProblemOf(400);
        await (await admin.PostAsync("/api/v1/sections", Http.JsonBody(new { name = "Slug xấu", slug = "Không Hợp Lệ" }))).ProblemOf(400);
        await (await admin.PatchAsync($"/api/v1/sections/{a["id"]}", Http.RawJson("{\"name\":\"x\",\"name\":\"y\"}", "application/merge-patch+json"))).ProblemOf(400);
        await (await admin.PatchAsync($"/api/v1/sections/{a["id"]}", Http.JsonBody(new { name = "x" }))).ProblemOf(415);
        await (await admin.PatchAsync($"/api/v1/sections/{a["id"]}", MergePatch(new { colour = "red" }))).ProblemOf(400);
        // Nothing changed.
        Assert.Equal(before, await (await anonymous.GetAsync("/api/v1/sections")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OnlyAnEmptySectionCanBeDeleted()
    {
        var top = await CreateSectionAsync("Pháp luật");
        var sub = await CreateSectionAsync("Bạn đọc", (int)top["id"]!);
        var article = await CreateArticleAsync("Bạn đọc hỏi về luật nghĩa vụ quân sự", (int)sub["id"]!);
        await (await admin.DeleteAsync("/api/v1/sections/phap-luat")).ProblemOf(409);
        await (await admin.DeleteAsync("/api/v1/sections/ban-doc")).ProblemOf(409);
        await (await writer.PatchAsync($"/api/v1/articles/{article["id"]}", MergePatch(new { sectionId = (int?)null }))).EnsureSuccessAndReturn();
        Assert.Null((await (await writer.GetAsync($"/api/v1/articles/{article["id"]}")).ReadJson())["section"]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/sections/ban-doc")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/sections/phap-luat")).StatusCode);
        await (await anonymous.GetAsync("/api/v1/sections/phap-luat")).ProblemOf(404);
    }

    [Fact]
    public async Task TagsAreCreatedOnFirstUseOncePerFoldedName()
    {
        var first = await CreateArticleAsync("Chiến sĩ mới bước vào huấn luyện", tags: ["Huấn luyện", "chiến sĩ mới", "HUẤN LUYỆN"]);
        var second = await CreateArticleAsync("Hội thao huấn luyện kỹ thuật", tags: ["huan  luyen", "Hội thao"]);
        Assert.Equal(["Huấn luyện", "chiến sĩ mới"], TagNames(first));
        // "huan luyen" is the tag first named "Huấn luyện": the same id, the name as first written.
        Assert.Equal(["Huấn luyện", "Hội thao"], TagNames(second));
        Assert.Equal((int)first["tags"]![0]!["id"]!, (int)second["tags"]![0]!["id"]!);
        Assert.Equal("huan-luyen", (string)first["tags"]![0]!["slug"]!);

        var found = await (await anonymous.GetAsync("/api/v1/tags?q=HUAN")).ReadJson();
        Assert.Equal(["Huấn luyện"], found["items"]!.AsArray().Select(t => (string)t!["name"]!));
        var tagged = await SlugsAsync(anonymous, "/api/v1/tags/huan-luyen/articles");
        Assert.Equal([(string)second["slug"]!, (string)first["slug"]!], tagged);
        Assert.Equal(tagged, await SlugsAsync(anonymous, $"/api/v1/articles?tag={first["tags"]![0]!["id"]}"));
        Assert.Equal([(string)first["slug"]!], await SlugsAsync(anonymous, "/api/v1/articles?tag=chien-si-moi&section="));
    }

    [Fact]
    public async Task ADraftsTagsStayHiddenUntilItIsPublished()
    {
        var draft = await CreateArticleAsync("Kế hoạch diễn tập chưa công bố", tags: ["Diễn tập bí mật"], status: "draft");
        Assert.Equal(0, (int)(await (await anonymous.GetAsync("/api/v1/tags?q=dien+tap+bi+mat")).ReadJson())["total"]!);
        await (await anonymous.GetAsync("/api/v1/tags/dien-tap-bi-mat")).ProblemOf(404);
        Assert.Equal(1, (int)(await (await writer.GetAsync("/api/v1/tags?q=dien+tap+bi+mat")).ReadJson())["total"]!);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync($"/api/v1/articles/{draft["id"]}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/tags/dien-tap-bi-mat")).StatusCode);
    }

    [Fact]
    public async Task MergingATagMovesEveryArticleAndItsSlugAnswers308()
    {
        var one = await CreateArticleAsync("Bộ đội giúp dân thu hoạch lúa", tags: ["Dân vận khéo"]);
        var both = await CreateArticleAsync("Mô hình dân vận ở vùng biên", tags: ["Dân vận", "Biên giới", "Dân vận khéo"]);
        var source = (int)one["tags"]![0]!["id"]!;

        await (await admin.PostAsync("/api/v1/tags/dan-van-kheo/merge", Http.JsonBody(new { into = "dan-van-kheo" }))).ProblemOf(400);
        await (await admin.PostAsync("/api/v1/tags/dan-van-kheo/merge", Http.JsonBody(new { into = "khong-co-the-nay" }))).ProblemOf(400);
        await (await admin.PostAsync("/api/v1/tags/dan-van-kheo/merge", Http.JsonBody(new { }))).ProblemOf(400);

        var merged = await admin.PostAsync("/api/v1/tags/dan-van-kheo/merge", Http.JsonBody(new { into = "dan-van" }));
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal("dan-van", (string)(await merged.ReadJson())["slug"]!);
        Assert.Equal(["Dân vận"], TagNames(await (await anonymous.GetAsync("/api/v1/articles/" + one["slug"])).ReadJson()));
        // Once, where the first of the two was.
        Assert.Equal(["Dân vận", "Biên giới"], TagNames(await (await anonymous.GetAsync("/api/v1/articles/" + both["slug"])).ReadJson()));
        Assert.Equal(2, (await SlugsAsync(anonymous, "/api/v1/tags/dan-van/articles")).Count);

        var noRedirect = factory.CreateClient(new() { AllowAutoRedirect = false });
        var old = await noRedirect.GetAsync("/api/v1/tags/dan-van-kheo");
        Assert.Equal(HttpStatusCode.PermanentRedirect, old.StatusCode);
        Assert.Equal("/api/v1/tags/dan-van", old.Headers.Location!.OriginalString);
        await (await anonymous.GetAsync($"/api/v1/tags/{source}")).ProblemOf(404);
        // The old slug as a list filter still finds the merged articles.
        Assert.Equal(2, (await SlugsAsync(anonymous, "/api/v1/articles?tag=dan-van-kheo")).Count);
    }

    [Fact]
    public async Task RenamingATagChangesItsArticlesAndANameAnotherTagHasIsAConflict()
    {
        var article = await CreateArticleAsync("Thanh niên tình nguyện về bản", tags: ["Tinh nguyen", "Thanh niên"]);
        var renamed = await admin.PatchAsync("/api/v1/tags/tinh-nguyen", MergePatch(new { name = "Tình nguyện" }));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(["Tình nguyện", "Thanh niên"], TagNames(await (await anonymous.GetAsync("/api/v1/articles/" + article["slug"])).ReadJson()));
        await (await admin.PatchAsync("/api/v1/tags/tinh-nguyen", MergePatch(new { name = "THANH NIEN" }))).ProblemOf(409);
        await (await admin.PatchAsync("/api/v1/tags/tinh-nguyen", MergePatch(new { name = new string('x', 61) }))).ProblemOf(400);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/tags/thanh-nien")).StatusCode);
        Assert.Equal(["Tình nguyện"], TagNames(await (await anonymous.GetAsync("/api/v1/articles/" + article["slug"])).ReadJson()));
    }

    [Fact]
    public async Task BadSectionsAndTagsInAnArticleAreFieldErrorsAndChangeNothing()
    {
        var total = (int)(await (await writer.GetAsync("/api/v1/articles?status=draft")).ReadJson())["total"]!;
        async Task<JsonNode> Refused(object body) =>
            await (await writer.PostAsync("/api/v1/articles", Http.JsonBody(body))).ProblemOf(400);

        var lead = "Sáng 1-1, tại Hà Nội, đơn vị ra quân huấn luyện.";
        Assert.NotNull((await Refused(new { headline = "Có chuyên mục lạ", lead, sectionId = 999_999 }))["errors"]!["sectionId"]);
        Assert.NotNull((await Refused(new { headline = "Quá nhiều thẻ", lead, tags = Enumerable.Range(1, 21).Select(i => $"thẻ {i}").ToArray() }))["errors"]!["tags"]);
        Assert.NotNull((await Refused(new { headline = "Thẻ quá dài", lead, tags = new[] { new string('t', 61) } }))["errors"]!["tags[0]"]);
        Assert.NotNull((await Refused(new { headline = "Thẻ rỗng", lead, tags = new[] { "  " } }))["errors"]!["tags[0]"]);
        await Refused(new { headline = "Thẻ không phải chữ", lead, tags = new object[] { 5 } });
        Assert.Equal(total, (int)(await (await writer.GetAsync("/api/v1/articles?status=draft")).ReadJson())["total"]!);
        Assert.Equal(0, (int)(await (await writer.GetAsync("/api/v1/tags?q=the+qua+dai")).ReadJson())["total"]!);
    }
}

internal static class ResponseChecks
{
    public static async Task<HttpResponseMessage> EnsureSuccessAndReturn(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
