using Npgsql;

namespace NewsApi.Tests;

/// <summary>A database that cannot be opened stops the server and the commands with one clear line and exit code 1.</summary>
public class StartupFailureTests
{
    private static Dictionary<string, string> Unreachable()
    {
        if (!TestDatabase.UsePostgres)
        {
            return new() { ["Database__Provider"] = "Sqlite", ["ConnectionStrings__NewsDb"] = $"Data Source={Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "news.db")}" };
        }
        var server = Environment.GetEnvironmentVariable("NEWSAPI_TEST_PG")!;
        return new()
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__NewsDb"] = new NpgsqlConnectionStringBuilder(server) { Database = "no_such_database_" + Guid.NewGuid().ToString("N") }.ConnectionString,
        };
    }

    [Theory]
    [InlineData]
    [InlineData("keys", "list")]
    [InlineData("migrate")]
    public async Task ADatabaseThatCannotBeOpenedIsOneClearLineAndExitCode1(params string[] args)
    {
        var (exit, output, error) = await AppProcess.RunCommandAsync(Unreachable(), Path.GetTempPath(), args);
        Assert.Equal(1, exit);
        Assert.Contains("The database could not be opened", output + error);
        Assert.DoesNotContain("Unhandled exception", output + error);
    }
}

public class UnreachableServerTests
{
    [Fact]
    public async Task APostgreSqlServerThatDoesNotAnswerIsOneClearLineAndExitCode1()
    {
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__NewsDb"] = $"Host=127.0.0.1;Port={AppProcess.FreePort()};Username=newsapi;Timeout=3",
        };
        var (exit, output, error) = await AppProcess.RunCommandAsync(environment, Path.GetTempPath());
        Assert.Equal(1, exit);
        Assert.Contains("The database could not be opened", output + error);
        Assert.DoesNotContain("Unhandled exception", output + error);
    }
}
