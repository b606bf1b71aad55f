using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Feeds;
using NewsApi.Http;
using NewsApi.Keys;
using NewsApi.Text;

namespace NewsApi.Articles;

public static class ArticleEndpoints
{
    public const string MergePatchJson = MergePatch.MediaType;

    public static RouteGroupBuilder MapArticles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/articles").WithTags("Articles").RedirectingRetiredSlugs();

        group.MapGet("/", List).WithName("ListArticles").WithETag().WithSurrogateKey("list")
            .WithSummary("List published articles, newest first")
            .WithDescription("Paged with page/pageSize (max 100). Filters: q (tone-insensitive full text ranked by relevance; a search covers the most recently added matches up to Search:MaxResults, 10,000 by default, and the other filters and sorts apply to those), contributor (id or slug), section (id or slug, a slug it used to have too; its subsections' articles are included), tag (id or slug, or the slug of a tag merged into it), source, from/to (publication dates, inclusive). sort: -publishedAt (the default without q), publishedAt, -updatedAt, relevance (with q, and its default). status lists drafts or scheduled articles and needs a key with content.read. The Link header carries next/prev/first/last.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/{idOrSlug}", Get).WithName("GetArticle").WithETag().WithNewsArticleJsonLd().WithNinjs()
            .WithSummary("Get one article by id or slug")
            .WithDescription("Published articles are public. Drafts and scheduled articles answer 404 unless the request carries a key with content.read. A slug the article used to have answers 308 to the current one. With Accept: application/ld+json the article is a schema.org NewsArticle (JSON-LD): each credit is a Person author with its byline roles as jobTitle, the byline's source is sourceOrganization, and the publisher is a NewsMediaOrganization with the contact header's address and first phone (E.164), and image lists the feature image as ImageObjects (the original and its renditions). featureImage and image blocks embed the photo's summary (size, url, renditions); their caption, alt and credit are this article's own, else the photo's, and a photo with no credit is credited to the byline's photo contributors. With Accept: application/ninjs+json it is an IPTC ninjs 3.1 news item: by is the byline as printed, people has one entry per credited contributor and role (rel is the role, literal the contributor's slug), infoSources holds the publisher and the credited source (role source), located is the dateline's place, subjects the section (rel section) and the tags (rel tag), each with its name, its resource's uri by id and its slug as literal. In JSON-LD, articleSection names the section and those above it (the top one first) and keywords the tags. Surrogate-Key names the article, its section and its tags (article-{id} section-{id} tag-{id}).")
            .Produces(StatusCodes.Status308PermanentRedirect);

        group.MapGet("/{idOrSlug}/related", Related).WithName("ListRelatedArticles").WithETag().WithSurrogateKey("list")
            .WithSummary("List the published articles nearest to an article, best first")
            .WithDescription($"Up to limit (1-{RelatedQuery.MaxLimit}, default {RelatedQuery.DefaultLimit}) published articles, never the article itself: those sharing its tags (more shared tags, and rarer ones, count more), its section (and, less, its parent section or sibling sections) and the words of its headline; ties newer first. Candidates are the newest articles of each shared tag and section and the best headline matches among the newest, so a call costs the same at any number of articles. The article is found as by GET /api/v1/articles/{{idOrSlug}}: a draft or a schedule still to come answers 404 unless the request carries a key with content.read, and a slug it used to have answers 308.")
            .ProducesProblem(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status308PermanentRedirect);

