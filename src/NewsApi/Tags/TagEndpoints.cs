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

namespace NewsApi.Tags;

public sealed class TagPatchRequestValidator : AbstractValidator<TagPatchRequest>
{
    public TagPatchRequestValidator()
    {
        RuleFor(t => t.Name).Must(TextRules.HasVisibleText).WithMessage("A tag name must contain text.")
            .MaxNormalizedLength(TagLimits.Name).WithMessage($"A tag name is at most {TagLimits.Name} characters.")
            .Must(TextRules.HasNoControlCharacters).WithMessage("A tag name has no control characters.")
            .When(t => t.Name is not null);
        RuleFor(t => t.Slug!).Matches("^(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+)*$")
            .WithMessage("A slug is lower-case letters a-z, digits and single hyphens, with at least one letter (digits alone would read as an id).")
            .MaximumLength(TagLimits.Slug).When(t => t.Slug is not null);
    }
}

public sealed class TagMergeRequestValidator : AbstractValidator<TagMergeRequest>
{
    public TagMergeRequestValidator()
    {
        RuleFor(t => t.Into).NotEmpty().WithMessage("into is the id or slug of the tag to merge into.")
            .MaximumLength(TagLimits.Slug).Must(TextRules.HasNoControlCharacters).WithMessage("into has control characters.");
    }
}

/// <summary>The query of GET /tags: paging, and q (tone-insensitive, any part of the name).</summary>
public sealed record TagListQuery
{
    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }
    [FromQuery(Name = "q")] public string? Q { get; init; }
}

public sealed class TagListQueryValidator : AbstractValidator<TagListQuery>
{
    public TagListQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, Paging.MaxPage).WithMessage($"page is between 1 and {Paging.MaxPage}.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize).WithMessage($"pageSize is between 1 and {Paging.MaxPageSize}.");
        RuleFor(q => q.Q).MaximumLength(TagLimits.Query).WithMessage($"q is at most {TagLimits.Query} characters.")
            .Must(TextRules.HasNoControlCharacters).WithMessage("q has control characters.");
    }
}

public static class TagEndpoints
{
    public const string BasePath = "/api/v1/tags";

    public static RouteGroupBuilder MapTags(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(BasePath).WithTags("Tags")
            .RedirectingRetiredSlugs(BasePath, async (http, slug, cancellationToken) =>
            {
                var db = http.RequestServices.GetRequiredService<NewsDbContext>();
                var retiredFrom = db.TagSlugs.Where(s => s.Slug == slug).Select(s => s.TagId);
                return await db.Tags.Where(t => retiredFrom.Contains(t.Id)).VisibleTo(db, http).Select(t => t.Slug).FirstOrDefaultAsync(cancellationToken);
            });

        group.MapGet("/", List).WithName("ListTags").WithETag().WithSurrogateKey("tags")
            .WithSummary("List tags, by name")
            .WithDescription("Paged with page/pageSize (max 100); q finds tags whose name contains it, tone-insensitive (\"huan luyen\" finds Huấn luyện). Without a key, only tags of published articles are listed.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{idOrSlug}", Get).WithName("GetTag").WithETag()
            .WithSummary("Get a tag by id or slug")
            .WithDescription("A slug the tag used to have, or the slug of a tag merged into it, answers 308 to its current one. Without a key, a tag no published article carries is a 404.")
            .Produces(StatusCodes.Status308PermanentRedirect);

        group.MapGet("/{idOrSlug}/articles", Articles).WithName("ListTagArticles").WithETag()
            .WithSummary("List the published articles with a tag")
            .WithDescription("The same paging, filters and sorts as GET /api/v1/articles with tag set to this one.")
            .ProducesProblem(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status308PermanentRedirect);

        var writes = group.Writes(Scopes.Admin);
        writes.MapPatch("/{idOrSlug}", Patch).WithName("PatchTag")
            .Accepts<TagPatchRequest>(MergePatch.MediaType).ProducesValidationProblem()
            .WithSummary("Rename a tag (JSON Merge Patch)")
            .WithDescription("Needs a key with admin. name and slug change as sent (application/merge-patch+json); a new slug keeps the old one answering 308. A name another tag already has (tone-insensitive) is a 409: merge the two instead. Every article with the tag gets a new version and revision, and its stored document is rendered again. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).Produces(StatusCodes.Status308PermanentRedirect);

        writes.MapDelete("/{idOrSlug}", Delete).WithName("DeleteTag")
            .WithSummary("Delete a tag, taking it off every article")
            .WithDescription("Needs a key with admin. Every article that had the tag gets a new version and revision without it. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).Produces(StatusCodes.Status308PermanentRedirect);

        writes.MapPost("/{idOrSlug}/merge", Merge).WithName("MergeTag").Validate<TagMergeRequest>()
            .WithSummary("Merge a tag into another")
            .WithDescription("Needs a key with admin. Every article with this tag gets the tag named by into (id or slug) in its place, keeping its position (once, if it had both), with a new version and revision; this tag is deleted and its slugs answer 308 to the other's. Answers the tag merged into. Merging a tag into itself is a 400.")
            .ProducesProblem(StatusCodes.Status409Conflict).Produces(StatusCodes.Status308PermanentRedirect);

        return group;
    }

    public static TagResponse ToResponse(this Tag t, SiteTime site) =>
        new(t.Id, t.Slug, t.Name, site.ToSite(t.CreatedAt), site.ToSite(t.UpdatedAt), t.Version);

    /// <summary>
    /// The public sees only tags of public articles: a tag in an embargoed draft must not leak before the article does.
    /// A key that may read drafts sees them all.
    /// </summary>
    public static IQueryable<Tag> VisibleTo(this IQueryable<Tag> tags, NewsDbContext db, HttpContext http)
    {
        if (http.User.CanReadDrafts())
        {
            return tags;
        }
        // The tag's articles by the (TagId, ArticleId) index, each probed by primary key, until a public one: a list of
        // every public article (an IN over them) cost tens of milliseconds per request at 100k articles.
        var publicArticles = db.Articles.Where(ArticleQueries.IsPublic(http.RequestServices.GetRequiredService<SiteTime>().UtcNow));
        return tags.Where(t => db.ArticleTags.Any(u => u.TagId == t.Id && publicArticles.Any(a => a.Id == u.ArticleId)));
    }

    private static async Task<Results<Ok<TagPage>, ValidationProblem>> List(
        [AsParameters] TagListQuery query, HttpContext http, NewsDbContext db, SiteTime site, IValidator<TagListQuery> validator, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(query, cancellationToken);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(ValidationFilter<TagListQuery>.ToErrors(validation));
        }
        var (p, size) = (query.Page ?? 1, query.PageSize ?? 20);
        var tags = db.Tags.AsNoTracking().VisibleTo(db, http);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var folded = ArticleTagging.FoldedOf(query.Q);
            tags = tags.Where(t => t.Folded.Contains(folded));
        }
        var total = await tags.CountAsync(cancellationToken);
        var items = await tags.OrderBy(t => t.Folded).ThenBy(t => t.Id).Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        var links = Paging.Links(http.Request, p, size, total);
        http.Response.Headers.Link = Paging.LinkHeader(links);
        return TypedResults.Ok(new TagPage(items.Select(t => t.ToResponse(site)).ToList(), p, size, total, links));
    }

