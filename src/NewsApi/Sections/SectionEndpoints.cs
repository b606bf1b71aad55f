using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Keys;
using NewsApi.Site;
using NewsApi.Text;

namespace NewsApi.Sections;

public static class SectionEndpoints
{
    public const string BasePath = "/api/v1/sections";

    public static RouteGroupBuilder MapSections(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(BasePath).WithTags("Sections")
            .RedirectingRetiredSlugs(BasePath, async (http, slug, cancellationToken) =>
            {
                var db = http.RequestServices.GetRequiredService<NewsDbContext>();
                var retiredFrom = db.SectionSlugs.Where(s => s.Slug == slug).Select(s => s.SectionId);
                return await db.Sections.Where(s => retiredFrom.Contains(s.Id)).Select(s => s.Slug).FirstOrDefaultAsync(cancellationToken);
            });

        group.MapGet("/", List).WithName("ListSections").WithETag().WithSurrogateKey("sections")
            .WithSummary("The section tree")
            .WithDescription("Every section in reading order: a top section, then its subsections (each followed by its own), siblings by position. parentId links a subsection to its section; path is the slugs from the top down, joined by \"/\". Enough to render a site's section menu in one request.");

        group.MapGet("/{idOrSlug}", Get).WithName("GetSection").WithETag()
            .WithSummary("Get a section by id or slug")
            .WithDescription("A slug the section used to have (before a rename) answers 308 to the current one.")
            .Produces(StatusCodes.Status308PermanentRedirect);

        group.MapGet("/{idOrSlug}/articles", Articles).WithName("ListSectionArticles").WithETag()
            .WithSummary("List the published articles of a section and its subsections")
            .WithDescription("The same paging, filters and sorts as GET /api/v1/articles with section set to this one: articles placed in any of its subsections are included.")
            .ProducesProblem(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status308PermanentRedirect);

        var writes = group.Writes(Scopes.Admin);
        writes.MapPost("/", Create).WithName("CreateSection").Validate<SectionRequest>()
            .WithSummary("Create a section")
            .WithDescription($"Needs a key with admin. The slug is made from the name unless given; a slug another section has or had is a 409. parentId places it under a section (at most {SectionLimits.Depth} levels); position orders it among its siblings (default: last).")
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPut("/{idOrSlug}", Replace).WithName("ReplaceSection").Validate<SectionRequest>()
            .WithSummary("Rename, move or reorder a section")
            .WithDescription("Needs a key with admin. Replaces name, slug (made from the name when left out), parentId (null: a top section) and position. A new slug keeps the old one answering 308. Every article the change shows in (the section's own, and its subsections' when the path changes) gets a new version and revision, and its stored document is rendered again. Moving a section under itself or its own subsection is a 400. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Produces(StatusCodes.Status308PermanentRedirect);

        writes.MapPatch("/{idOrSlug}", Patch).WithName("PatchSection")
            .Accepts<SectionPatchRequest>(MergePatch.MediaType).ProducesValidationProblem()
            .WithSummary("Change some fields of a section (JSON Merge Patch)")
            .WithDescription("RFC 7396, as application/merge-patch+json: only the members sent change; parentId null moves the section to the top. The same rules and effects as PUT.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).Produces(StatusCodes.Status308PermanentRedirect);

        writes.MapDelete("/{idOrSlug}", Delete).WithName("DeleteSection")
            .WithSummary("Delete an empty section")
            .WithDescription("A section with subsections or with articles placed in it cannot be deleted (409): move them first. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Produces(StatusCodes.Status308PermanentRedirect);

        return group;
    }

    public static SectionResponse ToResponse(this Section s, SiteTime site) =>
        new(s.Id, s.Slug, s.Name, s.ParentId, s.Path, s.Position, site.ToSite(s.CreatedAt), site.ToSite(s.UpdatedAt), s.Version);

    private static async Task<Ok<SectionTree>> List(NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var all = await db.Sections.AsNoTracking().ToListAsync(cancellationToken);
        return TypedResults.Ok(new SectionTree(SectionTreeOrder.Of(all).Select(s => s.ToResponse(site)).ToList()));
    }

    private static async Task<Results<Ok<SectionResponse>, ProblemHttpResult>> Get(
        string idOrSlug, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var section = await db.Sections.AsNoTracking().ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(cancellationToken);
        if (section is null)
        {
            return Problems.NotFound("section", idOrSlug);
        }
        SurrogateKeys.Add(http.Response, $"section-{section.Id}");
        return TypedResults.Ok(section.ToResponse(site));
    }

    private static async Task<Results<CachedJson<ArticlePage>, ProblemHttpResult, ValidationProblem>> Articles(
        string idOrSlug, [AsParameters] ScopedArticlesQuery query, HttpContext http, NewsDbContext db,
        ArticleList list, IValidator<ArticleListQuery> validator, CancellationToken cancellationToken)
    {
        var section = await db.Sections.AsNoTracking().ByIdOrSlug(idOrSlug).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (section is null)
        {
            return Problems.NotFound("section", idOrSlug);
        }
        SurrogateKeys.Add(http.Response, "list", $"section-{section.Value}");
        return await ArticleHttp.ListPageAsync(query.ToListQuery() with { Section = section.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            http, list, validator, cancellationToken);
    }

    private static async Task<Results<Created<SectionResponse>, ProblemHttpResult, ValidationProblem>> Create(
        SectionRequest request, HttpContext http, SectionWriter writer, CancellationToken cancellationToken)
    {
        var (section, problem) = await writer.CreateAsync(request, http.User.Actor(), cancellationToken);
        if (section is null)
        {
            return problem!;
        }
        http.Response.Headers.ETag = ETags.Of(section);
        return TypedResults.Created($"{BasePath}/{section.Id}", section);
    }

    private static async Task<Results<Ok<SectionResponse>, ProblemHttpResult, ValidationProblem>> Replace(
        string idOrSlug, SectionRequest request, HttpContext http, SectionWriter writer, CancellationToken cancellationToken) =>
        await ChangeAsync(idOrSlug, http, writer, _ => Task.FromResult<(SectionRequest?, IResult?)>((request, null)), cancellationToken);

    private static async Task<Results<Ok<SectionResponse>, ProblemHttpResult, ValidationProblem>> Patch(
        string idOrSlug, HttpContext http, SectionWriter writer, IValidator<SectionRequest> validator, CancellationToken cancellationToken)
    {
        var (patch, invalid) = await MergePatch.ReadAsync(http.Request, "a section", alsoPlainJson: false, cancellationToken);
        if (patch is null)
        {
            return invalid!;
        }
        return await ChangeAsync(idOrSlug, http, writer,
            // A move without a position puts the section after its new siblings, as a new one would be.
            current => MergePatch.MergeAsync(
                new SectionRequest(current.Name, current.Slug, current.ParentId,
                    patch.ContainsKey("parentId") && !patch.ContainsKey("position") ? null : current.Position),
                patch, "a section", validator, cancellationToken),
            cancellationToken);
    }

    private static async Task<Results<Ok<SectionResponse>, ProblemHttpResult, ValidationProblem>> ChangeAsync(
        string idOrSlug, HttpContext http, SectionWriter writer, Func<Section, Task<(SectionRequest? Request, IResult? Problem)>> requestOf,
        CancellationToken cancellationToken)
    {
        var section = await writer.Db.Sections.ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(cancellationToken);
        if (section is null)
        {
            return Problems.NotFound("section", idOrSlug);
        }
        if (ETags.IfMatchFails(http.Request, section.ToResponse(writer.Site)))
        {
            return Problems.PreconditionFailed();
        }
        var (request, invalid) = await requestOf(section);
        if (request is null)
        {
            return invalid switch
            {
                ProblemHttpResult problem => problem,
                ValidationProblem validation => validation,
                _ => Problems.Invalid("$", "The request is not a section."),
            };
        }
        var (response, error) = await writer.ChangeAsync(section, request, http.User.Actor(), cancellationToken);
        if (response is null)
        {
            return error!;
        }
        http.Response.Headers.ETag = ETags.Of(response);
        return TypedResults.Ok(response);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string idOrSlug, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var section = await db.Sections.ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(cancellationToken);
        if (section is null)
        {
            return Problems.NotFound("section", idOrSlug);
        }
        if (ETags.IfMatchFails(http.Request, section.ToResponse(site)))
        {
            return Problems.PreconditionFailed();
        }
        var id = section.Id;
        if (await db.Sections.AnyAsync(s => s.ParentId == id, cancellationToken))
        {
            return Problems.Conflict("This section has subsections; move or delete them first.");
        }
        if (await db.Articles.AnyAsync(a => a.SectionId == id, cancellationToken))
        {
            return Problems.Conflict("Articles are placed in this section; move them to another section first.");
        }
        db.Sections.Remove(section);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>Sections in reading order: each followed by its subsections, siblings by position, then name.</summary>
public static class SectionTreeOrder
{
    public static IEnumerable<Section> Of(IReadOnlyCollection<Section> all)
    {
        var children = all.ToLookup(s => s.ParentId);
        IEnumerable<Section> Below(int? parent) => children[parent]
            .OrderBy(s => s.Position).ThenBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id)
            .SelectMany(s => Below(s.Id).Prepend(s));
        return Below(null);
    }
}

