using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Feeds;
using NewsApi.Http;

using NewsApi.Site;

namespace NewsApi.Webhooks;

/// <summary>What a delivery's body holds: <c>{ type, timestamp, data: { article | ninjs, surrogateKeys } }</c>.</summary>
public sealed record WebhookPayload(string Type, DateTimeOffset Timestamp, WebhookData Data);

public sealed record WebhookData(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArticleResponse? Article,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NinjsItem? Ninjs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? WebhookId,
    IReadOnlyList<string> SurrogateKeys);

public static class WebhookOutbox
{
    /// <summary>The event of a change to an article, in the change's transaction (called by Revisions.Record).</summary>
    public static void Add(NewsDbContext db, Article article, string snapshot, SiteTime site) =>
        db.WebhookEvents.Add(new WebhookEvent
        {
            ArticleId = article.Id,
            Version = article.Version,
            Status = article.Status.ToString(),
            Snapshot = snapshot,
            CreatedAt = site.UtcNow,
        });

    /// <summary>The event of an article's deletion, with the article as it was, in the deletion's transaction.</summary>
    public static void AddDeleted(NewsDbContext db, ArticleResponse article, SiteTime site) =>
        db.WebhookEvents.Add(new WebhookEvent
        {
            ArticleId = article.Id,
            Type = WebhookEventTypes.Deleted,
            Version = article.Version,
            Status = article.Status.ToString(),
            Snapshot = Json.Text(article),
            CreatedAt = site.UtcNow,
        });

    /// <summary>
    /// What a change was, from the article's status before and after it: its first state is article.created (and
    /// article.published too when it was created published); becoming published is article.published, leaving it
    /// article.unpublished, anything else article.updated. The state before is the previous event's, or for an article
    /// older than the outbox, its previous revision's.
    /// </summary>
    public static async Task<IReadOnlyList<string>> TypesOfAsync(NewsDbContext db, WebhookEvent change, CancellationToken cancellationToken)
    {
        if (change.Type is { } known)
        {
            return [known];
        }
        var before = await db.WebhookEvents.Where(e => e.ArticleId == change.ArticleId && e.Id < change.Id && e.Type == null)
            .OrderByDescending(e => e.Id).Select(e => e.Status).FirstOrDefaultAsync(cancellationToken);
        if (before is null && await db.ArticleRevisions.Where(r => r.ArticleId == change.ArticleId && r.Number < change.Version)
                .OrderByDescending(r => r.Number).Select(r => r.Snapshot).FirstOrDefaultAsync(cancellationToken) is { } snapshot)
        {
            before = JsonSerializer.Deserialize<ArticleResponse>(snapshot, Json.Options)!.Status.ToString();
        }
        var published = nameof(ArticleStatus.Published);
        var isPublic = change.Status == published;
        if (before is null)
        {
            return isPublic ? [WebhookEventTypes.Created, WebhookEventTypes.Published] : [WebhookEventTypes.Created];
        }
        var wasPublic = before == published;
        return (wasPublic, isPublic) switch
        {
            (false, true) => [WebhookEventTypes.Published],
            (true, false) => [WebhookEventTypes.Unpublished],
            _ => [WebhookEventTypes.Updated],
        };
    }

    /// <summary>What a CDN holding this article should purge: the article, its section and tags, every list, and the contributors credited.</summary>
    public static IReadOnlyList<string> SurrogateKeysOf(ArticleResponse article) =>
        ArticleSurrogateKeys.Of(article).Append("list")
            .Concat(article.Byline?.Credits.Select(c => $"contributor-{c.ContributorId}") ?? [])
            .Distinct().ToList();

    public static string Body(string type, DateTimeOffset timestamp, ArticleResponse article, string format, SiteLinks links)
    {
        var data = format == WebhookFormats.Ninjs
            ? new WebhookData(null, Ninjs.From(article, links) is var ninjs && type == WebhookEventTypes.Deleted ? ninjs with { PubStatus = "canceled" } : ninjs,
                null, SurrogateKeysOf(article))
            : new WebhookData(article, null, null, SurrogateKeysOf(article));
        return Json.Text(new WebhookPayload(type, timestamp, data));
    }

    public static string PingBody(int subscriptionId, DateTimeOffset timestamp) =>
        JsonSerializer.Serialize(new WebhookPayload(WebhookEventTypes.Ping, timestamp, new WebhookData(null, null, subscriptionId, [])), Json.Options);

    public static string NewMessageId() => "msg_" + Guid.NewGuid().ToString("N");
}
