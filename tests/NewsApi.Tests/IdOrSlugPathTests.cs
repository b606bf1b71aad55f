using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>Contract v2: every article and contributor item path takes an id or a slug, writes too; a retired slug answers 308.</summary>
public class IdOrSlugPathTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private static StringContent MergePatch(string json) => Http.RawJson(json, "application/merge-patch+json");

    private async Task<JsonNode> CreateAsync(HttpClient writer, string headline)
    {
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline,
            lead = "Sáng 3-4, tại Hà Nội, đơn vị tổ chức hội nghị.",
            body = new[] { new { type = "paragraph", text = "Đoạn thân bài." } },
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJson();
    }

    [Fact]
    public async Task WritesAndSubResourcesAcceptTheSlugAsWellAsTheId()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var article = await CreateAsync(writer, "Bài viết theo đường dẫn");
        var slug = (string)article["slug"]!;

        var patched = await writer.PatchAsync($"/api/v1/articles/{slug}", MergePatch("{\"headline\":\"Bài viết theo đường dẫn (sửa)\",\"slug\":\"" + slug + "\"}"));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("Bài viết theo đường dẫn (sửa)", (string)(await patched.ReadJson())["headline"]!);

        var byline = await writer.PutAsync($"/api/v1/articles/{slug}/byline", Http.JsonBody(new { text = "Tin, ảnh: HƯƠNG HỒNG THU (QĐND)" }));
        Assert.Equal(HttpStatusCode.OK, byline.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsync($"/api/v1/articles/{slug}/dateline", Http.JsonBody(new { text = "Sáng 3-4" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/api/v1/articles/{slug}/dateline")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync($"/api/v1/articles/{slug}/publish", null)).StatusCode);

        var revisions = await writer.GetFromJsonAsync<JsonArray>($"/api/v1/articles/{slug}/revisions");
        Assert.Equal(5, revisions!.Count);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/api/v1/articles/{slug}/revisions/1")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/articles/{slug}")).StatusCode);
        await (await writer.GetAsync($"/api/v1/articles/{(int)article["id"]!}")).ProblemOf(404);
    }

    [Fact]
    public async Task ARetiredSlugAnswers308OnWritesAndSubResourcesKeepingTheRestOfThePath()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var article = await CreateAsync(writer, "Bài sắp đổi tên");
        var id = (int)article["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await writer.PatchAsync($"/api/v1/articles/{id}", MergePatch("{\"slug\":\"bai-da-doi-ten\"}"))).StatusCode);

        var noRedirect = factory.CreateClient(new() { AllowAutoRedirect = false });
        noRedirect.DefaultRequestHeaders.Authorization = writer.DefaultRequestHeaders.Authorization;
        var put = await noRedirect.PutAsync("/api/v1/articles/bai-sap-doi-ten/byline?x=1", Http.JsonBody(new { text = "PV" }));
        Assert.Equal(HttpStatusCode.PermanentRedirect, put.StatusCode);
        Assert.Equal("/api/v1/articles/bai-da-doi-ten/byline?x=1", put.Headers.Location!.OriginalString);
        var delete = await noRedirect.DeleteAsync("/api/v1/articles/bai-sap-doi-ten");
        Assert.Equal(HttpStatusCode.PermanentRedirect, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/api/v1/articles/{id}")).StatusCode);

        // A draft's new slug is not told to someone who may not read it.
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        await (await anonymous.GetAsync("/api/v1/articles/bai-sap-doi-ten")).ProblemOf(404);
    }

    [Fact]
    public async Task ContributorsAreRenamedAndDeletedBySlug()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var created = await writer.PostAsync("/api/v1/contributors", Http.JsonBody(new { name = "Lê Thị Mai" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var renamed = await writer.PutAsync("/api/v1/contributors/le-thi-mai", Http.JsonBody(new { name = "Lê Thị Mai Anh" }));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("le-thi-mai-anh", (string)(await renamed.ReadJson())["slug"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync("/api/v1/contributors/le-thi-mai-anh")).StatusCode);
        await (await writer.GetAsync("/api/v1/contributors/le-thi-mai-anh")).ProblemOf(404);
    }
}
