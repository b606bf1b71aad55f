using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;

namespace NewsApi.Tests;

/// <summary>Kills the server with SIGKILL in the middle of a write load, three times: every acknowledged write survives.</summary>
public class DurabilityTests : IDisposable
{
    private readonly TestDatabase database = new();

    [Fact]
    public async Task EveryAcknowledgedWriteSurvivesSigkillAndTheDatabaseStaysIntact()
    {
        var environment = database.Environment;
        environment["RateLimiting__Enabled"] = "false";
        var folder = database.Folder;
        var (exit, output, error) = await AppProcess.RunCommandAsync(environment, folder, "keys", "create", "--name", "load", "--scope", "content.write");
        Assert.True(exit == 0, error);
        var key = output.TrimEnd().Split('\n')[^1];
        var acknowledged = new ConcurrentDictionary<int, string>();

        for (var round = 0; round < 3; round++)
        {
            await using var app = await AppProcess.StartAsync(environment, folder);
            app.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested && i < 10_000; i++)
                {
                    var headline = $"Bền vững vòng {round} người {w} bài {i}";
                    try
                    {
                        var response = await app.Client.PostAsync("/api/v1/articles", Http.JsonBody(new { headline, lead = "Sáng 1-1, kiểm tra độ bền." }), stop.Token);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged[(int)(await response.ReadJson())["id"]!] = headline;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return;
                    }
                }
            })).ToArray();
            // Killed while writes are flowing: once this round has had a few acknowledged (a busy machine may take
            // seconds to get there), then a little later, at a different point each round.
            var before = acknowledged.Count;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (acknowledged.Count < before + 5 && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(50);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(300 + round * 250));
            app.Kill();
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        Assert.True(acknowledged.Count > 10, $"only {acknowledged.Count} writes were acknowledged before the kills");
        await using (var app = await AppProcess.StartAsync(environment, folder))
        {
            app.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            foreach (var (id, headline) in acknowledged)
            {
                var article = await (await app.Client.GetAsync($"/api/v1/articles/{id}")).ReadJson();
                Assert.Equal(headline, (string)article["headline"]!);
            }
        }
        if (TestDatabase.UsePostgres)
        {
            // PostgreSQL keeps its own integrity through its WAL; the check below is SQLite's.
            return;
        }
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
    }

    public void Dispose() => database.Dispose();
}
