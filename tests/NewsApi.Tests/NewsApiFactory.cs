using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>The real app over a real database of its own (a SQLite file, or a PostgreSQL database: see TestDatabase).</summary>
public class NewsApiFactory : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = new();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>A command interceptor put on the app's database context (either provider), to make a statement slow on purpose.</summary>
    protected virtual Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? Interceptor => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:NewsDb", Database.ConnectionString);
        // Tests send many requests from one client; the rate limit has its own tests that turn it on.
        builder.UseSetting("RateLimiting:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Each app's renditions in its own database folder, removed with it.
        builder.UseSetting("Media:CacheFolder", Path.Combine(Database.Folder, "renditions"));
        // Tests that subscribe to webhooks turn delivery on with a receiver of their own on 127.0.0.1; elsewhere (the
        // hostile requests subscribe whatever URL the document allows) nothing is ever sent anywhere.
        builder.UseSetting("Webhooks:DeliveryEnabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, OpenApiConformance.StartupFilter>());
        if (Interceptor is { } interceptor)
        {
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureDbContext<SqliteNewsDbContext>(o => o.AddInterceptors(interceptor));
                services.ConfigureDbContext<PostgresNewsDbContext>(o => o.AddInterceptors(interceptor));
            });
        }
    }

    /// <summary>A client carrying a new key with the given scope.</summary>
    public HttpClient ClientWithScope(string scope)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CreateKey(scope));
        return client;
    }

    public string CreateKey(string scope, string? name = null)
    {
        using var serviceScope = Services.CreateScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var (_, secret, error) = KeyStore.CreateAsync(db, name ?? $"{scope}-{Guid.NewGuid():N}", scope, DateTime.UtcNow, CancellationToken.None).GetAwaiter().GetResult();
        return secret ?? throw new InvalidOperationException(error);
    }

    public T Db<T>(Func<NewsDbContext, T> query)
    {
        using var serviceScope = Services.CreateScope();
        return query(serviceScope.ServiceProvider.GetRequiredService<NewsDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
        }
    }
}

public static class Http
{
    public static StringContent JsonBody(object value) =>
        new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static StringContent RawJson(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, mediaType);

    public static async Task<JsonNode> ReadJson(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static async Task<JsonNode> ProblemOf(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(status, (int)problem["status"]!);
        return problem;
    }
}

public static class Fixtures
{
    /// <summary>The repository's example pages (tests/fixtures/pages).</summary>
    public static string PagesFolder => NewsApi.Fixtures.FixtureFolder.Pages;

    public static IEnumerable<string> Pages => NewsApi.Fixtures.FixtureFolder.PageFiles();

    public static JsonNode Expected(string page) =>
        JsonNode.Parse(File.ReadAllText(NewsApi.Fixtures.FixtureFolder.ExpectedJsonOf(page)))!;

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NewsApi.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new DirectoryNotFoundException("NewsApi.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
