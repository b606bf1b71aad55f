using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NewsApi.Keys;
using NewsApi.Webhooks;

namespace NewsApi.Tests;

/// <summary>Delivery turned on, fast: retries after 0.2 s (doubling, at most 1 s), 3 s per attempt, 4 attempts, to 127.0.0.1.</summary>
public class WebhookFactory : NewsApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:DeliveryEnabled"] = "true",
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:PollIntervalMilliseconds"] = "50",
        ["Webhooks:FirstRetrySeconds"] = "0.2",
        ["Webhooks:MaxRetrySeconds"] = "1",
        ["Webhooks:TimeoutSeconds"] = "3",
        ["Webhooks:LeaseSeconds"] = "10",
        ["Webhooks:MaxAttempts"] = "4",
        ["Publishing:SchedulerIntervalSeconds"] = "1",
    };
}

public class WebhookTests(WebhookFactory factory) : IClassFixture<WebhookFactory>, IAsyncLifetime
{
    private WebhookReceiver receiver = null!;
    private readonly HttpClient admin = factory.ClientWithScope(Scopes.Admin);

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        // Subscriptions of this test end with it: the class's other tests share the app and must not hear from them.
        foreach (var hook in (await admin.GetFromJsonAsync<List<WebhookResponse>>("/api/v1/webhooks", NewsApi.Http.Json.Options))!)
        {
            await admin.DeleteAsync($"/api/v1/webhooks/{hook.Id}");
        }
        await receiver.DisposeAsync();
    }

    private async Task<CreatedWebhookResponse> SubscribeAsync(string[]? events = null, string format = "json", string path = "/hook")
    {
        var response = await admin.PostAsync("/api/v1/webhooks", Http.JsonBody(new
        {
            url = receiver.Url.Replace("/hook", path, StringComparison.Ordinal),
            events = events ?? WebhookEventTypes.Subscribable,
            format,
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return (await response.Content.ReadFromJsonAsync<CreatedWebhookResponse>(NewsApi.Http.Json.Options))!;
    }

    private async Task<int> CreateArticleAsync(HttpClient writer, string headline)
    {
        var created = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline,
            lead = "Sáng 2-3, tại Hà Nội, một sự kiện diễn ra.",
            byline = new { text = "Tin, ảnh: HƯƠNG HỒNG THU (QĐND)" },
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (int)(await created.ReadJson())["id"]!;
    }

    private static void AssertSigned(Received received, string secret) =>
        Assert.True(WebhookSignature.Verify(secret, received.Id, received.Timestamp, received.Body, received.Signature),
            $"signature {received.Signature} does not verify for {received.Id}");

    private static string TypeOf(Received r) => (string)JsonNode.Parse(r.Body)!["type"]!;

    private static int? ArticleOf(Received r) => (int?)JsonNode.Parse(r.Body)!["data"]?["article"]?["id"];

    private async Task<WebhookDeliveryPage> DeliveriesAsync(int hook) =>
        (await admin.GetFromJsonAsync<WebhookDeliveryPage>($"/api/v1/webhooks/{hook}/deliveries?pageSize=100", NewsApi.Http.Json.Options))!;

    private async Task<List<WebhookDeliveryResponse>> WaitForDeliveriesAsync(int hook, Func<List<WebhookDeliveryResponse>, bool> condition, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var items = (await DeliveriesAsync(hook)).Items.ToList();
            if (condition(items))
            {
                return items;
            }
            Assert.True(DateTime.UtcNow < deadline, $"deliveries: {string.Join(", ", items.Select(d => $"{d.Type} {d.Status} x{d.Attempts} {d.ResponseCode} {d.Error}"))}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public void SignaturesMatchTheStandardWebhooksTestVector()
    {
        // The specification's published vector: a receiver's Standard Webhooks or Svix library accepts what we send.
        const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string Body = """{"test": 2432232314}""";
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(Secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Body));
        Assert.True(WebhookSignature.Verify(Secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Body, "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        Assert.False(WebhookSignature.Verify(Secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, Body, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        Assert.False(WebhookSignature.Verify(Secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Body + " ", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        Assert.StartsWith("whsec_", WebhookSignature.NewSecret());
        Assert.Equal(24, Convert.FromBase64String(WebhookSignature.NewSecret()["whsec_".Length..]).Length);
    }

    [Fact]
    public async Task EveryChangeOfAnArticleReachesTheSubscriberSignedOnceAndInOrder()
    {
        var hook = await SubscribeAsync();
        Assert.StartsWith("whsec_", hook.Secret);
        // The secret is shown once: never again, in the item or the list.
        Assert.DoesNotContain("whsec_", await admin.GetStringAsync($"/api/v1/webhooks/{hook.Id}"));
        Assert.DoesNotContain("whsec_", await admin.GetStringAsync("/api/v1/webhooks"));

        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await CreateArticleAsync(writer, "Bài gửi tới người đăng ký");
        Assert.Equal(HttpStatusCode.OK, (await writer.PatchAsync($"/api/v1/articles/{id}", Http.RawJson("""{"headline":"Bài gửi tới người đăng ký, sửa"}""", "application/merge-patch+json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync($"/api/v1/articles/{id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync($"/api/v1/articles/{id}/unpublish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/articles/{id}")).StatusCode);

        var got = await receiver.WaitForAsync(r => r.Count(x => ArticleOf(x) == id) >= 5);
        await Task.Delay(500);
        got = receiver.Requests.Where(r => ArticleOf(r) == id).ToList();
        Assert.Equal(["article.created", "article.updated", "article.published", "article.unpublished", "article.deleted"], got.Select(TypeOf));
        Assert.All(got, r => AssertSigned(r, hook.Secret));
        Assert.Equal(5, got.Select(r => r.Id).Distinct().Count());
        Assert.All(got, r => Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - r.Timestamp, 0, 60));

        var published = JsonNode.Parse(got[2].Body)!;
        Assert.Equal("published", (string)published["data"]!["article"]!["status"]!);
        Assert.Equal("Bài gửi tới người đăng ký, sửa", (string)published["data"]!["article"]!["headline"]!);
        Assert.Equal([$"article-{id}", "list", $"contributor-{(int)published["data"]!["article"]!["byline"]!["credits"]![0]!["contributorId"]!}"],
            published["data"]!["surrogateKeys"]!.AsArray().Select(k => (string)k!));
        Assert.True(DateTimeOffset.Parse((string)published["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-5));

        var log = (await DeliveriesAsync(hook.Id)).Items.Where(d => d.ArticleId == id).ToList();
        Assert.Equal(5, log.Count);
        Assert.All(log, d => Assert.Equal(("delivered", 1, 200), (d.Status, d.Attempts, d.ResponseCode)));
        Assert.All(log, d => Assert.NotNull(d.DeliveredAt));
        Assert.Equal(got.Select(r => r.Id).Reverse(), log.Select(d => d.MessageId));
    }

    [Fact]
    public async Task ASubscriberGetsOnlyTheEventsItAskedFor()
    {
        var hook = await SubscribeAsync([WebhookEventTypes.Published]);
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await CreateArticleAsync(writer, "Chỉ báo khi xuất bản");
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync($"/api/v1/articles/{id}/publish", null)).StatusCode);
        // Published at once on creation: created and published, of which this subscriber wants the second.
        var born = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = "Xuất bản ngay khi tạo", lead = "Sáng 2-3, xuất bản ngay.", status = "published" }));
        var bornId = (int)(await born.ReadJson())["id"]!;
        var got = await receiver.WaitForAsync(r => r.Count(x => ArticleOf(x) == id || ArticleOf(x) == bornId) >= 2);
        await Task.Delay(500);
        Assert.Equal([(id, "article.published"), (bornId, "article.published")],
            // Two articles: each in order, but not in order with each other.
            receiver.Requests.Where(r => ArticleOf(r) == id || ArticleOf(r) == bornId).Select(r => (ArticleOf(r)!.Value, TypeOf(r))).Order());
        Assert.Equal(2, (await DeliveriesAsync(hook.Id)).Total);
    }

    [Fact]
    public async Task AScheduledPublicationIsAnUpdateWhenScheduledAndPublishedWhenItsTimeComes()
    {
        await SubscribeAsync([WebhookEventTypes.Updated, WebhookEventTypes.Published]);
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await CreateArticleAsync(writer, "Bài hẹn giờ báo cho người đăng ký");
        var at = DateTimeOffset.UtcNow.AddSeconds(2);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync($"/api/v1/articles/{id}/publish", Http.JsonBody(new { publishAt = at }))).StatusCode);
        var got = await receiver.WaitForAsync(r => r.Count(x => ArticleOf(x) == id) >= 2, 30);
        Assert.Equal(["article.updated", "article.published"], got.Where(r => ArticleOf(r) == id).Select(TypeOf));
        var published = JsonNode.Parse(got.Last(r => ArticleOf(r) == id).Body)!["data"]!["article"]!;
        Assert.Equal("published", (string)published["status"]!);
        Assert.True(DateTimeOffset.UtcNow >= at, "announced as published before its time");
    }

    [Fact]
    public async Task AReceiverFailingTwiceGetsEachEventOnTheThirdAttemptStillInOrder()
    {
        var hook = await SubscribeAsync();
        receiver.Answer = (r, _) => Task.FromResult(r.Attempt <= 2 ? 503 : 204);
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await CreateArticleAsync(writer, "Người nhận lỗi hai lần");
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await writer.PatchAsync($"/api/v1/articles/{id}", Http.RawJson($$"""{"headline":"Người nhận lỗi hai lần, lần {{i}}"}""", "application/merge-patch+json"))).StatusCode);
        }

        var log = await WaitForDeliveriesAsync(hook.Id, d => d.Count(x => x.ArticleId == id && x.Status == "delivered") == 4, 40);
        var got = receiver.Requests.Where(r => ArticleOf(r) == id).ToList();
        // Each message three times with one webhook-id (each attempt freshly signed); no message before the one before it succeeded.
        Assert.Equal(12, got.Count);
        Assert.All(got, r => AssertSigned(r, hook.Secret));
        Assert.Equal(got.Select(r => r.Id).Distinct().SelectMany(m => new[] { (m, 1), (m, 2), (m, 3) }), got.Select(r => (r.Id, r.Attempt)));
        Assert.Equal(["article.created", "article.updated", "article.updated", "article.updated"], got.Where(r => r.Attempt == 3).Select(TypeOf));
        Assert.Equal([1, 2, 3], got.Where(r => TypeOf(r) == "article.updated" && r.Attempt == 3)
            .Select(r => int.Parse(((string)JsonNode.Parse(r.Body)!["data"]!["article"]!["headline"]!)[^1..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(log.Where(d => d.ArticleId == id), d => Assert.Equal((3, 204), (d.Attempts, d.ResponseCode)));
    }

    [Fact]
    public async Task AReceiverThatNeverAnswersTimesOutFailsAfterTheLastAttemptAndCanBeRetried()
    {
        var hook = await SubscribeAsync();
        var answering = false;
        receiver.Answer = async (_, ct) =>
        {
            if (!answering)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            return 200;
        };
        var ping = await admin.PostAsync($"/api/v1/webhooks/{hook.Id}/ping", null);
        Assert.Equal(HttpStatusCode.Accepted, ping.StatusCode);
        var queued = (await ping.Content.ReadFromJsonAsync<WebhookDeliveryResponse>(NewsApi.Http.Json.Options))!;
        Assert.Equal(("ping", "pending", 0), (queued.Type, queued.Status, queued.Attempts));

        var failed = Assert.Single(await WaitForDeliveriesAsync(hook.Id, d => d.Any(x => x.Status == "failed"), 30));
        Assert.Equal(4, failed.Attempts);
        Assert.Null(failed.ResponseCode);
        Assert.Contains("No answer within 3 s", failed.Error);
        Assert.Null(failed.NextAttemptAt);
        Assert.Equal(4, receiver.Requests.Count);

        answering = true;
        var retried = await admin.PostAsync($"/api/v1/webhooks/{hook.Id}/deliveries/{failed.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var delivered = Assert.Single(await WaitForDeliveriesAsync(hook.Id, d => d.Any(x => x.Status == "delivered")));
        Assert.Equal((1, 200), (delivered.Attempts, delivered.ResponseCode));
        var last = receiver.Requests.Last();
        Assert.Equal(failed.MessageId, last.Id);
        AssertSigned(last, hook.Secret);
        Assert.Equal(hook.Id, (int)JsonNode.Parse(last.Body)!["data"]!["webhookId"]!);
        // A delivery being sent or waiting for its next attempt is not retried twice.
        var again = await admin.PostAsync($"/api/v1/webhooks/{hook.Id}/ping", null);
        var pending = (await again.Content.ReadFromJsonAsync<WebhookDeliveryResponse>(NewsApi.Http.Json.Options))!;
        var conflict = await admin.PostAsync($"/api/v1/webhooks/{hook.Id}/deliveries/{pending.Id}/retry", null);
        Assert.True(conflict.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Accepted, conflict.StatusCode.ToString());
    }

    [Fact]
    public async Task TheReadmesReceiversInCSharpAndJavaScriptVerifyARealDelivery()
    {
        var hook = await SubscribeAsync();
        await admin.PostAsync($"/api/v1/webhooks/{hook.Id}/ping", null);
        var ping = Assert.Single(await receiver.WaitForAsync(r => r.Count >= 1));

        // C#: the README's function, as printed there, over the headers and the raw body.
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Headers["webhook-id"] = ping.Id;
        http.Request.Headers["webhook-timestamp"] = ping.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Request.Headers["webhook-signature"] = ping.Signature;
        Assert.True(ReadmeVerify(hook.Secret, http.Request, ping.Body));
        Assert.False(ReadmeVerify(hook.Secret, http.Request, ping.Body.Replace("ping", "pong", StringComparison.Ordinal)));

        // JavaScript: the README's code block itself, run by Node.
        var readme = await File.ReadAllTextAsync(Path.Combine(Fixtures.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("```js\n", readme.IndexOf("## Webhooks", StringComparison.Ordinal), StringComparison.Ordinal) + 6;
        var code = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)].Replace("import {", "const {", StringComparison.Ordinal)
            .Replace("} from \"node:crypto\";", "} = require(\"node:crypto\");", StringComparison.Ordinal);
        var check = code + """
            const m = JSON.parse(process.env.MESSAGE);
            const ok = verify(m.secret, m.headers, m.body), forged = verify(m.secret, m.headers, m.body + " ");
            console.log(ok && !forged ? "verified" : `ok=${ok} forged=${forged}`);
            """;
        var script = Path.Combine(factory.Database.Folder, "verify.cjs");
        await File.WriteAllTextAsync(script, check);
        var message = System.Text.Json.JsonSerializer.Serialize(new
        {
            secret = hook.Secret,
            headers = new Dictionary<string, string> { ["webhook-id"] = ping.Id, ["webhook-timestamp"] = ping.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), ["webhook-signature"] = ping.Signature },
            body = ping.Body,
        });
        var (exit, output, error) = await AppProcess.RunAsync("node", [script], factory.Database.Folder, new Dictionary<string, string> { ["MESSAGE"] = message });
        Assert.True(exit == 0, error);
        Assert.Equal("verified", output.Trim());
    }

    // Copied from the README's "Webhooks" section: if this stops compiling or verifying, the README is wrong.
    static bool ReadmeVerify(string secret, Microsoft.AspNetCore.Http.HttpRequest request, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = $"{request.Headers["webhook-id"]}.{request.Headers["webhook-timestamp"]}.{body}";
        var expected = "v1," + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(signed)));
        var fresh = Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(request.Headers["webhook-timestamp"]!, System.Globalization.CultureInfo.InvariantCulture)) < 300;
        return fresh && request.Headers["webhook-signature"].ToString().Split(' ').Any(s =>
            System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(s), System.Text.Encoding.ASCII.GetBytes(expected)));
    }

    [Fact]
    public async Task ASlowReceiverWithinTheTimeoutIsDeliveredOnce()
    {
        var hook = await SubscribeAsync();
        receiver.Answer = async (_, ct) =>
        {
            await Task.Delay(1500, ct);
            return 200;
        };
        await admin.PostAsync($"/api/v1/webhooks/{hook.Id}/ping", null);
        var delivered = Assert.Single(await WaitForDeliveriesAsync(hook.Id, d => d.Any(x => x.Status == "delivered")));
        Assert.Equal(1, delivered.Attempts);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task ARedirectIsAFailedAttemptAndIsNotFollowed()
    {
        var hook = await SubscribeAsync();
        receiver.Answer = (_, _) => Task.FromResult(302);
        await admin.PostAsync($"/api/v1/webhooks/{hook.Id}/ping", null);
        var failed = Assert.Single(await WaitForDeliveriesAsync(hook.Id, d => d.Any(x => x.Status == "failed"), 30));
        Assert.Equal(302, failed.ResponseCode);
        Assert.Contains("redirect", failed.Error);
        Assert.All(receiver.Requests, r => Assert.Equal("/hook", r.Path));
    }

    [Fact]
    public async Task ANinjsSubscriberGetsValidNinjs()
    {
        var hook = await SubscribeAsync([WebhookEventTypes.Created, WebhookEventTypes.Deleted], "ninjs");
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var id = await CreateArticleAsync(writer, "Bài gửi dạng ninjs");
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/articles/{id}")).StatusCode);
        var got = await receiver.WaitForAsync(r => r.Count >= 2);
        Assert.All(got, r => AssertSigned(r, hook.Secret));
        var ninjs = got.Select(r => JsonNode.Parse(r.Body)!["data"]!["ninjs"]!).ToList();
        Assert.All(ninjs, n => NinjsSchema.AssertValid(n, "a webhook's ninjs"));
        Assert.Equal([$"http://localhost/api/v1/articles/{id}", $"http://localhost/api/v1/articles/{id}"], ninjs.Select(n => (string)n["uri"]!));
        Assert.Equal(["withheld", "canceled"], ninjs.Select(n => (string)n["pubStatus"]!));
        Assert.Null(JsonNode.Parse(got[0].Body)!["data"]!["article"]);
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabaseSendEachEventOnce()
    {
        using var second = new NewsApiFactoryOnWithWebhooks(factory.Database);
        second.CreateClient();
        var hook = await SubscribeAsync([WebhookEventTypes.Created, WebhookEventTypes.Updated]);
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var ids = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            var id = await CreateArticleAsync(writer, $"Hai bản sao, bài {i}");
            ids.Add(id);
            await writer.PatchAsync($"/api/v1/articles/{id}", Http.RawJson("""{"lead":"Sáng 3-3, sửa lại."}""", "application/merge-patch+json"));
        }
        await WaitForDeliveriesAsync(hook.Id, d => d.Count(x => x.Status == "delivered") == 20);
        await Task.Delay(1000);
        var got = receiver.Requests.ToList();
        Assert.Equal(20, got.Count);
        Assert.Equal(20, got.Select(r => r.Id).Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Equal(["article.created", "article.updated"], got.Where(r => ArticleOf(r) == id).Select(TypeOf));
        }
    }

    [Fact]
    public async Task ADeliveryLeasedByAReplicaThatDiedIsSentWhenItsLeaseRunsOut()
    {
        var hook = await SubscribeAsync();
        // A pending delivery leased by a replica that was killed mid-attempt: the row its death leaves behind.
        var until = DateTime.UtcNow.AddSeconds(2);
        var messageId = WebhookOutbox.NewMessageId();
        factory.Db(db =>
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                SubscriptionId = hook.Id, Type = WebhookEventTypes.Ping, MessageId = messageId, Body = WebhookOutbox.PingBody(hook.Id, DateTimeOffset.UtcNow),
                NextAttemptAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, LeaseOwner = "killed-replica", LeaseUntil = until,
            });
            return db.SaveChanges();
        });
        await Task.Delay(1000);
        Assert.Empty(receiver.Requests);
        var got = Assert.Single(await receiver.WaitForAsync(r => r.Count >= 1, 10));
        Assert.True(DateTime.UtcNow >= until, "sent before the lease ran out");
        Assert.Equal(messageId, got.Id);
        AssertSigned(got, hook.Secret);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("hooks.example.com/x")]
    [InlineData("https://user:secret@hooks.example.com/x")]
    public async Task OnlyPlainHttpOrHttpsUrlsAreSubscribed(string url)
    {
        var response = await admin.PostAsync("/api/v1/webhooks", Http.JsonBody(new { url, events = new[] { "article.published" } }));
        var problem = await response.ProblemOf(400);
        Assert.NotNull(problem["errors"]!["url"]);
    }

    [Theory]
    [InlineData("[]", "events")]
    [InlineData("""["article.published","article.published"]""", "events")]
    [InlineData("""["article.exploded"]""", "events[0]")]
    public async Task EventsAreNamedOnceFromTheList(string events, string field)
    {
        var response = await admin.PostAsync("/api/v1/webhooks", Http.RawJson($$"""{"url":"{{receiver.Url}}","events":{{events}}}"""));
        var problem = await response.ProblemOf(400);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task WebhooksNeedAnAdminKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientWithScope(Scopes.ContentWrite).GetAsync("/api/v1/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/webhooks/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/webhooks/999999/deliveries/1/retry", null)).StatusCode);
    }
}

