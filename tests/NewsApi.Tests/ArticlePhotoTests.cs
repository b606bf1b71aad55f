using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Xml.Linq;
using NewsApi.Articles;
using NewsApi.Bylines;
using NewsApi.Text;
using NewsApi.Keys;
using NewsApi.Media;

namespace NewsApi.Tests;

public class ArticlePhotoTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private readonly HttpClient writer = factory.ClientWithScope(Scopes.ContentWrite);

    private async Task<MediaResponse> UploadAsync(int seed, string? caption = null, string? credit = null, int width = 1000, int height = 750)
    {
        var response = await writer.PostAsync("/api/v1/media", MediaTests.Form(TestImages.Jpeg(width, height, seed), caption: caption, alt: "Ảnh " + seed, credit: credit));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MediaResponse>(NewsApi.Http.Json.Options))!;
    }

    private static object Article(string headline, object? featureImage, params object[] body) => new
    {
        headline,
        lead = "Sáng 12/3, tại Hà Nội, hội nghị tổng kết công tác năm đã diễn ra.",
        status = "published",
        byline = new { text = "Tin, ảnh: HƯƠNG HỒNG THU (QĐND)" },
        featureImage,
        body,
    };

    private static object Paragraph(string text) => new { type = "paragraph", text };

    private static object Image(int mediaId, string? caption = null, string? credit = null) => new { type = "image", mediaId, caption, credit };

    private async Task<ArticleResponse> CreateAsync(object article)
    {
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(article));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<ArticleResponse>(body, NewsApi.Http.Json.Options)!;
    }

    private async Task<ArticleResponse> PublicAsync(int id) =>
        (await factory.CreateClient().GetFromJsonAsync<ArticleResponse>($"/api/v1/articles/{id}", NewsApi.Http.Json.Options))!;

    private static string JsonOf(object? value) => System.Text.Json.JsonSerializer.Serialize(value, NewsApi.Http.Json.Options);

    [Fact]
    public async Task AnArticleEmbedsItsPhotosWithThisUsesCaptionAndCreditsThePhotographerFromTheByline()
    {
        var feature = await UploadAsync(201, caption: "Quang cảnh hội nghị");
        var figure = await UploadAsync(202, caption: "Ảnh lưu trữ", credit: "TTXVN", width: 800, height: 600);
        var created = await CreateAsync(Article("Hội nghị có ảnh đại diện", new { mediaId = feature.Id, alt = "Toàn cảnh hội trường" },
            Paragraph("Đoạn đầu."), Image(figure.Id, caption: "Các đại biểu biểu quyết"), Paragraph("Đoạn sau.")));

        var stored = await PublicAsync(created.Id);
        Assert.Equal(JsonOf(created), JsonOf(stored));
        var photographer = Assert.Single(stored.Byline!.Credits);
        Assert.Contains(CreditRole.Photo, photographer.Roles);

        var head = stored.FeatureImage!;
        Assert.Equal((feature.Id, "Quang cảnh hội nghị", "Toàn cảnh hội trường"), (head.MediaId, head.Caption, head.Alt));
        Assert.Equal(new MediaCredit(photographer.Name, photographer.ContributorId, photographer.Name), head.Credit);
        Assert.Equal((feature.Id, 1000, 750, feature.Url), (head.Image!.Id, head.Image.Width, head.Image.Height, head.Image.Url));
        Assert.Equal(feature.Renditions, head.Image.Renditions);

        Assert.Equal(["paragraph", "image", "paragraph"], stored.Body.Select(b => b.Type));
        var block = stored.Body[1];
        Assert.Equal((figure.Id, "Các đại biểu biểu quyết", "Ảnh 202", (string?)null), (block.MediaId, block.Caption, block.Alt, block.Text));
        Assert.Equal(new MediaCredit("TTXVN", null, null), block.Credit);
        Assert.Equal(figure.Renditions, block.Image!.Renditions);

        var list = await factory.CreateClient().GetFromJsonAsync<ArticlePage>("/api/v1/articles?q=anh%20dai%20dien", NewsApi.Http.Json.Options);
        Assert.Equal(JsonOf(head), JsonOf(Assert.Single(list!.Items).FeatureImage));
    }

    [Fact]
    public async Task AsNinjsAnArticlesPhotosArePictureAssociationsWithTheirRenditions()
    {
        var feature = await UploadAsync(211, caption: "Toàn cảnh buổi lễ");
        var figure = await UploadAsync(212, credit: "TTXVN", width: 700, height: 500);
        var created = await CreateAsync(Article("Buổi lễ có ảnh ninjs", new { mediaId = feature.Id },
            Paragraph("Đoạn đầu."), Image(figure.Id, caption: "Đại biểu dự lễ"), Paragraph("Đoạn sau.")));

        var ninjs = await NinjsSchema.GetAsync(factory.CreateClient(), created.Slug);
        NinjsSchema.AssertValid(ninjs, "an article with photos");
        // The text bodies hold the paragraphs only: a photo block has no text.
        Assert.Equal("<p>Sáng 12/3, tại Hà Nội, hội nghị tổng kết công tác năm đã diễn ra.</p><p>Đoạn đầu.</p><p>Đoạn sau.</p>",
            (string)ninjs["bodies"]![1]!["value"]!);
        var associations = ninjs["associations"]!.AsArray();
        Assert.Equal(["featureimage", "image1"], associations.Select(a => (string)a!["name"]!));
        Assert.All(associations, a => Assert.Equal("picture", (string)a!["type"]!));
        Assert.Equal($"http://localhost/api/v1/media/{feature.Id}", (string)associations[0]!["uri"]!);
        Assert.Equal("Toàn cảnh buổi lễ", (string)associations[0]!["descriptions"]![0]!["value"]!);
        Assert.Equal("Hương Hồng Thu", (string)associations[0]!["by"]!);
        Assert.Equal("Đại biểu dự lễ", (string)associations[1]!["descriptions"]![0]!["value"]!);
        Assert.Equal("TTXVN", (string)associations[1]!["by"]!);
        var renditions = associations[1]!["renditions"]!.AsArray();
        Assert.Equal(("original", 700, 500), ((string)renditions[0]!["name"]!, (int)renditions[0]!["width"]!, (int)renditions[0]!["height"]!));
        Assert.Equal("http://localhost" + figure.Url, (string)renditions[0]!["href"]!);
        Assert.Equal(figure.Renditions.Select(r => "http://localhost" + r.Url), renditions.Skip(1).Select(r => (string)r!["href"]!));
        Assert.Contains(renditions, r => (string?)r!["contentType"] == "image/webp" && (int)r["width"]! == 640);
    }

    [Fact]
    public async Task APhotoThatDoesNotExistIsABadRequestNamingTheField()
    {
        var photo = await UploadAsync(203);
        var noFeature = await writer.PostAsync("/api/v1/articles", Http.JsonBody(Article("Ảnh không có", new { mediaId = 999_999 })));
        Assert.Equal(["featureImage.mediaId"], (await noFeature.ProblemOf(400))["errors"]!.AsObject().Select(e => e.Key));

        var noFigure = await writer.PostAsync("/api/v1/articles",
            Http.JsonBody(Article("Ảnh không có", new { mediaId = photo.Id }, Paragraph("Một."), Image(999_999))));
        Assert.Equal(["body[1].mediaId"], (await noFigure.ProblemOf(400))["errors"]!.AsObject().Select(e => e.Key));

        var noId = await writer.PostAsync("/api/v1/articles", Http.RawJson(
            """{ "headline": "Ảnh thiếu id", "lead": "Dẫn.", "body": [ { "type": "image", "caption": "Không id" } ] }"""));
        Assert.Contains((await noId.ProblemOf(400))["errors"]!.AsObject(), e => e.Key.StartsWith("body[0]", StringComparison.Ordinal));

        var unknownType = await writer.PostAsync("/api/v1/articles", Http.RawJson(
            """{ "headline": "Khối lạ", "lead": "Dẫn.", "body": [ { "type": "video", "text": "x" } ] }"""));
        await unknownType.ProblemOf(400);
        Assert.Equal(0, factory.Db(db => db.Articles.Count(a => a.Headline == "Ảnh không có" || a.Headline == "Ảnh thiếu id")));
    }

    [Fact]
    public async Task APhotoInUseCannotBeDeletedUntilNoArticlePlacesIt()
    {
        var photo = await UploadAsync(204);
        var created = await CreateAsync(Article("Ảnh đang dùng", null, Paragraph("Một."), Image(photo.Id)));
        var draft = await CreateAsync(new { headline = "Bản nháp có ảnh", lead = "Dẫn.", featureImage = new { mediaId = photo.Id } });
        Assert.Equal(ArticleStatus.Draft, draft.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/v1/articles/{draft.Id}")).StatusCode);

        var refused = await writer.DeleteAsync($"/api/v1/media/{photo.Id}");
        await refused.ProblemOf(409);

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/articles/{created.Id}")
        {
            Content = Http.RawJson("""{ "body": [ { "type": "paragraph", "text": "Không còn ảnh." } ] }""", "application/merge-patch+json"),
        };
        Assert.Equal(HttpStatusCode.OK, (await writer.SendAsync(patch)).StatusCode);
        await (await writer.DeleteAsync($"/api/v1/media/{photo.Id}")).ProblemOf(409);

        var removeFeature = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/articles/{draft.Id}")
        {
            Content = Http.RawJson("""{ "featureImage": null }""", "application/merge-patch+json"),
        };
        var removed = await writer.SendAsync(removeFeature);
        Assert.Null((await removed.Content.ReadFromJsonAsync<ArticleResponse>(NewsApi.Http.Json.Options))!.FeatureImage);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/media/{photo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/v1/media/{photo.Id}")).StatusCode);
    }

    [Fact]
    public async Task ChangingAPhotosCaptionRendersEveryArticleShowingItAgain()
    {
        var photo = await UploadAsync(205, caption: "Chú thích cũ");
        var first = await CreateAsync(Article("Bài thứ nhất có ảnh chung", new { mediaId = photo.Id }));
        var second = await CreateAsync(Article("Bài thứ hai có ảnh chung", null, Paragraph("Một."), Image(photo.Id)));
        var own = await CreateAsync(Article("Bài có chú thích riêng", new { mediaId = photo.Id, caption = "Chú thích riêng" }));

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/media/{photo.Id}")
        {
            Content = Http.RawJson("""{ "caption": "Chú thích mới", "credit": "Hương Hồng Thu" }""", "application/merge-patch+json"),
        };
        Assert.Equal(HttpStatusCode.OK, (await writer.SendAsync(patch)).StatusCode);

        var firstNow = await PublicAsync(first.Id);
        Assert.Equal("Chú thích mới", firstNow.FeatureImage!.Caption);
        // The new credit names the byline's contributor, so it links to them.
        var photographer = firstNow.Byline!.Credits[0];
        Assert.Equal(new MediaCredit("Hương Hồng Thu", photographer.ContributorId, photographer.Name), firstNow.FeatureImage.Credit);
        Assert.Equal(first.Version + 1, firstNow.Version);
        Assert.Equal("Chú thích mới", (await PublicAsync(second.Id)).Body[1].Caption);
        Assert.Equal("Chú thích riêng", (await PublicAsync(own.Id)).FeatureImage!.Caption);

        var revisions = await factory.ClientWithScope(Scopes.ContentRead).GetFromJsonAsync<List<RevisionSummary>>($"/api/v1/articles/{first.Id}/revisions", NewsApi.Http.Json.Options);
        Assert.Equal(2, revisions!.Count);
    }

    [Fact]
    public async Task TheFeatureImageGoesIntoJsonLdRssJsonFeedAndTheSitemap()
    {
        var photo = await UploadAsync(206, caption: "Ảnh đầu bài", width: 1400, height: 700);
        var created = await CreateAsync(Article("Bài có ảnh cho nguồn tin", new { mediaId = photo.Id }));
        var withoutPhoto = await CreateAsync(Article("Bài không ảnh cho nguồn tin", null, Paragraph("Chỉ có chữ.")));
        var photographer = created.Byline!.Credits[0].Name;
        var widest = photo.Renditions.Single(r => r.Width == 1280 && r.Format == "jpeg");

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{created.Id}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
        var ld = await (await factory.CreateClient().SendAsync(request)).ReadJson();
        var all = ld["image"]!.AsArray();
        Assert.All(all, i => Assert.Equal(("ImageObject", "Ảnh đầu bài", photographer),
            ((string)i!["@type"]!, (string)i["caption"]!, (string)i["creditText"]!)));
        // First the 16×9, 4×3 and 1×1 crops Google asks for (a 2:1 photo of 1400 × 700 holds a 16×9 box 1244 wide, so
        // 960 is the widest allowed width it fits), each served at exactly that size.
        var crops = all.Take(3).ToList();
        Assert.Equal([(960, 540), (640, 480), (640, 640)], crops.Select(i => ((int)i!["width"]!, (int)i["height"]!)));
        foreach (var crop in crops)
        {
            var bytes = await factory.CreateClient().GetByteArrayAsync(new Uri((string)crop!["url"]!).PathAndQuery);
            using var decoded = NetVips.Image.NewFromBuffer(bytes);
            Assert.Equal(((int)crop["width"]!, (int)crop["height"]!), (decoded.Width, decoded.Height));
        }
        await (await factory.CreateClient().GetAsync($"/api/v1/media/{photo.Id}/file?width=640&crop=3x2")).ProblemOf(400);
        var images = all.Skip(3).ToList();
        Assert.Equal([1400, 1280, 960, 640, 320], images.Select(i => (int)i!["width"]!));
        Assert.EndsWith(photo.Url!, (string)images[0]!["url"]!);
        Assert.EndsWith(widest.Url, (string)images[1]!["url"]!);
        Assert.Equal(700, (int)images[0]!["height"]!);

        var rss = XDocument.Parse(await factory.CreateClient().GetStringAsync("/feeds/rss.xml"));
        var item = rss.Descendants("item").Single(i => i.Element("guid")!.Value.EndsWith($"/api/v1/articles/{created.Id}", StringComparison.Ordinal));
        var enclosure = item.Element("enclosure")!;
        Assert.EndsWith(widest.Url, enclosure.Attribute("url")!.Value);
        Assert.Equal("image/jpeg", enclosure.Attribute("type")!.Value);
        var content = item.Element(XName.Get("content", "http://search.yahoo.com/mrss/"))!;
        Assert.Equal((enclosure.Attribute("url")!.Value, "1280", "640", "image"),
            (content.Attribute("url")!.Value, content.Attribute("width")!.Value, content.Attribute("height")!.Value, content.Attribute("medium")!.Value));
        var plain = rss.Descendants("item").Single(i => i.Element("guid")!.Value.EndsWith($"/api/v1/articles/{withoutPhoto.Id}", StringComparison.Ordinal));
        Assert.Null(plain.Element("enclosure"));

        XNamespace sitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
        XNamespace imageNs = "http://www.google.com/schemas/sitemap-image/1.1";
        var sitemap = XDocument.Parse(await factory.CreateClient().GetStringAsync("/sitemap.xml"));
        var entry = sitemap.Descendants(sitemapNs + "url").Single(u => u.Element(sitemapNs + "loc")!.Value.EndsWith(created.Slug, StringComparison.Ordinal));
        Assert.EndsWith(photo.Url!, Assert.Single(entry.Elements(imageNs + "image")).Element(imageNs + "loc")!.Value);
        Assert.Empty(sitemap.Descendants(sitemapNs + "url")
            .Single(u => u.Element(sitemapNs + "loc")!.Value.EndsWith(withoutPhoto.Slug, StringComparison.Ordinal)).Elements(imageNs + "image"));

        var feed = await (await factory.CreateClient().GetAsync("/feeds/feed.json")).ReadJson();
        var feedItem = feed["items"]!.AsArray().Single(i => ((string)i!["id"]!).EndsWith($"/api/v1/articles/{created.Id}", StringComparison.Ordinal))!;
        Assert.Equal(enclosure.Attribute("url")!.Value, (string)feedItem["image"]!);
    }
}
