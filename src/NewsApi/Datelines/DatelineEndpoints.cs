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
        var group = routes.MapGroup("/api/v1/articles/{idOrSlug}/dateline").WithTags("Datelines").RedirectingRetiredSlugs();

        group.MapGet("/", Get).WithName("GetDateline").WithETag()
            .WithSummary("Get an article's dateline")
            .WithDescription("The dateline that opens the lead (\"Sáng 10-12\"): its text, date, part of day (early-morning, morning, noon, afternoon, evening, night) and place. 404 when the article has none or is not visible to the caller.");

        group.Writes(Scopes.ContentWrite).MapPut("/", Put).WithName("PutDateline").Validate<DatelineRequest>()
            .WithSummary("Set an article's dateline")
            .WithDescription("Send the text alone (e.g. \"Chiều 18-4, tại thao trường huấn luyện\") and the date, part of day and place are read from it, the year coming from the publication date; or send them explicitly. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return group;
    }

    public static Task<Results<Ok<DatelineResponse>, ProblemHttpResult>> Get(
        string idOrSlug, HttpContext http, ArticleStore store, CancellationToken cancellationToken) =>
        ArticleParts.GetAsync(store, http, idOrSlug, "dateline", a => a.Dateline?.ToResponse(), cancellationToken);

    public static Task<Results<Ok<DatelineResponse>, ProblemHttpResult>> Put(
        string idOrSlug, DatelineRequest request, HttpContext http, ArticleStore store, CancellationToken cancellationToken) =>
        ArticleParts.PutAsync(store, http, idOrSlug, a => a.Dateline?.ToResponse(), article =>
        {
            DatelineMapping.Apply(store.Db, article, request, store.Site.LocalDate(article.PublishedAt ?? store.Site.UtcNow));
            return Task.FromResult<(string Field, string Message)?>(null);
        }, cancellationToken);
}
