using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Site;
using NewsApi.Keys;

namespace NewsApi.Articles;

/// <summary>
/// The one way articles are read for a change and written: the API's endpoints, imports, the scheduler and contributor
/// renames all go through it. A save stores the article with its revision (who, when, what) and its rendered document
/// (the read model) in one transaction.
/// </summary>
public sealed class ArticleStore(NewsDbContext db, SiteTime site, Microsoft.Extensions.Options.IOptions<NewsApi.Media.MediaOptions> media, StoredDocumentReader documents)
{
    public NewsDbContext Db => db;

    public SiteTime Site => site;

    /// <summary>An article the caller may see, whole and untracked: published ones for everyone, any for a key with content.read.</summary>
    public async Task<Article?> FindReadableAsync(ClaimsPrincipal user, string idOrSlug, CancellationToken cancellationToken) =>
        await WithPhotosAsync(await ReadableBy(user).ByIdOrSlug(idOrSlug).FirstWithPartsAsync(db, tracked: false, cancellationToken), cancellationToken);

    private async Task<Article?> WithPhotosAsync(Article? article, CancellationToken cancellationToken)
    {
        if (article is not null)
        {
            await ArticlePhotos.LoadAsync(db, [article], media.Value, cancellationToken);
        }
        return article;
    }

    public IQueryable<Article> ReadableBy(ClaimsPrincipal user) =>
        user.CanReadDrafts() ? db.Articles.AsNoTracking() : db.Articles.AsNoTracking().Where(ArticleQueries.IsPublic(site.UtcNow));

    /// <summary>
    /// A published article's stored document, in the encoding asked for: one indexed lookup returning bytes. Null when
    /// there is none to serve this way (no such article, a draft, a schedule: those take <see cref="FindReadableAsync"/>).
    /// </summary>
    /// <remarks>
    /// The hottest read there is, so it is one plain ADO.NET statement (<see cref="StoredDocumentReader.Sql"/>), not a
    /// LINQ query: a profile of the uncached read put 80 % of the endpoint in this lookup when it was one, most of it
    /// EF Core's query cache and parameter extraction and the SQL functions EF Core registers on every open of a SQLite
    /// connection; SQLite's own work was a fifth of it. On SQLite, outside a transaction, it runs on
    /// <see cref="StoredDocumentReader"/>'s open connections and prepared statements; otherwise on the context's
    /// connection (PostgreSQL prepares it once it repeats: Max Auto Prepare).
    /// </remarks>
    public async Task<(int ArticleId, StoredDocument Document, IReadOnlyList<string> SurrogateKeys)?> FindPublishedDocumentAsync(
        string idOrSlug, ContentCoding coding, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var row = transaction is null && db.Database.IsSqlite()
            ? documents.Find(db.Database.GetConnectionString()!, idOrSlug, coding)
            : await FindOnContextConnectionAsync(idOrSlug, coding, transaction, cancellationToken);
        if (row is null)
        {
            return null;
        }
        if (row.Body.Length == 0)
        {
            // A very long article is stored as JSON only (see ArticleDocuments.Fill): sent as JSON, compressed on the way out.
            return await FindPublishedDocumentAsync(idOrSlug, ContentCoding.Identity, cancellationToken);
        }
        // The list item comes along (a few hundred bytes of the same row): its section and tags name the answer's
        // surrogate keys without a column of their own.
        var encoding = coding switch { ContentCoding.Brotli => "br", ContentCoding.Gzip => "gzip", _ => null };
        return (row.ArticleId, new StoredDocument(row.ETag, row.Body, encoding), ArticleSurrogateKeys.OfSummary(row.ArticleId, row.Summary));
    }

