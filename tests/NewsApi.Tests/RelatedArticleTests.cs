using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NewsApi.Articles;
using NewsApi.Keys;
using NewsApi.Sections;

namespace NewsApi.Tests;

/// <summary>GET /articles/{idOrSlug}/related over real HTTP, on a fresh database (the seed paper's sections and article).</summary>
public class RelatedArticleTests : IClassFixture<RelatedArticleTests.Newsroom>
{
    /// <summary>An article about live firing at sea, and its neighbours: by tags, by section, by words, and some never shown.</summary>
    public sealed class Newsroom : IAsyncLifetime
    {
        public NewsApiFactory App { get; } = new();
        public ArticleResponse Subject { get; private set; } = null!;
        public ArticleResponse TwoTags { get; private set; } = null!;
        public ArticleResponse OneTag { get; private set; } = null!;
        public ArticleResponse SameSection { get; private set; } = null!;
        public ArticleResponse WordNear { get; private set; } = null!;
        public ArticleResponse Unrelated { get; private set; } = null!;
        public ArticleResponse Draft { get; private set; } = null!;
        public ArticleResponse Scheduled { get; private set; } = null!;
        public ArticleResponse DraftSubject { get; private set; } = null!;
        public string RetiredSlug { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var writer = App.ClientWithScope(Scopes.ContentWrite);
            var sections = (await App.CreateClient().GetFromJsonAsync<SectionTree>("/api/v1/sections", NewsApi.Http.Json.Options))!.Items;
            int Section(string slug) => sections.Single(s => s.Slug == slug).Id;

            async Task<ArticleResponse> Create(string headline, string section, string[] tags, string status = "published")
            {
                var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
                {
                    headline, lead = "Dẫn: " + headline + ".", status, sectionId = Section(section), tags,
                }));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<ArticleResponse>(NewsApi.Http.Json.Options))!;
            }

            Subject = await Create("Lữ đoàn 170 diễn tập bắn đạn thật trên biển", "bien-dao", ["Diễn tập", "Hải quân"]);
            TwoTags = await Create("Hội nghị sơ kết học kỳ", "van-hoa", ["diễn tập", "Hải quân"]);
            OneTag = await Create("Khai mạc giải bóng đá", "the-thao", ["Hải quân"]);
            SameSection = await Create("Trao quà tặng bà con", "bien-dao", []);
            WordNear = await Create("Bắn đạn thật ở thao trường Miếu Môn", "thoi-su", []);
            Unrelated = await Create("Giải cờ tướng học sinh", "thoi-su", []);
            Draft = await Create("Bản nháp diễn tập bắn đạn thật", "bien-dao", ["Diễn tập", "Hải quân"], "draft");
            Scheduled = await Create("Sắp đăng diễn tập bắn đạn thật", "bien-dao", ["Diễn tập", "Hải quân"], "draft");
            var scheduled = await writer.PostAsync($"/api/v1/articles/{Scheduled.Id}/publish", Http.JsonBody(new { publishAt = DateTimeOffset.UtcNow.AddYears(5) }));
            Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
            DraftSubject = await Create("Nháp về diễn tập trên biển", "bien-dao", ["Diễn tập"], "draft");

            // The subject's slug changes once: the old one answers 308.
            var renamed = await writer.PatchAsync($"/api/v1/articles/{Subject.Id}", Http.RawJson("""{"slug":"dien-tap-ban-dan-that-tren-bien"}""", "application/merge-patch+json"));
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            RetiredSlug = Subject.Slug;
            Subject = (await renamed.Content.ReadFromJsonAsync<ArticleResponse>(NewsApi.Http.Json.Options))!;
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly Newsroom newsroom;

    public RelatedArticleTests(Newsroom newsroom) => this.newsroom = newsroom;

    private async Task<List<int>> RelatedIds(string path, HttpClient? client = null)
    {
        var related = await (client ?? newsroom.App.CreateClient()).GetFromJsonAsync<RelatedArticles>(path, NewsApi.Http.Json.Options);
        return related!.Items.Select(i => i.Id).ToList();
    }

    [Fact]
    public async Task SharedTagsRankFirstThenSectionAndWordsAndNeverItselfNorWhatIsNotPublic()
    {
        var ids = await RelatedIds($"/api/v1/articles/{newsroom.Subject.Slug}/related?limit=20");

        Assert.Equal([newsroom.TwoTags.Id, newsroom.OneTag.Id], ids.Take(2));
        Assert.Contains(newsroom.SameSection.Id, ids);
        Assert.Contains(newsroom.WordNear.Id, ids);
        Assert.DoesNotContain(newsroom.Unrelated.Id, ids);
        Assert.DoesNotContain(newsroom.Subject.Id, ids);
        Assert.DoesNotContain(newsroom.Draft.Id, ids);
        Assert.DoesNotContain(newsroom.Scheduled.Id, ids);
        Assert.DoesNotContain(newsroom.DraftSubject.Id, ids);
    }

    [Fact]
    public async Task TheSameSectionRanksAboveAnUnrelatedArticle()
    {
        var ids = await RelatedIds($"/api/v1/articles/{newsroom.SameSection.Id}/related?limit=20");

        Assert.Equal(newsroom.Subject.Id, ids[0]);
        Assert.DoesNotContain(newsroom.Unrelated.Id, ids);
        Assert.DoesNotContain(newsroom.SameSection.Id, ids);
    }

    [Fact]
    public async Task LimitIsHonouredAndDefaultsToFive()
    {
        Assert.Equal([newsroom.TwoTags.Id], await RelatedIds($"/api/v1/articles/{newsroom.Subject.Id}/related?limit=1"));
        var all = await RelatedIds($"/api/v1/articles/{newsroom.Subject.Id}/related?limit=20");
        Assert.Equal(all.Take(2), await RelatedIds($"/api/v1/articles/{newsroom.Subject.Id}/related?limit=2"));
        Assert.Equal(all.Take(5), await RelatedIds($"/api/v1/articles/{newsroom.Subject.Id}/related"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("21")]
    [InlineData("abc")]
    [InlineData("-1")]
    public async Task ALimitOutOfRangeIsAProblem(string limit)
    {
        var response = await newsroom.App.CreateClient().GetAsync($"/api/v1/articles/{newsroom.Subject.Id}/related?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnknownArticleIsNotFound()
    {
        var client = newsroom.App.CreateClient();
        foreach (var path in new[] { "/api/v1/articles/999999/related", "/api/v1/articles/khong-co-bai-nay/related" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task ADraftsRelatedNeedAKeyAndShowOnlyPublishedArticles()
    {
        var anonymous = await newsroom.App.CreateClient().GetAsync($"/api/v1/articles/{newsroom.DraftSubject.Id}/related");
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);

        var ids = await RelatedIds($"/api/v1/articles/{newsroom.DraftSubject.Id}/related?limit=20", newsroom.App.ClientWithScope(Scopes.ContentRead));
        Assert.Contains(newsroom.Subject.Id, ids);
        Assert.Contains(newsroom.TwoTags.Id, ids);
        Assert.DoesNotContain(newsroom.Draft.Id, ids);
        Assert.DoesNotContain(newsroom.Scheduled.Id, ids);
    }

    [Fact]
    public async Task AnOldSlugRedirectsPermanently()
    {
        var client = newsroom.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/api/v1/articles/{newsroom.RetiredSlug}/related?limit=3");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"/api/v1/articles/{newsroom.Subject.Slug}/related?limit=3", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnswersCarryAnETagSurrogateKeysAndHonourIfNoneMatchAndHead()
    {
        var client = newsroom.App.CreateClient();
        var path = $"/api/v1/articles/{newsroom.Subject.Id}/related";

        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        var keys = first.Headers.GetValues("Surrogate-Key").Single().Split(' ');
        Assert.Contains($"article-{newsroom.Subject.Id}", keys);
        Assert.Contains("list", keys);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        using var head = new HttpRequestMessage(HttpMethod.Head, path);
        var headResponse = await client.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
        Assert.Equal(etag, headResponse.Headers.ETag);
        Assert.Empty(await headResponse.Content.ReadAsByteArrayAsync());
    }
}
