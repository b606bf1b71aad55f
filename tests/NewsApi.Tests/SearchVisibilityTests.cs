using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>
/// A plain search is counted and ranked inside the full-text index, apart from the articles table; these tests hold it to
/// the same visibility rule as every other list, and to the same order as a filtered search.
/// </summary>
public class SearchVisibilityTests(SearchVisibilityTests.Factory factory) : IClassFixture<SearchVisibilityTests.Factory>
{
    public sealed class Factory : NewsApiFactory
    {
        // The scheduler stays out of the way, so a due schedule is still stored as scheduled when the search runs.
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Publishing:SchedulerIntervalSeconds"] = "3600",
        };
    }

    private static async Task<int> CreateAsync(HttpClient writer, string headline, string body, bool publish, DateTimeOffset? at = null)
    {
        var created = await (await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline,
            lead = "Sáng 2-3, một sự kiện diễn ra.",
            body = new[] { new { type = "paragraph", text = body } },
        }))).ReadJson();
        var id = (int)created["id"]!;
        if (publish)
        {
            var response = await writer.PostAsync($"/api/v1/articles/{id}/publish", at is null ? null : Http.JsonBody(new { publishAt = at }));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        return id;
    }

    private static List<int> Ids(JsonNode page) => page["items"]!.AsArray().Select(i => (int)i!["id"]!).ToList();

    [Fact]
    public async Task APlainSearchCountsAndRanksOnlyWhatThePublicMaySee()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var headlineHit = await CreateAsync(writer, "Cá voi xanh mắc cạn ở Cô Tô", "Ngư dân đưa cá về biển.", publish: true);
        var bodyHitOld = await CreateAsync(writer, "Tin biển đảo", "Một con cá voi xanh được thấy gần đảo.", publish: true);
        var bodyHitNew = await CreateAsync(writer, "Tin biển đảo", "Một con cá voi xanh được thấy gần đảo.", publish: true);
        var draft = await CreateAsync(writer, "Cá voi xanh: bản nháp", "Chưa duyệt.", publish: false);
        var future = await CreateAsync(writer, "Cá voi xanh sẽ về", "Hẹn giờ.", publish: true, DateTimeOffset.UtcNow.AddHours(1));
        var due = await CreateAsync(writer, "Cá voi xanh đã về", "Hẹn giờ đã tới.", publish: true, DateTimeOffset.UtcNow.AddHours(2));
        // A schedule whose time has come before the scheduler stored it: public by the query itself.
        factory.Db(db => db.Articles.Where(a => a.Id == due)
            .ExecuteUpdate(s => s.SetProperty(a => a.PublishedAt, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Equal(ArticleStatus.Scheduled, factory.Db(db => db.Articles.Single(a => a.Id == due).Status));

        var page = await (await factory.CreateClient().GetAsync("/api/v1/articles?q=ca+voi+xanh&pageSize=2")).ReadJson();
        Assert.Equal(4, (int)page["total"]!);
        var all = await (await factory.CreateClient().GetAsync("/api/v1/articles?q=CÁ+VOI+XANH&pageSize=50")).ReadJson();
        var ids = Ids(all);
        Assert.Equal(4, (int)all["total"]!);
        Assert.DoesNotContain(draft, ids);
        Assert.DoesNotContain(future, ids);
        Assert.Contains(due, ids);
        // Identical body matches tie on rank: the newer article first.
        Assert.True(ids.IndexOf(bodyHitNew) < ids.IndexOf(bodyHitOld), string.Join(",", ids));
        Assert.True(ids.IndexOf(headlineHit) < ids.IndexOf(bodyHitOld), string.Join(",", ids));
        Assert.Equal(ids.Take(2), Ids(page));

        // A key holder's plain search is the same public list; a filtered search (another query path) agrees on the order.
        var withKey = await (await factory.ClientWithScope(Scopes.ContentRead).GetAsync("/api/v1/articles?q=ca+voi+xanh&pageSize=50")).ReadJson();
        Assert.Equal(ids, Ids(withKey));
        var filtered = await (await factory.CreateClient().GetAsync("/api/v1/articles?q=ca+voi+xanh&pageSize=50&from=2000-01-01")).ReadJson();
        Assert.Equal(ids, Ids(filtered));
        Assert.Equal(4, (int)filtered["total"]!);

        // Unpublished by another instance (straight in the database, so this instance's caches are not emptied): the
        // shared ranking still names it for a few seconds, but no page shows it.
        factory.Db(db => db.Articles.Where(a => a.Id == headlineHit)
            .ExecuteUpdate(s => s.SetProperty(a => a.Status, ArticleStatus.Draft)));
        var after = await (await factory.CreateClient().GetAsync("/api/v1/articles?q=ca+voi+xanh&pageSize=49")).ReadJson();
        Assert.DoesNotContain(headlineHit, Ids(after));
        Assert.Contains(bodyHitOld, Ids(after));
    }
}

/// <summary>Search:MaxResults bounds a plain search to the most recently added matches the reader may see, total included; filters reach every match.</summary>
public class SearchWindowTests(SearchWindowTests.Factory factory) : IClassFixture<SearchWindowTests.Factory>
{
    public sealed class Factory : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Search:MaxResults"] = "3" };
    }

    [Fact]
    public async Task ASearchCoversOnlyTheMostRecentlyAddedMatches()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var ids = new List<int>();
        foreach (var place in new[] { "Tràm Chim", "Đồng Tháp", "Tam Nông", "Phú Cường", "Cà Mau" })
        {
            var created = await (await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
            {
                headline = $"Sếu đầu đỏ về {place}",
                lead = "Sáng 2-3, đàn sếu xuất hiện.",
                status = "published",
            }))).ReadJson();
            ids.Add((int)created["id"]!);
        }
        // Drafts added since take no place in the window: it holds the newest matches the reader may see.
        foreach (var headline in new[] { "Sếu đầu đỏ: bản nháp 1", "Sếu đầu đỏ: bản nháp 2", "Sếu đầu đỏ: bản nháp 3" })
        {
            await writer.PostAsync("/api/v1/articles", Http.JsonBody(new { headline, lead = "Sáng 2-3, chưa duyệt." }));
        }
        var newest = ids.TakeLast(3).ToHashSet();

        var all = await (await factory.CreateClient().GetAsync("/api/v1/articles?q=seu+dau+do&pageSize=10")).ReadJson();
        Assert.Equal(3, (int)all["total"]!);
        Assert.Equal(newest, all["items"]!.AsArray().Select(i => (int)i!["id"]!).ToHashSet());
        var second = await (await factory.CreateClient().GetAsync("/api/v1/articles?q=seu+dau+do&pageSize=2&page=2")).ReadJson();
        Assert.Single(second["items"]!.AsArray());
        Assert.Null(second["links"]!["next"]);

        // Filters and sorts apply within the same window, so no parameter makes a search reach (and cost) more.
        var filtered = await (await factory.CreateClient().GetAsync("/api/v1/articles?q=sếu+đầu+đỏ&from=2000-01-01&sort=publishedAt&pageSize=10")).ReadJson();
        Assert.Equal(3, (int)filtered["total"]!);
        Assert.Equal(newest, filtered["items"]!.AsArray().Select(i => (int)i!["id"]!).ToHashSet());
    }
}

