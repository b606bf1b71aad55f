using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>IPTC's own ninjs 3.1 schema (tests/fixtures/schemas), strict about formats, for whatever the API calls ninjs.</summary>
public static class NinjsSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(
        File.ReadAllText(Path.Combine(NewsApi.Fixtures.FixtureFolder.Schemas, "ninjs-schema_3.1.json")),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>The schema's complaints about a document (none when it is valid ninjs 3.1).</summary>
    public static IReadOnlyList<string> ErrorsOf(JsonNode document)
    {
        var results = Schema.Value.Evaluate(JsonSerializer.SerializeToElement(document),
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return results.IsValid
            ? []
            : (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Append("invalid").ToList();
    }

    public static void AssertValid(JsonNode document, string what)
    {
        var errors = ErrorsOf(document);
        Assert.True(errors.Count == 0, $"{what} is not valid ninjs 3.1: {string.Join("; ", errors.Take(5))}\n{document.ToJsonString()}");
    }

    public static async Task<JsonNode> GetAsync(HttpClient client, string idOrSlug)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/" + idOrSlug);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ninjs+json"));
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{idOrSlug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/ninjs+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadJson();
    }
}

public class NinjsTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private const string SeedSlug = "tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020";

    public static TheoryData<string> Pages => new(Fixtures.Pages.Select(Path.GetFileName)!);

    [Fact]
    public void TheSchemaRefusesWhatIsNotNinjs()
    {
        // The check itself can fail: no uri, a type outside the vocabulary, a relative uri, a member ninjs does not have.
        Assert.NotEmpty(NinjsSchema.ErrorsOf(new JsonObject { ["type"] = "text" }));
        Assert.NotEmpty(NinjsSchema.ErrorsOf(new JsonObject { ["uri"] = "http://x.vn/1", ["type"] = "article" }));
        Assert.NotEmpty(NinjsSchema.ErrorsOf(new JsonObject { ["uri"] = "not a uri" }));
        Assert.NotEmpty(NinjsSchema.ErrorsOf(new JsonObject { ["uri"] = "http://x.vn/1", ["located"] = null }));
        Assert.NotEmpty(NinjsSchema.ErrorsOf(new JsonObject { ["uri"] = "http://x.vn/1", ["headline"] = "x" }));
        Assert.Empty(NinjsSchema.ErrorsOf(JsonNode.Parse(File.ReadAllText(
            Path.Combine(NewsApi.Fixtures.FixtureFolder.Schemas, "ninjs-3.1-example-simple-text-article.json")))!));
    }

    [Fact]
    public async Task TheSeedAsNinjsCarriesItsBylineDatelineAndSource()
    {
        var ninjs = await NinjsSchema.GetAsync(factory.CreateClient(), SeedSlug);
        NinjsSchema.AssertValid(ninjs, "the seed");

        Assert.Equal("http://localhost/api/v1/articles/1", (string)ninjs["uri"]!);
        Assert.Equal("text", (string)ninjs["type"]!);
        Assert.Equal("vi", (string)ninjs["language"]!);
        Assert.Equal("usable", (string)ninjs["pubStatus"]!);
        Assert.Equal("Tổng cục Công nghiệp Quốc phòng tổ chức Hội nghị Quân chính năm 2020", (string)ninjs["headlines"]![0]!["value"]!);
        Assert.StartsWith("Sáng 10-12,", (string)ninjs["bodies"]![0]!["value"]!);
        Assert.Contains("Năm 2020, Tổng cục CNQP", (string)ninjs["bodies"]![0]!["value"]!);
        Assert.StartsWith("<p>Sáng 10-12,", (string)ninjs["bodies"]![1]!["value"]!);
        Assert.Equal("Tin, ảnh: HƯƠNG HỒNG THU (QĐND)", (string)ninjs["by"]!);
        Assert.Equal(
            [("Hương Hồng Thu", "text", "huong-hong-thu"), ("Hương Hồng Thu", "photo", "huong-hong-thu")],
            ninjs["people"]!.AsArray().Select(p => ((string)p!["name"]!, (string)p["rel"]!, (string)p["literal"]!)));
        Assert.Equal("http://localhost/api/v1/contributors/huong-hong-thu", (string)ninjs["people"]![0]!["uri"]!);
        Assert.Equal([("NewsApi", "publisher"), ("QĐND", "source")],
            ninjs["infoSources"]!.AsArray().Select(s => ((string)s!["name"]!, (string)s["role"]!)));
        Assert.Equal("2020-12-10T00:00:00+07:00", (string)ninjs["contentCreated"]!);
        Assert.NotNull((string?)ninjs["firstCreated"]);
        Assert.NotNull((string?)ninjs["versionCreated"]);
        // The seed's dateline names no place ("Sáng 10-12,"): ninjs has no null, so located is left out.
        Assert.False(ninjs.AsObject().ContainsKey("located"));
    }

    [Fact]
    public async Task ADatelinePlaceIsWhereTheItemIsLocatedAndADraftIsWithheld()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var created = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline = "Lữ đoàn 382 kiểm tra huấn luyện ninjs",
            lead = "Chiều 18-4, tại thao trường Đồng Mỏ, lữ đoàn kiểm tra.",
            body = new[] { new { type = "paragraph", text = "Nội dung <b>có thẻ</b> & ký hiệu." } },
            byline = new { text = "Bài: TRẦN AN; Ảnh: LÊ BÌNH (TTXVN)" },
            dateline = new { text = "Chiều 18-4, tại thao trường Đồng Mỏ" },
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await created.ReadJson())["id"]!;

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{id}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ninjs+json"));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().SendAsync(request)).StatusCode);

        var ninjs = await NinjsSchema.GetAsync(writer, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        NinjsSchema.AssertValid(ninjs, "a draft");
        Assert.Equal("withheld", (string)ninjs["pubStatus"]!);
        Assert.Equal("thao trường Đồng Mỏ", (string)ninjs["located"]!);
        Assert.Equal([("Trần An", "text"), ("Lê Bình", "photo")], ninjs["people"]!.AsArray().Select(p => ((string)p!["name"]!, (string)p["rel"]!)));
        Assert.Equal("TTXVN", (string)ninjs["infoSources"]![1]!["name"]!);
        Assert.Contains("<p>Nội dung &lt;b&gt;có thẻ&lt;/b&gt; &amp; ký hiệu.</p>", (string)ninjs["bodies"]![1]!["value"]!);
        Assert.False(ninjs.AsObject().ContainsKey("contentCreated"));
    }

    [Theory]
    [InlineData("application/json, application/ninjs+json;q=0.5", "application/json")]
    [InlineData("application/ld+json, application/ninjs+json;q=0.5", "application/ld+json")]
    [InlineData("application/ninjs+json, application/json;q=0.5", "application/ninjs+json")]
    [InlineData("*/*", "application/json")]
    public async Task NinjsIsServedOnlyWhenPreferred(string accept, string expected)
    {
        var client = factory.CreateClient();
        // Asked for as ninjs first, so an in-process cache that ignored Accept would hand that back.
        await NinjsSchema.GetAsync(client, SeedSlug);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/" + SeedSlug);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryImportedFixturePageIsValidNinjs(string file)
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var content = new ByteArrayContent(File.ReadAllBytes(Path.Combine(Fixtures.PagesFolder, file)));
        content.Headers.ContentType = new MediaTypeHeaderValue(file.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : "text/plain") { CharSet = "utf-8" };
        var response = await writer.PostAsync("/api/v1/imports", content);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var article = (await response.ReadJson())["article"]!;
        var ninjs = await NinjsSchema.GetAsync(writer, (string)article["slug"]!);
        NinjsSchema.AssertValid(ninjs, file);
        Assert.Equal((string)article["headline"]!, (string)ninjs["headlines"]![0]!["value"]!);
        Assert.Equal(article["byline"]?["text"]?.GetValue<string>(), (string?)ninjs["by"]);
    }
}
