using System.Net;
using System.Net.Http.Headers;

namespace NewsApi.Tests;

/// <summary>
/// Two app instances started at the same moment on one empty database (PostgreSQL in the suite's second run; one
/// SQLite file in the first), as replicas behind a load balancer.
/// </summary>
public class ReplicaTests : IDisposable
{
    private readonly TestDatabase database = new();

    [Fact]
    public async Task TwoReplicasStartTogetherShareWritesAgreeOnETagsAndFireASchedulerOnce()
    {
        var environment = database.Environment;
        environment["RateLimiting__Enabled"] = "false";
        environment["Publishing__SchedulerIntervalSeconds"] = "1";
        var starting = new[] { AppProcess.StartAsync(environment, database.Folder), AppProcess.StartAsync(environment, database.Folder) };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            // If one failed to start, the other must not outlive the test.
            if (starting.Any(t => !t.IsCompletedSuccessfully))
            {
                foreach (var task in starting.Where(t => t.IsCompletedSuccessfully))
                {
                    await (await task).DisposeAsync();
                }
            }
        }
        await using var a = await starting[0];
        await using var b = await starting[1];
        AppProcess[] started = [a, b];

        // Both migrated and seeded exactly once between them.
        foreach (var replica in started)
        {
            var list = await (await replica.Client.GetAsync("/api/v1/articles")).ReadJson();
            Assert.Equal(1, (int)list["total"]!);
        }

        var (exit, output, error) = await AppProcess.RunCommandAsync(environment, database.Folder, "keys", "create", "--name", "replica-editor", "--scope", "content.write");
        Assert.True(exit == 0, error);
        var key = output.TrimEnd().Split('\n')[^1];
        var writerA = new HttpClient { BaseAddress = a.Client.BaseAddress };
        var readerB = new HttpClient { BaseAddress = b.Client.BaseAddress };
        writerA.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        readerB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        // A write through one replica is read through the other at once by a key holder...
        var created = await writerA.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = "Bài viết qua bản sao A", lead = "Sáng 1-2, kiểm tra bản sao." }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await created.ReadJson())["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await writerA.PostAsync($"/api/v1/articles/{id}/publish", null)).StatusCode);
        var throughB = await (await readerB.GetAsync($"/api/v1/articles/{id}")).ReadJson();
        Assert.Equal("Bài viết qua bản sao A", (string)throughB["headline"]!);
        Assert.Equal("published", (string)throughB["status"]!);

        // ...and by the public within 5 s (the other replica's cache of public reads lives at most that long).
        var deadline = DateTime.UtcNow.AddSeconds(5.5);
        string? publicList;
        do
        {
            publicList = await b.Client.GetStringAsync("/api/v1/articles");
            if (publicList.Contains("Bài viết qua bản sao A", StringComparison.Ordinal))
            {
                break;
            }
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Contains("Bài viết qua bản sao A", publicList);

        // Both replicas serve the same bytes, so their ETags agree.
        var etagA = (await a.Client.GetAsync($"/api/v1/articles/{id}")).Headers.ETag;
        var etagB = (await b.Client.GetAsync($"/api/v1/articles/{id}")).Headers.ETag;
        Assert.NotNull(etagA);
        Assert.Equal(etagA, etagB);

        // A scheduled publication is stored by exactly one of the two schedulers.
        var scheduled = await writerA.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = "Bài hẹn giờ qua hai bản sao", lead = "Dẫn." }));
        var scheduledId = (int)(await scheduled.ReadJson())["id"]!;
        await writerA.PostAsync($"/api/v1/articles/{scheduledId}/publish", Http.JsonBody(new { publishAt = DateTimeOffset.UtcNow.AddSeconds(1) }));
        var revisionsDeadline = DateTime.UtcNow.AddSeconds(15);
        List<string> actors;
        do
        {
            await Task.Delay(500);
            var revisions = await (await readerB.GetAsync($"/api/v1/articles/{scheduledId}/revisions")).ReadJson();
            actors = revisions.AsArray().Select(r => (string)r!["actor"]!).ToList();
        }
        while (!actors.Contains("scheduler") && DateTime.UtcNow < revisionsDeadline);
        await Task.Delay(2500);
        var final = await (await readerB.GetAsync($"/api/v1/articles/{scheduledId}/revisions")).ReadJson();
        Assert.Equal(1, final.AsArray().Count(r => (string)r!["actor"]! == "scheduler"));
    }

    [Fact]
    public async Task OnPostgresAWriteThroughOneReplicaReachesTheOthersAnonymousReadersWithinASecondAlsoAfterALostListener()
    {
        if (!TestDatabase.UsePostgres)
        {
            // SQLite is one process: its writes empty its own caches, and there is no other replica to tell.
            return;
        }
        var environment = database.Environment;
        environment["RateLimiting__Enabled"] = "false";
        await using var a = await AppProcess.StartAsync(environment, database.Folder);
        await using var b = await AppProcess.StartAsync(environment, database.Folder);
        var (exit, output, error) = await AppProcess.RunCommandAsync(environment, database.Folder, "keys", "create", "--name", "replica-writer", "--scope", "content.write");
        Assert.True(exit == 0, error);
        var writerA = new HttpClient { BaseAddress = a.Client.BaseAddress };
        writerA.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", output.TrimEnd().Split('\n')[^1]);

        for (var round = 0; round < 2; round++)
        {
            if (round == 1)
            {
                // Both replicas lose their listening connection (a failover, an idle timeout): they must listen again.
                await using var admin = new Npgsql.NpgsqlConnection(database.ConnectionString);
                await admin.OpenAsync();
                await using var terminate = new Npgsql.NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'newsapi-cache-listener' AND datname = current_database()", admin);
                Assert.Equal(2L, (long)(await terminate.ExecuteScalarAsync())!);
                await Task.Delay(2000);
            }
            var headline = $"Bản sao B thấy ngay, vòng {round}";
            var created = await writerA.PostAsync("/api/v1/articles", Http.JsonBody(new { headline, lead = "Sáng 1-2, kiểm tra bộ nhớ đệm." }));
            var id = (int)(await created.ReadJson())["id"]!;
            // B's public list is cached now, without the article; left alone it would be served for up to 5 s.
            Assert.DoesNotContain(headline, await b.Client.GetStringAsync("/api/v1/articles?pageSize=100"));
            Assert.DoesNotContain(headline, await b.Client.GetStringAsync("/api/v1/articles?pageSize=100"));

            Assert.Equal(HttpStatusCode.OK, (await writerA.PostAsync($"/api/v1/articles/{id}/publish", null)).StatusCode);
            var published = DateTime.UtcNow;
            while (!(await b.Client.GetStringAsync("/api/v1/articles?pageSize=100")).Contains(headline, StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow - published < TimeSpan.FromSeconds(1), $"round {round}: replica B's public list still lacks the article after 1 s");
                await Task.Delay(50);
            }
        }
    }

    public void Dispose() => database.Dispose();
}
