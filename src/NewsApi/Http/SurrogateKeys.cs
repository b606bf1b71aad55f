namespace NewsApi.Http;

/// <summary>
/// Surrogate-Key: the names of what a public answer holds (article-12, contributor-3, list), space-separated, so that a
/// CDN in front can purge exactly what a change touched: a webhook's data.surrogateKeys names the same keys.
/// </summary>
public static class SurrogateKeys
{
    public const string Header = "Surrogate-Key";

    public static void Add(HttpResponse response, params string[] keys)
    {
        var present = response.Headers[Header].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        response.Headers[Header] = string.Join(' ', present.Concat(keys).Distinct(StringComparer.Ordinal));
    }

    /// <summary>Every answer of the endpoints carries <paramref name="key"/> (lists and feeds: "list").</summary>
    public static TBuilder WithSurrogateKey<TBuilder>(this TBuilder builder, string key) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            Add(context.HttpContext.Response, key);
            return await next(context);
        });
}