        var writes = group.Writes(Scopes.ContentWrite);
        writes.MapPost("/", Create).WithName("CreateArticle").Validate<ArticleRequest>()
            .WithSummary("Create an article")
            .WithDescription("Creates a draft unless status says otherwise. The slug is made from the headline unless given; a given slug already in use is a 409. A byline or dateline sent as text alone is parsed. featureImage and image blocks name a media item by mediaId (an unknown one is a 400 naming the field), with optional caption, alt and credit for this article.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPut("/{idOrSlug}", Replace).WithName("ReplaceArticle").Validate<ArticleRequest>()
            .WithSummary("Replace an article")
            .WithDescription("Replaces every field; a byline or dateline left out is removed. Send If-Match with the ETag you read to avoid overwriting someone else's change (412 when stale).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        writes.MapPatch("/{idOrSlug}", Patch).WithName("PatchArticle")
            .Accepts<ArticlePatchRequest>(MergePatchJson).ProducesValidationProblem()
            .WithSummary("Change some fields of an article (JSON Merge Patch)")
            .WithDescription("RFC 7396: send only the members to change, as application/merge-patch+json; null removes a byline or dateline. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        writes.MapDelete("/{idOrSlug}", Delete).WithName("DeleteArticle")
            .WithSummary("Delete an article")
            .WithDescription("Deletes the article with its byline and dateline. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapArticleWorkflow(writes);
        return group;
    }

    private static async Task<Results<CachedJson<ArticlePage>, ProblemHttpResult, ValidationProblem>> List(
        [AsParameters] ArticleListQuery query, HttpContext http, ArticleList list, IValidator<ArticleListQuery> validator, CancellationToken cancellationToken)
    {
        if (query.Status is not null && !http.User.CanReadDrafts())
        {
            // Decided before the query is validated: an anonymous caller learns nothing about the values status accepts.
            return TypedResults.Problem(statusCode: 401, title: "Unauthorized", detail: "Listing by status needs an API key with content.read.");
        }
        return await ArticleHttp.ListPageAsync(query, http, list, validator, cancellationToken);
    }

    private static async Task<Results<Ok<ArticleResponse>, StoredDocumentResult, RedirectHttpResult, ProblemHttpResult>> Get(
        string idOrSlug, HttpContext http, ArticleStore store, CancellationToken cancellationToken)
    {
        // A published article's JSON is stored rendered: one indexed read, its bytes sent as they are (compressed when
        // the client accepts it). JSON-LD, ninjs, drafts and schedules are rendered here.
        if (!NewsArticleJsonLd.IsPreferred(http.Request) && !Ninjs.IsPreferred(http.Request)
            && await store.FindPublishedDocumentAsync(idOrSlug, ContentCodings.Preferred(http.Request), cancellationToken) is var (_, document, keys))
        {
            SurrogateKeys.Add(http.Response, [.. keys]);
            return new StoredDocumentResult(document, "application/json; charset=utf-8");
        }
        var article = await store.FindReadableAsync(http.User, idOrSlug, cancellationToken);
        if (article is null)
        {
            return Problems.NotFound("article", idOrSlug);
        }
        var response = article.ToResponse(store.Site);
        SurrogateKeys.Add(http.Response, [.. ArticleSurrogateKeys.Of(response)]);
        return TypedResults.Ok(response);
    }

    private static async Task<Results<CachedJson<RelatedArticles>, ProblemHttpResult, ValidationProblem>> Related(
        string idOrSlug, [AsParameters] RelatedQuery query, HttpContext http, ArticleRelated related, IValidator<RelatedQuery> validator,
        CancellationToken cancellationToken)
    {
        if (await validator.ValidateAsync(query, cancellationToken) is { IsValid: false } invalid)
        {
            return TypedResults.ValidationProblem(ValidationFilter<RelatedQuery>.ToErrors(invalid));
        }
        if (await related.FindAsync(http.User, idOrSlug, query.Limit ?? RelatedQuery.DefaultLimit, cancellationToken) is not var (id, items))
        {
            return Problems.NotFound("article", idOrSlug);
        }
        SurrogateKeys.Add(http.Response, $"article-{id}");
        return new CachedJson<RelatedArticles>(ArticleRelated.ToJson(items));
    }

    /// <summary>
    /// Every path under /articles/{idOrSlug} that finds no article by a slug the article used to have answers 308 to
    /// the same path under its current slug (reads and writes alike, method and body kept), when the caller may see it.
    /// </summary>
    public static TBuilder RedirectingRetiredSlugs<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RedirectingRetiredSlugs("/api/v1/articles", (http, slug, cancellationToken) =>
        {
            var store = http.RequestServices.GetRequiredService<ArticleStore>();
            var retiredFrom = store.Db.ArticleSlugs.Where(s => s.Slug == slug).Select(s => s.ArticleId);
            return store.ReadableBy(http.User).Where(a => retiredFrom.Contains(a.Id)).Select(a => a.Slug).FirstOrDefaultAsync(cancellationToken);
        });

    private static async Task<Results<Created<ArticleResponse>, ProblemHttpResult, ValidationProblem>> Create(
        ArticleRequest request, HttpContext http, ArticleStore store, CancellationToken cancellationToken)
    {
        var article = new Article();
        if (await store.ApplyAsync(article, request, cancellationToken) is { } error)
        {
            return ArticleHttp.Failure(error);
        }
        store.Add(article);
        return await ArticleHttp.SaveAsync(store, article, http, cancellationToken) is { } conflict
            ? conflict
            : TypedResults.Created($"/api/v1/articles/{article.Id}", article.ToResponse(store.Site));
    }

    private static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult, ValidationProblem>> Replace(
        string idOrSlug, ArticleRequest request, HttpContext http, ArticleStore store, CancellationToken cancellationToken)
    {
        var (article, problem) = await ArticleHttp.LoadAsync(store, http, idOrSlug, cancellationToken);
        return article is null ? problem! : await ApplyAndSaveAsync(store, article, request, http, cancellationToken);
    }

    private static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult, ValidationProblem>> Patch(
        string idOrSlug, HttpContext http, ArticleStore store, IValidator<ArticleRequest> validator, CancellationToken cancellationToken)
    {
        var (patch, invalid) = await MergePatch.ReadAsync(http.Request, "an article", alsoPlainJson: false, cancellationToken);
        if (patch is null)
        {
            return invalid!;
        }

        var (article, problem) = await ArticleHttp.LoadAsync(store, http, idOrSlug, cancellationToken);
        if (article is null)
        {
            return problem!;
        }

        var current = JsonSerializer.SerializeToNode(article.ToRequest(store.Site), Json.Options)!;
        ForgetWhatNewTextReplaces(current, patch);
        var (request, refused) = await MergePatch.MergeAsync(current, patch, "an article", validator, cancellationToken);
        if (request is null)
        {
            return refused switch
            {
                ValidationProblem validation => validation,
                ProblemHttpResult problemResult => problemResult,
                _ => Problems.Invalid("$", "A merge patch for an article is a JSON object."),
            };
        }
        return await ApplyAndSaveAsync(store, article, request, http, cancellationToken);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string idOrSlug, HttpContext http, ArticleStore store, CancellationToken cancellationToken)
    {
        var (article, problem) = await ArticleHttp.LoadAsync(store, http, idOrSlug, cancellationToken);
        if (article is null)
        {
            return problem!;
        }
        await store.DeleteAsync(article, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A byline or dateline patched with its text alone is read from that text, as on PUT: the stored credits and
    /// source (or date, part of day and place) belonged to the old text and must not survive it.
    /// </summary>
    private static void ForgetWhatNewTextReplaces(JsonNode current, JsonObject patch)
    {
        foreach (var (part, derived) in new[] { ("byline", new[] { "credits", "source" }), ("dateline", new[] { "date", "partOfDay", "place" }) })
        {
            if (patch[part] is JsonObject partPatch && partPatch.ContainsKey("text") && !derived.Any(partPatch.ContainsKey)
                && current[part] is JsonObject stored)
            {
                foreach (var member in derived)
                {
                    stored.Remove(member);
                }
            }
        }
    }

    private static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult, ValidationProblem>> ApplyAndSaveAsync(
        ArticleStore store, Article article, ArticleRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        if (await store.ApplyAsync(article, request, cancellationToken) is { } error)
        {
            return ArticleHttp.Failure(error);
        }
        return await ArticleHttp.SaveAsync(store, article, http, cancellationToken) is { } conflict ? conflict : TypedResults.Ok(article.ToResponse(store.Site));
    }
}
