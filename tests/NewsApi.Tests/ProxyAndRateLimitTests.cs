using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NewsApi.Tests;

/// <summary>The IETF RateLimit headers, and what the limiter leaves alone (health, the reader page, Swagger).</summary>
public partial class RateLimitHeaderTests(RateLimitHeaderTests.Factory factory) : IClassFixture<RateLimitHeaderTests.Factory>
{
    public sealed class Factory : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:AnonymousPermitsPerMinute"] = "3",
        };
    }

    [GeneratedRegex("""^"anon";r=(?<r>\d+);t=(?<t>\d+)$""")]
    private static partial Regex State();

    [Fact]
    public async Task EveryLimitedResponseSaysItsPolicyAndWhatIsLeftAnd429SaysWhenToRetry()
    {
        var client = factory.CreateClient();
        var left = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.GetAsync("/api/v1/contributors?i=" + i);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("\"anon\";q=3;w=60", response.Headers.GetValues("RateLimit-Policy").Single());
            var state = State().Match(response.Headers.GetValues("RateLimit").Single());
            Assert.True(state.Success, response.Headers.GetValues("RateLimit").Single());
            Assert.InRange(int.Parse(state.Groups["t"].Value, CultureInfo.InvariantCulture), 1, 60);
            left.Add(int.Parse(state.Groups["r"].Value, CultureInfo.InvariantCulture));
        }
        Assert.Equal([2, 1, 0], left);

        var limited = await client.GetAsync("/api/v1/contributors");
        await limited.ProblemOf(429);
        var reset = State().Match(limited.Headers.GetValues("RateLimit").Single());
        Assert.Equal("0", reset.Groups["r"].Value);
        Assert.Equal(reset.Groups["t"].Value, limited.Headers.GetValues("Retry-After").Single());

        // Past the limit, what costs no query still answers, without a RateLimit header.
        foreach (var path in new[] { "/health/ready", "/health/live", "/", "/js/app.js", "/swagger/v1/swagger.json", "/swagger/index.html" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.False(response.Headers.Contains("RateLimit"), path);
        }
    }
}

/// <summary>Behind a proxy: the real client is the one the trusted proxy names, and nobody else may name it.</summary>
public class ForwardedHeadersTests
{
    private static async Task<List<HttpStatusCode>> StatusesAsync(AppProcess app, params string[] forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var client in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contributors");
            request.Headers.Add("X-Forwarded-For", client);
            statuses.Add((await app.Client.SendAsync(request)).StatusCode);
        }
        return statuses;
    }

    private static Dictionary<string, string> Settings(TestDatabase database, params (string Key, string Value)[] more)
    {
        var environment = database.Environment;
        environment["RateLimiting__AnonymousPermitsPerMinute"] = "2";
        foreach (var (key, value) in more)
        {
            environment[key] = value;
        }
        return environment;
    }

    [Fact]
    public async Task BehindAKnownProxyEachForwardedClientHasItsOwnBudget()
    {
        using var database = new TestDatabase();
        await using var app = await AppProcess.StartAsync(Settings(database, ("ForwardedHeaders__KnownProxies__0", "127.0.0.1")), database.Folder);
        var statuses = await StatusesAsync(app, "203.0.113.7", "203.0.113.7", "203.0.113.7", "198.51.100.9", "198.51.100.9");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        // The load balancer's probe is never limited, however busy the site.
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task WithoutAKnownProxyAForgedForwardedForChangesNothing()
    {
        using var database = new TestDatabase();
        await using var app = await AppProcess.StartAsync(Settings(database, ("ForwardedHeaders__KnownNetworks__0", "10.0.0.0/8")), database.Folder);
        var statuses = await StatusesAsync(app, "203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}

/// <summary>Feed, sitemap and JSON-LD links never come from a Host the server does not trust.</summary>
public class UntrustedHostTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    public sealed class AllowedHostsFactory : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["AllowedHosts"] = "bao.example.vn;localhost" };
    }

    private static async Task<string> FeedWithHostAsync(HttpClient client, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/rss.xml");
        request.Headers.Host = host;
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for Host {host}");
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task WithoutBaseUrlOrAllowedHostsLinksIgnoreTheRequestHost()
    {
        var client = factory.CreateClient();
        foreach (var path in new[] { "/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json", "/sitemap.xml" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "evil.example";
            var body = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("evil.example", body);
            Assert.Contains("http://localhost/", body);
        }
    }

    [Fact]
    public async Task AHostThatAllowedHostsNamesIsUsedAndAnyOtherIsRefused()
    {
        await using var allowed = new AllowedHostsFactory();
        var client = allowed.CreateClient();
        var rss = XDocument.Parse(await FeedWithHostAsync(client, "bao.example.vn"));
        Assert.StartsWith("http://bao.example.vn/", rss.Descendants("item").First().Element("link")!.Value);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/rss.xml");
        request.Headers.Host = "evil.example";
        var refused = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain("evil.example", await refused.Content.ReadAsStringAsync());
    }
}
