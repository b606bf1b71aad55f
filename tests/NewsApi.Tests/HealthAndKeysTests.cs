using System.Net;
using NewsApi.Keys;

namespace NewsApi.Tests;

public class HealthAndKeysTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Fact]
    public async Task LiveAndReadyAreHealthy()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KeysAreStoredOnlyAsHashes()
    {
        var secret = factory.CreateKey(Scopes.ContentRead, "hash-check");
        var stored = factory.Db(db => db.ApiKeys.Single(k => k.Name == "hash-check"));
        Assert.NotEqual(secret, stored.KeyHash);
        Assert.Equal(64, stored.KeyHash.Length);
        Assert.DoesNotContain(secret, stored.KeyHash);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task AdminEndpointsCreateListAndRevokeKeysAndRevocationIsImmediate()
    {
        var admin = factory.ClientWithScope(Scopes.Admin);
        await (await factory.ClientWithScope(Scopes.ContentWrite).GetAsync("/api/v1/keys")).ProblemOf(403);

        var created = await admin.PostAsync("/api/v1/keys", Http.JsonBody(new { name = "front-end", scope = "content.read" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (string)(await created.ReadJson())["key"]!;
        var reader = factory.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/articles?status=draft")).StatusCode);

        var list = await (await admin.GetAsync("/api/v1/keys")).Content.ReadAsStringAsync();
        Assert.Contains("front-end", list);
        Assert.DoesNotContain(key, list);

        await (await admin.PostAsync("/api/v1/keys", Http.JsonBody(new { name = "front-end", scope = "content.read" }))).ProblemOf(409);
        await (await admin.PostAsync("/api/v1/keys", Http.JsonBody(new { name = "x", scope = "root" }))).ProblemOf(400);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/keys/front-end")).StatusCode);
        await (await reader.GetAsync("/api/v1/articles?status=draft")).ProblemOf(401);
    }
}
