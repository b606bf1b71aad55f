using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using NewsApi.Articles;
using NewsApi.ContactHeader;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Feeds;

/// <summary>
/// GET /api/v1/articles/{idOrSlug} with Accept: application/ld+json answers the article as a schema.org NewsArticle.
/// A filter on that endpoint rather than an endpoint of its own: the same lookup, slug redirects and draft protection apply.
/// </summary>
public static class NewsArticleJsonLd
{
    public const string MediaType = "application/ld+json";
    public const string ContentType = MediaType + "; charset=utf-8";

    /// <summary>
    /// JSON-LD is meant to be pasted into &lt;script type="application/ld+json"&gt;: &lt;, &gt;, &amp; and quotes are written as
    /// \u003C, \u003E, \u0026… so that no text of an article (an imported lead may hold "&lt;/script&gt;") can end the script
    /// element. Vietnamese stays readable.
    /// </summary>
    public static readonly JsonSerializerOptions SerializerOptions = new(Json.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Add after WithETag: this filter must run inside the JSON one, so it sees the article before it becomes JSON.</summary>
    public static RouteHandlerBuilder WithNewsArticleJsonLd(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(new NewsArticleJsonLdFilter())
            .WithMetadata(new AlsoProduces(StatusCodes.Status200OK, typeof(NewsArticleLd), MediaType))
            // One URL, two representations: the in-process cache must not answer one with the other.
            .CacheOutput(p => p.SetVaryByHeader(HeaderNames.Accept, HeaderNames.AcceptEncoding), excludeDefaultPolicy: true);

    /// <summary>JSON-LD only when asked for explicitly, and not less wanted than plain JSON: every other client keeps the JSON.</summary>
    public static bool IsPreferred(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }
        double QualityOf(string mediaType) => accepted
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1)
            .DefaultIfEmpty(-1)
            .Max();
        var jsonLd = QualityOf(MediaType);
        return jsonLd > 0 && jsonLd >= QualityOf("application/json");
    }

    /// <param name="sectionNames">The names of the article's section and the sections above it, top first; the section's own name alone when not given.</param>
    public static NewsArticleLd From(ArticleResponse article, SiteContact? contact, SiteLinks links, IReadOnlyList<string>? sectionNames = null)
    {
        var byline = article.Byline;
        var url = links.Article(article.Slug);
        return new NewsArticleLd(
            "https://schema.org",
            "NewsArticle",
            url,
            url,
            article.Headline,
            article.Lead,
            string.Join("\n\n", article.Body.Where(b => b.Text is not null).Select(b => b.Text!)),
            article.PublishedAt,
            article.PublishedAt > article.UpdatedAt ? article.PublishedAt.Value : article.UpdatedAt,
            article.Language,
            article.Dateline?.Text,
            byline is { Credits.Count: > 0 }
                ? byline.Credits.Select(c => new PersonLd("Person", c.Name, c.Roles.Select(RoleName).ToList())).ToList()
                : null,
            byline?.Source is { } source ? new OrganizationLd("Organization", source) : null,
            new OrganizationLd(
                "NewsMediaOrganization",
                links.Name,
                links.Home,
                contact is null ? null : new PostalAddressLd("PostalAddress", contact.Address),
                contact?.Phones.FirstOrDefault()?.E164,
                contact?.Email),
            ImagesOf(article.FeatureImage, links),
            sectionNames ?? (article.Section is { } section ? [section.Name] : null),
            article.Tags is { Count: > 0 } tags ? tags.Select(t => t.Name).ToList() : null);
    }

    /// <summary>
    /// The names of the article's section and of the sections above it, top first: the path's prefixes ("a", "a/b") are
    /// the ancestors' paths, read by the unique index on path (at most SectionLimits.Depth - 1 rows). Null without a section.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> SectionNamesAsync(
        NewsDbContext db, ArticleResponse article, CancellationToken cancellationToken)
    {
        if (article.Section is not { } section)
        {
            return null;
        }
        var slugs = section.Path.Split('/');
        var above = Enumerable.Range(1, slugs.Length - 1).Select(n => string.Join('/', slugs.Take(n))).ToList();
        if (above.Count == 0)
        {
            return [section.Name];
        }
        var names = await db.Sections.AsNoTracking().Where(s => EF.Parameter(above).Contains(s.Path))
            .Select(s => new { s.Path, s.Name }).ToDictionaryAsync(s => s.Path, s => s.Name, cancellationToken);
        return above.Where(names.ContainsKey).Select(p => names[p]).Append(section.Name).ToList();
    }

    /// <summary>
    /// The feature image as ImageObjects: first the 16×9, 4×3 and 1×1 crops Google asks for (each at the smallest
    /// rendition width of at least 1,200 pixels the crop holds, else its widest), then the original and each rendition
    /// in its own format family (JPEG, or PNG for a PNG), widest first, at absolute URLs.
    /// </summary>
    private static IReadOnlyList<ImageObjectLd>? ImagesOf(FeatureImageResponse? feature, SiteLinks links)
    {
        if (feature?.Image is not { Url: { } original } image)
        {
            return null;
        }
        var family = image.Renditions.Any(r => r.Format == "png") ? "png" : "jpeg";
        var widths = image.Renditions.Where(r => r.Format == family).Select(r => r.Width).Distinct().Order().ToList();
        var crops = Media.MediaCrop.All.Select(crop =>
        {
            var box = crop.Box(image.Width, image.Height);
            var fitting = widths.Where(w => w <= box.Width).ToList();
            if (fitting.Count == 0)
            {
                return null;
            }
            var width = fitting.FirstOrDefault(w => w >= 1200, fitting[^1]);
            var url = $"{original}{(original.Contains('?') ? '&' : '?')}width={width}&format={family}&crop={crop.Name}";
            return new ImageObjectLd("ImageObject", links.To(url), width, crop.HeightFor(width), feature.Caption, feature.Credit?.Text);
        }).OfType<ImageObjectLd>();
        return crops.Concat(image.Renditions.Where(r => r.Format == family).OrderByDescending(r => r.Width)
            .Select(r => (r.Url, r.Width, r.Height))
            .Prepend((original, image.Width, image.Height))
            .Select(r => new ImageObjectLd("ImageObject", links.To(r.Item1), r.Item2, r.Item3, feature.Caption, feature.Credit?.Text)))
            .ToList();
    }

    /// <summary>The role as the API's JSON names it everywhere else ("text", "photo", …).</summary>
    private static string RoleName(Text.CreditRole role) => JsonNamingPolicy.KebabCaseLower.ConvertName(role.ToString());
}

public sealed class NewsArticleJsonLdFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = CachedResponse.Unwrap(await next(context));
        var http = context.HttpContext;
        CachedResponse.AddVary(http.Response, HeaderNames.Accept);
        if (result is not Ok<ArticleResponse> { Value: { } article } || !NewsArticleJsonLd.IsPreferred(http.Request))
        {
            return result;
        }
        var db = http.RequestServices.GetRequiredService<NewsDbContext>();
        var contact = await db.ContactHeaders.AsNoTracking().FirstOrDefaultAsync(http.RequestAborted);
        var links = SiteLinks.For(http.Request);
        var sections = await NewsArticleJsonLd.SectionNamesAsync(db, article, http.RequestAborted);
        var jsonLd = NewsArticleJsonLd.From(article, contact, links, sections);
        return CachedResponse.Send(http, JsonSerializer.SerializeToUtf8Bytes(jsonLd, NewsArticleJsonLd.SerializerOptions), NewsArticleJsonLd.ContentType);
    }
}
