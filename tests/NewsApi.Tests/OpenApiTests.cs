using System.Text.Json.Nodes;

namespace NewsApi.Tests;

public class OpenApiTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private static string CommittedPath => Path.Combine(Fixtures.RepositoryRoot, "openapi.json");

    private async Task<string> ServedAsync() =>
        await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json");

    /// <summary>
    /// openapi.json at the top level is the served document. To regenerate it after changing an endpoint:
    /// UPDATE_OPENAPI=1 dotnet test tests/NewsApi.Tests --filter CommittedOpenApiMatchesTheServedDocument
    /// </summary>
    [Fact]
    public async Task CommittedOpenApiMatchesTheServedDocument()
    {
        var served = await ServedAsync();
        var pretty = JsonNode.Parse(served)!.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, pretty);
        }
        Assert.True(File.Exists(CommittedPath), "openapi.json is missing; regenerate it with UPDATE_OPENAPI=1 (see this test's summary).");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath))!;
        Assert.True(JsonNode.DeepEquals(committed, JsonNode.Parse(served)),
            "openapi.json has drifted from /swagger/v1/swagger.json; regenerate it: UPDATE_OPENAPI=1 dotnet test tests/NewsApi.Tests --filter CommittedOpenApiMatchesTheServedDocument");
    }

    [Fact]
    public async Task EveryOperationHasANameSummaryTagAndErrorResponses()
    {
        var document = JsonNode.Parse(await ServedAsync())!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!)))
            .ToList();
        Assert.True(operations.Count >= 20, $"only {operations.Count} operations");
        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["operationId"]), where + " has no operationId");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), where + " has no summary");
            Assert.NotEmpty(operation["tags"]!.AsArray());
            var responses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
            Assert.Contains(responses, r => r.StartsWith('2'));
            if (method is not ("get" or "head") && !path.StartsWith("/health", StringComparison.Ordinal))
            {
                Assert.Contains("401", responses);
                Assert.Contains("403", responses);
                Assert.NotNull(operation["security"]);
            }
            if (path.Contains('{'))
            {
                Assert.Contains("404", responses);
            }
        }
    }

    [Fact]
    public async Task AlwaysPresentFieldsAreRequiredAndTheSeedIsTheExample()
    {
        var document = JsonNode.Parse(await ServedAsync())!;
        var schemas = document["components"]!["schemas"]!;
        var article = schemas["ArticleResponse"]!;
        var required = article["required"]!.AsArray().Select(r => (string)r!).ToHashSet();
        foreach (var field in new[] { "id", "slug", "headline", "lead", "body", "status", "publishedAt", "createdAt", "updatedAt", "version", "language", "byline", "dateline" })
        {
            Assert.Contains(field, required);
        }
        Assert.Equal("Tổng cục Công nghiệp Quốc phòng tổ chức Hội nghị Quân chính năm 2020", (string)article["example"]!["headline"]!);
        Assert.Equal(["address", "email", "phones", "updatedAt", "version"], schemas["ContactHeaderResponse"]!["required"]!.AsArray().Select(r => (string)r!).Order().ToArray());
        var requestRequired = schemas["ArticleRequest"]!["required"]!.AsArray().Select(r => (string)r!).Order().ToArray();
        Assert.Equal(["headline", "lead"], requestRequired);
        Assert.Equal("http", (string)document["components"]!["securitySchemes"]!["bearer"]!["type"]!);
        var partOfDay = schemas["PartOfDay"]!["enum"]!.AsArray().Select(v => (string)v!);
        Assert.Contains("early-morning", partOfDay);
    }

    [Fact]
    public async Task SwaggerUiIsServed()
    {
        var html = await factory.CreateClient().GetStringAsync("/swagger/index.html");
        Assert.Contains("swagger-ui", html);
    }
}
