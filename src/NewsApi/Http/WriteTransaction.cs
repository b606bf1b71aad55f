using Microsoft.EntityFrameworkCore;
using NewsApi.Data;

namespace NewsApi.Http;

/// <summary>
/// Runs a write endpoint in one database transaction, committed only when it answers 2xx. A rejected write leaves
/// nothing behind (not even a contributor created on the way), and on SQLite the transaction is BEGIN IMMEDIATE,
/// so writers queue up (busy timeout) instead of interleaving their reads and writes.
/// </summary>
public sealed class WriteTransactionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<NewsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(context.HttpContext.RequestAborted);
        var result = await next(context);
        if (CachedResponse.Unwrap(result) is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            await transaction.CommitAsync(context.HttpContext.RequestAborted);
        }
        return result;
    }
}

public static class WriteTransactionExtensions
{
    public static TBuilder InWriteTransaction<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new WriteTransactionFilter());
}

public static class WriteGroups
{
    /// <summary>
    /// The write endpoints of a group: each runs in one transaction (<see cref="WriteTransactionFilter"/>) and needs a key
    /// with <paramref name="scope"/>. Stated once for the group, so no write endpoint can be mapped without either.
    /// </summary>
    public static RouteGroupBuilder Writes(this RouteGroupBuilder group, string scope) =>
        group.MapGroup("").InWriteTransaction().RequireScope(scope);
}
