using Microsoft.AspNetCore.OutputCaching;

namespace NewsApi.Http;

public static class OutputCacheTags
{
    public const string Content = "content";

    /// <summary>
    /// A response built from shared values <paramref name="age"/> old is kept by the output cache only for what is left
    /// of the 5 s, so that what it serves is never older than that in all (not 5 s of list cache plus 5 s of output cache).
    /// </summary>
    public static void LimitCachedAge(HttpContext http, TimeSpan age)
    {
        if (http.Features.Get<IOutputCacheFeature>()?.Context is not { } cache || age <= TimeSpan.Zero)
        {
            return;
        }
        var left = TimeSpan.FromSeconds(CachedResponse.PublicMaxAgeSeconds) - age;
        if (left <= TimeSpan.Zero)
        {
            cache.AllowCacheStorage = false;
        }
        else if (cache.ResponseExpirationTimeSpan is not { } planned || left < planned)
        {
            cache.ResponseExpirationTimeSpan = left;
        }
    }

    /// <summary>
    /// Any successful write empties this instance's caches of public reads (responses, list totals and rankings), so its
    /// readers see the change at once, and on PostgreSQL tells every other replica to empty theirs (ReplicaCacheEviction).
    /// </summary>
    public static IApplicationBuilder EvictCachedContentOnWrites(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            await next(http);
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
                && http.Response.StatusCode is >= 200 and < 300)
            {
                var eviction = http.RequestServices.GetRequiredService<ReplicaCacheEviction>();
                await eviction.EvictLocalAsync();
                await eviction.NotifyOthersAsync();
            }
        });
}
