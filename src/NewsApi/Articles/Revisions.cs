using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Site;

namespace NewsApi.Articles;

public sealed record RevisionSummary(int Number, string Actor, DateTimeOffset CreatedAt);

public sealed record RevisionResponse(int Number, string Actor, DateTimeOffset CreatedAt, ArticleResponse Article);

public static class Revisions
{
    /// <summary>
    /// Adds the article's current state (<paramref name="json"/>, its response as JSON) as its revision numbered by its
    /// version, and the webhooks' event of the change (the outbox), so both are committed with the change or not at all.
    /// The article must have its id.
    /// </summary>
    public static void Record(NewsDbContext db, Article article, string actor, SiteTime site, byte[] json)
    {
        var snapshot = System.Text.Encoding.UTF8.GetString(json);
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
