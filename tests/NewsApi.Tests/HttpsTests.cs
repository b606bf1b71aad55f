using System.Net;

namespace NewsApi.Tests;

public class HttpsTests(HttpsTests.Factory factory) : IClassFixture<HttpsTests.Factory>
{
    public sealed class Factory : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Https:Enabled"] = "true",
            ["https_port"] = "443",
        };
    }

    [Fact]
    public async Task BehindTlsPlainHttpIsRedirectedToHttps()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://api.example.vn") });
        var response = await client.GetAsync("/api/v1/articles");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://api.example.vn/api/v1/articles", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task OverHttpsResponsesCarryHsts()
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://api.example.vn") });
        var response = await client.GetAsync("/api/v1/articles");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }
}
