using System.Net;
using System.Net.Http.Headers;
using NewsApi.Keys;

namespace NewsApi.Tests;

public class ConcurrencyTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Fact]
    public async Task EightRacingWritersLoseNoUpdateAndGetNo5xx()
    {
        var key = factory.CreateKey(Scopes.ContentWrite, "racer");
        var setup = factory.CreateClient();
        setup.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var created = await setup.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = "Cuộc đua ghi", lead = "Dẫn.", body = new[] { new { type = "paragraph", text = "start" } } }));
        var id = (int)(await created.ReadJson())["id"]!;

        const int writers = 8, editsEach = 6;
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            for (var edit = 0; edit < editsEach; edit++)
            {
                while (true)
                {
                    var current = await client.GetAsync($"/api/v1/articles/{id}");
                    var article = await current.ReadJson();
                    var body = article["body"]!.AsArray().Select(b => (string)b!["text"]!).Append($"w{w}e{edit}")
                        .Select(t => new { type = "paragraph", text = t }).ToArray();
                    var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/articles/{id}")
                    {
                        Content = Http.RawJson(System.Text.Json.JsonSerializer.Serialize(new { body }), "application/merge-patch+json"),
                    };
                    patch.Headers.IfMatch.Add(current.Headers.ETag!);
                    var response = await client.SendAsync(patch);
                    statuses.Add((int)response.StatusCode);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                    Assert.True(response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict, $"{(int)response.StatusCode}");
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        Assert.DoesNotContain(statuses, s => s >= 500);
        var final = await (await setup.GetAsync($"/api/v1/articles/{id}")).ReadJson();
        var texts = final["body"]!.AsArray().Select(b => (string)b!["text"]!).ToList();
        Assert.Equal(1 + writers * editsEach, texts.Count);
        for (var w = 0; w < writers; w++)
        {
            for (var e = 0; e < editsEach; e++)
            {
                Assert.Contains($"w{w}e{e}", texts);
            }
        }
        Assert.Equal(1 + writers * editsEach, (int)final["version"]!);
        Assert.Equal(1 + writers * editsEach, factory.Db(db => db.ArticleRevisions.Count(r => r.ArticleId == id)));
    }

    [Fact]
    public async Task ConcurrentCreatesAllSucceedWithoutDatabaseLockedErrors()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            writer.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = $"Bài song song {i}", lead = "Dẫn.", byline = new { text = $"Tin: NGƯỜI VIẾT {"ABC"[i % 3]}" } }))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(3, factory.Db(db => db.Contributors.Count(c => c.Name.StartsWith("Người Viết"))));
    }
}

public class ConcurrentImportTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Fact]
    public async Task TheSamePageImportedTwelveTimesAtOnceMakesOneArticleAndEveryoneGetsIt()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        const string page = """
            Lữ đoàn Công binh 543 hoàn thành cầu phao vượt sông Đà

            Sáng 12-5, tại xã Tu Lý, huyện Đà Bắc, Lữ đoàn Công binh 543 đã hoàn thành bắc cầu phao phục vụ diễn tập.

            Cầu dài 200 mét, bảo đảm cho xe cơ giới qua lại an toàn.

            Tin, ảnh: ĐINH VĂN QUÂN
            """;
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
        {
            var content = new StringContent(page, System.Text.Encoding.UTF8, "text/plain");
            return writer.PostAsync("/api/v1/imports?publishedAt=2024-05-12T08:00:00%2B07:00", content);
        }));
        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == 201));
        Assert.Equal(11, codes.Count(c => c == 200));
        var ids = new HashSet<int>();
        foreach (var response in responses)
        {
            ids.Add((int)(await response.ReadJson())["article"]!["id"]!);
        }
        Assert.Single(ids);
        Assert.Equal(1, factory.Db(db => db.Articles.Count(a => a.Headline == "Lữ đoàn Công binh 543 hoàn thành cầu phao vượt sông Đà")));
    }
}
