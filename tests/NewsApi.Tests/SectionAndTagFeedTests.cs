using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using NewsApi.Articles;
using NewsApi.Keys;
using NewsApi.Sections;

namespace NewsApi.Tests;

/// <summary>Feeds and the sitemap by section (with its subsections) and by tag; sections and tags in every representation.</summary>
public class SectionAndTagFeedTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static TheoryData<string> Paths => new() { "/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json", "/sitemap.xml" };

    /// <summary>A parent section with a subsection, another top section, and a published article in each (the subsection's tagged).</summary>
    private sealed record World(
        SectionResponse Parent, SectionResponse Child, SectionResponse Other,
        ArticleResponse InParent, ArticleResponse InChild, ArticleResponse InOther, string Tag, string OtherTag);

    private readonly HttpClient admin = factory.ClientWithScope(Scopes.Admin);

    private async Task<SectionResponse> SectionAsync(string name, int? parentId = null)
    {
        var response = await admin.PostAsync("/api/v1/sections", Http.JsonBody(new { name, parentId }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SectionResponse>(NewsApi.Http.Json.Options))!;
    }

    private async Task<ArticleResponse> ArticleAsync(string headline, int? sectionId, string[] tags, string status = "published")
    {
        var response = await admin.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline,
            lead = "Sáng 2-3, một sự kiện diễn ra.",
            body = new[] { new { type = "paragraph", text = "Nội dung bài viết." } },
            sectionId,
            tags,
            status,
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ArticleResponse>(NewsApi.Http.Json.Options))!;
    }

    private async Task<World> WorldAsync(string marker)
    {
        var parent = await SectionAsync($"Biên giới {marker}");
        var child = await SectionAsync($"Đồn biên phòng {marker}", parent.Id);
        var other = await SectionAsync($"Văn hóa {marker}");
        var tag = $"Tuần tra {marker}";
        var otherTag = $"Lễ hội {marker}";
        var inParent = await ArticleAsync($"Bài của mục cha {marker}", parent.Id, []);
        var inChild = await ArticleAsync($"Bài của mục con {marker}", child.Id, [tag, otherTag]);
        var inOther = await ArticleAsync($"Bài của mục khác {marker}", other.Id, [otherTag]);
        return new World(parent, child, other, inParent, inChild, inOther, tag, otherTag);
    }

    private static SyndicationFeed Read(SyndicationFeedFormatter formatter, string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        Assert.True(formatter.CanRead(reader), "the formatter does not recognise the document");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    private static string TagSlugOf(ArticleResponse article, string name) => article.Tags.Single(t => t.Name == name).Slug;

    private static string[] KeysOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Surrogate-Key", out var values) ? string.Join(' ', values).Split(' ') : [];

    private async Task<string> GetOkAsync(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task AParentSectionsFeedListsItsSubsectionsArticlesAndNoOthers(string path)
    {
        var world = await WorldAsync("cha con " + path.Replace('/', ' ').Trim());
        foreach (var section in new[] { world.Parent.Slug, world.Parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            var body = await GetOkAsync($"{path}?section={section}");
            Assert.Contains(world.InChild.Slug, body);
            Assert.Contains(world.InParent.Slug, body);
            Assert.DoesNotContain(world.InOther.Slug, body);
            Assert.DoesNotContain("tong-cuc-cong-nghiep-quoc-phong", body);
        }
        // The subsection's feed has its own article only; the unfiltered feed has them all.
        var childs = await GetOkAsync($"{path}?section={world.Child.Slug}");
        Assert.Contains(world.InChild.Slug, childs);
        Assert.DoesNotContain(world.InParent.Slug, childs);
        var all = await GetOkAsync(path);
        Assert.All(new[] { world.InChild, world.InParent, world.InOther }, a => Assert.Contains(a.Slug, all));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ATagsFeedListsOnlyTheArticlesWithItAndCombinesWithASection(string path)
    {
        var world = await WorldAsync("the " + path.Replace('/', ' ').Trim());
        var tagSlug = TagSlugOf(world.InChild, world.Tag);
        var tagId = world.InChild.Tags.Single(t => t.Name == world.Tag).Id;
        foreach (var tag in new[] { tagSlug, tagId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            var body = await GetOkAsync($"{path}?tag={tag}");
            Assert.Contains(world.InChild.Slug, body);
            Assert.DoesNotContain(world.InParent.Slug, body);
            Assert.DoesNotContain(world.InOther.Slug, body);
        }
        var otherTag = TagSlugOf(world.InChild, world.OtherTag);
        var both = await GetOkAsync($"{path}?tag={otherTag}");
        Assert.Contains(world.InChild.Slug, both);
        Assert.Contains(world.InOther.Slug, both);
        var inSection = await GetOkAsync($"{path}?tag={otherTag}&section={world.Other.Slug}");
        Assert.Contains(world.InOther.Slug, inSection);
        Assert.DoesNotContain(world.InChild.Slug, inSection);
    }

    [Fact]
    public async Task RssNamesTheFilterAndGivesEachItemItsSectionWithItsPathThenItsTags()
    {
        var world = await WorldAsync("rss");
        var feed = Read(new Rss20FeedFormatter(), await GetOkAsync($"/feeds/rss.xml?section={world.Parent.Slug}"));
        Assert.Equal($"NewsApi — {world.Parent.Name}", feed.Title.Text);
        Assert.EndsWith($"/feeds/rss.xml?section={world.Parent.Slug}", feed.Links.Single(l => l.RelationshipType == "self").Uri.AbsoluteUri);
        var item = Assert.Single(feed.Items, i => i.Title.Text == world.InChild.Headline);
        Assert.Equal(
            [(world.Child.Name, world.Child.Path), (world.Tag, null), (world.OtherTag, null)],
            item.Categories.Select(c => (c.Name, (string?)c.Scheme)));
        Assert.Equal($"{world.Parent.Slug}/{world.Child.Slug}", world.Child.Path);
        Assert.Empty(Assert.Single(feed.Items, i => i.Title.Text == world.InParent.Headline).Categories.Skip(1));

        var tagged = Read(new Rss20FeedFormatter(), await GetOkAsync($"/feeds/rss.xml?section={world.Parent.Slug}&tag={TagSlugOf(world.InChild, world.Tag)}"));
        Assert.Equal($"NewsApi — {world.Parent.Name} — {world.Tag}", tagged.Title.Text);
        Assert.Equal([world.InChild.Headline], tagged.Items.Select(i => i.Title.Text));
    }

    [Fact]
    public async Task AtomCategoriesHaveTermLabelAndSchemeAndTheFeedIdSurvivesARename()
    {
        var world = await WorldAsync("atom");
        var url = $"/feeds/atom.xml?section={world.Parent.Slug}";
        var feed = Read(new Atom10FeedFormatter(), await GetOkAsync(url));
        Assert.Equal($"NewsApi — {world.Parent.Name}", feed.Title.Text);
        Assert.EndsWith(url, feed.Links.Single(l => l.RelationshipType == "self").Uri.AbsoluteUri);
        Assert.EndsWith($"/feeds/atom.xml?section={world.Parent.Id}", feed.Id);
        var entry = Assert.Single(feed.Items, i => i.Title.Text == world.InChild.Headline);
        var tagSlug = TagSlugOf(world.InChild, world.Tag);
        Assert.Equal(
            [(world.Child.Slug, world.Child.Name, "/api/v1/sections/"), (tagSlug, world.Tag, "/api/v1/tags/"),
                (TagSlugOf(world.InChild, world.OtherTag), world.OtherTag, "/api/v1/tags/")],
            entry.Categories.Select(c => (c.Name, c.Label, new Uri(c.Scheme).AbsolutePath)));
        // Scheme and term make the resource's URL.
        var category = entry.Categories[1];
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(new Uri(category.Scheme + category.Name).PathAndQuery)).StatusCode);

        // A renamed section: its old slug still names it, the self link moves to the new slug, the id stays.
        var renamed = await admin.PatchAsync($"/api/v1/sections/{world.Parent.Id}",
            Http.RawJson($$"""{"slug":"{{world.Parent.Slug}}-moi"}""", "application/merge-patch+json"));
        Assert.True(renamed.IsSuccessStatusCode, await renamed.Content.ReadAsStringAsync());
        var again = Read(new Atom10FeedFormatter(), await GetOkAsync(url));
        Assert.Contains(again.Items, i => i.Title.Text == world.InChild.Headline);
        Assert.EndsWith($"/feeds/atom.xml?section={world.Parent.Slug}-moi", again.Links.Single(l => l.RelationshipType == "self").Uri.AbsoluteUri);
        Assert.Equal(feed.Id, again.Id);
    }

    [Fact]
    public async Task JsonFeedItemsCarryTheSectionAndTagNamesAsTags()
    {
        var world = await WorldAsync("json");
        var feed = JsonNode.Parse(await GetOkAsync($"/feeds/feed.json?tag={TagSlugOf(world.InChild, world.Tag)}"))!;
        Assert.Equal($"NewsApi — {world.Tag}", (string)feed["title"]!);
        Assert.EndsWith($"/feeds/feed.json?tag={TagSlugOf(world.InChild, world.Tag)}", (string)feed["feed_url"]!);
        var item = Assert.Single(feed["items"]!.AsArray())!;
        Assert.Equal([world.Child.Name, world.Tag, world.OtherTag], item["tags"]!.AsArray().Select(t => (string)t!));

        // The seed's section and one of its tags share a name: JSON Feed's tags name it once.
        var seed = JsonNode.Parse(await GetOkAsync("/feeds/feed.json"))!["items"]!.AsArray()
            .Single(i => ((string)i!["url"]!).EndsWith("tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020", StringComparison.Ordinal))!;
        Assert.Equal(["Công nghiệp quốc phòng", "Hội nghị Quân chính"], seed["tags"]!.AsArray().Select(t => (string)t!));
        var other = Assert.Single(JsonNode.Parse(await GetOkAsync($"/feeds/feed.json?section={world.Other.Slug}"))!["items"]!.AsArray())!;
        Assert.Equal([world.Other.Name, world.OtherTag], other["tags"]!.AsArray().Select(t => (string)t!));
    }

    [Theory]
    [InlineData("/feeds/rss.xml")]
    [InlineData("/feeds/atom.xml")]
    [InlineData("/feeds/feed.json")]
    [InlineData("/sitemap.xml")]
    [InlineData("/sitemaps/1.xml")]
    public async Task BadFilterValuesAre400ProblemsNamingTheParameter(string path)
    {
        var client = factory.CreateClient();
        var tooLong = new string('a', SectionLimits.Slug + 1);
        foreach (var (query, field) in new[] { ($"section={tooLong}", "section"), ($"tag={tooLong}", "tag"), ("section=bien%01dao", "section"), ("tag=a%0Ab", "tag") })
        {
            var problem = await (await client.GetAsync($"{path}?{query}")).ProblemOf(400);
            Assert.NotNull(problem["errors"]![field]);
        }
    }

    [Theory]
    [InlineData("/feeds/rss.xml")]
    [InlineData("/feeds/atom.xml")]
    [InlineData("/feeds/feed.json")]
    [InlineData("/sitemap.xml")]
    [InlineData("/sitemaps/1.xml")]
    public async Task AnUnknownOrDeletedSectionOrAnUnpublishedTagIsA404Problem(string path)
    {
        var marker = "404 " + path.Replace('/', ' ').Replace('.', ' ').Trim();
        var deleted = await SectionAsync($"Chuyên mục đã xóa {marker}");
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync($"{path}?section={deleted.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/sections/{deleted.Id}")).StatusCode);
        var draft = await ArticleAsync($"Bản nháp có thẻ riêng {marker}", null, [$"Thẻ chưa công bố {marker}"], status: "draft");

        var client = factory.CreateClient();
        foreach (var query in new[] { $"section={deleted.Slug}", $"section={deleted.Id}", "section=khong-co-muc-nay", "tag=khong-co-the-nay",
                     "tag=99999", $"tag={draft.Tags[0].Slug}", $"tag={draft.Tags[0].Id}" })
        {
            var problem = await (await client.GetAsync($"{path}?{query}")).ProblemOf(404);
            Assert.Empty(KeysOf(await client.GetAsync($"{path}?{query}")));
            Assert.DoesNotContain("Thẻ chưa công bố", problem.ToJsonString());
        }
    }

    [Fact]
    public async Task FilteredFeedsNameTheSectionAndTagInSurrogateKey()
    {
        var world = await WorldAsync("khoa");
        var tagId = world.InChild.Tags.Single(t => t.Name == world.Tag).Id;
        var client = factory.CreateClient();
        foreach (var path in new[] { "/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json", "/sitemap.xml", "/sitemaps/1.xml" })
        {
            Assert.Equal(["list"], KeysOf(await client.GetAsync(path)));
            Assert.Equal(["list", $"section-{world.Parent.Id}"], KeysOf(await client.GetAsync($"{path}?section={world.Parent.Slug}")));
            Assert.Equal(["list", $"section-{world.Child.Id}", $"tag-{tagId}"],
                KeysOf(await client.GetAsync($"{path}?section={world.Child.Id}&tag={TagSlugOf(world.InChild, world.Tag)}")));
        }
    }

    [Fact]
    public async Task AnArticleNamesItsSectionAndTagsInSurrogateKeyFromTheStoredDocumentAndWhenRendered()
    {
        var world = await WorldAsync("bai khoa");
        var article = world.InChild;
        string[] expected = [$"article-{article.Id}", $"section-{world.Child.Id}", .. article.Tags.Select(t => $"tag-{t.Id}")];
        var client = factory.CreateClient();
        foreach (var encoding in new[] { "identity", "gzip", "br" })
        {
            var stored = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{article.Slug}");
            stored.Headers.AcceptEncoding.ParseAdd(encoding);
            Assert.Equal(expected, KeysOf(await client.SendAsync(stored)));
        }
        foreach (var accept in new[] { "application/ld+json", "application/ninjs+json" })
        {
            var rendered = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{article.Id}");
            rendered.Headers.Accept.ParseAdd(accept);
            Assert.Equal(expected, KeysOf(await client.SendAsync(rendered)));
        }
        Assert.Equal([$"article-{world.InParent.Id}", $"section-{world.Parent.Id}"], KeysOf(await client.GetAsync($"/api/v1/articles/{world.InParent.Id}")));
    }

    [Fact]
    public async Task TheFilteredSitemapKeepsItsNewsEntries()
    {
        var world = await WorldAsync("sitemap");
        var urlset = XDocument.Parse(await GetOkAsync($"/sitemap.xml?section={world.Parent.Slug}"));
        var urls = urlset.Root!.Elements(Sitemap + "url").ToList();
        Assert.Equal([world.InChild.Slug, world.InParent.Slug], urls.Select(u => u.Element(Sitemap + "loc")!.Value.Split('/')[^1]));
        XNamespace news = "http://www.google.com/schemas/sitemap-news/0.9";
        Assert.All(urls, u => Assert.Equal("NewsApi", u.Element(news + "news")!.Element(news + "publication")!.Element(news + "name")!.Value));
    }

    [Fact]
    public async Task JsonLdNamesTheSectionPathAndTheTagsAsKeywords()
    {
        var world = await WorldAsync("jsonld");
        var jsonLd = await JsonLdAsync(world.InChild.Slug);
        Assert.Equal([world.Parent.Name, world.Child.Name], jsonLd["articleSection"]!.AsArray().Select(s => (string)s!));
        Assert.Equal([world.Tag, world.OtherTag], jsonLd["keywords"]!.AsArray().Select(s => (string)s!));
        var top = await JsonLdAsync(world.InParent.Slug);
        Assert.Equal([world.Parent.Name], top["articleSection"]!.AsArray().Select(s => (string)s!));
        Assert.Null(top["keywords"]);

        var seed = await JsonLdAsync("tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020");
        Assert.Equal(["Quốc phòng - An ninh", "Công nghiệp quốc phòng"], seed["articleSection"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(["Hội nghị Quân chính", "Công nghiệp quốc phòng"], seed["keywords"]!.AsArray().Select(s => (string)s!));
    }

    private async Task<JsonNode> JsonLdAsync(string slug)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{slug}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
        var response = await factory.CreateClient().SendAsync(request);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadJson();
    }

    [Fact]
    public async Task NinjsSubjectsAreTheSectionAndTheTagsAndStayValid()
    {
        var world = await WorldAsync("ninjs");
        var item = await NinjsSchema.GetAsync(factory.CreateClient(), world.InChild.Slug);
        NinjsSchema.AssertValid(item, "an article with a section and tags");
        var subjects = item["subjects"]!.AsArray().Select(s => (
            (string)s!["name"]!, (string)s["rel"]!, new Uri((string)s["uri"]!).AbsolutePath, (string)s["literal"]!)).ToList();
        var tags = world.InChild.Tags;
        Assert.Equal(
            [(world.Child.Name, "section", $"/api/v1/sections/{world.Child.Id}", world.Child.Slug),
                (tags[0].Name, "tag", $"/api/v1/tags/{tags[0].Id}", tags[0].Slug),
                (tags[1].Name, "tag", $"/api/v1/tags/{tags[1].Id}", tags[1].Slug)],
            subjects);
        // Each uri is the resource it names.
        foreach (var (_, _, uri, _) in subjects)
        {
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(uri)).StatusCode);
        }

        var bare = await ArticleAsync("Bài không chuyên mục ninjs", null, []);
        var plain = await NinjsSchema.GetAsync(factory.CreateClient(), bare.Slug);
        NinjsSchema.AssertValid(plain, "an article with neither");
        Assert.Null(plain["subjects"]);
    }
}

