using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Feeds;
using NewsApi.Http;
using NewsApi.Keys;
using NewsApi.Text;

namespace NewsApi.Articles;

public static class ArticleEndpoints
{
    public const string MergePatchJson = "application/merge-patch+json";
    /// <summary>How many of a search's best hits are ranked once and shared by its pages (50 pages of 20).</summary>
    private const int SharedRankingDepth = 1_000;
    public static readonly string[] Sorts = ["-publishedAt", "publishedAt", "-updatedAt", "relevance"];
    public static readonly string[] Statuses = ["draft", "scheduled", "published"];

    public static RouteGroupBuilder MapArticles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/articles").WithTags("Articles").RedirectingRetiredSlugs();

        group.MapGet("/", List).WithName("ListArticles").WithETag()
            .WithSummary("List published articles, newest first")
            .WithDescription("Paged with page/pageSize (max 100). Filters: q (tone-insensitive full text ranked by relevance; a search covers the most recently added matches up to Search:MaxResults, 10,000 by default, and the other filters and sorts apply to those), contributor (id or slug), source, from/to (publication dates, inclusive). sort: -publishedAt (the default without q), publishedAt, -updatedAt, relevance (with q, and its default). status lists drafts or scheduled articles and needs a key with content.read. The Link header carries next/prev/first/last.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/{idOrSlug}", Get).WithName("GetArticle").WithETag().WithNewsArticleJsonLd().WithNinjs()
            .WithSummary("Get one article by id or slug")
            .WithDescription("Published articles are public. Drafts and scheduled articles answer 404 unless the request carries a key with content.read. A slug the article used to have answers 308 to the current one. With Accept: application/ld+json the article is a schema.org NewsArticle (JSON-LD): each credit is a Person author with its byline roles as jobTitle, the byline's source is sourceOrganization, and the publisher is a NewsMediaOrganization with the contact header's address and first phone (E.164). With Accept: application/ninjs+json it is an IPTC ninjs 3.1 news item: by is the byline as printed, people has one entry per credited contributor and role (rel is the role, literal the contributor's slug), infoSources holds the publisher and the credited source (role source), located is the dateline's place.")
            .Produces(StatusCodes.Status308PermanentRedirect);

