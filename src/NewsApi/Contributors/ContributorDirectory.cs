using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Text;

namespace NewsApi.Contributors;

/// <summary>
/// Contributors are found by the slug of their name, so "HƯƠNG HỒNG THU" and "Hương Hồng Thu" are one person.
/// A new one is stored at once, inside the caller's transaction, so a rejected write takes it back with it.
/// </summary>
public static class ContributorDirectory
{
    public static async Task<Contributor> FindOrCreateAsync(NewsDbContext db, string name, DateTime now, CancellationToken cancellationToken)
    {
        var properName = VietnameseText.NormalizeLine(VietnameseText.IsUpperCase(name) ? BylineParser.ProperName(name) : name);
        var slug = TextRules.ReadableSlug(properName, ContributorLimits.Slug, "tac-gia");
        var tracked = db.Contributors.Local.FirstOrDefault(c => c.Slug == slug);
        if (tracked is not null)
        {
            return tracked;
        }
        // Insert-if-absent in one statement: two writers crediting a new name at once both succeed, one creating it.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO contributors ("Name", "Slug", "CreatedAt", "UpdatedAt", "Version")
            VALUES ({properName}, {slug}, {now}, {now}, 1)
            ON CONFLICT ("Slug") DO NOTHING
            """, cancellationToken);
        return await db.Contributors.FirstAsync(c => c.Slug == slug, cancellationToken);
    }
}
