using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NewsApi.Keys;
using NewsApi.Text;

namespace NewsApi.Tests;

/// <summary>An imported page's breadcrumb places it in a section the site has, and its keywords become tags; the report says so.</summary>
public class ImportPlacementTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    public static TheoryData<string> LabelledPages => new(Fixtures.Pages
        .Where(p => Fixtures.Expected(p) is var e && (e["breadcrumb"]?.AsArray().Count > 0 || e["keywords"]?.AsArray().Count > 0))
        .Select(Path.GetFileName)!);

    private static ByteArrayContent Page(string file)
    {
        var content = new ByteArrayContent(File.ReadAllBytes(Path.Combine(Fixtures.PagesFolder, file)));
        content.Headers.ContentType = new MediaTypeHeaderValue(file.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : "text/plain") { CharSet = "utf-8" };
        return content;
    }

    private static string Fold(string text) => string.Join(' ', VietnameseText.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [MemberData(nameof(LabelledPages))]
    public async Task ABreadcrumbNamingASectionPlacesThePageAndItsKeywordsTagIt(string file)
    {
        var expected = Fixtures.Expected(Path.Combine(Fixtures.PagesFolder, file));
        var breadcrumb = expected["breadcrumb"]?.AsArray().Select(b => (string)b!).ToList() ?? [];
        var keywords = expected["keywords"]?.AsArray().Select(k => (string)k!).ToList() ?? [];
        var admin = factory.ClientWithScope(Scopes.Admin);
        if (breadcrumb.Count > 0)
        {
            // The site has the breadcrumb's last section (created here unless it exists, e.g. from the seed tree).
            var created = await admin.PostAsync("/api/v1/sections", Http.JsonBody(new { name = breadcrumb[^1] }));
            Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await created.Content.ReadAsStringAsync());
        }

        var response = await admin.PostAsync("/api/v1/imports", Page(file));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.ReadJson();
        var article = result["article"]!;
        var report = result["report"]!.AsArray();
        if (breadcrumb.Count > 0)
        {
            Assert.Equal(Fold(breadcrumb[^1]), Fold((string)article["section"]!["name"]!));
            Assert.Contains(report, n => (string)n!["field"]! == "section" && (string)n["kind"]! == "found");
        }
        else
        {
            Assert.Null(article["section"]);
        }
        Assert.Equal(keywords.Select(Fold).Distinct(), article["tags"]!.AsArray().Select(t => Fold((string)t!["name"]!)));
        if (keywords.Count > 0)
        {
            Assert.Contains(report, n => (string)n!["field"]! == "tags");
        }
        // What the import placed is what is stored.
        var stored = await (await admin.GetAsync($"/api/v1/articles/{(int)article["id"]!}")).ReadJson();
        Assert.Equal(article["section"]?.ToJsonString(), stored["section"]?.ToJsonString());
        Assert.Equal(article["tags"]!.ToJsonString(), stored["tags"]!.ToJsonString());
    }

    [Fact]
    public async Task ABreadcrumbNamingNoSectionLeavesTheArticleUnplacedAndSaysSo()
    {
        var page = """
            <html><head><title>x</title></head><body>
            <nav aria-label="Breadcrumb"><a href="/">Trang chủ</a> › <a href="/vu-tru">Khám phá vũ trụ</a></nav>
            <article><h1>Kính viễn vọng mới chụp được thiên hà xa nhất</h1>
            <p>Sáng 3-2, các nhà khoa học công bố ảnh chụp thiên hà xa nhất từng được quan sát, cách Trái đất hơn 13 tỉ năm ánh sáng.</p>
            <p>Bức ảnh được ghép từ nhiều lần phơi sáng trong suốt hai tuần liền của kính viễn vọng đặt ngoài không gian.</p>
            <p>Từ khóa: thiên văn, Vũ trụ, vu tru</p></article></body></html>
            """;
        var content = new StringContent(page, System.Text.Encoding.UTF8, "text/html");
        var response = await factory.ClientWithScope(Scopes.ContentWrite).PostAsync("/api/v1/imports?dryRun=true", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadJson();
        Assert.Null(result["article"]!["section"]);
        var note = result["report"]!.AsArray().Single(n => (string)n!["field"]! == "section");
        Assert.Equal("warning", (string)note!["kind"]!);
        Assert.Contains("Khám phá vũ trụ", (string)note["message"]!);
        Assert.Equal(["thiên văn", "Vũ trụ"], result["article"]!["tags"]!.AsArray().Select(t => (string)t!["name"]!));
        // A dry run creates no tag.
        Assert.Equal(0, (int)(await (await factory.ClientWithScope(Scopes.ContentRead).GetAsync("/api/v1/tags?q=thien+van")).ReadJson())["total"]!);
    }
}
