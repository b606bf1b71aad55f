using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Articles;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>What front ends expect: search, publishing, slugs, revisions, caching and CORS.</summary>
public class DeliveryTests(DeliveryTests.Factory factory) : IClassFixture<DeliveryTests.Factory>
{
    public sealed class Factory : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Cors:AllowedOrigins:0"] = "https://toasoan.example.vn",
            ["Publishing:SchedulerIntervalSeconds"] = "1",
        };
    }

    private const string SeedSlug = "tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020";

    private async Task<JsonNode> CreateAsync(HttpClient writer, string headline, string? lead = null, string? body = null)
    {
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline,
            lead = lead ?? "Sáng 2-3, một sự kiện diễn ra.",
            body = new[] { new { type = "paragraph", text = body ?? "Nội dung bài viết." } },
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJson();
    }

    [Theory]
    [InlineData("hoi nghi quan chinh")]
    [InlineData("HỘI NGHỊ")]
    [InlineData("dang uy")]
    [InlineData("Đảng ủy")]
    [InlineData("huong hong thu")]
    [InlineData("vktbkt")]
    public async Task SearchFindsTheSeedWhateverTheTones(string q)
    {
        var list = await (await factory.CreateClient().GetAsync("/api/v1/articles?q=" + Uri.EscapeDataString(q))).ReadJson();
        Assert.Contains(list["items"]!.AsArray(), i => (string)i!["slug"]! == SeedSlug);
    }

    [Fact]
    public async Task SearchRanksHeadlineMatchesAboveBodyMatchesAndNeverShowsDrafts()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var inBody = await CreateAsync(writer, "Bài có từ khóa trong thân", body: "Tàu ngầm Kilo được bảo dưỡng định kỳ.");
        var inHeadline = await CreateAsync(writer, "Tàu ngầm Kilo hoàn thành bảo dưỡng");
        var draft = await CreateAsync(writer, "Tàu ngầm Kilo bản nháp bí mật");
        await writer.PostAsync($"/api/v1/articles/{(int)inBody["id"]!}/publish", null);
        await writer.PostAsync($"/api/v1/articles/{(int)inHeadline["id"]!}/publish", null);

        var results = await (await factory.CreateClient().GetAsync("/api/v1/articles?q=tau+ngam+kilo")).ReadJson();
        var ids = results["items"]!.AsArray().Select(i => (int)i!["id"]!).ToList();
        Assert.Equal([(int)inHeadline["id"]!, (int)inBody["id"]!], ids);
        Assert.DoesNotContain((int)draft["id"]!, ids);

        var withKey = await (await factory.ClientWithScope(Scopes.ContentRead).GetAsync("/api/v1/articles?q=tau+ngam+kilo&status=draft")).ReadJson();
        Assert.Equal([(int)draft["id"]!], withKey["items"]!.AsArray().Select(i => (int)i!["id"]!));
    }

    [Fact]
    public async Task PublishUnpublishAndScheduleControlWhatThePublicSees()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var article = await CreateAsync(writer, "Bài sẽ xuất bản rồi gỡ");
        var id = (int)article["id"]!;
        var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync($"/api/v1/articles/{id}")).ProblemOf(404);

        var published = await (await writer.PostAsync($"/api/v1/articles/{id}/publish", null)).ReadJson();
        Assert.Equal("published", (string)published["status"]!);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/articles/{id}?v=1")).StatusCode);

        var unpublished = await (await writer.PostAsync($"/api/v1/articles/{id}/unpublish", null)).ReadJson();
        Assert.Equal("draft", (string)unpublished["status"]!);
        await (await anonymous.GetAsync($"/api/v1/articles/{id}?v=2")).ProblemOf(404);

        var at = DateTimeOffset.UtcNow.AddSeconds(2);
        var scheduled = await (await writer.PostAsync($"/api/v1/articles/{id}/publish", Http.JsonBody(new { publishAt = at }))).ReadJson();
        Assert.Equal("scheduled", (string)scheduled["status"]!);
        await (await anonymous.GetAsync($"/api/v1/articles/{id}?v=3")).ProblemOf(404);
        await Task.Delay(at - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));
        var live = await (await anonymous.GetAsync($"/api/v1/articles/{id}?v=4")).ReadJson();
        Assert.Equal("published", (string)live["status"]!);

        // The scheduler stores it, so it survives a restart, and records the revision once.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (factory.Db(db => db.Articles.Single(a => a.Id == id).Status) != ArticleStatus.Published && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.Equal(ArticleStatus.Published, factory.Db(db => db.Articles.Single(a => a.Id == id).Status));
        Assert.Equal(1, factory.Db(db => db.ArticleRevisions.Count(r => r.ArticleId == id && r.Actor == "scheduler")));
        var publisher = factory.Services.GetRequiredService<ScheduledPublisher>();
        Assert.Equal(0, await publisher.PublishDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ChangingASlugKeepsTheOldOneAs308AndClashesAre409()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var article = await CreateAsync(writer, "Bài đổi đường dẫn");
        var id = (int)article["id"]!;
        await writer.PostAsync($"/api/v1/articles/{id}/publish", null);
        var patch = await writer.PatchAsync($"/api/v1/articles/{id}", Http.RawJson("{\"slug\":\"duong-dan-moi\"}", "application/merge-patch+json"));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        var noRedirect = factory.CreateClient(new() { AllowAutoRedirect = false });
        var old = await noRedirect.GetAsync("/api/v1/articles/bai-doi-duong-dan");
        Assert.Equal(HttpStatusCode.PermanentRedirect, old.StatusCode);
        Assert.Equal("/api/v1/articles/duong-dan-moi", old.Headers.Location!.OriginalString);

        var other = await CreateAsync(writer, "Bài khác");
        var clash = await writer.PatchAsync($"/api/v1/articles/{(int)other["id"]!}", Http.RawJson("{\"slug\":\"bai-doi-duong-dan\"}", "application/merge-patch+json"));
        await clash.ProblemOf(409);
        var clashCurrent = await writer.PatchAsync($"/api/v1/articles/{(int)other["id"]!}", Http.RawJson("{\"slug\":\"duong-dan-moi\"}", "application/merge-patch+json"));
        await clashCurrent.ProblemOf(409);
    }

    [Fact]
    public async Task EveryChangeIsARevisionWithWhoAndWhen()
    {
        var key = factory.CreateKey(Scopes.ContentWrite, "bien-tap-vien-a");
        var writer = factory.CreateClient();
        writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var article = await CreateAsync(writer, "Bài có lịch sử");
        var id = (int)article["id"]!;
        await writer.PatchAsync($"/api/v1/articles/{id}", Http.RawJson("{\"headline\":\"Bài có lịch sử (sửa)\"}", "application/merge-patch+json"));
        await writer.PutAsync($"/api/v1/articles/{id}/byline", Http.JsonBody(new { text = "Tin: LÊ VĂN C" }));

        await (await factory.CreateClient().GetAsync($"/api/v1/articles/{id}/revisions")).ProblemOf(401);
        var revisions = await (await writer.GetAsync($"/api/v1/articles/{id}/revisions")).ReadJson();
        Assert.Equal([3, 2, 1], revisions.AsArray().Select(r => (int)r!["number"]!));
        Assert.All(revisions.AsArray(), r => Assert.Equal("bien-tap-vien-a", (string)r!["actor"]!));
        var first = await (await writer.GetAsync($"/api/v1/articles/{id}/revisions/1")).ReadJson();
        Assert.Equal("Bài có lịch sử", (string)first["article"]!["headline"]!);
        var second = await (await writer.GetAsync($"/api/v1/articles/{id}/revisions/2")).ReadJson();
        Assert.Equal("Bài có lịch sử (sửa)", (string)second["article"]!["headline"]!);
        await (await writer.GetAsync($"/api/v1/articles/{id}/revisions/9")).ProblemOf(404);
    }

    [Fact]
    public async Task TheOutputCacheNeverServesAKeyHoldersViewToThePublic()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var reader = factory.ClientWithScope(Scopes.ContentRead);
        var draft = await CreateAsync(writer, "Bản nháp không được lọt vào bộ nhớ đệm");
        var url = "/api/v1/articles?status=draft&pageSize=100";
        var keyView = await (await reader.GetAsync(url)).Content.ReadAsStringAsync();
        Assert.Contains("lọt vào bộ nhớ đệm", keyView);
        await (await factory.CreateClient().GetAsync(url)).ProblemOf(401);

        var byId = $"/api/v1/articles/{(int)draft["id"]!}";
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(byId)).StatusCode);
        await (await factory.CreateClient().GetAsync(byId)).ProblemOf(404);

        // The public list, cached, picks up a publication on this instance at once.
        var before = await (await factory.CreateClient().GetAsync("/api/v1/articles?pageSize=100")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("lọt vào bộ nhớ đệm", before);
        await writer.PostAsync($"/api/v1/articles/{(int)draft["id"]!}/publish", null);
        var after = await (await factory.CreateClient().GetAsync("/api/v1/articles?pageSize=100")).Content.ReadAsStringAsync();
        Assert.Contains("lọt vào bộ nhớ đệm", after);
    }

    [Fact]
    public async Task ListPagesAreCachedSeparatelyByQuery()
    {
        var client = factory.CreateClient();
        var one = await (await client.GetAsync("/api/v1/articles?pageSize=1&page=1")).ReadJson();
        var two = await (await client.GetAsync("/api/v1/articles?pageSize=1&page=2")).ReadJson();
        Assert.Equal(1, (int)one["page"]!);
        Assert.Equal(2, (int)two["page"]!);
    }

    [Fact]
    public async Task CorsAllowsOnlyConfiguredOrigins()
    {
        var client = factory.CreateClient();
        var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        allowed.Headers.Add("Origin", "https://toasoan.example.vn");
        var response = await client.SendAsync(allowed);
        Assert.Equal("https://toasoan.example.vn", response.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        other.Headers.Add("Origin", "https://evil.example.com");
        var refused = await client.SendAsync(other);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
