using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Keys;

namespace NewsApi.Datelines;

public static class DatelineEndpoints
{
    public static RouteGroupBuilder MapDatelines(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/articles/{id:int}/dateline").WithTags("Datelines");

        group.MapGet("/", Get).WithName("GetDateline").WithETag()
            .WithSummary("Get an article's dateline")
            .WithDescription("The dateline that opens the lead (\"Sáng 10-12\"): its text, date, part of day (early-morning, morning, noon, afternoon, evening, night) and place. 404 when the article has none or is not visible to the caller.");

        group.MapPut("/", Put).InWriteTransaction().WithName("PutDateline").Validate<DatelineRequest>().RequireScope(Scopes.ContentWrite)
            .WithSummary("Set an article's dateline")
            .WithDescription("Send the text alone (e.g. \"Chiều 18-4, tại thao trường huấn luyện\") and the date, part of day and place are read from it, the year coming from the publication date; or send them explicitly. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return group;
    }

    public static async Task<Results<Ok<DatelineResponse>, ProblemHttpResult>> Get(
        int id, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var article = await ArticleEndpoints.FindReadableAsync(db, http.User, id.ToString(System.Globalization.CultureInfo.InvariantCulture), site, cancellationToken);
        if (article is null)
        {
            return Problems.NotFound("article", id);
        }
        return article.Dateline is null ? Problems.NotFound("dateline of article", id) : TypedResults.Ok(article.Dateline.ToResponse());
    }

    public static async Task<Results<Ok<DatelineResponse>, ProblemHttpResult>> Put(
        int id, DatelineRequest request, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Full().AsSingleQuery().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return Problems.NotFound("article", id);
        }
        if (article.Dateline is not null && ETags.IfMatchFails(http.Request, article.Dateline.ToResponse()))
        {
            return Problems.PreconditionFailed();
        }
        var now = site.UtcNow;
        DatelineMapping.Apply(db, article, request, site.LocalDate(article.PublishedAt ?? now));
        article.Touch(now);
        if (await db.SaveWithRevisionAsync(article, http.User.Actor(), site, cancellationToken) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }
        var response = article.Dateline!.ToResponse();
        http.Response.Headers.ETag = ETags.Of(response);
        return TypedResults.Ok(response);
    }
}
