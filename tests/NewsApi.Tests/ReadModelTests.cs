using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Keys;
using NewsApi.Site;

namespace NewsApi.Tests;

/// <summary>
/// The read model: an article's public JSON is rendered when it changes, in the same transaction, stored with its ETag
/// and compressed forms, and served as stored; lists are made of stored summaries.
/// </summary>
public class ReadModelTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private readonly HttpClient writer = factory.ClientWithScope(Scopes.ContentWrite);

    private async Task<(int Id, string Slug)> PublishedAsync(string headline, string byline = "Tin, ảnh: ĐỖ THỊ LAN")
    {
        var created = await (await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline,
            lead = "Sáng 3-4, tại Hà Nội, đơn vị tổ chức hội thao.",
            body = new[] { new { type = "paragraph", text = string.Join(' ', Enumerable.Repeat("Bộ đội huấn luyện trên thao trường.", 40)) } },
            byline = new { text = byline },
            status = "published",
        }))).ReadJson();
        return ((int)created["id"]!, (string)created["slug"]!);
    }

    private static HttpRequestMessage Get(string path, string? acceptEncoding = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        return request;
    }

    private static byte[] Decode(byte[] bytes, string? coding) => coding switch
    {
        "br" => OpenApiConformance.Decode(bytes, s => new BrotliStream(s, CompressionMode.Decompress)),
        "gzip" => OpenApiConformance.Decode(bytes, s => new GZipStream(s, CompressionMode.Decompress)),
        null => bytes,
        _ => throw new InvalidOperationException(coding),
    };

    [Fact]
    public async Task APublishedArticleIsServedAsItsStoredDocumentInEveryCoding()
    {
        var (id, slug) = await PublishedAsync("Hội thao quân sự mở rộng năm nay");
        var client = factory.CreateClient();
        var plain = await client.SendAsync(Get($"/api/v1/articles/{slug}"));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var json = await plain.Content.ReadAsByteArrayAsync();
        var etag = plain.Headers.ETag!.Tag;

        var stored = factory.Db(db => db.ArticleDocuments.AsNoTracking().Single(d => d.ArticleId == id));
        Assert.Equal(json, stored.Json);
        Assert.Equal(etag, stored.ETag);
        Assert.Equal(ArticleStatus.Published, stored.Status);

        foreach (var (accept, coding) in new[] { ("br", "br"), ("gzip, deflate", "gzip"), ("gzip;q=0.5, br;q=1", "br"), ("br;q=0, gzip", "gzip"), ("identity", null) })
        {
            var response = await client.SendAsync(Get($"/api/v1/articles/{id}", accept));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(coding, response.Content.Headers.ContentEncoding.SingleOrDefault());
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (coding is not null)
            {
                Assert.True(body.Length < json.Length / 3, $"{coding}: {body.Length} bytes for {json.Length}");
            }
            Assert.Equal(json, Decode(body, coding));
            Assert.Equal(etag, response.Headers.ETag!.Tag);
        }

        var again = Get($"/api/v1/articles/{slug}", "br");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task EveryChangeRendersTheDocumentInItsTransactionAndARefusedOneLeavesItAsItWas()
    {
        var (id, slug) = await PublishedAsync("Diễn tập phòng thủ khu vực tỉnh");
        string Document() => Encoding.UTF8.GetString(factory.Db(db => db.ArticleDocuments.AsNoTracking().Single(d => d.ArticleId == id).Json));

        // An edit: the stored document is the new article, and it is what a reader gets.
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/articles/{id}")
        {
            Content = Http.RawJson("""{"headline":"Diễn tập phòng thủ khu vực tỉnh năm 2026"}""", "application/merge-patch+json"),
        };
        Assert.Equal(HttpStatusCode.OK, (await writer.SendAsync(patch)).StatusCode);
        Assert.Contains("năm 2026", Document());
        Assert.Contains("năm 2026", await factory.CreateClient().GetStringAsync($"/api/v1/articles/{id}"));

        // A refused write (a slug already taken: 409, rolled back) leaves the document as it was.
        var (_, takenSlug) = await PublishedAsync("Một bài khác đã có đường dẫn");
        var before = Document();
        var conflict = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/articles/{id}")
        {
            Content = Http.RawJson($$"""{"headline":"Đổi cả tiêu đề","slug":"{{takenSlug}}"}""", "application/merge-patch+json"),
        };
        Assert.Equal(HttpStatusCode.Conflict, (await writer.SendAsync(conflict)).StatusCode);
        Assert.Equal(before, Document());

        // Renaming a contributor re-renders every article that credits them.
        var contributor = (string)(await (await factory.CreateClient().GetAsync($"/api/v1/articles/{id}")).ReadJson())["byline"]!["credits"]![0]!["slug"]!;
        var renamed = await writer.PutAsync($"/api/v1/contributors/{contributor}", Http.JsonBody(new { name = "Đỗ Thị Lan Anh" }));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Contains("Đỗ Thị Lan Anh", Document());

        // Unpublished: the document goes (a draft is rendered per request, for key holders) and the public no longer gets it.
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync($"/api/v1/articles/{id}/unpublish", null)).StatusCode);
        Assert.False(factory.Db(db => db.ArticleDocuments.Any(d => d.ArticleId == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/v1/articles/{slug}")).StatusCode);

        // Deleted: the document goes with the article.
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/articles/{id}")).StatusCode);
        Assert.False(factory.Db(db => db.ArticleDocuments.Any(d => d.ArticleId == id)));
    }

    [Fact]
    public async Task ListItemsAreTheStoredSummariesAndMatchTheArticles()
    {
        var (id, _) = await PublishedAsync("Tập huấn nghiệp vụ cho cán bộ trẻ");
        var list = await (await factory.CreateClient().GetAsync("/api/v1/articles?pageSize=100")).ReadJson();
        var item = list["items"]!.AsArray().Single(i => (int)i!["id"]! == id)!;
        var article = await (await factory.CreateClient().GetAsync($"/api/v1/articles/{id}")).ReadJson();
        foreach (var field in new[] { "slug", "headline", "lead", "status", "publishedAt", "updatedAt", "version", "byline", "dateline" })
        {
            Assert.Equal(article[field]?.ToJsonString(), item[field]?.ToJsonString());
        }
        Assert.Null(item["body"]);
        var summary = Encoding.UTF8.GetString(factory.Db(db => db.ArticleDocuments.AsNoTracking().Single(d => d.ArticleId == id).Summary));
        Assert.Equal(summary, item.ToJsonString(NewsApi.Http.Json.Options));

        // A list is compressed for a client that asks, on the way out.
        var compressed = await factory.CreateClient().SendAsync(Get("/api/v1/articles?pageSize=100", "gzip"));
        Assert.Equal("gzip", compressed.Content.Headers.ContentEncoding.Single());
        Assert.Contains($"\"id\":{id},", Encoding.UTF8.GetString(Decode(await compressed.Content.ReadAsByteArrayAsync(), "gzip")));
    }

    [Fact]
    public async Task AWriteIsNeverAnsweredCompressed()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/articles")
        {
            Content = Http.JsonBody(new { headline = "Không nén câu trả lời của thao tác ghi", lead = "Sáng 1-5, tại Huế, có hội thao." }),
        };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        var response = await writer.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task DocumentsRenderedOtherwiseAreRenderedAgainAtStart()
    {
        var (id, _) = await PublishedAsync("Văn kiện được dựng lại khi khởi động");
        var served = await factory.CreateClient().GetByteArrayAsync($"/api/v1/articles/{id}");
        // As after a change of Site:TimeZone or of the format: the stored document is not what this renderer makes.
        factory.Db(db => db.ArticleDocuments.Where(d => d.ArticleId == id)
            .ExecuteUpdate(s => s.SetProperty(d => d.Renderer, "0|Elsewhere").SetProperty(d => d.Json, Encoding.UTF8.GetBytes("{}"))));
        using (var scope = factory.Services.CreateScope())
        {
            var rendered = await ArticleDocuments.RenderStaleAsync(scope.ServiceProvider.GetRequiredService<NewsDbContext>(),
                scope.ServiceProvider.GetRequiredService<NewsApi.Site.SiteTime>(), new NewsApi.Media.MediaOptions(), CancellationToken.None);
            Assert.True(rendered >= 1);
        }
        Assert.Equal(served, factory.Db(db => db.ArticleDocuments.AsNoTracking().Single(d => d.ArticleId == id).Json));
        Assert.Equal(served, await factory.CreateClient().GetByteArrayAsync($"/api/v1/articles/{id}"));
    }
}