    private async Task<StoredDocumentRow?> FindOnContextConnectionAsync(
        string idOrSlug, ContentCoding coding, System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var byId = IdOrSlug.IsId(idOrSlug, out var id);
        // EF Core's open: counted, so a connection a transaction holds open stays open.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            command.CommandText = StoredDocumentReader.Sql(byId, coding);
            var key = command.CreateParameter();
            key.ParameterName = "@key";
            key.Value = byId ? id : idOrSlug;
            command.Parameters.Add(key);
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? StoredDocumentReader.Row(reader) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The article with this id or current slug, tracked and whole (byline, credits, dateline), for a change.</summary>
    public async Task<Article?> LoadForChangeAsync(string idOrSlug, CancellationToken cancellationToken) =>
        await WithPhotosAsync(await ArticleQueries.LoadForChangeAsync(db, IdOrSlug.Matches<Article>(idOrSlug), cancellationToken), cancellationToken);

    public async Task<Article?> LoadForChangeAsync(Expression<Func<Article, bool>> which, CancellationToken cancellationToken) =>
        await WithPhotosAsync(await ArticleQueries.LoadForChangeAsync(db, which, cancellationToken), cancellationToken);

    /// <summary>Applies a write request (POST, PUT, PATCH, an import) to an article, new or loaded for a change; the error to answer, if any.</summary>
    public Task<WriteError?> ApplyAsync(Article article, ArticleRequest request, CancellationToken cancellationToken) =>
        ArticleWriter.ApplyAsync(db, site, article, request, site.UtcNow, cancellationToken);

    /// <summary>A new article, added to the context; saved by <see cref="SaveAsync"/>.</summary>
    public void Add(Article article) => db.Articles.Add(article);

    /// <summary>
    /// Saves a changed article with its revision and document, in one transaction (the request's, or its own). Returns a
    /// conflict message for a unique-index clash (a slug a racing writer took).
    /// </summary>
    public async Task<string?> SaveAsync(Article article, string actor, CancellationToken cancellationToken)
    {
        var own = await db.BeginUnlessInTransactionAsync(cancellationToken);
        await using (own)
        {
            if (await db.TrySaveAsync(cancellationToken) is { } conflict)
            {
                return conflict;
            }
            await RecordChangeAsync(article, actor, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            return null;
        }
    }

    /// <summary>
    /// What every change of an article adds to its transaction: the photos it places recorded, the revision and the
    /// re-rendered document (with its photos as they are now). The article must have its id.
    /// </summary>
    public async Task RecordChangeAsync(Article article, string actor, CancellationToken cancellationToken)
    {
        await ArticlePhotos.RecordUsesAsync(db, article, cancellationToken);
        await ArticlePhotos.LoadAsync(db, [article], media.Value, cancellationToken);
        // Serialized once: the revision's snapshot and the document are the same bytes.
        var json = Json.Utf8(article.ToResponse(site));
        Revisions.Record(db, article, actor, site, json);
        await ArticleDocuments.RenderAsync(db, article, site, media.Value, json, cancellationToken);
    }

    /// <summary>
    /// Deletes an article loaded for a change, with its byline, dateline, revisions and document; the webhooks' event
    /// of the deletion (with the article as it was) goes into the same transaction.
    /// </summary>
    public async Task DeleteAsync(Article article, CancellationToken cancellationToken)
    {
        Webhooks.WebhookOutbox.AddDeleted(db, article.ToResponse(site), site);
        db.Articles.Remove(article);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Publishes now (keeping a publication date already in the past), or at a given time: scheduled when in the future.</summary>
    public void Publish(Article article, DateTime? at)
    {
        var now = site.UtcNow;
        if (at is { } when)
        {
            article.Status = when > now ? ArticleStatus.Scheduled : ArticleStatus.Published;
            article.PublishedAt = when;
        }
        else
        {
            article.Status = ArticleStatus.Published;
            article.PublishedAt = article.PublishedAt is { } existing && existing <= now ? existing : now;
        }
        article.Touch(now);
    }

    public void Unpublish(Article article)
    {
        article.Status = ArticleStatus.Draft;
        article.Touch(site.UtcNow);
    }

    /// <summary>
    /// After a contributor's name or slug changed: every article crediting them shows the new one, so each gets a new
    /// version, updatedAt, search text (the name is searchable), a revision by <paramref name="actor"/> and its document
    /// rendered again. Saved by the caller.
    /// </summary>
    public Task TouchCreditingAsync(int contributorId, string actor, CancellationToken cancellationToken) =>
        TouchAsync(a => db.BylineCredits.Any(c => c.ArticleId == a.Id && c.ContributorId == contributorId), actor, cancellationToken);

    /// <summary>
    /// After a photo changed (caption, alt text, credit, file): every article placing it shows the new one. The photo's
    /// change must be saved (in this transaction) first; this is saved by the caller.
    /// </summary>
    public Task TouchShowingAsync(int mediaId, string actor, CancellationToken cancellationToken) =>
        TouchAsync(a => db.ArticleMedia.Any(u => u.ArticleId == a.Id && u.MediaId == mediaId), actor, cancellationToken);

    /// <summary>
    /// After something every matching article shows changed (a contributor's name, a photo, a section's name or place, a
    /// tag): each gets a new version, updatedAt, search text, a revision by <paramref name="actor"/> and its document
    /// rendered again, all tracked in this context. A change to the thing itself must be saved first when the query
    /// depends on it (a renamed section is read back by the articles); this is saved by the caller.
    /// </summary>
    public async Task<int> TouchAsync(Expression<Func<Article, bool>> which, string actor, CancellationToken cancellationToken)
    {
        var articles = await db.Articles.Include(a => a.Byline).Include(a => a.Dateline).Include(a => a.Section)
            .Where(which).ToListAsync(cancellationToken);
        var ids = articles.Select(a => a.Id).ToList();
        await db.BylineCredits.Include(c => c.Contributor).Where(c => EF.Parameter(ids).Contains(c.ArticleId)).LoadAsync(cancellationToken);
        await db.ArticleTags.Include(t => t.Tag).Where(t => EF.Parameter(ids).Contains(t.ArticleId)).LoadAsync(cancellationToken);
        await db.ArticleDocuments.Where(d => EF.Parameter(ids).Contains(d.ArticleId)).LoadAsync(cancellationToken);
        var now = site.UtcNow;
        foreach (var article in articles)
        {
            article.Touch(now);
            await RecordChangeAsync(article, actor, cancellationToken);
        }
        return articles.Count;
    }
}
