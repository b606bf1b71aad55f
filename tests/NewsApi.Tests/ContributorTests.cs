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
