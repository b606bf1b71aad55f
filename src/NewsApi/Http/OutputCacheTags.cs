using Microsoft.AspNetCore.OutputCaching;

namespace NewsApi.Http;

public static class OutputCacheTags
{
    public const string Content = "content";

    /// <summary>Any successful write empties this instance's caches of public reads (responses, list totals and rankings), so its readers see the change at once.</summary>
    public static IApplicationBuilder EvictCachedContentOnWrites(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            await next(http);
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
                && http.Response.StatusCode is >= 200 and < 300)
            {
                var store = http.RequestServices.GetRequiredService<IOutputCacheStore>();
                await store.EvictByTagAsync(Content, CancellationToken.None);
                http.RequestServices.GetRequiredService<PublicListCache>().Clear();
            }
        });
}
