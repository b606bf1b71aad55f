using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Tests;

/// <summary>A statement whose request is cancelled stops at once, on the app's own database context (SQLite or PostgreSQL).</summary>
public class CancelledStatementTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Fact]
    public async Task ACancelledStatementStopsWithinASecond()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        // Minutes of work for either database, unless it is stopped.
        var slow = db.Database.IsNpgsql()
            ? "SELECT count(*) AS \"Value\" FROM generate_series(1, 2000000000)"
            : "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) AS \"Value\" FROM c";
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        var error = await Record.ExceptionAsync(() => db.Database.SqlQueryRaw<long>(slow).ToListAsync(cancel.Token));
        clock.Stop();
        Assert.NotNull(error);
        Assert.True(QueryBudget.IsCancellation(error), error.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"The statement ran {clock.Elapsed.TotalSeconds:0.0} s after its cancellation.");
        // The connection serves the next statement as usual: no interrupt lingers on it.
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync(CancellationToken.None));
    }
}

/// <summary>
/// A request that runs past Limits:QueryTimeoutSeconds is stopped and answered 503 problem+json. Whether a real search
/// outlasts a tiny budget depends on the machine, so the search statement is made slow on purpose: an interceptor puts a
/// statement that would run for minutes in its place, on the real database, and only the budget can stop it.
/// </summary>
public class QueryBudgetTests(QueryBudgetTests.Factory factory) : IClassFixture<QueryBudgetTests.Factory>
{
    public sealed class Factory : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            // Long enough for an ordinary read on a busy CI machine (a 0.5 s budget once stopped the read after it there),
            // far shorter than the minutes the slowed search would run.
            ["Limits:QueryTimeoutSeconds"] = "3",
            ["OutputCache:Enabled"] = "false",
        };

        protected override Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor Interceptor => new SlowSearch();
    }

    /// <summary>Replaces the full-text search statement (SQLite MATCH, PostgreSQL's news_search_window) with one that takes minutes.</summary>
    private sealed class SlowSearch : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains(" MATCH ", StringComparison.Ordinal) || command.CommandText.Contains("news_search_window(", StringComparison.Ordinal))
            {
                command.Parameters.Clear();
                command.CommandText = command is Npgsql.NpgsqlCommand
                    ? "SELECT count(*) FROM generate_series(1, 2000000000)"
                    : "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c";
            }
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task ASearchPastTheBudgetIs503ProblemJsonWithRetryAfter()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync("/api/v1/articles?q=huan+luyen&sort=publishedAt&pageSize=100");
        clock.Stop();
        var problem = await response.ProblemOf(503);
        Assert.Equal("Service Unavailable", (string?)problem["title"]);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        // Stopped where it was, not run to its end (minutes).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"The search answered after {clock.Elapsed.TotalSeconds:0.0} s.");
        // The next read is served as usual.
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/v1/articles?pageSize=5")).StatusCode);
    }
}