public class LongArticleSearchTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Fact]
    public async Task AnArticleNearTheBodyLimitOfDistinctWordsIsStoredAndSearchableByItsOpening()
    {
        // About 2.8 MB of distinct made-up words: more than PostgreSQL's 1 MB tsvector could hold whole.
        var random = new Random(7);
        string Word() => new(Enumerable.Range(0, random.Next(5, 10)).Select(_ => "abcdeghiklmnopqrstuvxy"[random.Next(22)]).ToArray());
        var blocks = Enumerable.Range(0, 140).Select(_ => new { type = "paragraph", text = string.Join(' ', Enumerable.Range(0, 2600).Select(_ => Word()))[..19_900] }).ToList();
        var opening = blocks[0].text.Split(' ')[1];
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline = "Tài liệu rất dài",
            lead = "Sáng 2-3, một tài liệu dài được công bố.",
            status = "published",
            body = blocks,
        }));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (int)(await response.ReadJson())["id"]!;
        Assert.Equal(140, factory.Db(db => db.Articles.Single(a => a.Id == id).Body.Count));

        var found = await (await factory.CreateClient().GetAsync($"/api/v1/articles?q={opening}+tai+lieu")).ReadJson();
        Assert.Contains(found["items"]!.AsArray(), i => (int)i!["id"]! == id);
    }
}
