using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Keys;

namespace NewsApi.Articles;

/// <summary>Optional body of publish: a publishAt in the future schedules the article, one in the past back-dates it.</summary>
public sealed record PublishRequest(DateTimeOffset? PublishAt = null);

/// <summary>Publishing, unpublishing and the revision history of an article.</summary>
public static class ArticleWorkflowEndpoints
{
    public static RouteGroupBuilder MapArticleWorkflow(this RouteGroupBuilder group, RouteGroupBuilder writes)
    {
        writes.MapPost("/{idOrSlug}/publish", Publish).WithName("PublishArticle")
            .WithSummary("Publish or schedule an article")
            .WithDescription("Without a body, or with no publishAt, the article is published now (keeping a publication date it already has in the past). A publishAt in the future schedules it: it becomes public by itself at that time, across restarts. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        writes.MapPost("/{idOrSlug}/unpublish", Unpublish).WithName("UnpublishArticle")
            .WithSummary("Take an article back to draft")
            .WithDescription("The article disappears from public reads, lists, search and feeds at once. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapGet("/{idOrSlug}/revisions", ListRevisions).WithName("ListArticleRevisions").RequireScope(Scopes.ContentRead).WithETag()
            .WithSummary("List an article's revisions")
            .WithDescription("Every change, newest first, with who made it (the key's name) and when.");

        group.MapGet("/{idOrSlug}/revisions/{number:int}", GetRevision).WithName("GetArticleRevision").RequireScope(Scopes.ContentRead).WithETag()
            .WithSummary("Get one revision of an article")
            .WithDescription("The article exactly as it was after that change.");
        return group;
    }

    private static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult>> Publish(
        string idOrSlug, PublishRequest? request, HttpContext http, ArticleStore store, CancellationToken cancellationToken)
    {
        if (request?.PublishAt is { } asked && !TextRules.IsReasonableYear(asked.Year))
        {
            return Problems.Invalid("publishAt", $"publishAt is between the years {TextRules.MinYear} and {TextRules.MaxYear}.");
        }
        var (article, problem) = await ArticleHttp.LoadAsync(store, http, idOrSlug, cancellationToken);
        if (article is null)
        {
            return problem!;
        }
        store.Publish(article, request?.PublishAt is { } at ? SiteTime.Truncate(at.UtcDateTime) : null);
        return await SaveAsync(store, article, http, cancellationToken);
    }

    private static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult>> Unpublish(
        string idOrSlug, HttpContext http, ArticleStore store, CancellationToken cancellationToken)
    {
        var (article, problem) = await ArticleHttp.LoadAsync(store, http, idOrSlug, cancellationToken);
        if (article is null)
        {
            return problem!;
        }
        store.Unpublish(article);
        return await SaveAsync(store, article, http, cancellationToken);
    }

    private static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult>> SaveAsync(
        ArticleStore store, Article article, HttpContext http, CancellationToken cancellationToken) =>
        await ArticleHttp.SaveAsync(store, article, http, cancellationToken) is { } conflict
            ? conflict
            : TypedResults.Ok(article.ToResponse(store.Site));

    private static async Task<Results<Ok<List<RevisionSummary>>, ProblemHttpResult>> ListRevisions(
        string idOrSlug, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        if (await db.Articles.ByIdOrSlug(idOrSlug).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken) is not { } id)
        {
            return Problems.NotFound("article", idOrSlug);
        }
        var revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id)
            .OrderByDescending(r => r.Number)
            .Select(r => new { r.Number, r.Actor, r.CreatedAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(revisions.Select(r => new RevisionSummary(r.Number, r.Actor, site.ToSite(r.CreatedAt))).ToList());
    }

    private static async Task<Results<Ok<RevisionResponse>, ProblemHttpResult>> GetRevision(
        string idOrSlug, int number, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var revision = await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.Number == number && db.Articles.ByIdOrSlug(idOrSlug).Select(a => a.Id).Contains(r.ArticleId))
            .FirstOrDefaultAsync(cancellationToken);
        return revision is null ? Problems.NotFound("revision", $"{idOrSlug}/{number}") : TypedResults.Ok(revision.ToResponse(site));
    }
}
