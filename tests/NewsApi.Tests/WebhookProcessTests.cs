using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NewsApi.Webhooks;

namespace NewsApi.Tests;

/// <summary>
/// Webhooks through real processes on one database (PostgreSQL in the suite's second run, one SQLite file in the first):
/// a replica killed (SIGKILL) in the middle of a delivery, then two replicas delivering together to one receiver.
/// </summary>
public sealed class WebhookProcessTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task AReplicaKilledMidDeliveryAndTwoReplicasTogetherDeliverEveryEventInOrderWithOnlyTheInterruptedOneTwice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hung = 0;
        receiver.Answer = async (_, ct) =>
        {
            // The very first request never gets an answer: its sender is killed while waiting for one.
            if (Interlocked.Exchange(ref hung, 1) == 0)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            return 200;
        };
        var environment = database.Environment;
        environment["RateLimiting__Enabled"] = "false";
        environment["Webhooks__AllowPrivateTargets"] = "true";
        environment["Webhooks__PollIntervalMilliseconds"] = "100";
        environment["Webhooks__FirstRetrySeconds"] = "0.2";
        environment["Webhooks__MaxRetrySeconds"] = "1";
        environment["Webhooks__TimeoutSeconds"] = "5";
        environment["Webhooks__LeaseSeconds"] = "8";
        environment["Webhooks__MaxAttempts"] = "50";
        var (exit, output, error) = await AppProcess.RunCommandAsync(environment, database.Folder, "keys", "create", "--name", "hooks-admin", "--scope", "admin");
        Assert.True(exit == 0, error);
        var key = output.TrimEnd().Split('\n')[^1];
        HttpClient As(AppProcess app)
        {
            var client = new HttpClient { BaseAddress = app.Client.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return client;
        }

        var articles = new List<int>();
        string secret;
        int hookId;
        await using (var doomed = await AppProcess.StartAsync(environment, database.Folder))
        {
            var client = As(doomed);
            var hook = await client.PostAsync("/api/v1/webhooks", Http.JsonBody(new { url = receiver.Url, events = new[] { "article.created", "article.updated" } }));
            var created = (await hook.Content.ReadFromJsonAsync<CreatedWebhookResponse>(NewsApi.Http.Json.Options))!;
            (secret, hookId) = (created.Secret, created.Id);
            articles.Add(await WriteAsync(client, 0));
            await receiver.WaitForAsync(r => r.Count >= 1);
            // Committed, claimed, sent, unanswered: the replica dies here, its lease still held.
            doomed.Kill();
        }

        await using var b = await AppProcess.StartAsync(environment, database.Folder);
        await using var c = await AppProcess.StartAsync(environment, database.Folder);
        HttpClient[] writers = [As(b), As(c)];
        for (var i = 1; i <= 6; i++)
        {
            articles.Add(await WriteAsync(writers[i % 2], i));
        }

        // Every article: created and two updates, three deliveries each.
        var expected = articles.Count * 3;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<JsonNode> log;
        while (true)
        {
            log = (await (await writers[0].GetAsync($"/api/v1/webhooks/{hookId}/deliveries?pageSize=100")).ReadJson())["items"]!.AsArray().Select(n => n!).ToList();
            if (log.Count(d => (string)d["status"]! == "delivered") == expected)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{log.Count(d => (string)d["status"]! == "delivered")} of {expected} delivered");
            await Task.Delay(200);
        }
        await Task.Delay(1500);
        var got = receiver.Requests.ToList();

        // At least once, and more only for the delivery whose sender was killed mid-attempt.
        Assert.Equal(expected, log.Count);
        Assert.Equal(expected + 1, got.Count);
        Assert.Equal(expected, got.Select(r => r.Id).Distinct().Count());
        var twice = Assert.Single(got.GroupBy(r => r.Id), g => g.Count() > 1);
        Assert.Equal(got[0].Id, twice.Key);
        Assert.All(got, r => Assert.True(WebhookSignature.Verify(secret, r.Id, r.Timestamp, r.Body, r.Signature), r.Id));
        // In order per article: each one's versions arrive 1, 2, 3 (after the interrupted attempt, which was answered on its retry).
        foreach (var id in articles)
        {
            var versions = got.Skip(1).Select(r => JsonNode.Parse(r.Body)!["data"]!["article"]!)
                .Where(a => (int)a["id"]! == id).Select(a => (int)a["version"]!).ToList();
            Assert.Equal([1, 2, 3], versions);
        }
    }

    private static async Task<int> WriteAsync(HttpClient client, int n)
    {
        var created = await client.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = $"Bài qua tiến trình thật {n}", lead = "Sáng 4-4, tại Hà Nội, kiểm tra." }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await created.ReadJson())["id"]!;
        for (var edit = 1; edit <= 2; edit++)
        {
            var patch = await client.PatchAsync($"/api/v1/articles/{id}",
                Http.RawJson($$"""{"headline":"Bài qua tiến trình thật {{n}}, sửa {{edit}}"}""", "application/merge-patch+json"));
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }
        return id;
    }
}
