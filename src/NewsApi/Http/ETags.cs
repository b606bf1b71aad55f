using System.Security.Cryptography;
using System.Text.Json;
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

    public static bool IfNoneMatchHits(HttpRequest request, string etag) => Matches(request.Headers.IfNoneMatch, etag);

    /// <summary>True when the request carries If-Match and none of its tags is the current one.</summary>
    public static bool IfMatchFails<T>(HttpRequest request, T current)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return false;
        }
        return !Matches(header, Of(current));
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues header, string etag)
    {
        if (header.Count == 0)
        {
            return false;
        }
        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && t.Tag.Value == etag) || (t.IsWeak && t.Tag.Value == etag));
    }
}

/// <summary>Writes a successful GET's value as JSON with its ETag and cache headers, or answers 304 when the client has it.</summary>
public sealed class CachedJsonFilter : IEndpointFilter
{
    public const int PublicMaxAgeSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result;
        while (inner is INestedHttpResult nested)
        {
            inner = nested.Result;
        }
        if (inner is not IValueHttpResult { Value: { } value } || inner is not IStatusCodeHttpResult { StatusCode: 200 or null })
        {
            return result;
        }
        var http = context.HttpContext;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Json.Options);
        var etag = ETags.Of(bytes);
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.Vary = "Authorization";
        headers.CacheControl = http.User.Identity?.IsAuthenticated == true
            ? "private, no-cache"
            : $"public, max-age={PublicMaxAgeSeconds}";
        if (ETags.IfNoneMatchHits(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(bytes, "application/json; charset=utf-8");
    }
}

public static class CachedJsonExtensions
{
    public static TBuilder WithETag<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new CachedJsonFilter())
            .WithMetadata(new Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute(StatusCodes.Status304NotModified));
}