/// <summary>A second instance, with webhooks delivered, over the same database as another (a replica).</summary>
public sealed class NewsApiFactoryOnWithWebhooks(TestDatabase existing) : WebhookFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", existing.Provider);
        builder.UseSetting("ConnectionStrings:NewsDb", existing.ConnectionString);
    }
}

/// <summary>Where deliveries may not go, with Webhooks:AllowPrivateTargets left false.</summary>
public class WebhookTargetTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://127.8.9.10:8080/hook")]
    [InlineData("http://localhost:5000/hook")]
    [InlineData("http://api.localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.20.0.5/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    public async Task PrivateAndLoopbackTargetsAreRefused(string url)
    {
        var admin = factory.ClientWithScope(Scopes.Admin);
        var response = await admin.PostAsync("/api/v1/webhooks", Http.JsonBody(new { url, events = new[] { "article.published" } }));
        var problem = await response.ProblemOf(400);
        Assert.Contains("url", problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task APublicTargetIsSubscribed()
    {
        var admin = factory.ClientWithScope(Scopes.Admin);
        var response = await admin.PostAsync("/api/v1/webhooks", Http.JsonBody(new { url = "https://93.184.215.14/hook", events = new[] { "article.published" } }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("2001:4860:4860::8888", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("::127.0.0.1", true)]
    [InlineData("2002:7f00:1::", true)]
    [InlineData("64:ff9b::a00:1", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("fc00::1", true)]
    public void AddressesAreSortedIntoPublicAndPrivate(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, WebhookTargets.IsPrivate(IPAddress.Parse(address)));

    [Fact]
    public async Task ANameThatResolvesToLoopbackIsRefusedWhenConnecting()
    {
        // A server really listens on 127.0.0.1; "localhost" resolves to it (from /etc/hosts, no DNS server needed).
        // The check runs on the resolved address, so the connection is never made and the server sees nothing.
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.Url).Port;
        using var client = new HttpClient(WebhookTargets.Handler(allowPrivate: false));
        foreach (var url in new[] { $"http://localhost:{port}/hook", $"http://127.0.0.1:{port}/hook" })
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(url, new StringContent("{}")));
            Assert.IsType<RefusedTargetException>(error.InnerException);
        }
        Assert.Empty(receiver.Requests);
        using var allowed = new HttpClient(WebhookTargets.Handler(allowPrivate: true));
        Assert.Equal(HttpStatusCode.OK, (await allowed.PostAsync($"http://localhost:{port}/hook", new StringContent("{}"))).StatusCode);
        Assert.Single(receiver.Requests);
    }
}
