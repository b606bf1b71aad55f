using Microsoft.EntityFrameworkCore;

namespace NewsApi.Data;

/// <summary>
/// Serializes start-up work (migrations and the seed) across replicas. On PostgreSQL a session-level advisory lock
/// on a fixed key: the first replica migrates and seeds, the others wait and then find nothing to do. SQLite is one
/// file on one machine, and its own write lock suffices.
/// </summary>
public static class MigrationLock
{
    private const long Key = 0x4E65_7773_4170_6931; // "NewsApi1"

    public static async Task<IAsyncDisposable> AcquireAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return new Release(null);
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({Key})", cancellationToken);
        return new Release(db);
    }

    private sealed class Release(NewsDbContext? db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (db is null)
            {
                return;
            }
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({Key})");
            await db.Database.CloseConnectionAsync();
        }
    }
}
