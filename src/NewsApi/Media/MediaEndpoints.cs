using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Site;
using NewsApi.Keys;
using NewsApi.Text;

namespace NewsApi.Media;

public static class MediaEndpoints
{
    public const string MergePatchJson = MergePatch.MediaType;
    public const string ImmutableCaching = "public, max-age=31536000, immutable";
    private static readonly string[] UploadTypes = ["image/jpeg", "image/png", "image/webp", "image/avif", "application/octet-stream"];
    /// <summary>Room for the form's boundaries and text fields around a file of Media:MaxBytes.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static RouteGroupBuilder MapMedia(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value;
        var group = routes.MapGroup("/api/v1/media").WithTags("Media");
        var writes = group.Writes(Scopes.ContentWrite);

        group.MapGet("/", List).WithName("ListMedia").WithETag()
            .WithSummary("List photos, newest first")
            .WithDescription("Paged with page/pageSize (max 100). q searches caption and credit without regard to tones (\"huan luyen\" finds \"Huấn luyện\").")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{id}", Get).WithName("GetMedia").WithETag()
            .WithSummary("Get a photo's details, URL and renditions")
            .WithDescription("Caption, alt text, credit, size, the original's URL and every rendition's, each with the item's hash (v) so it can be cached for a year.");

        group.MapGet("/{id}/file", File).WithName("GetMediaFile")
            .WithSummary("The original bytes, or a rendition")
            .WithDescription($"Without width and format: the original as uploaded. width (one of {string.Join(", ", options.Widths)}) and/or format (jpeg, webp, avif, png) ask for a rendition: never wider than the original, upright, with no EXIF, GPS, XMP or IPTC. crop (16x9, 4x3 or 1x1) cuts the largest box of that shape around the picture's most interesting part (the crops Google asks for in structured data), at width or the box's own width if smaller. With v (the item's hash, as in its url and renditions) the answer is cached for a year (immutable).")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp", "image/avif")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        writes.MapPost("/", Upload).WithName("UploadMedia").DisableAntiforgery()
            .WithMetadata(new RequestBodyLimit(options.MaxBytes + MultipartOverhead))
            .WithMetadata(new UploadBody())
            .WithSummary("Upload a photo")
            .WithDescription($"multipart/form-data (file, and optionally caption, alt, credit) or the image itself as the body (image/jpeg, image/png, image/webp, image/avif). The type is sniffed from the bytes: anything that is not one of those images (SVG included), or that has bytes after the image's end, is 415. At most {options.MaxBytes / (1024 * 1024)} MB (413) and {options.MaxPixels / 1_000_000} megapixels (413, read from the header before any pixel is decoded); a truncated image is 400. Caption and credit not given are read from the photo's IPTC or EXIF. The same bytes again answer 200 with the item they already are.")
            .Produces<MediaResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        writes.MapPut("/{id}/file", PutFile).WithName("PutMediaFile")
            .WithMetadata(new RequestBodyLimit(options.MaxBytes))
            .WithMetadata(new UploadBody(Form: false))
            .WithSummary("Give a photo its bytes, or replace them")
            .WithDescription($"The image itself as the body (image/jpeg, image/png, image/webp, image/avif), checked as an upload is: the type is sniffed from the bytes (anything else, SVG included, or bytes after the image's end: 415), at most {options.MaxBytes / (1024 * 1024)} MB (413) and {options.MaxPixels / 1_000_000} megapixels (413), a truncated image 400. An imported item without bytes gets them (type, size and hash; caption and credit from IPTC/EXIF where it has none), so its url and renditions exist from then on; an item with bytes has them replaced, which changes its hash and so its hashed URLs. Every article placing it is re-rendered. Bytes that are another item's already: 409. If-Match is honoured (412 when stale).")
            .Produces<MediaResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        writes.MapPatch("/{id}", Patch).WithName("PatchMedia")
            .Accepts<MediaRequest>(MergePatchJson).ProducesValidationProblem()
            .WithSummary("Change a photo's caption, alt text or credit (JSON Merge Patch)")
            .WithDescription("A member given replaces the stored value; null clears it. If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        writes.MapDelete("/{id}", Delete).WithName("DeleteMedia")
            .WithSummary("Delete a photo no article uses")
            .WithDescription("A photo an article still uses cannot be deleted (409). If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return group;
    }

    private static async Task<Results<Ok<MediaPage>, ValidationProblem>> List(
        [AsParameters] MediaListQuery query, HttpContext http, NewsDbContext db, SiteTime site, IOptions<MediaOptions> options,
        FluentValidation.IValidator<MediaListQuery> validator, CancellationToken cancellationToken)
    {
        if (await validator.ValidateAsync(query, cancellationToken) is { IsValid: false } invalid)
        {
            return TypedResults.ValidationProblem(ValidationFilter<MediaListQuery>.ToErrors(invalid));
        }
        var (p, size, q) = (query.Page ?? 1, query.PageSize ?? 20, query.Q);
        var items = db.Set<MediaItem>().AsNoTracking();
        foreach (var term in string.IsNullOrWhiteSpace(q) ? [] : Articles.ArticleSearch.Terms(q))
        {
            items = items.Where(m => m.SearchText.Contains(term));
        }
        var total = await items.CountAsync(cancellationToken);
        var found = await items.OrderByDescending(m => m.Id).Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        var links = Paging.Links(http.Request, p, size, total);
        http.Response.Headers.Link = Paging.LinkHeader(links);
        return TypedResults.Ok(new MediaPage(found.Select(m => m.ToResponse(site, options.Value)).ToList(), p, size, total, links));
    }

    public static async Task<Results<Ok<MediaResponse>, ProblemHttpResult>> Get(
        string id, NewsDbContext db, SiteTime site, IOptions<MediaOptions> options, CancellationToken cancellationToken) =>
        await Find(db, id, tracking: false, cancellationToken) is { } item
            ? TypedResults.Ok(item.ToResponse(site, options.Value))
            : Problems.NotFound("media item", id);

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> File(
        string id, HttpContext http, NewsDbContext db, MediaStore store, RenditionCache cache, IOptions<MediaOptions> options,
        int? width, string? format, string? crop, string? v, CancellationToken cancellationToken)
    {
        var item = await Find(db, id, tracking: false, cancellationToken);
        if (item is null)
        {
            return Problems.NotFound("media item", id);
        }
        if (!item.HasBytes())
        {
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: $"Media item {item.Id} has no bytes yet: an import found it at its sourceUrl; upload them with PUT /api/v1/media/{item.Id}/file.");
        }
        MediaCrop? cropTo = null;
        if (crop is not null)
        {
            if (MediaCrop.Parse(crop) is not { } parsedCrop)
            {
                return Problems.Invalid("crop", $"crop is one of {string.Join(", ", MediaCrop.All.Select(c => c.Name))}.");
            }
            cropTo = parsedCrop;
        }
        RenditionFormat? wanted = null;
        if (format is not null)
        {
            if (!Enum.TryParse<RenditionFormat>(format, ignoreCase: true, out var parsed) || !format.All(char.IsAsciiLetterLower))
            {
                return Problems.Invalid("format", "format is one of jpeg, webp, avif, png.");
            }
            wanted = parsed;
        }
        if (width is not null && !options.Value.Widths.Contains(width.Value))
        {
            return Problems.Invalid("width", $"width is one of {string.Join(", ", options.Value.Widths)}.");
        }
        var hash = item.Hash();
        var headers = http.Response.Headers;
        headers.CacheControl = v == hash ? ImmutableCaching : $"public, max-age={CachedResponse.PublicMaxAgeSeconds}";
        headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
        var renditionFormat = wanted ?? DefaultFormat(item.ContentType);
        var renditionWidth = width is null ? item.Width : Math.Min(width.Value, item.Width);
        if (cropTo is { } cropping)
        {
            renditionWidth = Math.Min(renditionWidth, cropping.Box(item.Width, item.Height).Width);
        }
        var original = width is null && wanted is null && cropTo is null;
        var cropPart = cropTo is null ? "" : "-" + cropTo.Name;
        var etag = original ? $"\"{hash}\"" : $"\"{hash}-{renditionWidth}{cropPart}-{MediaImaging.Extension(renditionFormat)}\"";
        headers.ETag = etag;
        if (ETags.IfNoneMatchHits(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var bytes = await store.ReadAsync(db, item, cancellationToken);
        if (bytes is null)
        {
            headers.Remove("ETag");
            headers.CacheControl = "no-store";
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"Media item {item.Id} has no bytes yet.");
        }
        if (original)
        {
            return TypedResults.Bytes(bytes, item.ContentType);
        }
        var key = $"{item.Sha256}-{renditionWidth}{cropPart}.{MediaImaging.Extension(renditionFormat)}";
        // Not the request's token: its query budget is for the database, and a first AVIF can take longer than that
        // on a busy machine; the rendition is made once either way, and cached for the requests after it.
        var rendition = await cache.GetOrMakeAsync(key, () => MediaImaging.Render(bytes, renditionWidth, renditionFormat, cropTo), CancellationToken.None);
        return TypedResults.Bytes(rendition, MediaImaging.ContentType(renditionFormat));
    }

    public static async Task<Results<Created<MediaResponse>, Ok<MediaResponse>, ProblemHttpResult, ValidationProblem>> Upload(
        HttpContext http, NewsDbContext db, SiteTime site, MediaStore store, IOptions<MediaOptions> options,
        IValidator<MediaRequest> validator, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var mediaType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var parsedType)
            ? parsedType.MediaType.Value?.ToLowerInvariant() : null;
        byte[] bytes;
        var fields = new MediaRequest();
        if (mediaType == "multipart/form-data")
        {
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(cancellationToken);
            }
            catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge(settings);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
            {
                return Problems.Invalid("$", "The body is not a well-formed multipart/form-data form.");
            }
            if (form.Keys.Concat(form.Files.Select(f => f.Name)).FirstOrDefault(k => k is not ("caption" or "alt" or "credit" or "file")) is { } unknown)
            {
                return Problems.Invalid(unknown, "This form field is unknown: send file, and optionally caption, alt and credit.");
            }
            if (form.Files.Count != 1 || form.Files[0].Name != "file" || form.Keys.Any(k => form[k].Count > 1))
            {
                return Problems.Invalid("file", "Send exactly one file, in the form field 'file'.");
            }
            if (form.Files[0].Length > settings.MaxBytes)
            {
                return TooLarge(settings);
            }
            using var copy = new MemoryStream((int)form.Files[0].Length);
            await form.Files[0].CopyToAsync(copy, cancellationToken);
            bytes = copy.ToArray();
            fields = new MediaRequest(Field(form, "caption"), Field(form, "alt"), Field(form, "credit"));
        }
        else if (mediaType is not null && UploadTypes.Contains(mediaType))
        {
            var (body, tooLarge) = await ReadRawBodyAsync(http.Request, settings, cancellationToken);
            if (tooLarge is not null)
            {
                return tooLarge;
            }
            bytes = body!;
        }
        else
        {
            return Problems.UnsupportedMediaType("Send the photo as multipart/form-data (field 'file') or as the body, typed image/jpeg, image/png, image/webp or image/avif.");
        }
        if (bytes.Length == 0)
        {
            return Problems.Invalid("file", "The file is empty.");
        }
        var validation = await validator.ValidateAsync(fields, cancellationToken);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(ValidationFilter<MediaRequest>.ToErrors(validation));
        }
        var (image, refused) = await InspectAsync(bytes, settings, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var (item, existed, conflict) = await AddAsync(db, store, site, bytes, image!, fields, cancellationToken);
        if (item is null)
        {
            return Problems.Conflict(conflict!);
        }
        var response = item.ToResponse(site, settings);
        http.Response.Headers.ETag = ETags.Of(response);
        return existed ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/media/{item.Id}", response);
    }

    /// <summary>
    /// An inspected image stored as a new media item (caption and credit from its IPTC/EXIF where the fields give none),
    /// or the item that already holds these bytes (existed); null with a conflict message when a racing upload won.
    /// The one path for uploads and for `generate`.
    /// </summary>
    public static async Task<(MediaItem? Item, bool Existed, string? Conflict)> AddAsync(
        NewsDbContext db, MediaStore store, SiteTime site, byte[] bytes, InspectedImage image, MediaRequest fields, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (await db.Set<MediaItem>().AsNoTracking().FirstOrDefaultAsync(m => m.Sha256 == sha256, cancellationToken) is { } existing)
        {
            return (existing, true, null);
        }
        var now = site.UtcNow;
        var item = new MediaItem
        {
            Sha256 = sha256,
            ContentType = ImageSniffer.ContentType(image.Kind),
            Width = image.Width,
            Height = image.Height,
            Bytes = bytes.Length,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(item, new MediaRequest(fields.Caption ?? image.Caption, fields.Alt, fields.Credit ?? image.Credit));
        db.Set<MediaItem>().Add(item);
        if (await db.TrySaveAsync(cancellationToken) is { } conflict)
        {
            return (null, false, conflict);
        }
        await store.SaveAsync(db, item, bytes, cancellationToken);
        return (item, false, null);
    }

    public static async Task<Results<Ok<MediaResponse>, ProblemHttpResult>> PutFile(
        string id, HttpContext http, NewsDbContext db, Articles.ArticleStore articles, SiteTime site, MediaStore store,
        RenditionCache cache, IOptions<MediaOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var item = await Find(db, id, tracking: true, cancellationToken);
        if (item is null)
        {
            return Problems.NotFound("media item", id);
        }
        if (ETags.IfMatchFails(http.Request, item.ToResponse(site, settings)))
        {
            return Problems.PreconditionFailed();
        }
        var mediaType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var parsedType)
            ? parsedType.MediaType.Value?.ToLowerInvariant() : null;
        if (mediaType is null || !UploadTypes.Contains(mediaType))
        {
            return Problems.UnsupportedMediaType("Send the photo itself as the body, typed image/jpeg, image/png, image/webp or image/avif.");
        }
        var (bytes, tooLarge) = await ReadRawBodyAsync(http.Request, settings, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }
        if (bytes!.Length == 0)
        {
            return Problems.Invalid("file", "The body is empty: send the photo.");
        }
        var (image, refused) = await InspectAsync(bytes, settings, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (sha256 == item.Sha256)
        {
            var unchanged = item.ToResponse(site, settings);
            http.Response.Headers.ETag = ETags.Of(unchanged);
            return TypedResults.Ok(unchanged);
        }
        if (await db.Set<MediaItem>().AsNoTracking().Where(m => m.Sha256 == sha256).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken) is { } other)
        {
            return Problems.Conflict($"These bytes are media item {other} already; place that item instead.");
        }
        var (oldSha256, hadBytes) = (item.Sha256, item.HasBytes());
        item.Sha256 = sha256;
        item.ContentType = ImageSniffer.ContentType(image!.Kind);
        (item.Width, item.Height, item.Bytes) = (image.Width, image.Height, bytes.Length);
        Apply(item, new MediaRequest(item.Caption ?? image.Caption, item.Alt, item.Credit ?? image.Credit));
        item.Version++;
        item.UpdatedAt = site.UtcNow;
        if (await db.TrySaveAsync(cancellationToken) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }
        await store.ReplaceAsync(db, item, bytes, cancellationToken);
        // In the request's transaction: no reader sees an article showing the photo's old URLs once the new bytes are in.
        await articles.TouchShowingAsync(item.Id, http.User.Actor(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (hadBytes)
        {
            // The old bytes and their renditions go once the change has committed, as a delete's do.
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode == StatusCodes.Status200OK)
                {
                    try
                    {
                        store.Forget(oldSha256);
                        cache.ForgetAll(oldSha256);
                    }
                    catch (IOException e)
                    {
                        http.RequestServices.GetRequiredService<ILogger<MediaStore>>().LogWarning(e, "The replaced bytes {Sha256} could not be removed", oldSha256);
                    }
                }
                return Task.CompletedTask;
            });
        }
        var response = item.ToResponse(site, settings);
        http.Response.Headers.ETag = ETags.Of(response);
        return TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<MediaResponse>, ProblemHttpResult, ValidationProblem>> Patch(
        string id, HttpContext http, NewsDbContext db, Articles.ArticleStore articles, SiteTime site, IOptions<MediaOptions> options,
        IValidator<MediaRequest> validator, CancellationToken cancellationToken)
    {
        var (patch, invalid) = await MergePatch.ReadAsync(http.Request, "a media item", alsoPlainJson: true, cancellationToken);
        if (patch is null)
        {
            return invalid!;
        }
        var item = await Find(db, id, tracking: true, cancellationToken);
        if (item is null)
        {
            return Problems.NotFound("media item", id);
        }
        if (ETags.IfMatchFails(http.Request, item.ToResponse(site, options.Value)))
        {
            return Problems.PreconditionFailed();
        }
        var (request, refused) = await MergePatch.MergeAsync(
            new MediaRequest(item.Caption, item.Alt, item.Credit), patch, "a media item", validator, cancellationToken);
        if (request is null)
        {
            return refused switch
            {
                ValidationProblem validation => validation,
                ProblemHttpResult problem => problem,
                _ => Problems.Invalid("$", "A merge patch for a media item is a JSON object."),
            };
        }
        Apply(item, request);
        item.Version++;
        item.UpdatedAt = site.UtcNow;
        if (await db.TrySaveAsync(cancellationToken) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }
        // In the request's transaction: no reader sees the photo changed while an article still shows it as it was.
        await articles.TouchShowingAsync(item.Id, http.User.Actor(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var response = item.ToResponse(site, options.Value);
        http.Response.Headers.ETag = ETags.Of(response);
        return TypedResults.Ok(response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, HttpContext http, NewsDbContext db, SiteTime site, MediaStore store, RenditionCache cache,
        IOptions<MediaOptions> options, CancellationToken cancellationToken)
    {
        var item = await Find(db, id, tracking: true, cancellationToken);
        if (item is null)
        {
            return Problems.NotFound("media item", id);
        }
        if (ETags.IfMatchFails(http.Request, item.ToResponse(site, options.Value)))
        {
            return Problems.PreconditionFailed();
        }
        if (await MediaUsage.IsUsedAsync(db, item.Id, cancellationToken))
        {
            return Problems.Conflict("An article uses this photo; take it out of those articles first.");
        }
        db.Set<MediaItem>().Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        var (sha256, hadBytes) = (item.Sha256, item.HasBytes());
        // The bytes go once the delete has committed (the write transaction commits after this handler returns) and
        // before the answer leaves, so a client that got its 204 finds them gone.
        http.Response.OnStarting(() =>
        {
            // An imported item that never got bytes has none to remove.
            if (http.Response.StatusCode == StatusCodes.Status204NoContent && hadBytes)
            {
                try
                {
                    store.Forget(sha256);
                    cache.ForgetAll(sha256);
                }
                catch (IOException e)
                {
                    http.RequestServices.GetRequiredService<ILogger<MediaStore>>().LogWarning(e, "The bytes of deleted media {Sha256} could not be removed", sha256);
                }
            }
            return Task.CompletedTask;
        });
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult TooLarge(MediaOptions settings) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large",
            detail: $"A photo may be at most {settings.MaxBytes / (1024 * 1024)} MB.");

    /// <summary>A raw image body of at most Media:MaxBytes (else the 413 to answer), read without trusting Content-Length.</summary>
    private static async Task<(byte[]? Bytes, ProblemHttpResult? TooLarge)> ReadRawBodyAsync(
        HttpRequest request, MediaOptions settings, CancellationToken cancellationToken)
    {
        if (request.ContentLength > settings.MaxBytes)
        {
            return (null, TooLarge(settings));
        }
        var bytes = await ReadUpToAsync(request.Body, settings.MaxBytes + 1, cancellationToken);
        return bytes.Length > settings.MaxBytes ? (null, TooLarge(settings)) : (bytes, null);
    }

    /// <summary>The image the bytes are, or the problem that refuses them (415 not an image, 413 too many pixels, 400 cut short).</summary>
    private static async Task<(InspectedImage? Image, ProblemHttpResult? Refused)> InspectAsync(
        byte[] bytes, MediaOptions settings, CancellationToken cancellationToken)
    {
        var (image, refused) = await Task.Run(() => MediaImaging.Inspect(bytes, settings.MaxPixels), cancellationToken);
        return refused is null
            ? (image, null)
            : (null, TypedResults.Problem(statusCode: refused.Status, title: refused.Status switch
            {
                413 => "Payload Too Large",
                415 => "Unsupported Media Type",
                _ => "Bad Request",
            }, detail: refused.Detail));
    }

    private static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;

    private static async Task<MediaItem?> Find(NewsDbContext db, string id, bool tracking, CancellationToken cancellationToken)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            return null;
        }
        var items = tracking ? db.Set<MediaItem>() : db.Set<MediaItem>().AsNoTracking();
        return await items.FirstOrDefaultAsync(m => m.Id == key, cancellationToken);
    }

    private static async Task<byte[]> ReadUpToAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length >= limit)
            {
                break;
            }
        }
        return buffer.ToArray();
    }

    private static void Apply(MediaItem item, MediaRequest request) => item.Describe(request.Caption, request.Alt, request.Credit);

    private static RenditionFormat DefaultFormat(string contentType) => contentType switch
    {
        "image/png" => RenditionFormat.Png,
        "image/webp" => RenditionFormat.Webp,
        "image/avif" => RenditionFormat.Avif,
        _ => RenditionFormat.Jpeg,
    };

    /// <summary>Whether its bytes have arrived (an imported item has none until PUT /media/{id}/file).</summary>
    public static bool HasBytes(this MediaItem item) => item.Bytes > 0;

    /// <summary>The first 16 hex digits of the original's SHA-256: the v of its hashed URLs.</summary>
    public static string Hash(this MediaItem item) => item.Sha256[..16];

    public static MediaSummary ToSummary(this MediaItem m, MediaOptions options)
    {
        var response = m.ToResponse(null, options);
        return new MediaSummary(m.Id, m.Width, m.Height, response.Url, response.Renditions);
    }

    public static MediaResponse ToResponse(this MediaItem m, SiteTime? site, MediaOptions options)
    {
        if (!m.HasBytes())
        {
            return new MediaResponse(m.Id, null, m.Width, m.Height, 0, m.Caption, m.Alt,
                m.Credit is null ? null : new MediaCredit(m.Credit, null, null), m.SourceUrl,
                site?.ToSite(m.CreatedAt) ?? default, site?.ToSite(m.UpdatedAt) ?? default, m.Version, null, []);
        }
        var hash = m.Hash();
        var file = $"/api/v1/media/{m.Id}/file";
        var formats = new[] { RenditionFormat.Avif, RenditionFormat.Webp, DefaultFormat(m.ContentType) is RenditionFormat.Png ? RenditionFormat.Png : RenditionFormat.Jpeg };
        var renditions = options.Widths.Order().Where(w => w <= m.Width)
            .SelectMany(w => formats.Select(f =>
            {
                var (width, height) = MediaImaging.RenditionSize(m.Width, m.Height, w);
                return new MediaRendition(width, height, MediaImaging.Extension(f), $"{file}?width={w}&format={MediaImaging.Extension(f)}&v={hash}");
            }))
            .ToList();
        return new MediaResponse(m.Id, m.ContentType, m.Width, m.Height, m.Bytes, m.Caption, m.Alt,
            m.Credit is null ? null : new MediaCredit(m.Credit, null, null), m.SourceUrl,
            site?.ToSite(m.CreatedAt) ?? default, site?.ToSite(m.UpdatedAt) ?? default, m.Version, $"{file}?v={hash}", renditions);
    }
}

