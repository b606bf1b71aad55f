using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>Reading and replacing one part of an article (its byline, its dateline) as a resource of its own.</summary>
public static class ArticleParts
{
    public static async Task<Results<Ok<T>, ProblemHttpResult>> GetAsync<T>(
        ArticleStore store, HttpContext http, string idOrSlug, string part, Func<Article, T?> select, CancellationToken cancellationToken)
        where T : class
    {
        var article = await store.FindReadableAsync(http.User, idOrSlug, cancellationToken);
        if (article is null)
        {
            return Problems.NotFound("article", idOrSlug);
        }
        return select(article) is { } value ? TypedResults.Ok(value) : Problems.NotFound($"{part} of article", idOrSlug);
    }

    /// <summary>
    /// Replaces the part: If-Match is checked against the part as it is served, the change is a new version of the
    /// article with its revision, and the answer is the part as stored.
    /// </summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> PutAsync<T>(
        ArticleStore store, HttpContext http, string idOrSlug, Func<Article, T?> select,
        Func<Article, Task<(string Field, string Message)?>> apply, CancellationToken cancellationToken)
        where T : class
    {
        var (article, problem) = await ArticleHttp.LoadAsync(store, http, idOrSlug, cancellationToken, shown: select);
        if (article is null)
        {
            return problem!;
        }
        if (await apply(article) is { } error)
        {
            return Problems.Invalid(error.Field, error.Message);
        }
        article.Touch(store.Site.UtcNow);
        if (await ArticleHttp.SaveAsync(store, article, http, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        var response = select(article)!;
        http.Response.Headers.ETag = ETags.Of(response);
        return TypedResults.Ok(response);
    }
}
