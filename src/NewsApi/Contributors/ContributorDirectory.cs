using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Text;

namespace NewsApi.Contributors;

/// <summary>Contributors are found by the slug of their name, so "HƯƠNG HỒNG THU" and "Hương Hồng Thu" are one person.</summary>
public static class ContributorDirectory
{
    public static async Task<Contributor> FindOrCreateAsync(NewsDbContext db, string name, DateTime now, CancellationToken cancellationToken)
    {
        var properName = VietnameseText.NormalizeLine(VietnameseText.IsUpperCase(name) ? VietnameseText.ProperCase(name) : name);
        var slug = VietnameseText.Slugify(properName, ContributorLimits.Slug);
        var tracked = db.Contributors.Local.FirstOrDefault(c => c.Slug == slug);
        if (tracked is not null)
        {
            return tracked;
        }
        var stored = await db.Contributors.FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (stored is not null)
        {
            return stored;
        }
        var created = new Contributor { Name = properName, Slug = slug, CreatedAt = now, UpdatedAt = now };
        db.Contributors.Add(created);
        return created;
    }
}
