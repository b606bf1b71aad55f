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
        var group = routes.MapGroup("/api/v1/articles/{idOrSlug}/byline").WithTags("Bylines").RedirectingRetiredSlugs();

        group.MapGet("/", Get).WithName("GetByline").WithETag()
            .WithSummary("Get an article's byline")
            .WithDescription("The byline as printed, its credits (contributors with roles: text, photo, video, graphics, translation, compilation) and the source credited. 404 when the article has none or is not visible to the caller.");

        group.Writes(Scopes.ContentWrite).MapPut("/", Put).WithName("PutByline").Validate<BylineRequest>()
            .WithSummary("Set an article's byline")
            .WithDescription("Send the printed text alone (e.g. \"Tin, ảnh: HƯƠNG HỒNG THU (QĐND)\") and the credits and source are read from it; or send credits and source explicitly. Contributors are created on first use. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return group;
    }

    public static Task<Results<Ok<BylineResponse>, ProblemHttpResult>> Get(
        string idOrSlug, HttpContext http, ArticleStore store, CancellationToken cancellationToken) =>
        ArticleParts.GetAsync(store, http, idOrSlug, "byline", a => a.Byline?.ToResponse(), cancellationToken);

    public static Task<Results<Ok<BylineResponse>, ProblemHttpResult>> Put(
        string idOrSlug, BylineRequest request, HttpContext http, ArticleStore store, CancellationToken cancellationToken) =>
        ArticleParts.PutAsync(store, http, idOrSlug, a => a.Byline?.ToResponse(),
            article => BylineMapping.ApplyAsync(store.Db, article, request, store.Site.UtcNow, cancellationToken), cancellationToken);
}
