using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace NewsApi.Data;

public static class DatabaseErrors
{
    /// <summary>
    /// The database cannot be reached at all: a SQLite file that cannot be opened or is not a database, a PostgreSQL
    /// database that does not exist, a refused login, a server that does not answer. Not a locked database or a
    /// constraint, which are failures of one piece of work.
    /// </summary>
    public static bool CannotOpen(Exception e) => e switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is 14 or 26, // SQLITE_CANTOPEN, SQLITE_NOTADB
        PostgresException postgres => postgres.SqlState is "3D000" or "28000" or "28P01" || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.InnerException is System.Net.Sockets.SocketException or TimeoutException or IOException,
        DbException => false,
        _ => e.InnerException is { } inner && CannotOpen(inner),
    };
}
