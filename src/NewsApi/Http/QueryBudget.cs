using Microsoft.Data.Sqlite;
using Npgsql;

namespace NewsApi.Http;

/// <summary>
/// Limits:QueryTimeoutSeconds, how long a read (GET or HEAD) may keep the database busy. Its cancellation token ends when the
/// client goes away or when the budget is spent, whichever comes first; every handler passes that token down to
/// EF Core, which cancels the statement (PostgreSQL: a cancel request to the server; SQLite: sqlite3_interrupt,
/// see <see cref="Data.SqliteInterrupt"/>). A spent budget answers 503 (ExceptionToProblem).
/// </summary>
public static class QueryBudget
{
    public const double DefaultSeconds = 10;

    private sealed class Spent(CancellationToken budget)
    {
        public bool IsSpent => budget.IsCancellationRequested;
    }

    public static IApplicationBuilder UseQueryBudget(this IApplicationBuilder app)
    {
        var seconds = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<LimitsOptions>>().Value.QueryTimeoutSeconds;
        if (seconds <= 0)
        {
            return app;
        }
        var budget = TimeSpan.FromSeconds(seconds);
        return app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                // Writes need a key, are limited per key, and wait their turn for the database's write lock: cutting one
                // short would throw away an editor's work, not an attacker's.
                await next(http);
                return;
            }
            var aborted = http.RequestAborted;
            using var timer = new CancellationTokenSource(budget);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, timer.Token);
            http.Features.Set(new Spent(timer.Token));
            http.RequestAborted = linked.Token;
            try
            {
                await next(http);
            }
            finally
            {
                http.RequestAborted = aborted;
            }
        });
    }

    /// <summary>True when this request's budget ran out (not when the client went away).</summary>
    public static bool IsSpent(HttpContext http) => http.Features.Get<Spent>()?.IsSpent == true;

    /// <summary>How a cancelled statement surfaces: a cancellation, SQLite's SQLITE_INTERRUPT, or PostgreSQL's query_canceled.</summary>
    public static bool IsCancellation(Exception exception) => exception switch
    {
        OperationCanceledException => true,
        SqliteException { SqliteErrorCode: 9 } => true,
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => true,
        _ when exception.InnerException is { } inner => IsCancellation(inner),
        _ => false,
    };
}
