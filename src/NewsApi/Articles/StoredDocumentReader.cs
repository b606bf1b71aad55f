using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>A published article's stored document as read: its id, ETag, body in one coding, and list item (JSON).</summary>
public sealed record StoredDocumentRow(int ArticleId, string ETag, byte[] Body, byte[] Summary);

/// <summary>
/// Reads published articles' stored documents on SQLite through connections it keeps open, each with its six statements
/// (by id or slug, in each coding) prepared once: the public read of one article is then a bind, a step and a reset.
/// Opening a pooled connection and preparing the statement for each read were a third of the uncached read's cost in a
/// profile (100k articles, article by slug, output cache off: 5,528 req/s on a connection per read, see the README).
/// At most <see cref="MaxIdle"/> connections wait between reads; more are opened under load and closed when given back.
/// </summary>
public sealed class StoredDocumentReader : IDisposable
{
    private const int MaxIdle = 16;

    private readonly ConcurrentBag<Lane> idle = [];
    // Counted here: ConcurrentBag.Count locks every thread's part of the bag, on every read.
    private int idleCount;
    private volatile bool disposed;

    public StoredDocumentRow? Find(string connectionString, string idOrSlug, ContentCoding coding)
    {
        var lane = Rent(connectionString);
        try
        {
            return lane.Find(idOrSlug, coding);
        }
        catch
        {
            // A connection that failed (a locked or replaced file) is not given back.
            lane.Dispose();
            lane = null;
            throw;
        }
        finally
        {
            if (lane is not null)
            {
                Return(lane);
            }
        }
    }

    private Lane Rent(string connectionString)
    {
        while (idle.TryTake(out var lane))
        {
            Interlocked.Decrement(ref idleCount);
            if (lane.ConnectionString == connectionString)
            {
                return lane;
            }
            lane.Dispose();
        }
        return new Lane(connectionString);
    }

    private void Return(Lane lane)
    {
        if (disposed)
        {
            lane.Dispose();
            return;
        }
        if (Interlocked.Increment(ref idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref idleCount);
            lane.Dispose();
            return;
        }
        idle.Add(lane);
        if (disposed && idle.TryTake(out var late))
        {
            // Given back while the reader was being disposed.
            late.Dispose();
        }
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var lane))
        {
            lane.Dispose();
        }
    }

    private sealed class Lane : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand?[] commands = new SqliteCommand?[6];

        public Lane(string connectionString)
        {
            ConnectionString = connectionString;
            connection = new SqliteConnection(connectionString);
            connection.Open();
        }

        public string ConnectionString { get; }

        public StoredDocumentRow? Find(string idOrSlug, ContentCoding coding)
        {
            var byId = Data.IdOrSlug.IsId(idOrSlug, out var id);
            var command = Command(byId, coding);
            command.Parameters[0].Value = byId ? id : idOrSlug;
            using var reader = command.ExecuteReader(CommandBehavior.SingleRow);
            return reader.Read() ? Row(reader) : null;
        }

        private SqliteCommand Command(bool byId, ContentCoding coding)
        {
            var index = (byId ? 3 : 0) + (int)coding;
            if (commands[index] is { } prepared)
            {
                return prepared;
            }
            var command = connection.CreateCommand();
            command.CommandText = StoredDocumentReader.Sql(byId, coding);
            command.Parameters.Add("@key", byId ? SqliteType.Integer : SqliteType.Text);
            command.Prepare();
            return commands[index] = command;
        }

        public void Dispose()
        {
            foreach (var command in commands)
            {
                command?.Dispose();
            }
            connection.Dispose();
        }
    }

    /// <summary>The row <see cref="Sql"/> selects, as read.</summary>
    public static StoredDocumentRow Row(System.Data.Common.DbDataReader reader) =>
        new(reader.GetInt32(0), reader.GetString(1), (byte[])reader.GetValue(2), (byte[])reader.GetValue(3));

    /// <summary>The one statement a published article's document is read with, on either database (@key: its id or slug).</summary>
    public static string Sql(bool byId, ContentCoding coding) => $"""
        SELECT "ArticleId", "ETag", {coding switch { ContentCoding.Brotli => "\"Brotli\"", ContentCoding.Gzip => "\"Gzip\"", _ => "\"Json\"" }}, "Summary"
        FROM article_documents WHERE {(byId ? "\"ArticleId\"" : "\"Slug\"")} = @key AND "Status" = 'Published' LIMIT 1
        """;
}
