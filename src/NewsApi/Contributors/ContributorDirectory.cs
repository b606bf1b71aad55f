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
    /// <summary>How a credited name is stored: in proper case when printed in capitals ("HƯƠNG HỒNG THU" → "Hương Hồng Thu"), normalized.</summary>
    public static string ProperName(string name) =>
        VietnameseText.NormalizeLine(VietnameseText.IsUpperCase(name) ? BylineParser.ProperName(name) : name);

    /// <summary>The slug a contributor is found by: the slug of the proper name.</summary>
    public static string SlugOf(string properName) => TextRules.ReadableSlug(properName, ContributorLimits.Slug, "tac-gia");

    /// <summary>The statement that inserts a contributor unless one has the slug, with @name, @slug and @now as parameters.</summary>
    public const string InsertIfAbsentSql = """
        INSERT INTO contributors ("Name", "Slug", "CreatedAt", "UpdatedAt", "Version") VALUES (@name, @slug, @now, @now, 1)
        ON CONFLICT ("Slug") DO NOTHING
        """;

    public static async Task<Contributor> FindOrCreateAsync(NewsDbContext db, string name, DateTime now, CancellationToken cancellationToken)
    {
        var properName = ProperName(name);
        var slug = SlugOf(properName);
        var tracked = db.Contributors.Local.FirstOrDefault(c => c.Slug == slug);
        if (tracked is not null)
        {
            return tracked;
        }
        // Insert-if-absent in one statement: two writers crediting a new name at once both succeed, one creating it.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        System.Data.Common.DbParameter Parameter(string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            return parameter;
        }
        await db.Database.ExecuteSqlRawAsync(InsertIfAbsentSql, [Parameter("@name", properName), Parameter("@slug", slug), Parameter("@now", now)], cancellationToken);
        return await db.Contributors.FirstAsync(c => c.Slug == slug, cancellationToken);
    }
}
