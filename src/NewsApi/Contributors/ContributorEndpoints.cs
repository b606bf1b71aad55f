using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Keys;
using Microsoft.AspNetCore.Mvc;
using NewsApi.Text;
using NewsApi.Site;

namespace NewsApi.Contributors;

public static class ContributorEndpoints
{
    public static RouteGroupBuilder MapContributors(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/contributors").WithTags("Contributors");

        group.MapGet("/", List).WithName("ListContributors").WithETag()
            .WithSummary("List contributors, by name")
            .WithDescription("Everyone credited in a byline (reporters, photographers, translators...), paged with page/pageSize (max 100).");

        group.MapGet("/{idOrSlug}", Get).WithName("GetContributor").WithETag()
            .WithSummary("Get a contributor by id or slug")
            .WithDescription("The slug is the name without tones (\"huong-hong-thu\" for Hương Hồng Thu).");

        group.MapGet("/{idOrSlug}/articles", Articles).WithName("ListContributorArticles").WithETag()
            .WithSummary("List the published articles a contributor is credited in")
            .WithDescription("The same paging and filters as GET /api/v1/articles.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var writes = group.Writes(Scopes.ContentWrite);
        writes.MapPost("/", Create).WithName("CreateContributor").Validate<ContributorRequest>()
            .WithSummary("Create a contributor")
            .WithDescription("Contributors are also created on first use by a byline. The slug is made from the name; a name whose slug is already taken is a 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPut("/{idOrSlug}", Replace).WithName("ReplaceContributor").Validate<ContributorRequest>()
            .WithSummary("Rename a contributor")
            .WithDescription("Changes the name (and slug). Every article crediting the contributor shows the new name at once: each gets a new version, a revision by this key, and the name in its search text. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        writes.MapDelete("/{idOrSlug}", Delete).WithName("DeleteContributor")
            .WithSummary("Delete a contributor who is credited nowhere")
            .WithDescription("A contributor still credited in a byline cannot be deleted (409).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return group;
    }

    private static ContributorResponse ToResponse(this Contributor c, SiteTime site) =>
        new(c.Id, c.Name, c.Slug, site.ToSite(c.CreatedAt), site.ToSite(c.UpdatedAt), c.Version);

    /// <summary>
    /// The public sees only contributors credited in a public article: a name in an embargoed draft's byline must not
    /// leak before the article does. A key that may read drafts sees them all.
    /// </summary>
    private static IQueryable<Contributor> VisibleTo(this IQueryable<Contributor> contributors, NewsDbContext db, HttpContext http, SiteTime site)
    {
        if (http.User.CanReadDrafts())
        {
            return contributors;
        }
        // The contributor's credits by the (ContributorId, ArticleId) index, each article probed by primary key, until a
        // public one: never a list of every public article.
        var publicArticles = db.Articles.Where(ArticleQueries.IsPublic(site.UtcNow));
        return contributors.Where(c => db.BylineCredits.Any(credit => credit.ContributorId == c.Id && publicArticles.Any(a => a.Id == credit.ArticleId)));
    }

    private static async Task<Results<Ok<ContributorPage>, ValidationProblem>> List(
        HttpContext http, NewsDbContext db, SiteTime site, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (p, size) = Paging.Check(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var visible = db.Contributors.AsNoTracking().VisibleTo(db, http, site);
        var total = await visible.CountAsync(cancellationToken);
        var items = await visible.OrderBy(c => c.Slug).ThenBy(c => c.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        var links = Paging.Links(http.Request, p, size, total);
        http.Response.Headers.Link = Paging.LinkHeader(links);
        return TypedResults.Ok(new ContributorPage(items.Select(c => c.ToResponse(site)).ToList(), p, size, total, links));
    }

    private static async Task<Results<Ok<ContributorResponse>, ProblemHttpResult>> Get(
        string idOrSlug, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var contributor = await db.Contributors.AsNoTracking().ByIdOrSlug(idOrSlug).VisibleTo(db, http, site).FirstOrDefaultAsync(cancellationToken);
        if (contributor is null)
        {
            return Problems.NotFound("contributor", idOrSlug);
        }
        SurrogateKeys.Add(http.Response, $"contributor-{contributor.Id}");
        return TypedResults.Ok(contributor.ToResponse(site));
    }

    private static async Task<Results<CachedJson<ArticlePage>, ProblemHttpResult, ValidationProblem>> Articles(
        string idOrSlug, [AsParameters] ScopedArticlesQuery query, HttpContext http, NewsDbContext db, SiteTime site,
        ArticleList list, FluentValidation.IValidator<ArticleListQuery> validator, CancellationToken cancellationToken)
    {
        var contributor = await db.Contributors.AsNoTracking().ByIdOrSlug(idOrSlug).VisibleTo(db, http, site).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (contributor is null)
        {
            return Problems.NotFound("contributor", idOrSlug);
        }
        SurrogateKeys.Add(http.Response, "list", $"contributor-{contributor.Value}");
        var articles = query.ToListQuery() with { Contributor = contributor.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return await ArticleHttp.ListPageAsync(articles, http, list, validator, cancellationToken);
    }

    private static async Task<Results<Created<ContributorResponse>, ProblemHttpResult>> Create(
        ContributorRequest request, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var now = site.UtcNow;
        var contributor = new Contributor { CreatedAt = now, UpdatedAt = now };
        Apply(contributor, request);
        if (await db.Contributors.AnyAsync(c => c.Slug == contributor.Slug, cancellationToken))
        {
            return Problems.Conflict($"The slug '{contributor.Slug}' is already used by another contributor.");
        }
        db.Contributors.Add(contributor);
        if (await db.TrySaveAsync(cancellationToken) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }
        var response = contributor.ToResponse(site);
        http.Response.Headers.ETag = ETags.Of(response);
        return TypedResults.Created($"/api/v1/contributors/{contributor.Id}", response);
    }

    private static async Task<Results<Ok<ContributorResponse>, ProblemHttpResult>> Replace(
        string idOrSlug, ContributorRequest request, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var contributor = await db.Contributors.ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(cancellationToken);
        if (contributor is null)
        {
            return Problems.NotFound("contributor", idOrSlug);
        }
        var id = contributor.Id;
        if (ETags.IfMatchFails(http.Request, contributor.ToResponse(site)))
        {
            return Problems.PreconditionFailed();
        }
        var (oldName, oldSlug) = (contributor.Name, contributor.Slug);
        Apply(contributor, request);
        if (await db.Contributors.AnyAsync(c => c.Slug == contributor.Slug && c.Id != id, cancellationToken))
        {
            return Problems.Conflict($"The slug '{contributor.Slug}' is already used by another contributor.");
        }
        contributor.Version++;
        contributor.UpdatedAt = site.UtcNow;
        if (contributor.Name != oldName || contributor.Slug != oldSlug)
        {
            await http.RequestServices.GetRequiredService<ArticleStore>().TouchCreditingAsync(id, http.User.Actor(), cancellationToken);
        }
        if (await db.TrySaveAsync(cancellationToken) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }
        var response = contributor.ToResponse(site);
        http.Response.Headers.ETag = ETags.Of(response);
        return TypedResults.Ok(response);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string idOrSlug, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var contributor = await db.Contributors.ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(cancellationToken);
        if (contributor is null)
        {
            return Problems.NotFound("contributor", idOrSlug);
        }
        var id = contributor.Id;
        if (ETags.IfMatchFails(http.Request, contributor.ToResponse(site)))
        {
            return Problems.PreconditionFailed();
        }
        if (await db.BylineCredits.AnyAsync(c => c.ContributorId == id, cancellationToken))
        {
            return Problems.Conflict("This contributor is credited in bylines; change those bylines first.");
        }
        db.Contributors.Remove(contributor);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static void Apply(Contributor contributor, ContributorRequest request)
    {
        contributor.Name = VietnameseText.NormalizeLine(request.Name);
        contributor.Slug = request.Slug ?? TextRules.ReadableSlug(contributor.Name, ContributorLimits.Slug, "tac-gia");
    }
}
