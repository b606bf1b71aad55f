using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NewsApi.Articles;
using NewsApi.Bylines;
using NewsApi.ContactHeader;
using NewsApi.Contributors;
using NewsApi.Datelines;
using NewsApi.Keys;
using NewsApi.Webhooks;

namespace NewsApi.Data;

/// <summary>The one model. Each provider has a subclass only so that each keeps its own migration set.</summary>
public abstract class NewsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Byline> Bylines => Set<Byline>();
    public DbSet<BylineCredit> BylineCredits => Set<BylineCredit>();
    public DbSet<Dateline> Datelines => Set<Dateline>();
    public DbSet<Contributor> Contributors => Set<Contributor>();
    public DbSet<SiteContact> ContactHeaders => Set<SiteContact>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ArticleSlug> ArticleSlugs => Set<ArticleSlug>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<ArticleDocument> ArticleDocuments => Set<ArticleDocument>();
    public DbSet<NewsApi.Media.MediaItem> Media => Set<NewsApi.Media.MediaItem>();
    public DbSet<NewsApi.Articles.ArticleMedia> ArticleMedia => Set<NewsApi.Articles.ArticleMedia>();
    public DbSet<NewsApi.Media.MediaContent> MediaContents => Set<NewsApi.Media.MediaContent>();
    public DbSet<NewsApi.Sections.Section> Sections => Set<NewsApi.Sections.Section>();
    public DbSet<NewsApi.Sections.SectionSlug> SectionSlugs => Set<NewsApi.Sections.SectionSlug>();
    public DbSet<NewsApi.Tags.Tag> Tags => Set<NewsApi.Tags.Tag>();
    public DbSet<NewsApi.Tags.ArticleTag> ArticleTags => Set<NewsApi.Tags.ArticleTag>();
    public DbSet<NewsApi.Tags.TagSlug> TagSlugs => Set<NewsApi.Tags.TagSlug>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NewsDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every instant is stored as UTC; SQLite hands DateTime back unspecified, so say what it is on the way out.
        configuration.Properties<DateTime>().HaveConversion<UtcConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteNewsDbContext(DbContextOptions<SqliteNewsDbContext> options) : NewsDbContext(options);

public sealed class PostgresNewsDbContext(DbContextOptions<PostgresNewsDbContext> options) : NewsDbContext(options);
