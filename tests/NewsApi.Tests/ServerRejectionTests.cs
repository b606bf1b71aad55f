using System.Net;

namespace NewsApi.Tests;

/// <summary>
/// Oversized request lines and headers are answered by the app (problem+json, security headers) up to twice the limits;
/// only beyond that, and for a path holding NUL, Kestrel answers on its own (bare, but never a 5xx).
/// </summary>
public sealed class ServerRejectionTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private AppProcess app = null!;

    public async Task InitializeAsync() => app = await AppProcess.StartAsync(database.Environment, database.Folder);

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        database.Dispose();
    }

    private static void HasSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task ALongUrlIs414ProblemJson()
    {
        var response = await app.Client.GetAsync("/api/v1/articles?q=" + new string('a', 10_000));
        await response.ProblemOf(414);
        HasSecurityHeaders(response);
    }

    [Fact]
    public async Task LargeHeadersAre431ProblemJson()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.Add("X-Padding", new string('a', 40_000));
        var response = await app.Client.SendAsync(request);
        await response.ProblemOf(431);
        HasSecurityHeaders(response);
    }

    [Fact]
    public async Task BeyondKestrelsOwnLimitsTheAnswerIsStillA4xx()
    {
        Assert.Equal(HttpStatusCode.RequestUriTooLong, (await app.Client.GetAsync("/api/v1/articles?q=" + new string('a', 20_000))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.GetAsync("/api/v1/articles/a%00b")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/live")).StatusCode);
    }
}