    private static async Task<Results<Ok<TagResponse>, ProblemHttpResult>> Get(
        string idOrSlug, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().ByIdOrSlug(idOrSlug).VisibleTo(db, http).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return Problems.NotFound("tag", idOrSlug);
        }
        SurrogateKeys.Add(http.Response, $"tag-{tag.Id}");
        return TypedResults.Ok(tag.ToResponse(site));
    }

    private static async Task<Results<CachedJson<ArticlePage>, ProblemHttpResult, ValidationProblem>> Articles(
        string idOrSlug, [AsParameters] ScopedArticlesQuery query, HttpContext http, NewsDbContext db,
        ArticleList list, IValidator<ArticleListQuery> validator, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().ByIdOrSlug(idOrSlug).VisibleTo(db, http).Select(t => (int?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return Problems.NotFound("tag", idOrSlug);
        }
        SurrogateKeys.Add(http.Response, "list", $"tag-{tag.Value}");
        return await ArticleHttp.ListPageAsync(query.ToListQuery() with { Tag = tag.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            http, list, validator, cancellationToken);
    }

    private static async Task<Results<Ok<TagResponse>, ProblemHttpResult, ValidationProblem>> Patch(
        string idOrSlug, HttpContext http, NewsDbContext db, SiteTime site, ArticleStore articles, IValidator<TagPatchRequest> validator,
        CancellationToken cancellationToken)
    {
        var (patch, invalid) = await MergePatch.ReadAsync(http.Request, "a tag", alsoPlainJson: false, cancellationToken);
        if (patch is null)
        {
            return invalid!;
        }
        var tag = await db.Tags.ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return Problems.NotFound("tag", idOrSlug);
        }
        if (ETags.IfMatchFails(http.Request, tag.ToResponse(site)))
        {
            return Problems.PreconditionFailed();
        }
        var (request, problem) = await MergePatch.MergeAsync(new TagPatchRequest(tag.Name, tag.Slug), patch, "a tag", validator, cancellationToken);
        if (request is null)
        {
            return problem switch { ValidationProblem v => v, ProblemHttpResult p => p, _ => Problems.Invalid("$", "The request is not a tag.") };
        }
        var id = tag.Id;
        var name = ArticleTagging.NameOf(request.Name ?? tag.Name);
        var folded = ArticleTagging.FoldedOf(name);
        if (await db.Tags.AnyAsync(t => t.Folded == folded && t.Id != id, cancellationToken))
        {
            return Problems.Conflict($"Another tag is already named '{name}' (tone-insensitive): merge the two instead.");
        }
        var slug = request.Slug ?? tag.Slug;
        if (slug != tag.Slug)
        {
            if (await db.Tags.AnyAsync(t => t.Slug == slug && t.Id != id, cancellationToken)
                || await db.TagSlugs.AnyAsync(s => s.Slug == slug && s.TagId != id, cancellationToken))
            {
                return Problems.Conflict($"The slug '{slug}' is used, or was used, by another tag.");
            }
            db.TagSlugs.RemoveRange(await db.TagSlugs.Where(s => s.Slug == slug).ToListAsync(cancellationToken));
            db.TagSlugs.Add(new TagSlug { Slug = tag.Slug, TagId = id, RetiredAt = site.UtcNow });
        }
        var changed = name != tag.Name || slug != tag.Slug;
        (tag.Name, tag.Folded, tag.Slug) = (name, folded, slug);
        if (changed)
        {
            tag.Version++;
            tag.UpdatedAt = site.UtcNow;
            await articles.TouchAsync(a => db.ArticleTags.Any(t => t.ArticleId == a.Id && t.TagId == id), http.User.Actor(), cancellationToken);
        }
        if (await db.TrySaveAsync(cancellationToken) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }
        var response = tag.ToResponse(site);
        http.Response.Headers.ETag = ETags.Of(response);
        return TypedResults.Ok(response);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string idOrSlug, HttpContext http, NewsDbContext db, SiteTime site, ArticleStore articles, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return Problems.NotFound("tag", idOrSlug);
        }
        if (ETags.IfMatchFails(http.Request, tag.ToResponse(site)))
        {
            return Problems.PreconditionFailed();
        }
        await using var transaction = await db.BeginUnlessInTransactionAsync(cancellationToken);
        var id = tag.Id;
        var tagged = await db.ArticleTags.Where(t => t.TagId == id).Select(t => t.ArticleId).ToListAsync(cancellationToken);
        db.ArticleTags.RemoveRange(await db.ArticleTags.Where(t => t.TagId == id).ToListAsync(cancellationToken));
        db.Tags.Remove(tag);
        await db.SaveChangesAsync(cancellationToken);
        await articles.TouchAsync(a => EF.Parameter(tagged).Contains(a.Id), http.User.Actor(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TagResponse>, ProblemHttpResult>> Merge(
        string idOrSlug, TagMergeRequest request, HttpContext http, NewsDbContext db, SiteTime site, ArticleStore articles,
        CancellationToken cancellationToken)
    {
        var source = await db.Tags.ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return Problems.NotFound("tag", idOrSlug);
        }
        var into = request.Into.Trim();
        var target = await db.Tags.ByIdOrSlug(into).FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return Problems.Invalid("into", $"There is no tag '{into}'.");
        }
        if (target.Id == source.Id)
        {
            return Problems.Invalid("into", "A tag cannot be merged into itself.");
        }
        await using var transaction = await db.BeginUnlessInTransactionAsync(cancellationToken);
        var (sourceId, targetId) = (source.Id, target.Id);
        var moving = await db.ArticleTags.Where(t => t.TagId == sourceId).ToListAsync(cancellationToken);
        var articleIds = moving.Select(t => t.ArticleId).ToList();
        var already = (await db.ArticleTags.Where(t => t.TagId == targetId && EF.Parameter(articleIds).Contains(t.ArticleId))
            .ToListAsync(cancellationToken)).ToDictionary(t => t.ArticleId);
        foreach (var use in moving)
        {
            // The merged tag takes the place (position) of the first of the two in the article's list.
            if (already.TryGetValue(use.ArticleId, out var existing))
            {
                existing.Position = Math.Min(existing.Position, use.Position);
            }
            else
            {
                db.ArticleTags.Add(new ArticleTag { ArticleId = use.ArticleId, TagId = targetId, Position = use.Position });
            }
        }
        db.ArticleTags.RemoveRange(moving);
        foreach (var retired in await db.TagSlugs.Where(s => s.TagId == sourceId).ToListAsync(cancellationToken))
        {
            retired.TagId = targetId;
        }
        db.TagSlugs.Add(new TagSlug { Slug = source.Slug, TagId = targetId, RetiredAt = site.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
        db.Tags.Remove(source);
        target.Version++;
        target.UpdatedAt = site.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        await articles.TouchAsync(a => EF.Parameter(articleIds).Contains(a.Id), http.User.Actor(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        var response = target.ToResponse(site);
        http.Response.Headers.ETag = ETags.Of(response);
        return TypedResults.Ok(response);
    }
}
