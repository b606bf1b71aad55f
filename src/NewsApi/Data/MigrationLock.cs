using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace NewsApi.Data;

/// <summary>
/// Serializes start-up work (migrations and the seed) across instances that start together: the first migrates and
/// seeds, the others wait and then find nothing to do. PostgreSQL: a session-level advisory lock on a fixed key.
/// SQLite: an exclusive lock on a file beside the database (instances on one machine sharing one file).
/// </summary>
public static class MigrationLock
{
    private const long Key = 0x4E65_7773_4170_6931; // "NewsApi1"

    public static async Task<IAsyncDisposable> AcquireAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({Key})", cancellationToken);
            return new AdvisoryLock(db);
        }
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:")
        {
            return new FileLock(null);
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null && !Directory.Exists(folder))
        {
            // As SQLite itself would say when opening the file, instead of waiting for a lock file that cannot be made.
            throw new SqliteException($"unable to open database file: the folder '{folder}' does not exist.", 14);
        }
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock (flock on Unix) that another process cannot take until released.
                return new FileLock(new FileStream(Path.GetFullPath(file) + ".migrate-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private sealed class AdvisoryLock(NewsDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({Key})");
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class FileLock(FileStream? stream) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
        }
    }
}
