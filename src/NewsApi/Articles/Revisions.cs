using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Articles;

public sealed record RevisionSummary(int Number, string Actor, DateTimeOffset CreatedAt);

public sealed record RevisionResponse(int Number, string Actor, DateTimeOffset CreatedAt, ArticleResponse Article);

public static class Revisions
{
    /// <summary>
    /// Saves a change to an article together with its revision, in one transaction (the request's, or its own),
    /// so no change is stored without who made it. Returns a conflict message for a unique-index clash (a slug a racing writer took).
    /// </summary>
    public static async Task<string?> SaveWithRevisionAsync(
        this NewsDbContext db, Article article, string actor, SiteTime site, CancellationToken cancellationToken)
    {
        var own = await db.BeginUnlessInTransactionAsync(cancellationToken);
        await using (own)
        {
            if (await db.TrySaveAsync(cancellationToken) is { } conflict)
            {
                return conflict;
            }
            Record(db, article, actor, site);
            await db.SaveChangesAsync(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            return null;
        }
    }

    /// <summary>
    /// Adds the article's current state as its revision numbered by its version, and the webhooks' event of the change
    /// (the outbox), so both are committed with the change or not at all. The article must have its id.
    /// </summary>
    public static void Record(NewsDbContext db, Article article, string actor, SiteTime site)
    {
        var snapshot = JsonSerializer.Serialize(article.ToResponse(site), Json.Options);
        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = article.Id,
            Number = article.Version,
            Actor = actor,
            CreatedAt = site.UtcNow,
            Snapshot = snapshot,
        });
        Webhooks.WebhookOutbox.Add(db, article, snapshot, site);
    }

    public static RevisionResponse ToResponse(this ArticleRevision revision, SiteTime site) =>
        new(revision.Number, revision.Actor, site.ToSite(revision.CreatedAt),
            JsonSerializer.Deserialize<ArticleResponse>(revision.Snapshot, Json.Options)!);
}
