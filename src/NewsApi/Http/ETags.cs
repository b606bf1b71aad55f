using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace NewsApi.Http;

/// <summary>
/// Strong ETags computed from the exact bytes served, so a list, an article and the contact header all get one
/// without bookkeeping, and If-Match on a write compares against what the client was really shown.
/// </summary>
public static class ETags
{
    public static string Of(byte[] body) => "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"";

    public static string Of<T>(T representation) => Of(JsonSerializer.SerializeToUtf8Bytes(representation, Json.Options));

    /// <summary>If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/"x" matches "x".</summary>
    public static bool IfNoneMatchHits(HttpRequest request, string etag) => Matches(request.Headers.IfNoneMatch, etag, strong: false);

    /// <summary>
    /// True when the request carries If-Match and it does not hold: If-Match uses the strong comparison (a weak tag
    /// never matches), and when the resource does not exist (current is null) no If-Match holds, not even "*".
    /// </summary>
    public static bool IfMatchFails<T>(HttpRequest request, T? current)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return false;
        }
        return current is null || !Matches(header, Of(current), strong: true);
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues header, string etag, bool strong)
    {
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (t.Tag.Value == etag && (!strong || !t.IsWeak)));
    }
}

/// <summary>
/// Serves a GET's bytes with their strong ETag and cache headers, or 304 when the client already has them:
/// the one place JSON reads, feeds and the sitemap get their caching from.
/// </summary>
public static class CachedResponse
{
    public const int PublicMaxAgeSeconds = 5;

    /// <summary>
    /// An answer a key can change (a draft is visible with one) is private to key holders and varies by Authorization;
    /// one that is the same for every caller (feeds, the sitemap) is public even when a key is sent.
    /// </summary>
    public static Results<FileContentHttpResult, StatusCodeHttpResult> Send(HttpContext http, byte[] body, string contentType, bool sameForEveryKey = false)
    {
        var etag = ETags.Of(body);
        SetHeaders(http, etag, sameForEveryKey);
        if (ETags.IfNoneMatchHits(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(body, contentType);
    }

    /// <summary>The ETag and cache headers of a read (see <see cref="Send"/>).</summary>
    public static void SetHeaders(HttpContext http, string etag, bool sameForEveryKey)
    {
        var headers = http.Response.Headers;
        headers.ETag = etag;
        if (sameForEveryKey)
        {
            headers.CacheControl = $"public, max-age={PublicMaxAgeSeconds}";
        }
        else
        {
            AddVary(http.Response, HeaderNames.Authorization);
            headers.CacheControl = http.User.Identity?.IsAuthenticated == true
                ? "private, no-cache"
                : $"public, max-age={PublicMaxAgeSeconds}";
        }
    }

    /// <summary>The result a handler's Results&lt;…&gt; union carries: what a filter has to look at to see an Ok and its value.</summary>
    public static object? Unwrap(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }
        return result;
    }

    public static void AddVary(HttpResponse response, string header)
    {
        var vary = response.Headers.Vary;
        if (!vary.SelectMany(v => (v ?? "").Split(',')).Any(v => v.Trim().Equals(header, StringComparison.OrdinalIgnoreCase)))
        {
            response.Headers.Vary = Microsoft.Extensions.Primitives.StringValues.Concat(vary, header);
        }
    }
}

/// <summary>Writes a successful GET's value as JSON with its ETag and cache headers, or answers 304 when the client has it.</summary>
public sealed class CachedJsonFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = CachedResponse.Unwrap(await next(context));
        if (result is not IValueHttpResult { Value: { } value } || result is not IStatusCodeHttpResult { StatusCode: 200 or null })
        {
            return result;
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Json.Options);
        return CachedResponse.Send(context.HttpContext, bytes, "application/json; charset=utf-8");
    }
}

public static class CachedJsonExtensions
{
    public static TBuilder WithETag<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new CachedJsonFilter())
            .WithMetadata(new Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute(StatusCodes.Status304NotModified));
}

/// <summary>
/// JSON already serialized (T's shape), sent as <see cref="CachedResponse.Send"/> sends any read: with its ETag, cache
/// headers and 304. Documented as a 200 of T, like Ok&lt;T&gt;.
/// </summary>
public sealed class CachedJson<T>(byte[] body) : IResult, Microsoft.AspNetCore.Http.Metadata.IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext http) => CachedResponse.Send(http, body, "application/json; charset=utf-8").ExecuteAsync(http);

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new Microsoft.AspNetCore.Http.ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
