using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Http;
using NewsApi.Imports;
using NewsApi.Keys;
using NewsApi.Media;

namespace NewsApi.Tests;

/// <summary>
/// Photos of imported pages: media items that know their source and have no bytes until PUT /media/{id}/file gives
/// them some, on a database of this class's own so that the counts are exact.
/// </summary>
public class ImportPhotoTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private readonly HttpClient writer = factory.ClientWithScope(Scopes.ContentWrite);

    private const string Lead = "Sáng 10-12, tại Hà Nội, Bộ Quốc phòng tổ chức hội nghị tổng kết công tác năm với sự tham dự của nhiều đơn vị.";
    private const string First = "Hội nghị đánh giá kết quả thực hiện nhiệm vụ năm 2020, chỉ ra những tồn tại, hạn chế và nguyên nhân.";
    private const string Second = "Phát biểu chỉ đạo, đồng chí Thượng tướng yêu cầu các đơn vị tiếp tục đổi mới, sáng tạo trong công tác.";
    private const string Third = "Dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc được khen thưởng, động viên kịp thời.";

    /// <summary>A page with an og:image, a logo, two figures in its body and a related list with a thumbnail.</summary>
    private static string Page(string site, string headline) => $"""
        <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{headline} - Báo</title>
        <meta property="og:title" content="{headline}"><meta property="og:url" content="https://{site}/tin/hoi-nghi.html">
        <meta property="og:image" content="https://{site}/og/hoi-nghi.jpg"></head>
        <body><header class="site-header"><a href="/"><img src="/logo.png" alt="Báo"></a></header>
        <article><h1>{headline}</h1><p class="sapo">{Lead}</p>
        <p>{First}</p>
        <figure><img src="/anh/toan-canh.jpg" alt="Toàn cảnh" width="1200" height="800"><figcaption>Quang cảnh hội nghị. Ảnh: TTXVN</figcaption></figure>
        <p>{Second}</p>
        <figure><img src="https://cdn.{site}/anh/khen-thuong.jpg"><figcaption>Trao bằng khen (Ảnh: Nguyễn Văn A)</figcaption></figure>
        <p>{Third}</p>
        </article><div class="related"><a href="/khac.html"><img src="/khac.jpg"></a></div></body></html>
        """;

    private static StringContent Html(string page) => new(page, Encoding.UTF8, "text/html");

    private async Task<ImportResponse> Import(string page, string query = "", HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await writer.PostAsync("/api/v1/imports" + query, Html(page));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<ImportResponse>(body, NewsApi.Http.Json.Options)!;
    }

    private async Task<MediaResponse> Media(int id) => (await writer.GetFromJsonAsync<MediaResponse>($"/api/v1/media/{id}", NewsApi.Http.Json.Options))!;

    private async Task<ArticleResponse> Article(int id) => (await writer.GetFromJsonAsync<ArticleResponse>($"/api/v1/articles/{id}", NewsApi.Http.Json.Options))!;

    private async Task<MediaResponse> Put(int id, HttpContent content, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await writer.PutAsync($"/api/v1/media/{id}/file", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<MediaResponse>(body, NewsApi.Http.Json.Options)!;
    }

    private int MediaCount() => factory.Db(db => db.Media.Count());

    [Fact]
    public async Task AnImportedPageHasItsOgImageAsFeatureImageAndItsFiguresAsImageBlocksOfMediaWithoutBytes()
    {
        var before = MediaCount();
        var imported = await Import(Page("hai-anh.vn", "Hội nghị có hai ảnh trong bài"));
        var article = imported.Article;

        Assert.Equal(["paragraph", "image", "paragraph", "image", "paragraph"], article.Body.Select(b => b.Type));
        Assert.Equal([First, Second, Third], article.Body.Where(b => b.Type == "paragraph").Select(b => b.Text));
        var (scene, award) = (article.Body[1], article.Body[3]);
        Assert.Equal(("Quang cảnh hội nghị.", "Toàn cảnh", "TTXVN"), (scene.Caption, scene.Alt, scene.Credit?.Text));
        Assert.Equal(("Trao bằng khen", null, "Nguyễn Văn A"), (award.Caption, award.Alt, award.Credit?.Text));
        Assert.NotNull(article.FeatureImage);
        Assert.Equal(3, MediaCount() - before);

        var sources = new Dictionary<string, int>
        {
            ["https://hai-anh.vn/og/hoi-nghi.jpg"] = article.FeatureImage.MediaId,
            ["https://hai-anh.vn/anh/toan-canh.jpg"] = scene.MediaId!.Value,
            ["https://cdn.hai-anh.vn/anh/khen-thuong.jpg"] = award.MediaId!.Value,
        };
        foreach (var (source, id) in sources)
        {
            var item = await Media(id);
            Assert.Equal(source, item.SourceUrl);
            Assert.Null(item.Url);
            Assert.Null(item.ContentType);
            Assert.Empty(item.Renditions);
            Assert.Equal(0, item.Bytes);
        }
        Assert.Equal((1200, 800), ((await Media(scene.MediaId.Value)).Width, (await Media(scene.MediaId.Value)).Height));
        Assert.Equal(("Quang cảnh hội nghị.", "TTXVN"), ((await Media(scene.MediaId.Value)).Caption, (await Media(scene.MediaId.Value)).Credit?.Text));
        Assert.Null(scene.Image!.Url);

        Assert.Contains(imported.Report, n => n.Field == "featureImage" && n.Message.Contains("https://hai-anh.vn/og/hoi-nghi.jpg", StringComparison.Ordinal));
        Assert.Contains(imported.Report, n => n.Field == "body[1]" && n.Message.Contains("https://hai-anh.vn/anh/toan-canh.jpg", StringComparison.Ordinal));
        Assert.Contains(imported.Report, n => n.Field == "body[3]" && n.Message.Contains("https://cdn.hai-anh.vn/anh/khen-thuong.jpg", StringComparison.Ordinal));

        var file = await writer.GetAsync($"/api/v1/media/{scene.MediaId}/file");
        await file.ProblemOf(404);
    }

    [Fact]
    public async Task PuttingAPhotosFileGivesTheArticleItsUrlAndRenditionsAndReplacingItChangesTheHashedUrls()
    {
        var article = (await Import(Page("tai-anh.vn", "Hội nghị tải ảnh lên sau"))).Article;
        var sceneId = article.Body[1].MediaId!.Value;
        var version = article.Version;

        var jpeg = TestImages.Jpeg(1000, 600, seed: 501);
        var filled = await Put(sceneId, MediaTests.Raw(jpeg));
        Assert.Equal(("image/jpeg", 1000, 600, (long)jpeg.Length), (filled.ContentType, filled.Width, filled.Height, filled.Bytes));
        Assert.Equal("https://tai-anh.vn/anh/toan-canh.jpg", filled.SourceUrl);
        Assert.Equal(("Quang cảnh hội nghị.", "TTXVN"), (filled.Caption, filled.Credit?.Text));
        Assert.NotNull(filled.Url);
        Assert.NotEmpty(filled.Renditions);

        var reread = await Article(article.Id);
        Assert.True(reread.Version > version);
        Assert.Equal(filled.Url, reread.Body[1].Image!.Url);
        Assert.Equal(filled.Renditions.Select(r => r.Url), reread.Body[1].Image!.Renditions.Select(r => r.Url));
        var original = await factory.CreateClient().GetAsync(filled.Url);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(jpeg, await original.Content.ReadAsByteArrayAsync());
        var rendition = await factory.CreateClient().GetAsync(filled.Renditions.First(r => r.Format == "webp").Url);
        Assert.Equal("image/webp", rendition.Content.Headers.ContentType?.MediaType);

        var other = TestImages.Jpeg(800, 500, seed: 502);
        var replaced = await Put(sceneId, MediaTests.Raw(other));
        Assert.NotEqual(filled.Url, replaced.Url);
        Assert.Equal((800, 500), (replaced.Width, replaced.Height));
        Assert.Equal(replaced.Url, (await Article(article.Id)).Body[1].Image!.Url);
        var stale = await factory.CreateClient().GetAsync(filled.Url);
        Assert.Equal(other, await stale.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(MediaEndpoints.ImmutableCaching, stale.Headers.CacheControl?.ToString());

        var again = await Put(sceneId, MediaTests.Raw(other));
        Assert.Equal(replaced.Version, again.Version);
    }

    [Fact]
    public async Task ImportingThePageAgainGivesTheSameArticleAndNoNewMediaAndAnotherPageReusesAKnownSource()
    {
        var page = Page("hai-lan.vn", "Hội nghị nhập hai lần");
        var first = await Import(page);
        var count = MediaCount();
        var second = await Import(page, expected: HttpStatusCode.OK);
        Assert.Equal(first.Article.Id, second.Article.Id);
        Assert.Equal(count, MediaCount());

        // The same photos on another page of the site: the media items made for them, not copies.
        var other = await Import(Page("hai-lan.vn", "Một bài khác dùng lại ảnh cũ"));
        Assert.NotEqual(first.Article.Id, other.Article.Id);
        Assert.Equal(count, MediaCount());
        Assert.Equal(first.Article.Body[1].MediaId, other.Article.Body[1].MediaId);
        Assert.Equal(first.Article.FeatureImage!.MediaId, other.Article.FeatureImage!.MediaId);
        Assert.Contains(other.Report, n => n.Field == "body[1]" && n.Message.Contains("earlier import", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADryRunShowsThePhotosAndMakesNoMedia()
    {
        var before = MediaCount();
        var articles = factory.Db(db => db.Articles.Count());
        var dry = await Import(Page("thu.vn", "Hội nghị chỉ chạy thử"), "?dryRun=true", HttpStatusCode.OK);
        Assert.Equal(["paragraph", "image", "paragraph", "image", "paragraph"], dry.Article.Body.Select(b => b.Type));
        Assert.NotNull(dry.Article.FeatureImage);
        Assert.Contains(dry.Report, n => n.Field == "body[1]" && n.Message.Contains("dry run", StringComparison.Ordinal));
        Assert.Equal(before, MediaCount());
        Assert.Equal(articles, factory.Db(db => db.Articles.Count()));
        Assert.Equal(0, factory.Db(db => db.Media.Count(m => m.SourceUrl!.Contains("thu.vn"))));
    }

    public static TheoryData<string, int> HostileFiles => new()
    {
        { "text under image/jpeg", 415 },
        { "svg", 415 },
        { "html under image/png", 415 },
        { "jpeg followed by an html page", 415 },
        { "a text/plain body", 415 },
        { "a form", 415 },
        { "jpeg cut short", 400 },
        { "empty body", 400 },
        { "25 MB", 413 },
    };

    private static HttpContent Hostile(string name)
    {
        var photo = TestImages.Jpeg(600, 400, seed: 510);
        return name switch
        {
            "text under image/jpeg" => MediaTests.Raw(Encoding.UTF8.GetBytes("Sáng 10-12, đây không phải là ảnh."), "image/jpeg"),
            "svg" => MediaTests.Raw(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "image/svg+xml"),
            "html under image/png" => MediaTests.Raw(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "image/png"),
            "jpeg followed by an html page" => MediaTests.Raw([.. photo, .. Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")]),
            "a text/plain body" => new StringContent("ảnh", Encoding.UTF8, "text/plain"),
            "a form" => MediaTests.Form(photo),
            "jpeg cut short" => MediaTests.Raw(photo[..(photo.Length / 2)]),
            "empty body" => MediaTests.Raw([]),
            "25 MB" => MediaTests.Raw([.. photo, .. new byte[25 * 1024 * 1024]]),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task AHostileFileGetsAProblemAndChangesNothing(string name, int status)
    {
        var article = (await Import(Page($"hostile-{status}-{name.Length}.vn", "Hội nghị bị tải tệp độc " + name))).Article;
        var id = article.Body[3].MediaId!.Value;
        var before = await Media(id);

        await (await writer.PutAsync($"/api/v1/media/{id}/file", Hostile(name))).ProblemOf(status);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before), System.Text.Json.JsonSerializer.Serialize(await Media(id)));
        Assert.Equal(article.Version, (await Article(article.Id)).Version);
        Assert.Equal(0, factory.Db(db => db.Set<MediaContent>().Count(c => c.MediaId == id)));
    }

    [Fact]
    public async Task PutChecksTheItemItsVersionItsScopeAndThatTheBytesAreNoOtherItems()
    {
        var article = (await Import(Page("kiem-tra.vn", "Hội nghị kiểm tra tải ảnh"))).Article;
        var id = article.Body[1].MediaId!.Value;
        var jpeg = TestImages.Jpeg(640, 480, seed: 520);

        await (await writer.PutAsync("/api/v1/media/999999/file", MediaTests.Raw(jpeg))).ProblemOf(404);
        await (await writer.PutAsync("/api/v1/media/abc/file", MediaTests.Raw(jpeg))).ProblemOf(404);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/media/{id}/file") { Content = MediaTests.Raw(jpeg) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0123456789abcdef0123456789abcdef\""));
        await (await writer.SendAsync(stale)).ProblemOf(412);

        var reader = factory.ClientWithScope(Scopes.ContentRead);
        await (await reader.PutAsync($"/api/v1/media/{id}/file", MediaTests.Raw(jpeg))).ProblemOf(403);

        var uploaded = await writer.PostAsync("/api/v1/media", MediaTests.Raw(jpeg));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        await (await writer.PutAsync($"/api/v1/media/{id}/file", MediaTests.Raw(jpeg))).ProblemOf(409);
        Assert.Null((await Media(id)).Url);

        var current = await writer.GetAsync($"/api/v1/media/{id}");
        var matching = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/media/{id}/file") { Content = MediaTests.Raw(TestImages.Jpeg(640, 480, seed: 521)) };
        matching.Headers.IfMatch.Add(current.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await writer.SendAsync(matching)).StatusCode);
    }

    [Fact]
    public async Task ImportedPhotosAreFoundByTheirCaptionAndAnUnusedOneCanBeDeleted()
    {
        var article = (await Import(Page("tim-kiem.vn", "Hội nghị tìm ảnh theo chú thích"))).Article;
        var page = await writer.GetFromJsonAsync<MediaPage>("/api/v1/media?q=trao%20bang%20khen", NewsApi.Http.Json.Options);
        Assert.Contains(page!.Items, m => m.Id == article.Body[3].MediaId && m.SourceUrl == "https://cdn.tim-kiem.vn/anh/khen-thuong.jpg");

        Assert.Equal(HttpStatusCode.Conflict, (await writer.DeleteAsync($"/api/v1/media/{article.Body[3].MediaId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/articles/{article.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/media/{article.Body[3].MediaId}")).StatusCode);
    }
}
