using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace NewsApi.Tests;

/// <summary>Every GET in openapi.json answers HEAD on a real server: the same status and headers, and no body.</summary>
public sealed class HeadRequestTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task EveryDocumentedGetAnswersHeadWithItsHeadersAndNoBody()
    {
        var environment = database.Environment;
        environment["RateLimiting__Enabled"] = "false";
        // A subscription for the webhook paths to read; nothing is ever sent to it.
        environment["Webhooks__DeliveryEnabled"] = "false";
        var (exit, output, error) = await AppProcess.RunCommandAsync(environment, database.Folder, "keys", "create", "--name", "head-check", "--scope", "admin");
        Assert.True(exit == 0, error);
        var key = output.TrimEnd().Split('\n')[^1];
        await using var app = await AppProcess.StartAsync(environment, database.Folder);
        app.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        // A photo, so that /api/v1/media/{id} and its file have something to answer with.
        using var photo = await app.Client.PostAsync("/api/v1/media", MediaTests.Raw(TestImages.Jpeg(700, 500, seed: 300)));
        Assert.Equal(HttpStatusCode.Created, photo.StatusCode);
        var mediaId = ((int)(await photo.ReadJson())["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var hook = await app.Client.PostAsync("/api/v1/webhooks", Http.JsonBody(new { url = "https://hooks.example.com/head", events = new[] { "article.published" } }));
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        var hookId = ((int)(await hook.ReadJson())["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures.RepositoryRoot, "openapi.json")))!;
        var checkedPaths = 0;
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            if (item!["get"] is null)
            {
                continue;
            }
            Assert.True(item["head"] is not null, $"{template} has GET but no HEAD in the document");
            var path = template.Replace("{idOrSlug}", "tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020")
                .Replace("{number}", "1").Replace("{page}", "1").Replace("{id}", template.StartsWith("/api/v1/webhooks", StringComparison.Ordinal) ? hookId : mediaId);
            // Each resource's {idOrSlug} is one of the seed's: its reporter, its section, its first tag.
            foreach (var (resource, slug) in new[] { ("contributors", "huong-hong-thu"), ("sections", "quoc-phong-an-ninh"), ("tags", "hoi-nghi-quan-chinh") })
            {
                if (template.StartsWith($"/api/v1/{resource}/{{idOrSlug}}", StringComparison.Ordinal))
                {
                    path = template.Replace("{idOrSlug}", slug);
                }
            }
            using var get = await app.Client.GetAsync(path);
            using var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            var getBody = await get.Content.ReadAsByteArrayAsync();
            Assert.True(get.StatusCode == HttpStatusCode.OK || template.StartsWith("/sitemaps/", StringComparison.Ordinal), $"GET {path}: {(int)get.StatusCode}");
            Assert.True(get.StatusCode == head.StatusCode, $"HEAD {path}: {(int)head.StatusCode}, GET: {(int)get.StatusCode}");
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
            // Where the GET states its length (stored bytes: feeds, sitemaps, JSON reads), HEAD states the same.
            if (get.Content.Headers.NonValidated.Contains("Content-Length"))
            {
                Assert.Equal(getBody.Length, head.Content.Headers.ContentLength);
            }
            checkedPaths++;
        }
        Assert.True(checkedPaths >= 18, $"only {checkedPaths} GET paths checked");
    }
}
