using Microsoft.Net.Http.Headers;
using NewsApi.Articles;

namespace NewsApi.Http;

public enum ContentCoding { Identity, Gzip, Brotli }

/// <summary>
/// Compression: bytes stored compressed (an article's document) are sent as stored to a client that accepts that
/// coding; everything else a GET answers is compressed on the way out (UseNewsCompression).
/// </summary>
public static class ContentCodings
{
    /// <summary>The coding to answer with: Brotli, then gzip, among those Accept-Encoding allows (q &gt; 0); else none.</summary>
    public static ContentCoding Preferred(HttpRequest request)
    {
        if (request.Headers.AcceptEncoding.Count == 0 || !StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var codings))
        {
            return ContentCoding.Identity;
        }
        bool Accepts(string name) =>
            codings.Any(c => (c.Value.Equals(name, StringComparison.OrdinalIgnoreCase) || c.Value == "*") && (c.Quality ?? 1) > 0)
            && !codings.Any(c => c.Value.Equals(name, StringComparison.OrdinalIgnoreCase) && c.Quality == 0);
        return Accepts("br") ? ContentCoding.Brotli : Accepts("gzip") ? ContentCoding.Gzip : ContentCoding.Identity;
    }

    /// <summary>
    /// Compresses what GET and HEAD answer, for clients that ask. Only reads: a write's answer can hold a secret (a new
    /// key) next to text the caller chose, which is what compression side channels (BREACH) need.
    /// </summary>
    public static IServiceCollection AddNewsCompression(this IServiceCollection services) =>
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes.Concat(
            [
                "application/problem+json", "application/ld+json", "application/feed+json", "application/rss+xml", "application/atom+xml",
            ]);
        })
        .Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest)
        .Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);

    public static IApplicationBuilder UseNewsCompression(this IApplicationBuilder app) =>
        app.UseWhen(http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method), read => read.UseResponseCompression());
}

/// <summary>Sends a stored document as it is stored: its ETag, the read's cache headers, its coding; 304 when the client has it.</summary>
public sealed class StoredDocumentResult(StoredDocument document, string contentType) : IResult
{
    public Task ExecuteAsync(HttpContext http)
    {
        CachedResponse.SetHeaders(http, document.ETag, sameForEveryKey: false);
        CachedResponse.AddVary(http.Response, HeaderNames.AcceptEncoding);
        if (ETags.IfNoneMatchHits(http.Request, document.ETag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = contentType;
        if (document.ContentEncoding is { } coding)
        {
            http.Response.Headers.ContentEncoding = coding;
        }
        http.Response.ContentLength = document.Body.Length;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : http.Response.Body.WriteAsync(document.Body).AsTask();
    }
}
