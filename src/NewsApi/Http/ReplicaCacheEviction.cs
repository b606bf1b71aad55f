using Microsoft.AspNetCore.OutputCaching;
using NewsApi.Data;
using Npgsql;

namespace NewsApi.Http;

/// <summary>
/// Every replica's cache at once, on PostgreSQL: a write that empties this instance's caches also sends
/// <c>NOTIFY newsapi_content</c>, and every instance <c>LISTEN</c>s and empties its own when it hears it, so readers
/// of any replica see a change within moments instead of when that replica's 5-second cache runs out. The listener
/// reconnects after a lost connection and then empties its caches (it may have missed a notification). SQLite, one
/// process, needs none of this.
/// </summary>
public sealed class ReplicaCacheEviction(IConfiguration configuration, IOutputCacheStore outputCache, PublicListCache lists, ILogger<ReplicaCacheEviction> logger)
    : BackgroundService
{
    public const string Channel = "newsapi_content";
    public const string ApplicationName = "newsapi-cache-listener";

    private readonly bool enabled = DatabaseOptions.Provider(configuration) == DatabaseProvider.Postgres;
    private readonly string? connectionString = configuration.GetConnectionString("NewsDb");

    /// <summary>This instance's name in its notifications, so that it does not empty its caches twice for its own writes.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Empties this instance's caches of public reads (responses, list totals and rankings).</summary>
    public async Task EvictLocalAsync()
    {
        await outputCache.EvictByTagAsync(OutputCacheTags.Content, CancellationToken.None);
        lists.Clear();
    }

    /// <summary>Tells the other replicas (PostgreSQL only). A failure is logged, not thrown: the write itself is done.</summary>
    public async Task NotifyOthersAsync()
    {
        if (!enabled)
        {
            return;
        }
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @instance)", connection);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("instance", InstanceId);
            await notify.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning(e, "Other replicas could not be told to empty their caches; they will within {Seconds} s", CachedResponse.PublicMaxAgeSeconds);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!enabled)
        {
            return;
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ApplicationName, Pooling = false, KeepAlive = 5 };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload != InstanceId)
                    {
                        _ = EvictLocalAsync();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Whatever was written while no connection listened.
                await EvictLocalAsync();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Listening for other replicas' writes failed; reconnecting");
                await EvictLocalAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
