using System.Net.Http.Headers;
using System.Text;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>
/// Uploads meant to hurt: each gets a clear 4xx problem and leaves nothing behind (no item, no bytes), on a database of
/// this class's own so that the counts are exact.
/// </summary>
public class HostileUploadTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private readonly HttpClient writer = factory.ClientWithScope(Scopes.ContentWrite);

    private static readonly byte[] Photo = TestImages.Jpeg(600, 400, seed: 200);

    public static TheoryData<string, int> Cases => new()
    {
        { "text under image/jpeg", 415 },
        { "html under image/png", 415 },
        { "svg with a script", 415 },
        { "svg under image/png", 415 },
        { "svg in a form", 415 },
        { "jpeg cut short", 400 },
        { "jpeg cut short with an end marker", 400 },
        { "png cut short", 400 },
        { "jpeg followed by an html page", 415 },
        { "jpeg followed by a zip", 415 },
        { "jpeg magic then a script", 415 },
        { "empty body", 400 },
        { "a form without the file", 400 },
    };

    private static HttpContent Body(string name)
    {
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>");
        var zip = new byte[] { 0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        var png = TestImages.Png(300, 200, seed: 201);
        return name switch
        {
            "text under image/jpeg" => MediaTests.Raw(Encoding.UTF8.GetBytes("Sáng 10-12, đây không phải là ảnh."), "image/jpeg"),
            "html under image/png" => MediaTests.Raw(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "image/png"),
            "svg with a script" => MediaTests.Raw(svg, "image/svg+xml"),
            "svg under image/png" => MediaTests.Raw(svg, "image/png"),
            "svg in a form" => MediaTests.Form(svg, "image/svg+xml"),
            "jpeg cut short" => MediaTests.Raw(Photo[..(Photo.Length * 2 / 3)]),
            "jpeg cut short with an end marker" => MediaTests.Raw([.. Photo[..(Photo.Length * 2 / 3)], 0xFF, 0xD9]),
            "png cut short" => MediaTests.Raw(png[..(png.Length / 2)], "image/png"),
            "jpeg followed by an html page" => MediaTests.Raw([.. Photo, .. Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")]),
            "jpeg followed by a zip" => MediaTests.Raw([.. Photo, .. zip]),
            "jpeg magic then a script" => MediaTests.Raw([0xFF, 0xD8, 0xFF, .. Encoding.UTF8.GetBytes("<script>alert(1)</script>")]),
            "empty body" => MediaTests.Raw([]),
            "a form without the file" => new MultipartFormDataContent { { new StringContent("chú thích"), "caption" } },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AHostileUploadGetsAProblemAndLeavesNothingBehind(string name, int status)
    {
        var response = await writer.PostAsync("/api/v1/media", Body(name));
        var problem = await response.ProblemOf(status);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"] ?? (string?)problem["title"]));
        AssertNothingStored();
    }

    [Fact]
    public async Task ADecompressionBombIsRefusedFromItsHeaderWithoutDecoding()
    {
        var bomb = TestImages.PngDeclaring(50_000, 50_000);
        Assert.True(bomb.Length < 5_000, $"the bomb is {bomb.Length} bytes");
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await writer.PostAsync("/api/v1/media", MediaTests.Raw(bomb, "image/png"));
        var problem = await response.ProblemOf(413);
        Assert.Contains("50000 × 50000", (string?)problem["detail"]);
        process.Refresh();
        // Decoding it would take 7.5 GB and many seconds; the header alone takes neither.
        Assert.True(process.WorkingSet64 - before < 200L * 1024 * 1024, $"working set grew by {(process.WorkingSet64 - before) / 1024 / 1024} MB");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
        AssertNothingStored();
    }

    [Fact]
    public async Task TwentyFiveMegabytesAreRefusedWith413AsABodyAndInAForm()
    {
        var big = new byte[25 * 1024 * 1024];
        Photo.CopyTo(big, 0);
        await (await writer.PostAsync("/api/v1/media", MediaTests.Raw(big))).ProblemOf(413);
        await (await writer.PostAsync("/api/v1/media", MediaTests.Form(big))).ProblemOf(413);
        AssertNothingStored();
    }

    [Fact]
    public async Task ATypeNotAcceptedIsA415AndAMalformedFormA400()
    {
        await (await writer.PostAsync("/api/v1/media", MediaTests.Raw(Photo, "application/pdf"))).ProblemOf(415);
        var noBoundary = new ByteArrayContent(Encoding.UTF8.GetBytes("--x\r\nnot a form"));
        noBoundary.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        await (await writer.PostAsync("/api/v1/media", noBoundary)).ProblemOf(400);
        AssertNothingStored();
    }

    private void AssertNothingStored() =>
        Assert.Equal((0, 0), factory.Db(db => (db.Media.Count(), db.MediaContents.Count())));
}