/// <summary>Whether an article uses a photo (feature image or image block), which keeps it from being deleted.</summary>
public static class MediaUsage
{
    /// <summary>Any article, draft or published, placing it: the article_media rows the article writer keeps.</summary>
    public static Task<bool> IsUsedAsync(NewsDbContext db, int mediaId, CancellationToken cancellationToken) =>
        db.ArticleMedia.AnyAsync(u => u.MediaId == mediaId, cancellationToken);
}

/// <summary>An endpoint's own request body limit, which the security middleware applies instead of Limits:MaxBodyBytes.</summary>
public sealed record RequestBodyLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;

/// <summary>Marks the upload operation, whose two kinds of body the OpenAPI document spells out (see MediaUploadDocumentation).</summary>
public sealed record UploadBody(bool Form = true);

/// <summary>The query of the media list, bound with [AsParameters] and validated like a body.</summary>
public sealed record MediaListQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] public int? Page { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "pageSize")] public int? PageSize { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "q")] public string? Q { get; init; }
}

public sealed class MediaListQueryValidator : FluentValidation.AbstractValidator<MediaListQuery>
{
    public MediaListQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, Paging.MaxPage).WithMessage($"page is between 1 and {Paging.MaxPage}.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize).WithMessage($"pageSize is between 1 and {Paging.MaxPageSize}.");
        RuleFor(q => q.Q).MaximumLength(MediaLimits.Query).WithMessage($"q is at most {MediaLimits.Query} characters.")
            .Must(TextRules.HasNoControlCharacters).WithMessage("q has control characters.");
    }
}
