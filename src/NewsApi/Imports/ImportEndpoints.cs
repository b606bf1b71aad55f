using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Keys;

namespace NewsApi.Imports;

public static class ImportEndpoints
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static RouteGroupBuilder MapImports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/imports").WithTags("Imports");
        // The gate goes outside the transaction: a waiting import holds neither a slot's memory nor the write lock.
        group.AddEndpointFilter(ActivatorUtilities.CreateInstance<ImportGate>(routes.ServiceProvider));
        group.Writes(Scopes.ContentWrite).MapPost("/", Import).WithName("ImportPage")
            .Accepts<string>("text/plain", "text/html")
            .WithSummary("Import a scraped news page")
            .WithDescription("Send a Vietnamese news page as text/plain (as scraped) or text/html. It becomes a draft article with its byline, dateline and, when the site has none yet, the contact header; the report marks every field found, inferred (and from what) or missing, and says what was dropped. dryRun=true only parses (200). publishedAt gives the year a dateline leaves out; without it, an HTML page's own publication time (article:published_time, JSON-LD datePublished, <time>, a shown date) is used, and a dateline is never later than its publication or today. The same page imported again creates nothing (200 with the first article). At most 2 MB, UTF-8.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    private static async Task<Results<Created<ImportResponse>, Ok<ImportResponse>, ProblemHttpResult>> Import(
        HttpContext http, ArticleStore store,
        bool? dryRun, DateTimeOffset? publishedAt, CancellationToken cancellationToken)
    {
        var mediaType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var parsedType) ? parsedType : null;
        PageFormat? format = mediaType?.MediaType.Value?.ToLowerInvariant() switch
        {
            "text/plain" => PageFormat.Text,
            "text/html" => PageFormat.Html,
            _ => null,
        };
        var charset = mediaType?.Charset.Value;
        if (format is null || (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.UnsupportedMediaType("Send the page as text/plain or text/html, in UTF-8.");
        }
        if (http.Request.ContentLength > PageImport.MaxBytes)
        {
            return TooLarge();
        }
        var bytes = await ReadUpToAsync(http.Request.Body, PageImport.MaxBytes + 1, (int)(http.Request.ContentLength ?? 0), cancellationToken);
        if (bytes.Length > PageImport.MaxBytes)
        {
            return TooLarge();
        }
        if (bytes.Length == 0)
        {
            return Problems.Invalid("body", "The page is empty.");
        }
        string page;
        try
        {
            page = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Invalid("body", "The page is not UTF-8 text.");
        }
        if (page.Contains('\0'))
        {
            return Problems.Invalid("body", "The page looks binary, not text.");
        }

        if (publishedAt is { } given && !TextRules.IsReasonableYear(given.Year))
        {
            return Problems.Invalid("publishedAt", $"publishedAt is between the years {TextRules.MinYear} and {TextRules.MaxYear}.");
        }
        var outcome = await PageImport.ImportAsync(store, page, format.Value, publishedAt, dryRun == true, http.User.Actor(), cancellationToken);
        if (outcome.Response is null)
        {
            return Problems.Invalid("body", outcome.Error ?? "No article could be found in this page.");
        }
        return outcome.Created
            ? TypedResults.Created($"/api/v1/articles/{outcome.Response.Article.Id}", outcome.Response)
            : TypedResults.Ok(outcome.Response);
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large",
            detail: $"A page may be at most {PageImport.MaxBytes / (1024 * 1024)} MB.");

    private static async Task<byte[]> ReadUpToAsync(Stream body, int limit, int expected, CancellationToken cancellationToken)
    {
        // Sized from Content-Length when given (already checked against the limit), so the buffer is not grown by doubling.
        using var buffer = new MemoryStream(Math.Clamp(expected, 0, limit));
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }
}
