using Npgsql;

namespace NewsApi.Tests;

/// <summary>
/// A fresh, real database for one test class: a SQLite file in a temporary folder, or, when the suite runs with
/// NEWSAPI_TEST_PROVIDER=Postgres, a new database on the PostgreSQL server named by NEWSAPI_TEST_PG (the test command
/// starts one). This one switch is the only difference between the two runs of the suite.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public static bool UsePostgres => System.Environment.GetEnvironmentVariable("NEWSAPI_TEST_PROVIDER") == "Postgres";

    private readonly string? postgresName;

    public string Folder { get; }

    public string Provider => UsePostgres ? "Postgres" : "Sqlite";

    public string ConnectionString { get; }

    /// <summary>The settings as environment variables, for the app started as a process.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["Database__Provider"] = Provider,
        ["ConnectionStrings__NewsDb"] = ConnectionString,
    };

    public TestDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("newsapi-test-").FullName;
        if (!UsePostgres)
        {
            ConnectionString = $"Data Source={Path.Combine(Folder, "news.db")}";
            return;
        }
        var server = System.Environment.GetEnvironmentVariable("NEWSAPI_TEST_PG")
            ?? throw new InvalidOperationException("NEWSAPI_TEST_PROVIDER=Postgres needs NEWSAPI_TEST_PG, a connection string to a server.");
        postgresName = "newsapi_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{postgresName}\" ENCODING 'UTF8' TEMPLATE template0", admin);
            create.ExecuteNonQuery();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = postgresName }.ConnectionString;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var server = System.Environment.GetEnvironmentVariable("NEWSAPI_TEST_PG")!;
            using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temporary folder behind.
        }
    }
}
