using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Feeds;

/// <summary>
/// GET /api/v1/articles/{idOrSlug} with Accept: application/ninjs+json answers the article as an IPTC ninjs 3.1 news
/// item, the form newsroom systems (Superdesk and the agencies' feeds) exchange. Like JSON-LD, a filter on the article
/// endpoint, so the lookup, slug redirects and draft protection are the same; webhooks in the ninjs format send it too.
/// </summary>
public static class Ninjs
{
    public const string MediaType = "application/ninjs+json";
    public const string ContentType = MediaType + "; charset=utf-8";

    /// <summary>ninjs admits no null: a member without a value is left out (each optional one says so on its own).</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new(Json.Options);

    /// <summary>Add after WithNewsArticleJsonLd, which makes the cached answer vary by Accept for both.</summary>
    public static RouteHandlerBuilder WithNinjs(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(new NinjsFilter())
            .WithMetadata(new AlsoProduces(StatusCodes.Status200OK, typeof(NinjsItem), MediaType));

    /// <summary>ninjs only when asked for explicitly, and not less wanted than plain JSON or JSON-LD.</summary>
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
        var ninjs = QualityOf(MediaType);
        return ninjs > 0 && ninjs >= QualityOf("application/json") && ninjs >= QualityOf(NewsArticleJsonLd.MediaType);
    }

    /// <summary>
    /// The byline's structure in ninjs terms: <c>by</c> is the byline as printed; each credited contributor is one
    /// entry of <c>people</c> per role (<c>rel</c> is the API's role name, <c>literal</c> the contributor's slug,
    /// <c>uri</c> the contributor resource); the credited source (an agency or paper) is an <c>infoSources</c> entry
    /// with role <c>source</c>, beside the site itself with role <c>publisher</c>. <c>located</c> is the dateline's place.
    /// </summary>
    public static NinjsItem From(ArticleResponse article, SiteLinks links)
    {
        var byline = article.Byline;
        var people = byline is { Credits.Count: > 0 }
            ? byline.Credits.SelectMany(c => c.Roles.Select(role => new NinjsPerson(
                c.Name, RoleName(role), links.To($"/api/v1/contributors/{Uri.EscapeDataString(c.Slug)}"), c.Slug))).ToList()
            : null;
        var sources = new List<NinjsInfoSource> { new(links.Name, "publisher", links.Home) };
        if (byline?.Source is { Length: > 0 } source)
        {
            sources.Add(new NinjsInfoSource(source, "source"));
        }
        var paragraphs = new[] { article.Lead }.Concat(article.Body.Where(b => b.Text is not null).Select(b => b.Text!)).ToList();
        var text = string.Join("\n\n", paragraphs);
        var html = string.Concat(paragraphs.Select(p => "<p>" + Html.Encode(p) + "</p>"));
        return new NinjsItem(
            links.ArticleIdentity(article.Id),
            "text",
            "full",
            article.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            article.CreatedAt,
            article.PublishedAt > article.UpdatedAt ? article.PublishedAt.Value : article.UpdatedAt,
            article.PublishedAt,
            article.Status == ArticleStatus.Published ? "usable" : "withheld",
            article.Language,
            [new NinjsText("main", "text/plain", article.Headline)],
            [new NinjsText("summary", "text/plain", article.Lead)],
            [new NinjsText("main", "text/plain", text), new NinjsText("richtext", "text/html", html)],
            string.IsNullOrWhiteSpace(byline?.Text) ? null : byline.Text,
            people,
            sources,
            article.Dateline?.Place is { Length: > 0 } place ? place : null,
            article.Slug,
            [new NinjsAltId("id", article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new NinjsAltId("url", links.Article(article.Slug))],
            Associations(article, links),
            Subjects(article, links));
    }

    /// <summary>
    /// The section (rel "section") and then the tags (rel "tag"), in the article's order: name as shown, uri the section's
    /// or tag's resource by id (which a rename does not change), literal its slug. Null without either.
    /// </summary>
    private static IReadOnlyList<NinjsSubject>? Subjects(ArticleResponse article, SiteLinks links)
    {
        var subjects = new List<NinjsSubject>();
        if (article.Section is { } section)
        {
            subjects.Add(new NinjsSubject(section.Name, "section",
                links.To($"{NewsApi.Sections.SectionEndpoints.BasePath}/{section.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"), section.Slug));
        }
        subjects.AddRange(article.Tags.Select(t => new NinjsSubject(t.Name, "tag",
            links.To($"{NewsApi.Tags.TagEndpoints.BasePath}/{t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"), t.Slug)));
        return subjects.Count == 0 ? null : subjects;
    }

    /// <summary>
    /// The article's photos as picture associations: "featureimage" for the feature image, "image1", "image2", … for the
    /// body's photos in order; each with its caption, credit (by) and renditions (the original first). Null without photos.
    /// </summary>
    private static IReadOnlyList<NinjsAssociation>? Associations(ArticleResponse article, SiteLinks links)
    {
        var placed = new List<(string Name, int MediaId, string? Caption, string? Credit, NewsApi.Media.MediaSummary? Image)>();
        if (article.FeatureImage is { } feature)
        {
            placed.Add(("featureimage", feature.MediaId, feature.Caption, feature.Credit?.Text, feature.Image));
        }
        var number = 0;
        foreach (var block in article.Body.Where(b => b.MediaId is not null))
        {
            placed.Add(($"image{++number}", block.MediaId!.Value, block.Caption, block.Credit?.Text, block.Image));
        }
        if (placed.Count == 0)
        {
            return null;
        }
        return placed.Select(p => new NinjsAssociation(
            p.Name,
            links.To($"/api/v1/media/{p.MediaId.ToString(System.Globalization.CultureInfo.InvariantCulture)}"),
            "picture",
            "full",
            string.IsNullOrWhiteSpace(p.Caption) ? null : [new NinjsText("caption", "text/plain", p.Caption)],
            string.IsNullOrWhiteSpace(p.Credit) ? null : p.Credit,
            Renditions(p.Image, links))).ToList();
    }

    private static IReadOnlyList<NinjsRendition>? Renditions(NewsApi.Media.MediaSummary? image, SiteLinks links)
    {
        if (image is null)
        {
            return null;
        }
        var renditions = new List<NinjsRendition>();
        if (image.Url is { } original)
        {
            renditions.Add(new NinjsRendition("original", links.To(original), null, image.Width, image.Height));
        }
        renditions.AddRange(image.Renditions.Select(r => new NinjsRendition(
            $"{r.Width.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{r.Format}",
            links.To(r.Url),
            "image/" + r.Format,
            r.Width,
            r.Height)));
        return renditions.Count == 0 ? null : renditions;
    }

    /// <summary>Markup characters escaped, Vietnamese left readable (WebUtility would write "á" as "&amp;#225;").</summary>
    private static readonly System.Text.Encodings.Web.HtmlEncoder Html =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>The role as the API's JSON names it everywhere else ("text", "photo", …).</summary>
    private static string RoleName(Text.CreditRole role) => JsonNamingPolicy.KebabCaseLower.ConvertName(role.ToString());
}

public sealed class NinjsFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = CachedResponse.Unwrap(await next(context));
        var http = context.HttpContext;
        if (result is not Ok<ArticleResponse> { Value: { } article } || !Ninjs.IsPreferred(http.Request))
        {
            return result;
        }
        var links = SiteLinks.For(http.Request);
        var item = Ninjs.From(article, links);
        return CachedResponse.Send(http, JsonSerializer.SerializeToUtf8Bytes(item, Ninjs.SerializerOptions), Ninjs.ContentType);
    }
}