        group.MapPost("/", Create).InWriteTransaction().WithName("CreateArticle").Validate<ArticleRequest>().RequireScope(Scopes.ContentWrite)
            .WithSummary("Create an article")
            .WithDescription("Creates a draft unless status says otherwise. The slug is made from the headline unless given; a given slug already in use is a 409. A byline or dateline sent as text alone is parsed.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{idOrSlug}", Replace).InWriteTransaction().WithName("ReplaceArticle").Validate<ArticleRequest>().RequireScope(Scopes.ContentWrite)
            .WithSummary("Replace an article")
            .WithDescription("Replaces every field; a byline or dateline left out is removed. Send If-Match with the ETag you read to avoid overwriting someone else's change (412 when stale).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapPatch("/{idOrSlug}", Patch).InWriteTransaction().WithName("PatchArticle").RequireScope(Scopes.ContentWrite)
            .Accepts<ArticlePatchRequest>(MergePatchJson).ProducesValidationProblem()
            .WithSummary("Change some fields of an article (JSON Merge Patch)")
            .WithDescription("RFC 7396: send only the members to change, as application/merge-patch+json; null removes a byline or dateline. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapDelete("/{idOrSlug}", Delete).InWriteTransaction().WithName("DeleteArticle").RequireScope(Scopes.ContentWrite)
            .WithSummary("Delete an article")
            .WithDescription("Deletes the article with its byline and dateline. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapArticleWorkflow();
        return group;
    }

    public static async Task<Results<Ok<ArticlePage>, ProblemHttpResult, ValidationProblem>> List(
        HttpContext http, NewsDbContext db, SiteTime site,
        int? page, int? pageSize, string? q, string? contributor, string? source, DateOnly? from, DateOnly? to,
        string? sort, string? status, CancellationToken cancellationToken)
    {
        if (status is not null && !http.User.CanReadDrafts())
        {
            // Decided before the query is validated: an anonymous caller learns nothing about the values status accepts.
            return TypedResults.Problem(statusCode: 401, title: "Unauthorized", detail: "Listing by status needs an API key with content.read.");
        }
        var errors = new Dictionary<string, string[]>();
        ArticleStatus? statusFilter = null;
        if (status is not null)
        {
            if (ParseStatus(status) is { } parsed) statusFilter = parsed;
            else errors["status"] = [$"status is {string.Join(", ", Statuses)}."];
        }
        var (p, size) = Paging.Check(page, pageSize, errors);
        if (sort is not null && !Sorts.Contains(sort)) errors["sort"] = [$"sort is one of {string.Join(", ", Sorts)}."];
        if (sort == "relevance" && string.IsNullOrWhiteSpace(q)) errors["sort"] = ["sort=relevance needs q."];
        if (from is not null && to is not null && from > to) errors["from"] = ["from is on or before to."];
        if (from is { } f && !TextRules.IsReasonableYear(f.Year)) errors["from"] = [$"from is between the years {TextRules.MinYear} and {TextRules.MaxYear}."];
        if (to is { } t && !TextRules.IsReasonableYear(t.Year)) errors["to"] = [$"to is between the years {TextRules.MinYear} and {TextRules.MaxYear}."];
        if (!TextRules.HasNoControlCharacters(contributor)) errors["contributor"] = ["contributor has control characters."];
        if (!TextRules.HasNoControlCharacters(source)) errors["source"] = ["source has control characters."];
        if (q is { Length: > ArticleListLimits.Query }) errors["q"] = [$"q is at most {ArticleListLimits.Query} characters."];
        if (contributor is { Length: > ArticleListLimits.Contributor }) errors["contributor"] = [$"contributor is at most {ArticleListLimits.Contributor} characters."];
        if (source is { Length: > ArticleListLimits.Source }) errors["source"] = [$"source is at most {ArticleListLimits.Source} characters."];
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = site.UtcNow;
        var query = db.Articles.AsNoTracking();
        query = statusFilter switch
        {
            null or ArticleStatus.Published => query.Where(await ArticleQueries.IsPublicAsync(db, now, cancellationToken)),
            ArticleStatus.Scheduled => query.Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt > now),
            var only => query.Where(a => a.Status == only),
        };
        if (!string.IsNullOrWhiteSpace(contributor))
        {
            // The contributor's articles come from the credits' (ContributorId, ArticleId) index, probed by id; an EXISTS
            // per article went through its byline first, which cost a search's window 10,000 joins more.
            var credited = int.TryParse(contributor, out var contributorId)
                ? db.BylineCredits.Where(c => c.ContributorId == contributorId).Select(c => c.ArticleId)
                : db.BylineCredits.Where(c => c.Contributor.Slug == contributor).Select(c => c.ArticleId);
            query = query.Where(a => credited.Contains(a.Id));
        }
        if (!string.IsNullOrWhiteSpace(source))
        {
            var normalizedSource = VietnameseText.NormalizeLine(source);
            query = query.Where(a => a.Byline!.Source == normalizedSource);
        }
        if (from is { } fromDate)
        {
            var start = site.StartOfDay(fromDate);
            query = query.Where(a => a.PublishedAt >= start);
        }
        if (to is { } toDate)
        {
            var end = site.StartOfDay(toDate.AddDays(1));
            query = query.Where(a => a.PublishedAt < end);
        }
        var sortKey = sort ?? (string.IsNullOrWhiteSpace(q) ? "-publishedAt" : "relevance");
        IQueryable<ListRow> rows;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var terms = ArticleSearch.Terms(q);
            if (terms.Count == 0)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["q needs at least one word."] });
            }
            // Every search covers the most recently added matches up to Search:MaxResults: the index yields them newest first
            // and stops at the window, so no filter, sort or number of words makes a search cost more than the window
            // (joining every match to its article cost minutes at 100k articles). A public search leaves out, inside the
            // index, the few articles nobody may read yet (drafts, schedules still to come).
            var hits = ArticleSearch.Hits(db, terms);
            if (statusFilter is null or ArticleStatus.Published)
            {
                var hidden = db.Articles.Where(ArticleQueries.IsHidden(now)).Select(a => a.Id);
                hits = hits.Where(h => !hidden.Contains(h.Id));
            }
            var window = hits.Newest(http.RequestServices.GetRequiredService<SearchSettings>().MaxResults);
            if (sortKey == "relevance" && statusFilter is null or ArticleStatus.Published
                && contributor is null && source is null && from is null && to is null)
            {
                // The common search is counted and ranked inside the full-text index: no match is joined to its article row.
                rows = window.Select(h => new ListRow { Id = h.Id, Rank = h.Rank });
            }
            else
            {
                // Filters and other orders apply to the window's matches, each joined to its article by primary key.
                rows = query.Join(window, a => a.Id, h => h.Id,
                    (a, h) => new ListRow { Id = a.Id, PublishedAt = a.PublishedAt, UpdatedAt = a.UpdatedAt, Rank = h.Rank });
            }
        }
        else
        {
            rows = query.Select(a => new ListRow { Id = a.Id, PublishedAt = a.PublishedAt, UpdatedAt = a.UpdatedAt, Rank = 0 });
        }

        using var searchSlot = string.IsNullOrWhiteSpace(q)
            ? null
            : await http.RequestServices.GetRequiredService<SearchGate>().EnterAsync(cancellationToken);
        // Anonymous readers may see a list up to 5 s old (as from the output cache), so the pages of one list share its
        // total and, for a search, its ranking; a key holder always reads the database.
        var shared = http.User.Identity?.IsAuthenticated != true;
        var listCache = http.RequestServices.GetRequiredService<PublicListCache>();
        var filters = string.Join('|', statusFilter, contributor, source, from?.ToString("O"), to?.ToString("O"),
            string.IsNullOrWhiteSpace(q) ? null : string.Join(' ', ArticleSearch.Terms(q)));
        var ordered = sortKey switch
        {
            "publishedAt" => rows.OrderBy(r => r.PublishedAt).ThenBy(r => r.Id),
            "-updatedAt" => rows.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id),
            "relevance" => rows.OrderBy(r => r.Rank).ThenByDescending(r => r.Id),
            _ => rows.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id),
        };
        // Page through narrow rows first (index-backed), then load only that page's articles whole.
        var skip = (p - 1) * size;
        int total;
        List<int> ids;
        var sharedAge = TimeSpan.Zero;
        if (!string.IsNullOrWhiteSpace(q))
        {
            // A search's rows are its window (at most Search:MaxResults): read once, unordered, they give the total and
            // are ordered here. Asked to order them, SQLite may walk a whole index of articles in that order and probe the
            // window for each (a second per request at 100k); reading the window and counting it again cost twice the work.
            async Task<RankedSearch> RankAsync()
            {
                var window = await rows.Select(r => new { r.Id, r.PublishedAt, r.UpdatedAt, r.Rank }).ToListAsync(cancellationToken);
                var inOrder = sortKey switch
                {
                    "publishedAt" => window.OrderBy(r => r.PublishedAt).ThenBy(r => r.Id),
                    "-updatedAt" => window.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id),
                    "relevance" => window.OrderBy(r => r.Rank).ThenByDescending(r => r.Id),
                    _ => window.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id),
                };
                var all = inOrder.Select(r => r.Id);
                return new RankedSearch(window.Count, (skip + size <= SharedRankingDepth ? all.Take(SharedRankingDepth) : all).ToList());
            }
            RankedSearch ranked;
            if (shared && skip + size <= SharedRankingDepth)
            {
                // Once per list, then each page is a slice of it.
                (ranked, sharedAge) = await listCache.GetOrComputeAsync($"search|{sortKey}|{filters}", RankAsync, cancellationToken);
            }
            else
            {
                ranked = await RankAsync();
            }
            total = ranked.Total;
            ids = ranked.Ids.Skip(skip).Take(size).ToList();
        }
        else
        {
            (total, sharedAge) = shared
                ? await listCache.GetOrComputeAsync("total|" + filters, () => rows.CountAsync(cancellationToken), cancellationToken)
                : (await rows.CountAsync(cancellationToken), TimeSpan.Zero);
            ids = await ordered.Skip(skip).Take(size).Select(r => r.Id).ToListAsync(cancellationToken);
        }
        // The ids go as one parameter (a JSON array on SQLite, an array on PostgreSQL), so the SQL is the same for every page;
        // the credits come in a query of their own, which SQLite answers from the credits' index (as one LEFT JOIN it
        // would materialize every credit of every article).
        var articles = (await db.Articles.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id)).Select(ArticleMapping.SummaryColumns)
                .AsSplitQuery().ToListAsync(cancellationToken))
            .ToDictionary(a => a.Id);
        // A shared ranking can be seconds old: a public list shows only what is public now, so an article unpublished
        // since (on any instance) never appears. Checked here on the page's rows: in the query, SQLite would answer
        // "Status = 'Published' AND Id IN (...)" by walking the status index over every published article.
        var items = ids.Where(articles.ContainsKey).Select(id => articles[id].ToSummary(site))
            .Where(item => statusFilter is not (null or ArticleStatus.Published) || item.Status == ArticleStatus.Published)
            .ToList();
        OutputCacheTags.LimitCachedAge(http, sharedAge);

        var links = Paging.Links(http.Request, p, size, total);
        http.Response.Headers.Link = Paging.LinkHeader(links);
        return TypedResults.Ok(new ArticlePage(items, p, size, total, links));
    }

    public static async Task<Results<Ok<ArticleResponse>, RedirectHttpResult, ProblemHttpResult>> Get(
        string idOrSlug, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var article = await FindReadableAsync(db, http.User, idOrSlug, site, cancellationToken);
        return article is null ? Problems.NotFound("article", idOrSlug) : TypedResults.Ok(article.ToResponse(site));
    }

    /// <summary>An article the caller may see: published ones for everyone, any for a key with content.read.</summary>
    public static Task<Article?> FindReadableAsync(NewsDbContext db, ClaimsPrincipal user, string idOrSlug, SiteTime site, CancellationToken cancellationToken) =>
        ReadableBy(db, user, site).ByIdOrSlug(idOrSlug).FirstWithPartsAsync(db, tracked: false, cancellationToken);

    private static IQueryable<Article> ReadableBy(NewsDbContext db, ClaimsPrincipal user, SiteTime site) =>
        user.CanReadDrafts() ? db.Articles.AsNoTracking() : db.Articles.AsNoTracking().Where(ArticleQueries.IsPublic(site.UtcNow));

    /// <summary>
    /// Every path under /articles/{idOrSlug} that finds no article by a slug the article used to have answers 308 to
    /// the same path under its current slug (reads and writes alike, method and body kept), when the caller may see it.
    /// </summary>
    public static TBuilder RedirectingRetiredSlugs<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            if ((result is INestedHttpResult nested ? nested.Result : result) is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status404NotFound }
                || http.GetRouteValue("idOrSlug") is not string slug || IdOrSlug.IsId(slug, out _))
            {
                return result;
            }
            var db = http.RequestServices.GetRequiredService<NewsDbContext>();
            var site = http.RequestServices.GetRequiredService<SiteTime>();
            var retiredFrom = db.ArticleSlugs.Where(s => s.Slug == slug).Select(s => s.ArticleId);
            var current = await ReadableBy(db, http.User, site).Where(a => retiredFrom.Contains(a.Id)).Select(a => a.Slug)
                .FirstOrDefaultAsync(http.RequestAborted);
            var path = http.Request.Path.Value ?? "";
            var segment = "/api/v1/articles/" + slug;
            var at = path.IndexOf(segment, StringComparison.Ordinal);
            if (current is null || at < 0)
            {
                return result;
            }
            var location = $"{http.Request.PathBase}{path[..at]}/api/v1/articles/{current}{path[(at + segment.Length)..]}{http.Request.QueryString}";
            return TypedResults.Redirect(location, permanent: true, preserveMethod: true);
        });

    public static async Task<Results<Created<ArticleResponse>, ProblemHttpResult, ValidationProblem>> Create(
        ArticleRequest request, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var article = new Article();
        var error = await ArticleWriter.ApplyAsync(db, site, article, request, site.UtcNow, cancellationToken);
        if (error is not null)
        {
            return Failure(error);
        }
        db.Articles.Add(article);
        return await SaveAsync(db, article, http, site, cancellationToken) is { } conflict
            ? conflict
            : TypedResults.Created($"/api/v1/articles/{article.Id}", article.ToResponse(site));
    }

    public static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult, ValidationProblem>> Replace(
        string idOrSlug, ArticleRequest request, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var (article, problem) = await LoadForWriteAsync(db, http, site, idOrSlug, cancellationToken);
        return article is null ? problem! : await ApplyAndSaveAsync(db, article, request, http, site, cancellationToken);
    }

    public static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult, ValidationProblem>> Patch(
        string idOrSlug, HttpContext http, NewsDbContext db, SiteTime site,
        FluentValidation.IValidator<ArticleRequest> validator, CancellationToken cancellationToken)
    {
        if (!string.Equals(http.Request.ContentType?.Split(';')[0].Trim(), MergePatchJson, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedMediaType($"Send a JSON Merge Patch as {MergePatchJson}.");
        }
        JsonNode? patch;
        try
        {
            patch = await JsonNode.ParseAsync(http.Request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Problems.Invalid("$", "The body is not valid JSON.");
        }
        if (patch is not JsonObject)
        {
            return Problems.Invalid("$", "A merge patch for an article is a JSON object.");
        }

        var (article, problem) = await LoadForWriteAsync(db, http, site, idOrSlug, cancellationToken);
        if (article is null)
        {
            return problem!;
        }

        var current = JsonSerializer.SerializeToNode(article.ToRequest(site), Json.Options)!;
        JsonNode? merged;
        try
        {
            ForgetWhatNewTextReplaces(current, (JsonObject)patch);
            merged = MergePatch.Apply(current, patch);
        }
        catch (ArgumentException)
        {
            // System.Text.Json refuses an object that names a member twice when it is first enumerated.
            return Problems.Invalid("$", "A member appears twice in the patch.");
        }
        ArticleRequest? request;
        try
        {
            request = merged.Deserialize<ArticleRequest>(Json.Options);
        }
        catch (JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path.TrimStart('$', '.');
            return Problems.Invalid(field, "This member is unknown, or its value has the wrong type.");
        }
        if (request is null)
        {
            return Problems.Invalid("$", "A merge patch for an article is a JSON object.");
        }
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(ValidationFilter<ArticleRequest>.ToErrors(validation));
        }
        return await ApplyAndSaveAsync(db, article, request, http, site, cancellationToken);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string idOrSlug, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var (article, problem) = await LoadForWriteAsync(db, http, site, idOrSlug, cancellationToken);
        if (article is null)
        {
            return problem!;
        }
        Webhooks.WebhookOutbox.AddDeleted(db, article.ToResponse(site), site);
        db.Articles.Remove(article);
        await db.SaveChangesAsync(cancellationToken);
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

    /// <summary>An article to change, whole and tracked, once If-Match (when sent) has been checked against it; else the problem to answer.</summary>
    public static async Task<(Article? Article, ProblemHttpResult? Problem)> LoadForWriteAsync(
        NewsDbContext db, HttpContext http, SiteTime site, string idOrSlug, CancellationToken cancellationToken)
    {
        var article = await ArticleQueries.LoadForChangeAsync(db, IdOrSlug.Matches<Article>(idOrSlug), cancellationToken);
        if (article is null)
        {
            return (null, Problems.NotFound("article", idOrSlug));
        }
        return ETags.IfMatchFails(http.Request, article.ToResponse(site)) ? (null, Problems.PreconditionFailed()) : (article, null);
    }

    /// <summary>Saves a changed article with its revision and puts the new ETag on the response; a conflict is the problem to answer.</summary>
    public static async Task<ProblemHttpResult?> SaveAsync(NewsDbContext db, Article article, HttpContext http, SiteTime site, CancellationToken cancellationToken)
    {
        if (await db.SaveWithRevisionAsync(article, http.User.Actor(), site, cancellationToken) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }
        http.Response.Headers.ETag = ETags.Of(article.ToResponse(site));
        return null;
    }

    private static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult, ValidationProblem>> ApplyAndSaveAsync(
        NewsDbContext db, Article article, ArticleRequest request, HttpContext http, SiteTime site, CancellationToken cancellationToken)
    {
        if (await ArticleWriter.ApplyAsync(db, site, article, request, site.UtcNow, cancellationToken) is { } error)
        {
            return Failure(error);
        }
        return await SaveAsync(db, article, http, site, cancellationToken) is { } conflict ? conflict : TypedResults.Ok(article.ToResponse(site));
    }

    private static ArticleStatus? ParseStatus(string value) => value switch
    {
        "draft" => ArticleStatus.Draft,
        "scheduled" => ArticleStatus.Scheduled,
        "published" => ArticleStatus.Published,
        _ => null,
    };

    /// <summary>A search's total, and its ids in order (the first <see cref="SharedRankingDepth"/> when shared).</summary>
    private sealed record RankedSearch(int Total, List<int> Ids);

    /// <summary>The narrow row a list is sorted and paged by before whole articles are loaded.</summary>
    private sealed class ListRow
    {
        public int Id { get; init; }
        public DateTime? PublishedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public double Rank { get; init; }
    }

    private static ProblemHttpResult Failure(WriteError error) => error.Status == 409
        ? Problems.Conflict(error.Message)
        : Problems.Invalid(error.Field, error.Message);
}
