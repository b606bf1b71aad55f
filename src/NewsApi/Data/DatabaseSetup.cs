using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Http;
using NewsApi.Imports;
using NewsApi.Site;

namespace NewsApi.Data;

/// <summary>Brings a database up to date at start (and for `migrate`), and seeds an empty one from the seed page.</summary>
public static class DatabaseSetup
{
    /// <summary>The seed page was published on this day in Hanoi.</summary>
    public static readonly DateTimeOffset SeedPublishedAt = new(2020, 12, 10, 0, 0, 0, TimeSpan.FromHours(7));

    public static async Task MigrateAsync(IServiceProvider services, bool seed, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        await using var startupLock = await MigrationLock.AcquireAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the writer; it is a property of the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        if (seed)
        {
            await SeedAsync(db, scope.ServiceProvider, cancellationToken);
        }
        // Documents the articles do not have yet (a database from before the read model, articles written by `generate`),
        // or rendered otherwise (another Site:TimeZone, a new format): rendered once, here, before the first request.
        await ArticleDocuments.RenderStaleAsync(db, scope.ServiceProvider.GetRequiredService<SiteTime>(),
            scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<NewsApi.Media.MediaOptions>>().Value, cancellationToken);
    }

    private static async Task SeedAsync(NewsDbContext db, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await db.Articles.AnyAsync(cancellationToken) || await db.ContactHeaders.AnyAsync(cancellationToken))
        {
            return;
        }
        var section = await db.Sections.AnyAsync(cancellationToken)
            ? (int?)null
            : await Seed.SeedSections.CreateAsync(services.GetRequiredService<NewsApi.Sections.SectionWriter>(), cancellationToken);
        var outcome = await PageImport.ImportAsync(services.GetRequiredService<ArticleStore>(), SeedPage(), PageFormat.Text, SeedPublishedAt, dryRun: false, "seed",
            cancellationToken, ArticleStatus.Published, section, Seed.SeedSections.SeedArticleTags);
        if (outcome.Response is null)
        {
            throw new InvalidOperationException("The seed page did not parse: " + outcome.Error);
        }
    }

    public static string SeedPage()
    {
        using var stream = typeof(DatabaseSetup).Assembly.GetManifestResourceStream("NewsApi.Data.Seed.seed-quan-chinh-2020.txt")
            ?? throw new InvalidOperationException("The seed page is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
