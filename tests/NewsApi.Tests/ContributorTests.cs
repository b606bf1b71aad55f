using System.Net;
using NewsApi.Keys;

namespace NewsApi.Tests;

public class ContributorTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Fact]
    public async Task ListIsPublicAndPaged()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/contributors?pageSize=10");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.ReadJson();
        Assert.Contains(list["items"]!.AsArray(), c => (string)c!["slug"]! == "huong-hong-thu");
        Assert.NotNull(response.Headers.ETag);
        await (await factory.CreateClient().GetAsync("/api/v1/contributors?pageSize=500")).ProblemOf(400);
    }

    [Fact]
    public async Task WritesNeedAKeyAndSlugsAreUnique()
    {
        await (await factory.CreateClient().PostAsync("/api/v1/contributors", Http.JsonBody(new { name = "Phạm Thu Hà" }))).ProblemOf(401);
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var created = await writer.PostAsync("/api/v1/contributors", Http.JsonBody(new { name = "Phạm Thu Hà" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var contributor = await created.ReadJson();
        Assert.Equal("pham-thu-ha", (string)contributor["slug"]!);
        await (await writer.PostAsync("/api/v1/contributors", Http.JsonBody(new { name = "PHẠM THU HÀ" }))).ProblemOf(409);

        var id = (int)contributor["id"]!;
        var renamed = await (await writer.PutAsync($"/api/v1/contributors/{id}", Http.JsonBody(new { name = "Phạm Thị Thu Hà" }))).ReadJson();
        Assert.Equal("pham-thi-thu-ha", (string)renamed["slug"]!);
        Assert.Equal(2, (int)renamed["version"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/contributors/{id}")).StatusCode);
        await (await factory.CreateClient().GetAsync($"/api/v1/contributors/{id}")).ProblemOf(404);
    }

    [Fact]
    public async Task ACreditedContributorCannotBeDeleted()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var seedContributor = await (await factory.CreateClient().GetAsync("/api/v1/contributors/huong-hong-thu")).ReadJson();
        await (await writer.DeleteAsync($"/api/v1/contributors/{(int)seedContributor["id"]!}")).ProblemOf(409);
    }

    [Fact]
    public async Task ContributorValidationIsKeyedByField()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var problem = await (await writer.PostAsync("/api/v1/contributors", Http.JsonBody(new { name = " ", slug = "Bad Slug" }))).ProblemOf(400);
        Assert.NotNull(problem["errors"]!["name"]);
        Assert.NotNull(problem["errors"]!["slug"]);
        await (await factory.CreateClient().GetAsync("/api/v1/contributors/khong-co-ai/articles")).ProblemOf(404);
    }
}

public class ContributorRenameTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Fact]
    public async Task RenamingAContributorChangesTheArticlesCreditingThemAndTheirSearch()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var article = await (await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline = "Khánh thành nhà văn hóa bản Nậm Cắn",
            lead = "Sáng 2-3, nhà văn hóa mới được bàn giao.",
            status = "published",
            byline = new { text = "Bài, ảnh: LÒ VĂN THÀO" },
        }))).ReadJson();
        var id = (int)article["id"]!;
        var credit = article["byline"]!["credits"]![0]!;
        Assert.Equal("Lò Văn Thào", (string)credit["name"]!);
        var version = (int)article["version"]!;
        var anonymous = factory.CreateClient();
        static int Total(System.Text.Json.Nodes.JsonNode page) => (int)page["total"]!;
        Assert.Equal(1, Total(await (await anonymous.GetAsync("/api/v1/articles?q=lo+van+thao")).ReadJson()));

        var renamed = await writer.PutAsync($"/api/v1/contributors/{(int)credit["contributorId"]!}", Http.JsonBody(new { name = "Lò Văn Thảo" }));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        var after = await (await anonymous.GetAsync($"/api/v1/articles/{id}")).ReadJson();
        Assert.Equal("Lò Văn Thảo", (string)after["byline"]!["credits"]![0]!["name"]!);
        Assert.Equal("lo-van-thao", (string)after["byline"]!["credits"]![0]!["slug"]!);
        Assert.Equal(version + 1, (int)after["version"]!);
        var revisions = await (await factory.ClientWithScope(Scopes.ContentRead).GetAsync($"/api/v1/articles/{id}/revisions")).ReadJson();
        Assert.Contains(revisions.AsArray(), r => (int)r!["number"]! == version + 1);
        // Searching is tone-insensitive, so only a name with other letters shows the search text moved on.
        await writer.PutAsync($"/api/v1/contributors/{(int)credit["contributorId"]!}", Http.JsonBody(new { name = "Lò Thị Xuân" }));
        Assert.Equal(1, Total(await (await anonymous.GetAsync("/api/v1/articles?q=lo+thi+xuan")).ReadJson()));
        Assert.Equal(0, Total(await (await anonymous.GetAsync("/api/v1/articles?q=van+thao")).ReadJson()));
    }
}
