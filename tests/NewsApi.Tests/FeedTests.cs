using System.Net;
using System.Net.Http.Headers;
using System.ServiceModel.Syndication;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>RSS, Atom, JSON Feed, the sitemap and the JSON-LD form of an article: what aggregators and search engines read.</summary>
public class FeedTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private const string SeedSlug = "tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020";
    private const string SeedHeadline = "Tổng cục Công nghiệp Quốc phòng tổ chức Hội nghị Quân chính năm 2020";
    private const string SeedAuthor = "Hương Hồng Thu";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    public static TheoryData<string, string> Feeds => new()
    {
        { "/feeds/rss.xml", "application/rss+xml" },
        { "/feeds/atom.xml", "application/atom+xml" },
        { "/feeds/feed.json", "application/feed+json" },
        { "/sitemap.xml", "application/xml" },
    };

    private async Task<JsonNode> CreateAsync(HttpClient writer, string headline)
    {
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline,
            lead = "Sáng 2-3, một sự kiện diễn ra.",
            body = new[] { new { type = "paragraph", text = "Nội dung bài viết." } },
            byline = new { text = "Bài và ảnh: NGUYỄN VĂN HÙNG" },
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJson();
    }

    private static async Task PublishAsync(HttpClient writer, JsonNode article, DateTimeOffset? at = null)
    {
        var response = await writer.PostAsync($"/api/v1/articles/{(int)article["id"]!}/publish", at is null ? null : Http.JsonBody(new { publishAt = at }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static SyndicationFeed Read(SyndicationFeedFormatter formatter, string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        Assert.True(formatter.CanRead(reader), "the formatter does not recognise the document");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    [Fact]
    public async Task RssParsesBackAndListsTheSeedWithItsAuthor()
    {
        var response = await factory.CreateClient().GetAsync("/feeds/rss.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "the feed starts with a byte order mark");

        var feed = Read(new Rss20FeedFormatter(), System.Text.Encoding.UTF8.GetString(bytes));
        var seed = Assert.Single(feed.Items, i => i.Title.Text == SeedHeadline);
        Assert.Contains(seed.Authors, a => a.Name == SeedAuthor);
        Assert.StartsWith("Sáng 10-12,", seed.Summary.Text);
        Assert.EndsWith("/api/v1/articles/" + SeedSlug, seed.Links.Single(l => l.RelationshipType is null or "alternate").Uri.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2020, 12, 10, 0, 0, 0, TimeSpan.FromHours(7)), seed.PublishDate);
        Assert.Equal(SeedAuthor, seed.ElementExtensions.ReadElementExtensions<string>("creator", "http://purl.org/dc/elements/1.1/").Single());
    }

    [Fact]
    public async Task AtomParsesBackAndListsTheSeedWithItsAuthor()
    {
        var response = await factory.CreateClient().GetAsync("/feeds/atom.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);

        var feed = Read(new Atom10FeedFormatter(), await response.Content.ReadAsStringAsync());
        Assert.Equal("vi", feed.Language);
        var seed = Assert.Single(feed.Items, i => i.Title.Text == SeedHeadline);
        Assert.Equal([SeedAuthor], seed.Authors.Select(a => a.Name));
        Assert.StartsWith("Sáng 10-12,", seed.Summary.Text);
        Assert.EndsWith("/api/v1/articles/" + SeedSlug, seed.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2020, 12, 10, 0, 0, 0, TimeSpan.FromHours(7)), seed.PublishDate);
        Assert.True(seed.LastUpdatedTime >= seed.PublishDate);
    }

    [Fact]
    public async Task JsonFeedIsVersion11WithSnakeCaseMembersAndListsTheSeed()
    {
        var response = await factory.CreateClient().GetAsync("/feeds/feed.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/feed+json", response.Content.Headers.ContentType?.MediaType);
        var feed = await response.ReadJson();
        Assert.Equal("https://jsonfeed.org/version/1.1", (string)feed["version"]!);
        Assert.Equal("vi", (string)feed["language"]!);
        Assert.EndsWith("/feeds/feed.json", (string)feed["feed_url"]!);
        Assert.NotNull(feed["home_page_url"]);

        var seed = Assert.Single(feed["items"]!.AsArray(), i => (string)i!["title"]! == SeedHeadline)!;
        Assert.EndsWith("/api/v1/articles/" + SeedSlug, (string)seed["url"]!);
        Assert.StartsWith("Sáng 10-12,", (string)seed["summary"]!);
        var content = (string)seed["content_text"]!;
        Assert.StartsWith((string)seed["summary"]!, content);
        Assert.Contains("Năm 2021, Tổng cục CNQP tiếp tục", content);
        Assert.Equal("2020-12-10T00:00:00+07:00", (string)seed["date_published"]!);
        Assert.NotNull(seed["date_modified"]);
        Assert.Equal([SeedAuthor], seed["authors"]!.AsArray().Select(a => (string)a!["name"]!));
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task FeedsNeverListDraftsOrArticlesScheduledForLater(string path, string mediaType)
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var marker = path.Replace('/', ' ').Trim();
        var draft = await CreateAsync(writer, $"Bản nháp chưa duyệt {marker}");
        var scheduled = await CreateAsync(writer, $"Bài hẹn giờ ngày mai {marker}");
        await PublishAsync(writer, scheduled, DateTimeOffset.UtcNow.AddDays(1));

        foreach (var reader in new[] { factory.CreateClient(), factory.ClientWithScope(Scopes.ContentRead) })
        {
            var response = await reader.GetAsync(path);
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains(SeedSlug, body);
            foreach (var hidden in new[] { draft, scheduled })
            {
                Assert.DoesNotContain((string)hidden["headline"]!, body);
                Assert.DoesNotContain((string)hidden["slug"]!, body);
            }
        }
    }

    [Fact]
    public async Task SitemapGivesANewsEntryOnlyToArticlesOfTheLastTwoDays()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var fresh = await CreateAsync(writer, "Bài vừa xuất bản cho sơ đồ trang");
        await PublishAsync(writer, fresh);

        var response = await factory.CreateClient().GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sitemap = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Sitemap + "urlset", sitemap.Root!.Name);
        XElement UrlOf(string slug) => Assert.Single(sitemap.Root.Elements(Sitemap + "url"), u => u.Element(Sitemap + "loc")!.Value.EndsWith("/api/v1/articles/" + slug, StringComparison.Ordinal));

        var seed = UrlOf(SeedSlug);
        Assert.NotNull(seed.Element(Sitemap + "lastmod"));
        Assert.Null(seed.Element(News + "news"));

        var news = UrlOf((string)fresh["slug"]!).Element(News + "news");
        Assert.NotNull(news);
        Assert.Equal("NewsApi", news.Element(News + "publication")!.Element(News + "name")!.Value);
        Assert.Equal("vi", news.Element(News + "publication")!.Element(News + "language")!.Value);
        Assert.Equal("Bài vừa xuất bản cho sơ đồ trang", news.Element(News + "title")!.Value);
        var published = DateTimeOffset.Parse(news.Element(News + "publication_date")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(DateTimeOffset.UtcNow - published < TimeSpan.FromMinutes(5), $"publication_date {published}");
    }

    [Fact]
    public async Task JsonLdOfTheSeedIsANewsArticleWithCreditsRolesAndPublisher()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/" + SeedSlug);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
        var response = await factory.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("Accept", response.Headers.Vary);

        var ld = await response.ReadJson();
        Assert.Equal("https://schema.org", (string)ld["@context"]!);
        Assert.Equal("NewsArticle", (string)ld["@type"]!);
        Assert.Equal(SeedHeadline, (string)ld["headline"]!);
        Assert.StartsWith("Sáng 10-12,", (string)ld["description"]!);
        Assert.StartsWith("Năm 2020, Tổng cục CNQP", (string)ld["articleBody"]!);
        Assert.Equal("2020-12-10T00:00:00+07:00", (string)ld["datePublished"]!);
        Assert.NotNull(ld["dateModified"]);
        Assert.Equal("vi", (string)ld["inLanguage"]!);
        Assert.Equal("Sáng 10-12", (string)ld["dateline"]!);

        var author = Assert.Single(ld["author"]!.AsArray())!;
        Assert.Equal("Person", (string)author["@type"]!);
        Assert.Equal(SeedAuthor, (string)author["name"]!);
        Assert.Equal(["text", "photo"], author["jobTitle"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("QĐND", (string)ld["sourceOrganization"]!["name"]!);

        var publisher = ld["publisher"]!;
        Assert.Equal("NewsMediaOrganization", (string)publisher["@type"]!);
        Assert.Equal("NewsApi", (string)publisher["name"]!);
        Assert.Equal("PostalAddress", (string)publisher["address"]!["@type"]!);
        Assert.Equal("Tổ 6 phường Quan Triều, Thành phố Thái Nguyên, Tỉnh Thái Nguyên", (string)publisher["address"]!["streetAddress"]!);
        Assert.Equal("+842083844179", (string)publisher["telephone"]!);
    }

    [Fact]
    public async Task ADraftAskedForAsJsonLdWithoutAKeyIs404()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var draft = await CreateAsync(writer, "Bản nháp hỏi dưới dạng JSON-LD");
        var url = $"/api/v1/articles/{(int)draft["id"]!}";

        var anonymous = new HttpRequestMessage(HttpMethod.Get, url);
        anonymous.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
        var problem = await (await factory.CreateClient().SendAsync(anonymous)).ProblemOf(404);
        Assert.DoesNotContain("Bản nháp", problem.ToJsonString());

        var withKey = new HttpRequestMessage(HttpMethod.Get, url);
        withKey.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
        var response = await factory.ClientWithScope(Scopes.ContentRead).SendAsync(withKey);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData("application/json, application/ld+json;q=0.5")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    public async Task AnArticleStaysJsonUnlessJsonLdIsPreferred(string? accept)
    {
        var client = factory.CreateClient();
        // Asked for as JSON-LD first, so an in-process cache that ignored Accept would hand that back.
        var jsonLd = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/" + SeedSlug);
        jsonLd.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
        Assert.Equal("application/ld+json", (await client.SendAsync(jsonLd)).Content.Headers.ContentType?.MediaType);

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/" + SeedSlug);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        var response = await client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var article = await response.ReadJson();
        Assert.Equal(SeedSlug, (string)article["slug"]!);
        Assert.Null(article["@context"]);
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task EveryFeedHasAStrongETagAndAnswers304WhenTheClientHasIt(string path, string mediaType)
    {
        var client = factory.CreateClient();
        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(mediaType, first.Content.Headers.ContentType?.MediaType);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal("public, max-age=5", first.Headers.CacheControl?.ToString());

        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // A key changes nothing in a feed, so the answer stays public and keeps its ETag.
        var withKey = await factory.ClientWithScope(Scopes.ContentRead).GetAsync(path);
        Assert.Equal("public, max-age=5", withKey.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task FeedLinksFollowSiteBaseUrlWhenItIsSet()
    {
        using var configured = new ConfiguredSite();
        var feed = await (await configured.CreateClient().GetAsync("/feeds/feed.json")).ReadJson();
        Assert.Equal("Báo Thử Nghiệm", (string)feed["title"]!);
        Assert.Equal("https://bao.example.vn/feeds/feed.json", (string)feed["feed_url"]!);
        Assert.Equal("https://bao.example.vn/api/v1/articles/" + SeedSlug, (string)feed["items"]![0]!["url"]!);
    }

    private sealed class ConfiguredSite : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Site:BaseUrl"] = "https://bao.example.vn/",
            ["Site:Name"] = "Báo Thử Nghiệm",
        };
    }
}

/// <summary>A sitemap beyond one file's limit becomes an index; links point at the front end when Site:ArticleUrl says where.</summary>
public class LargeSitemapTests(LargeSitemapTests.Factory factory) : IClassFixture<LargeSitemapTests.Factory>
{
    public sealed class Factory : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Sitemap:UrlsPerFile"] = "2",
            ["Site:ArticleUrl"] = "https://baoquankhu7.vn/tin-tuc/{slug}.html",
        };
    }

    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task MoreArticlesThanOneFileHoldsGiveAnIndexOfPagesThatCoverThemAll()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var slugs = new List<string> { "tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020" };
        foreach (var headline in new[] { "Bộ đội biên phòng tuần tra", "Dân quân tự vệ huấn luyện", "Hải quân diễn tập" })
        {
            var created = await (await writer.PostAsync("/api/v1/articles", Http.JsonBody(new { headline, lead = "Sáng 2-3, tin mới.", status = "published" }))).ReadJson();
            slugs.Add((string)created["slug"]!);
        }
        await writer.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = "Bản nháp không vào sitemap", lead = "Chưa duyệt." }));

        var client = factory.CreateClient();
        var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        var pages = index.Root.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value).AbsolutePath).ToList();
        Assert.Equal(["/sitemaps/1.xml", "/sitemaps/2.xml"], pages);

        var locs = new List<string>();
        foreach (var page in pages)
        {
            var response = await client.GetAsync(page);
            Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
            var urlset = XDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(Sitemap + "urlset", urlset.Root!.Name);
            locs.AddRange(urlset.Root.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value));
        }
        Assert.Equal(slugs.Select(s => $"https://baoquankhu7.vn/tin-tuc/{s}.html").Order(), locs.Order());
        // Newest first: the last article created opens page 1.
        Assert.Equal($"https://baoquankhu7.vn/tin-tuc/{slugs[^1]}.html", locs[0]);

        await (await client.GetAsync("/sitemaps/3.xml")).ProblemOf(404);
        await (await client.GetAsync("/sitemaps/0.xml")).ProblemOf(404);

        // Feeds link to the same front-end pages.
        var rss = await client.GetStringAsync("/feeds/rss.xml");
        Assert.Contains($"<link>https://baoquankhu7.vn/tin-tuc/{slugs[^1]}.html</link>", rss);
    }
}
