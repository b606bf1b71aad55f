using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Cli;
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

/// <summary>A request that runs past Limits:QueryTimeoutSeconds is stopped and answered 503 problem+json.</summary>
public class QueryBudgetTests(QueryBudgetTests.Factory factory) : IClassFixture<QueryBudgetTests.Factory>
{
    public sealed class Factory : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Limits:QueryTimeoutSeconds"] = "0.001",
            ["OutputCache:Enabled"] = "false",
        };
    }

    [Fact]
    public async Task ASearchPastTheBudgetIs503ProblemJsonWithRetryAfter()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            await Generate.RunAsync(services.GetRequiredService<NewsDbContext>(), services.GetRequiredService<SiteTime>(), 1500, 7, TextWriter.Null, CancellationToken.None);
        }
        var response = await factory.CreateClient().GetAsync("/api/v1/articles?q=huan+luyen&from=2000-01-01&sort=publishedAt&pageSize=100");
        var problem = await response.ProblemOf(503);
        Assert.Equal("Service Unavailable", (string?)problem["title"]);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
