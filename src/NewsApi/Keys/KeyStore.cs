using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Text;

namespace NewsApi.Keys;

/// <summary>Creating, listing and revoking keys: shared by the `keys` command and the admin endpoints.</summary>
public static class KeyStore
{
    public static async Task<(ApiKey? Key, string? Secret, string? Error)> CreateAsync(
        NewsDbContext db, string name, string scope, DateTime now, CancellationToken cancellationToken)
    {
        if (!ApiKey.IsValidName(name))
        {
            return (null, null, "A key's name is 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (!Scopes.All.Contains(scope))
        {
            return (null, null, $"The scope is one of {string.Join(", ", Scopes.All)}.");
        }
        if (await db.ApiKeys.AnyAsync(k => k.Name == name, cancellationToken))
        {
            return (null, null, $"A key named '{name}' already exists.");
        }
        var secret = ApiKey.NewSecret();
        var key = new ApiKey { Name = name, Scope = scope, KeyHash = ApiKey.Hash(secret), CreatedAt = now };
        db.ApiKeys.Add(key);
        if (await db.TrySaveAsync(cancellationToken) is not null)
        {
            return (null, null, $"A key named '{name}' already exists.");
        }
        return (key, secret, null);
    }

    public static async Task<bool> RevokeAsync(NewsDbContext db, string name, DateTime now, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken);
        if (key is null)
        {
            return false;
        }
        key.RevokedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public static Task<List<ApiKey>> ListAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(cancellationToken);
}