/// <summary>An IPTC ninjs 3.1 news item (the members this API fills; see Ninjs.From for how the byline maps).</summary>
public sealed record NinjsItem(
    string Uri,
    string Type,
    string RepresentationType,
    string Version,
    DateTimeOffset FirstCreated,
    DateTimeOffset VersionCreated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ContentCreated,
    string PubStatus,
    string Language,
    IReadOnlyList<NinjsText> Headlines,
    IReadOnlyList<NinjsText> Descriptions,
    IReadOnlyList<NinjsText> Bodies,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NinjsPerson>? People,
    IReadOnlyList<NinjsInfoSource> InfoSources,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Located,
    string Slugline,
    IReadOnlyList<NinjsAltId> AltIds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NinjsAssociation>? Associations = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NinjsSubject>? Subjects = null);

/// <summary>A concept the item is about: its section (rel "section") or one of its tags (rel "tag"); literal is the slug.</summary>
public sealed record NinjsSubject(string Name, string Rel, string Uri, string Literal);

/// <summary>A photo the item shows: name says where (featureimage, image1, …), uri is the media item, by its credit.</summary>
public sealed record NinjsAssociation(
    string Name,
    string Uri,
    string Type,
    string RepresentationType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NinjsText>? Descriptions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NinjsRendition>? Renditions);

/// <summary>One file of a photo: the original or a rendition ("640-webp"), with its absolute URL and size.</summary>
public sealed record NinjsRendition(
    string Name,
    string Href,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContentType,
    int Width,
    int Height);

/// <summary>A headline, description or body: its role, its media type and its text.</summary>
public sealed record NinjsText(string Role, string ContentType, string Value);

/// <summary>A credited contributor in one role: rel is the role ("text", "photo", …), literal the contributor's slug.</summary>
public sealed record NinjsPerson(string Name, string Rel, string Uri, string Literal);

/// <summary>A party the content comes from: the publisher (this site) or the credited source (an agency or paper).</summary>
public sealed record NinjsInfoSource(
    string Name,
    string Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Uri = null);

public sealed record NinjsAltId(string Role, string Value);
