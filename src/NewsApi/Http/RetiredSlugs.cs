namespace NewsApi.Http;

/// <summary>Slugs a resource used to have keep working: a path that finds nothing by one answers 308 to the current slug.</summary>
public static class RetiredSlugs
{
    /// <summary>
    /// Every path under <paramref name="basePath"/>/{idOrSlug} that answers 404 for a slug <paramref name="currentSlug"/>
    /// knows as retired answers 308 to the same path under the current slug (method, body and query kept).
    /// <paramref name="currentSlug"/> returns null when the caller may not see the resource.
    /// </summary>
    public static TBuilder RedirectingRetiredSlugs<TBuilder>(
        this TBuilder builder, string basePath, Func<HttpContext, string, CancellationToken, Task<string?>> currentSlug)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            if ((result is INestedHttpResult nested ? nested.Result : result)
                    is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status404NotFound }
                || http.GetRouteValue("idOrSlug") is not string slug || Data.IdOrSlug.IsId(slug, out _))
            {
                return result;
            }
            var path = http.Request.Path.Value ?? "";
            var segment = basePath + "/" + slug;
            var at = path.IndexOf(segment, StringComparison.Ordinal);
            if (at < 0 || await currentSlug(http, slug, http.RequestAborted) is not { } current)
            {
                return result;
            }
            var location = $"{http.Request.PathBase}{path[..at]}{basePath}/{current}{path[(at + segment.Length)..]}{http.Request.QueryString}";
            return TypedResults.Redirect(location, permanent: true, preserveMethod: true);
        });
}
