using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Http;
using NewsApi.Keys;
using NewsApi.Media;

namespace NewsApi.Tests;

public class MediaTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private readonly HttpClient writer = factory.ClientWithScope(Scopes.ContentWrite);

    public static ByteArrayContent Raw(byte[] bytes, string type = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    public static MultipartFormDataContent Form(byte[] bytes, string type = "image/jpeg", string? caption = null, string? alt = null, string? credit = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", "photo.jpg");
        if (caption is not null) form.Add(new StringContent(caption), "caption");
        if (alt is not null) form.Add(new StringContent(alt), "alt");
        if (credit is not null) form.Add(new StringContent(credit), "credit");
        return form;
    }

    private async Task<MediaResponse> Upload(HttpContent content, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await writer.PostAsync("/api/v1/media", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<MediaResponse>(body, NewsApi.Http.Json.Options)!;
    }

    [Fact]
    public async Task ARawJpegIsStoredWithItsSizeAndTheSameBytesAgainAreTheSameItem()
    {
        var jpeg = TestImages.Jpeg(1200, 800, seed: 101);
        var created = await Upload(Raw(jpeg));
        Assert.Equal(("image/jpeg", 1200, 800, (long)jpeg.Length), (created.ContentType, created.Width, created.Height, created.Bytes));
        Assert.Equal($"/api/v1/media/{created.Id}/file?v={created.Url!.Split("v=")[1]}", created.Url);

        var again = await Upload(Form(jpeg), HttpStatusCode.OK);
        Assert.Equal(created.Id, again.Id);

        var original = await factory.CreateClient().GetAsync(created.Url);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("image/jpeg", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jpeg, await original.Content.ReadAsByteArrayAsync());
        Assert.Equal(MediaEndpoints.ImmutableCaching, original.Headers.CacheControl?.ToString());

        var item = await factory.CreateClient().GetFromJsonAsync<MediaResponse>($"/api/v1/media/{created.Id}", NewsApi.Http.Json.Options);
        Assert.Equal(created.Id, item!.Id);
        // 320, 640 and 960 fit in 1200; each in AVIF, WebP and JPEG.
        Assert.Equal([320, 320, 320, 640, 640, 640, 960, 960, 960], item.Renditions.Select(r => r.Width));
        Assert.Equal((640, 427), item.Renditions.Where(r => r.Width == 640).Select(r => (r.Width, r.Height)).First());
    }

    [Fact]
    public async Task AMultipartUploadKeepsItsCaptionAltAndCreditAndQFindsItWithoutTones()
    {
        var created = await Upload(Form(TestImages.Jpeg(400, 300, seed: 102), caption: "Chiến sĩ mới huấn luyện bắn súng tại thao trường",
            alt: "Hai chiến sĩ nằm bắn", credit: "Hương Hồng Thu"));
        Assert.Equal("Chiến sĩ mới huấn luyện bắn súng tại thao trường", created.Caption);
        Assert.Equal("Hai chiến sĩ nằm bắn", created.Alt);
        Assert.Equal("Hương Hồng Thu", created.Credit!.Text);

        var page = await factory.CreateClient().GetFromJsonAsync<MediaPage>("/api/v1/media?q=huan%20luyen%20thao%20truong", NewsApi.Http.Json.Options);
        Assert.Equal(created.Id, Assert.Single(page!.Items).Id);
        var byCredit = await factory.CreateClient().GetFromJsonAsync<MediaPage>("/api/v1/media?q=huong%20hong%20thu", NewsApi.Http.Json.Options);
        Assert.Contains(byCredit!.Items, m => m.Id == created.Id);
        var none = await factory.CreateClient().GetFromJsonAsync<MediaPage>("/api/v1/media?q=khong%20co%20anh%20nay", NewsApi.Http.Json.Options);
        Assert.Empty(none!.Items);
    }

    [Fact]
    public async Task CaptionAndCreditComeFromIptcAndExifAndRenditionsCarryNoExifOrGps()
    {
        var photo = TestImages.WithExifAndIptc(TestImages.Jpeg(1000, 700, seed: 103), artist: "Camera Artist",
            iptcCaption: "Hội nghị Quân chính năm 2020", iptcByLine: "Hương Hồng Thu");
        Assert.Contains(ImageMetadataReader.ReadMetadata(new MemoryStream(photo)), d => d is GpsDirectory);
        var fromIptc = await Upload(Raw(photo));
        Assert.Equal("Hội nghị Quân chính năm 2020", fromIptc.Caption);
        Assert.Equal("Hương Hồng Thu", fromIptc.Credit!.Text);

        var exifOnly = await Upload(Raw(TestImages.WithExifAndIptc(TestImages.Jpeg(500, 400, seed: 104), "Nguyen Van A", null, null)));
        Assert.Null(exifOnly.Caption);
        Assert.Equal("Nguyen Van A", exifOnly.Credit!.Text);

        var given = await Upload(Form(TestImages.WithExifAndIptc(TestImages.Jpeg(500, 400, seed: 105), "X", "Y", "Z"), caption: "Chú thích riêng", credit: "Ảnh: TTXVN"));
        Assert.Equal(("Chú thích riêng", "Ảnh: TTXVN"), (given.Caption, given.Credit!.Text));

        foreach (var format in new[] { "jpeg", "webp", "png" })
        {
            var rendition = await factory.CreateClient().GetByteArrayAsync($"/api/v1/media/{fromIptc.Id}/file?width=640&format={format}");
            var directories = ImageMetadataReader.ReadMetadata(new MemoryStream(rendition));
            Assert.DoesNotContain(directories, d => d is GpsDirectory or ExifIfd0Directory or ExifSubIfdDirectory or IptcDirectory);
        }
    }

    [Theory]
    [InlineData("webp", "image/webp", 640)]
    [InlineData("avif", "image/avif", 320)]
    [InlineData("png", "image/png", 960)]
    [InlineData("jpeg", "image/jpeg", 1920)]
    public async Task RenditionsComeInTheAskedFormatAndWidthButNeverWiderThanTheOriginal(string format, string contentType, int width)
    {
        var created = await Upload(Raw(TestImages.Png(1000, 600, seed: 110 + width)));
        var response = await factory.CreateClient().GetAsync($"/api/v1/media/{created.Id}/file?width={width}&format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        using var image = NetVips.Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Math.Min(width, 1000), image.Width);
        Assert.Equal((int)Math.Round(600 * Math.Min(width, 1000) / 1000.0), image.Height);
    }

    [Theory]
    [InlineData("width=333")]
    [InlineData("format=gif")]
    [InlineData("format=WEBP")]
    [InlineData("width=640&format=svg")]
    public async Task AWidthOrFormatNotOfferedIsA400(string query)
    {
        var created = await Upload(Raw(TestImages.Jpeg(700, 500, seed: 120 + query.Length * 7 + query[0])));
        var response = await factory.CreateClient().GetAsync($"/api/v1/media/{created.Id}/file?{query}");
        await response.ProblemOf(400);
    }

    [Fact]
    public async Task RenditionsAnswer304ToTheirETagAndHeadWithoutABody()
    {
        var created = await Upload(Raw(TestImages.Jpeg(800, 600, seed: 121)));
        var client = factory.CreateClient();
        var url = created.Renditions.First(r => r.Width == 640 && r.Format == "webp").Url;
        var first = await client.GetAsync(url);
        Assert.Equal(MediaEndpoints.ImmutableCaching, first.Headers.CacheControl?.ToString());
        var etag = first.Headers.ETag!;

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(etag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        var unhashed = await client.GetAsync($"/api/v1/media/{created.Id}/file?width=640&format=webp");
        Assert.Equal($"public, max-age={CachedResponse.PublicMaxAgeSeconds}", unhashed.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task ConcurrentFirstRequestsForOneRenditionMakeItOnce()
    {
        var created = await Upload(Raw(TestImages.Jpeg(2000, 1500, seed: 122)));
        var cache = factory.Services.GetRequiredService<RenditionCache>();
        var before = cache.Made;
        // Keyed requests: the output cache leaves them alone, so every one reaches the endpoint.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => writer.GetAsync($"/api/v1/media/{created.Id}/file?width=1280&format=webp")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        Assert.Single(bodies.Select(Convert.ToBase64String).Distinct());
        Assert.Equal(before + 1, cache.Made);
    }

    [Fact]
    public async Task PatchChangesCaptionAndClearsCreditAndRefusesUnknownMembersAndStaleETags()
    {
        var created = await Upload(Form(TestImages.Jpeg(300, 200, seed: 130), caption: "Cũ", credit: "Ai đó"));
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/media/{created.Id}")
        {
            Content = Http.RawJson("""{"caption":"Lễ ra quân huấn luyện","credit":null,"alt":"Đội hình"}""", "application/merge-patch+json"),
        };
        var patched = await writer.SendAsync(patch);
        var item = await patched.Content.ReadFromJsonAsync<MediaResponse>(NewsApi.Http.Json.Options);
        Assert.Equal(("Lễ ra quân huấn luyện", "Đội hình", (MediaCredit?)null, 2), (item!.Caption, item.Alt, item.Credit, item.Version));
        var found = await factory.CreateClient().GetFromJsonAsync<MediaPage>("/api/v1/media?q=le%20ra%20quan", NewsApi.Http.Json.Options);
        Assert.Equal(created.Id, Assert.Single(found!.Items).Id);

        var unknown = await writer.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/media/{created.Id}")
        {
            Content = Http.RawJson("""{"width":5}""", "application/merge-patch+json"),
        });
        await unknown.ProblemOf(400);

        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/media/{created.Id}")
        {
            Content = Http.RawJson("""{"caption":"x"}""", "application/merge-patch+json"),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(ETags.Of(created)));
        await (await writer.SendAsync(stale)).ProblemOf(412);
    }

    [Fact]
    public async Task DeleteRemovesTheItemAndItsBytesAndNeedsAKey()
    {
        var created = await Upload(Raw(TestImages.Jpeg(300, 200, seed: 140)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().DeleteAsync($"/api/v1/media/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/media/{created.Id}")).StatusCode);
        await (await factory.CreateClient().GetAsync($"/api/v1/media/{created.Id}")).ProblemOf(404);
        await (await factory.CreateClient().GetAsync(created.Url)).ProblemOf(404);
        Assert.False(factory.Db(db => db.MediaContents.Any(c => c.MediaId == created.Id)));
    }

    [Fact]
    public async Task UploadNeedsAContentWriteKey()
    {
        var reader = factory.ClientWithScope(Scopes.ContentRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/api/v1/media", Raw(TestImages.Jpeg(100, 100, seed: 150)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsync("/api/v1/media", Raw(TestImages.Jpeg(100, 100, seed: 150)))).StatusCode);
    }
}

/// <summary>Media:Store=Folder: the original is a file in Media:Folder, gone with the item.</summary>
public class MediaFolderStoreTests(MediaFolderStoreTests.FolderFactory factory) : IClassFixture<MediaFolderStoreTests.FolderFactory>
{
    public sealed class FolderFactory : NewsApiFactory
    {
        public string MediaFolder => Path.Combine(Database.Folder, "originals");

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Media:Store"] = "Folder",
            ["Media:Folder"] = MediaFolder,
        };
    }

    [Fact]
    public async Task TheOriginalIsAFileInTheFolderAndNotInTheDatabaseAndGoesWithTheItem()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var jpeg = TestImages.Jpeg(640, 480, seed: 160);
        var response = await writer.PostAsync("/api/v1/media", MediaTests.Raw(jpeg));
        var created = (await response.Content.ReadFromJsonAsync<MediaResponse>(NewsApi.Http.Json.Options))!;
        var file = Assert.Single(System.IO.Directory.GetFiles(factory.MediaFolder, "*", SearchOption.AllDirectories));
        Assert.Equal(jpeg, await File.ReadAllBytesAsync(file));
        Assert.False(factory.Db(db => db.MediaContents.Any()));
        Assert.Equal(jpeg, await factory.CreateClient().GetByteArrayAsync(created.Url));
        var rendition = await factory.CreateClient().GetAsync($"/api/v1/media/{created.Id}/file?width=320&format=webp");
        Assert.Equal("image/webp", rendition.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/media/{created.Id}")).StatusCode);
        Assert.False(File.Exists(file));
    }
}
