using Microsoft.AspNetCore.Http.HttpResults;
using FluentValidation;
using NewsApi.Http;
using NewsApi.Keys;

namespace NewsApi.Articles;

/// <summary>The HTTP side of reading and changing articles, shared by every endpoint that lists or changes them: If-Match, ETags, Link headers, problems.</summary>
public static class ArticleHttp
{
    /// <summary>
    /// The article to change, whole and tracked, once If-Match (when sent) has been checked against <paramref name="shown"/>
    /// (what the client was shown: the article by default, or the part an endpoint serves); else the problem to answer.
    /// </summary>
    public static async Task<(Article? Article, ProblemHttpResult? Problem)> LoadAsync(
        ArticleStore store, HttpContext http, string idOrSlug, CancellationToken cancellationToken, Func<Article, object?>? shown = null)
    {
        var article = await store.LoadForChangeAsync(idOrSlug, cancellationToken);
        if (article is null)
        {
            return (null, Problems.NotFound("article", idOrSlug));
        }
        var current = shown is null ? article.ToResponse(store.Site) : shown(article);
        return ETags.IfMatchFails(http.Request, current) ? (null, Problems.PreconditionFailed()) : (article, null);
    }

    /// <summary>Saves through the store (revision and document with it) and puts the new ETag on the response; a conflict is the problem to answer.</summary>
    public static async Task<ProblemHttpResult?> SaveAsync(ArticleStore store, Article article, HttpContext http, CancellationToken cancellationToken)
    {
        if (await store.SaveAsync(article, http.User.Actor(), cancellationToken) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }
        http.Response.Headers.ETag = ETags.Of(article.ToResponse(store.Site));
        return null;
    }

    public static ProblemHttpResult Failure(WriteError error) => error.Status == 409
        ? Problems.Conflict(error.Message)
        : Problems.Invalid(error.Field, error.Message);

    /// <summary>Validates a list query, runs it and answers the page with its Link header: every article list (a contributor's too).</summary>
    public static async Task<Results<CachedJson<ArticlePage>, ProblemHttpResult, ValidationProblem>> ListPageAsync(
        ArticleListQuery query, HttpContext http, ArticleList list, IValidator<ArticleListQuery> validator, CancellationToken cancellationToken)
    {
        if (await validator.ValidateAsync(query, cancellationToken) is { IsValid: false } invalid)
        {
            return TypedResults.ValidationProblem(ValidationFilter<ArticleListQuery>.ToErrors(invalid));
        }
        // Anonymous readers may see a list up to 5 s old (as from the output cache), so the pages of one list share its
        // total and, for a search, its ranking; a key holder always reads the database.
        var page = await list.RunAsync(query, shared: http.User.Identity?.IsAuthenticated != true, cancellationToken);
        OutputCacheTags.LimitCachedAge(http, page.SharedAge);
        var links = Paging.Links(http.Request, page.Page, page.PageSize, page.Total);
        http.Response.Headers.Link = Paging.LinkHeader(links);
        return new CachedJson<ArticlePage>(page.ToJson(links));
    }
}

/// <summary>What an article's answer holds, for Surrogate-Key: the article, its section and its tags (article-12 section-3 tag-7).</summary>
public static class ArticleSurrogateKeys
{
    public static IReadOnlyList<string> Of(ArticleResponse article) => Of(article.Id, article.Section?.Id, article.Tags.Select(t => t.Id));

    public static IReadOnlyList<string> Of(int articleId, int? sectionId, IEnumerable<int> tagIds) =>
        new[] { $"article-{articleId}" }
            .Concat(sectionId is { } section ? [$"section-{section}"] : [])
            .Concat(tagIds.Select(t => $"tag-{t}"))
            .ToList();

    /// <summary>The keys of a published article from its stored list item (an ArticleSummary as JSON): its section's id and its tags' ids.</summary>
    public static IReadOnlyList<string> OfSummary(int articleId, byte[] summary)
    {
        using var json = System.Text.Json.JsonDocument.Parse(summary);
        var root = json.RootElement;
        int? section = root.TryGetProperty("section", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.Object ? s.GetProperty("id").GetInt32() : null;
        var tags = root.TryGetProperty("tags", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.Array
            ? t.EnumerateArray().Select(tag => tag.GetProperty("id").GetInt32()).ToList()
            : [];
        return Of(articleId, section, tags);
    }
}
