using System.Net;
using NewsApi.Keys;

namespace NewsApi.Tests;

public class RateLimitAndHeaderTests(RateLimitAndHeaderTests.Factory factory) : IClassFixture<RateLimitAndHeaderTests.Factory>
{
    public sealed class Factory : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:AnonymousPermitsPerMinute"] = "5",
            ["RateLimiting:KeyPermitsPerMinute"] = "8",
        };
    }

    [Fact]
    public async Task TooManyRequestsGet429WithRetryAfterPerClientAndPerKey()
    {
        var anonymous = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await anonymous.GetAsync("/api/v1/contributors?i=" + i)).StatusCode);
        }
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        var limited = await anonymous.GetAsync("/api/v1/contributors");
        var problem = await limited.ProblemOf(429);
        Assert.NotNull(problem["detail"]);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);

        // A key has its own budget, apart from the anonymous clients at the same address.
        var keyed = factory.ClientWithScope(Scopes.ContentRead);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/v1/contributors?k=" + i)).StatusCode);
        }
        await (await keyed.GetAsync("/api/v1/contributors")).ProblemOf(429);
    }

    [Fact]
    public async Task ResponsesSayNosniffAndCarryNoServerBanner()
    {
        var response = await factory.ClientWithScope(Scopes.Admin).GetAsync("/health/live");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
    }
}

/// <summary>Its own app instance, so its requests do not spend the budget the test above counts on.</summary>
public class ForgedKeyRateLimitTests(RateLimitAndHeaderTests.Factory factory) : IClassFixture<RateLimitAndHeaderTests.Factory>
{
    [Fact]
    public async Task ForgedKeysAreRateLimitedToo()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            var forger = factory.CreateClient();
            forger.DefaultRequestHeaders.Authorization = new("Bearer", "nk_forged" + i);
            statuses.Add((await forger.GetAsync("/api/v1/articles?forged=" + i)).StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
