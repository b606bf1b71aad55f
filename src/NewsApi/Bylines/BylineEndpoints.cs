using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Keys;

namespace NewsApi.Bylines;

public static class BylineEndpoints
{
    public static RouteGroupBuilder MapBylines(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/articles/{id:int}/byline").WithTags("Bylines");

        group.MapGet("/", Get).WithName("GetByline").WithETag()
            .WithSummary("Get an article's byline")
            .WithDescription("The byline as printed, its credits (contributors with roles: text, photo, video, graphics, translation, compilation) and the source credited. 404 when the article has none or is not visible to the caller.");

        group.MapPut("/", Put).InWriteTransaction().WithName("PutByline").Validate<BylineRequest>().RequireScope(Scopes.ContentWrite)
            .WithSummary("Set an article's byline")
            .WithDescription("Send the printed text alone (e.g. \"Tin, ảnh: HƯƠNG HỒNG THU (QĐND)\") and the credits and source are read from it; or send credits and source explicitly. Contributors are created on first use. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return group;
    }

    public static async Task<Results<Ok<BylineResponse>, ProblemHttpResult>> Get(
        int id, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var article = await ArticleEndpoints.FindReadableAsync(db, http.User, id.ToString(System.Globalization.CultureInfo.InvariantCulture), site, cancellationToken);
        if (article is null)
        {
            return Problems.NotFound("article", id);
        }
        return article.Byline is null ? Problems.NotFound("byline of article", id) : TypedResults.Ok(article.Byline.ToResponse());
    }

    public static async Task<Results<Ok<BylineResponse>, ProblemHttpResult>> Put(
        int id, BylineRequest request, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Full().AsSingleQuery().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return Problems.NotFound("article", id);
        }
        if (article.Byline is not null && ETags.IfMatchFails(http.Request, article.Byline.ToResponse()))
        {
            return Problems.PreconditionFailed();
        }
        var now = site.UtcNow;
        if (await BylineMapping.ApplyAsync(db, article, request, now, cancellationToken) is { } error)
        {
            return Problems.Invalid(error.Field, error.Message);
        }
        article.Touch(now);
        if (await db.SaveWithRevisionAsync(article, http.User.Actor(), site, cancellationToken) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }
        var response = article.Byline!.ToResponse();
        http.Response.Headers.ETag = ETags.Of(response);
        return TypedResults.Ok(response);
    }
}