/// <summary>A section's sitemap beyond one file: the index and its pages keep the filter, and the pages cover the section in order.</summary>
public class SectionSitemapIndexTests(SectionSitemapIndexTests.Factory factory) : IClassFixture<SectionSitemapIndexTests.Factory>
{
    public sealed class Factory : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Sitemap:UrlsPerFile"] = "2" };
    }

    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task ASectionsSitemapIndexListsPagesWithTheFilterThatCoverItsArticlesNewestFirst()
    {
        var admin = factory.ClientWithScope(Scopes.Admin);
        var section = (await (await admin.PostAsync("/api/v1/sections", Http.JsonBody(new { name = "Hải quân nhân dân" })))
            .Content.ReadFromJsonAsync<SectionResponse>(NewsApi.Http.Json.Options))!;
        var slugs = new List<string>();
        foreach (var (headline, day) in new[] { ("Tàu ngầm diễn tập", 3), ("Lễ thượng cờ trên tàu", 1), ("Hải đội tuần tra", 2) })
        {
            var created = await admin.PostAsync("/api/v1/articles", Http.JsonBody(new
            {
                headline,
                lead = "Sáng 2-3, tin mới.",
                sectionId = section.Id,
                status = "published",
                publishedAt = new DateTimeOffset(2024, 3, day, 8, 0, 0, TimeSpan.FromHours(7)),
            }));
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            slugs.Add((await created.Content.ReadFromJsonAsync<ArticleResponse>(NewsApi.Http.Json.Options))!.Slug);
        }

        var client = factory.CreateClient();
        var index = XDocument.Parse(await client.GetStringAsync($"/sitemap.xml?section={section.Id}"));
        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        var pages = index.Root.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value).PathAndQuery).ToList();
        Assert.Equal([$"/sitemaps/1.xml?section={section.Slug}", $"/sitemaps/2.xml?section={section.Slug}"], pages);
        var locs = new List<string>();
        foreach (var page in pages)
        {
            var urlset = XDocument.Parse(await client.GetStringAsync(page));
            locs.AddRange(urlset.Root!.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value.Split('/')[^1]));
        }
        Assert.Equal([slugs[0], slugs[2], slugs[1]], locs);
        await (await client.GetAsync($"/sitemaps/3.xml?section={section.Slug}")).ProblemOf(404);
    }
}
