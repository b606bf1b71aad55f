using NewsApi.Keys;

namespace NewsApi.Tests;

public class BodyLimitTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Fact]
    public async Task ABodyOverTheLimitIs413AndStoresNothing()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var huge = "{\"headline\":\"" + new string('x', 4 * 1024 * 1024) + "\",\"lead\":\"y\"}";
        var problem = await (await writer.PostAsync("/api/v1/articles", Http.RawJson(huge))).ProblemOf(413);
        Assert.NotNull(problem["detail"]);
        Assert.Equal(1, factory.Db(db => db.Articles.Count()));
    }

    [Fact]
    public async Task DeeplyNestedJsonIs400()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var deep = "{\"headline\":\"x\",\"lead\":\"y\",\"body\":" + new string('[', 200) + new string(']', 200) + "}";
        await (await writer.PostAsync("/api/v1/articles", Http.RawJson(deep))).ProblemOf(400);
    }
}
