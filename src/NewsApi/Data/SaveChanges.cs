using Microsoft.EntityFrameworkCore;

namespace NewsApi.Data;

public static class SaveChanges
{
    /// <summary>
    /// A transaction of its own when the caller has none (commands, the seed), else null: the caller's transaction
    /// (a write request's) already holds the work, and the caller commits it.
    /// </summary>
    public static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginUnlessInTransactionAsync(
        this NewsDbContext db, CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

    /// <summary>Saves, turning a unique-index clash that a racing writer caused into a conflict message instead of a 500.</summary>
    public static async Task<string?> TrySaveAsync(this NewsDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && IsUniqueViolation(e))
        {
            return "Another resource already uses this unique value (a slug or a name). Choose another and retry.";
        }
    }

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true ||
        e.InnerException?.GetType().Name == "PostgresException" && e.InnerException.Message.StartsWith("23505", StringComparison.Ordinal);
}
