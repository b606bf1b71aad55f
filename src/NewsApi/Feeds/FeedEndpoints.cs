using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Site;

namespace NewsApi.Feeds;

public static class FeedEndpoints
{
    public const string RssContentType = "application/rss+xml; charset=utf-8";
    public const string AtomContentType = "application/atom+xml; charset=utf-8";
    public const string JsonFeedContentType = "application/feed+json; charset=utf-8";
    public const string SitemapContentType = "application/xml; charset=utf-8";
    public const int FeedSize = 50;
    /// <summary>The sitemaps.org limit for one file (Sitemap:UrlsPerFile may lower it).</summary>
    public const int SitemapSize = 50_000;
    /// <summary>Google News reads only articles of the last two days, at most 1,000 of them.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromDays(2);
    public const int NewsEntries = 1_000;

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    private const string MediaRssNamespace = "http://search.yahoo.com/mrss/";
    private const string ImageSitemapNamespace = "http://www.google.com/schemas/sitemap-image/1.1";

    /// <summary>What the section and tag parameters do, the same for every feed and the sitemap.</summary>
    private const string Filters = "section (id or slug; a slug the section used to have still names it) keeps the articles placed in that section or any of its subsections; tag (id or slug) the articles with that tag; both together, those with both. A value the article list would refuse (too long, control characters) is a 400; a section that does not exist, or a tag that does not exist or that no published article carries, is a 404 problem, so a reader subscribed to a deleted section hears so rather than reading an empty feed forever (a section that exists but has no published articles yet gives an empty feed).";

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/feeds/rss.xml", Rss).WithName("GetRssFeed").WithTags("Feeds")
            .WithSummary("RSS 2.0 feed of the latest published articles")
            .WithDescription($"The {FeedSize} latest published articles, newest first: headline, lead as description (HTML-encoded plain text: a reader rendering it as HTML shows the text, never markup), link, publication date, credited names, categories (the section's name with its path as domain, then the tags' names), and the feature image as an enclosure and a media:content (Media RSS) of its widest JPEG rendition. Drafts and scheduled articles whose time has not come never appear. {Filters} A filtered feed's title names the section and tag (\"NewsApi — Quốc phòng - An ninh\") and its atom:link self names them by their current slugs. Surrogate-Key: list, and section-{{id}} / tag-{{id}} when filtered. Strong ETag (If-None-Match → 304), Cache-Control: public, max-age=5.")
            .Produces<string>(StatusCodes.Status200OK, "application/rss+xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/feeds/atom.xml", Atom).WithName("GetAtomFeed").WithTags("Feeds")
            .WithSummary("Atom 1.0 feed of the latest published articles")
            .WithDescription($"The {FeedSize} latest published articles, newest first, as Atom entries (id is the article's permanent id link, summary its lead, authors its credited names, the feature image an enclosure link, and a category per section and tag: term the slug, label the name, scheme {{base}}/api/v1/sections/ or {{base}}/api/v1/tags/, so that scheme and term make the resource's URL). {Filters} A filtered feed's title names the section and tag, its self link names them by their current slugs and its id by their ids, which no rename changes. Surrogate-Key: list, and section-{{id}} / tag-{{id}} when filtered. Strong ETag (If-None-Match → 304), Cache-Control: public, max-age=5.")
            .Produces<string>(StatusCodes.Status200OK, "application/atom+xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/feeds/feed.json", JsonFeedDocument).WithName("GetJsonFeed").WithTags("Feeds")
            .WithSummary("JSON Feed 1.1 of the latest published articles")
            .WithDescription($"The {FeedSize} latest published articles as JSON Feed 1.1 (snake_case members, as that format has them): content_text is the lead and body paragraphs, image the feature image's widest JPEG rendition, tags the section's name and then the tags' names (each once). {Filters} A filtered feed's title names the section and tag and its feed_url names them by their current slugs. Surrogate-Key: list, and section-{{id}} / tag-{{id}} when filtered. Strong ETag (If-None-Match → 304), Cache-Control: public, max-age=5.")
            .Produces<JsonFeed>(StatusCodes.Status200OK, "application/feed+json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/sitemap.xml", Sitemap).WithName("GetSitemap").WithTags("Feeds")
            .WithSummary("Sitemap of the published articles, with Google News entries for the last two days")
            .WithDescription($"A sitemaps.org urlset of every published article, newest first, with loc and lastmod. Articles published in the last two days also carry a Google News entry (publication name from Site:Name, language, publication date, title). An article with a feature image lists it as an image:image entry (its original, at its hashed URL). With more published articles than Sitemap:UrlsPerFile ({SitemapSize} by default, the sitemaps.org limit) it is a sitemap index instead, listing /sitemaps/1.xml, /sitemaps/2.xml, … of that many each (with the same section and tag). loc is Site:ArticleUrl with the slug when set (the front end's page), else the API resource. {Filters} Surrogate-Key: list, and section-{{id}} / tag-{{id}} when filtered. Strong ETag (If-None-Match → 304), Cache-Control: public, max-age=5.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/sitemaps/{page:int}.xml", SitemapPage).WithName("GetSitemapPage").WithTags("Feeds")
            .WithSummary("One file of a sitemap too large for one")
            .WithDescription($"Page n (from 1, newest first) of Sitemap:UrlsPerFile ({SitemapSize} by default) published articles, as the sitemap index at /sitemap.xml lists them; a urlset like /sitemap.xml, with the same section and tag filters. A page beyond the last is 404.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Rss(
        [AsParameters] FeedQuery query, HttpContext http, NewsDbContext db, SiteTime site, IOptions<Media.MediaOptions> media,
        IValidator<ArticleListQuery> validator, CancellationToken cancellationToken)
    {
        var (scope, problem) = await FeedScope.ResolveAsync(query, db, site.UtcNow, validator, cancellationToken);
        if (scope is null)
        {
            return problem!;
        }
        var links = SiteLinks.For(http.Request);
        var articles = await LatestAsync(db, site, media.Value, scope, cancellationToken);
        // RSS has one taxonomy attribute, domain: the section's path tells it from a tag of the same name.
        var feed = SyndicationFeedOf(articles, links, site, scope, "/feeds/rss.xml", "application/rss+xml", a =>
            (a.Section is { } section ? [new SyndicationCategory(section.Name, section.Path, null)] : Array.Empty<SyndicationCategory>())
                .Concat(TagsOf(a).Select(t => new SyndicationCategory(t.Name))));
        // RSS's own <author> is an e-mail address, which credits do not have; readers take names from dc:creator.
        feed.AttributeExtensions.Add(new XmlQualifiedName("dc", "http://www.w3.org/2000/xmlns/"), DublinCoreNamespace);
        feed.AttributeExtensions.Add(new XmlQualifiedName("media", "http://www.w3.org/2000/xmlns/"), MediaRssNamespace);
        foreach (var item in feed.Items)
        {
            // Readers take an RSS description as HTML: the lead is plain text, so it goes HTML-encoded (and the XML writer
            // encodes that again). "<script>" arrives as the text "<script>", never as markup. Atom says type="text" instead.
            item.Summary = new TextSyndicationContent(HtmlText(item.Summary.Text));
            foreach (var author in item.Authors)
            {
                item.ElementExtensions.Add(new XElement(XName.Get("creator", DublinCoreNamespace), author.Name));
            }
        }
        return Send(http, scope, Xml(new Rss20FeedFormatter(feed).WriteTo), RssContentType);
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Atom(
        [AsParameters] FeedQuery query, HttpContext http, NewsDbContext db, SiteTime site, IOptions<Media.MediaOptions> media,
        IValidator<ArticleListQuery> validator, CancellationToken cancellationToken)
    {
        var (scope, problem) = await FeedScope.ResolveAsync(query, db, site.UtcNow, validator, cancellationToken);
        if (scope is null)
        {
            return problem!;
        }
        var links = SiteLinks.For(http.Request);
        var articles = await LatestAsync(db, site, media.Value, scope, cancellationToken);
        // Scheme and term together make the section's or tag's resource URL.
        var (sections, tags) = (links.To(Sections.SectionEndpoints.BasePath + "/"), links.To(Tags.TagEndpoints.BasePath + "/"));
        var feed = SyndicationFeedOf(articles, links, site, scope, "/feeds/atom.xml", "application/atom+xml", a =>
            (a.Section is { } section ? [new SyndicationCategory(section.Slug, sections, section.Name)] : Array.Empty<SyndicationCategory>())
                .Concat(TagsOf(a).Select(t => new SyndicationCategory(t.Slug, tags, t.Name))));
        return Send(http, scope, Xml(new Atom10FeedFormatter(feed).WriteTo), AtomContentType);
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> JsonFeedDocument(
        [AsParameters] FeedQuery query, HttpContext http, NewsDbContext db, SiteTime site, IOptions<Media.MediaOptions> media,
        IValidator<ArticleListQuery> validator, CancellationToken cancellationToken)
    {
        var (scope, problem) = await FeedScope.ResolveAsync(query, db, site.UtcNow, validator, cancellationToken);
        if (scope is null)
        {
            return problem!;
        }
        var links = SiteLinks.For(http.Request);
        var items = (await LatestAsync(db, site, media.Value, scope, cancellationToken)).Select(a => new JsonFeedItem(
                links.ArticleIdentity(a.Id),
                links.Article(a.Slug),
                a.Headline,
                a.Lead,
                string.Join("\n\n", new[] { a.Lead }.Concat(a.Body.Where(b => b.Text is not null).Select(b => b.Text!))),
                Published(a, site),
                Modified(a, site),
                a.Language,
                a.Byline is { Credits.Count: > 0 } byline
                    ? byline.Credits.OrderBy(c => c.Position).Select(c => new JsonFeedAuthor(c.Contributor.Name)).ToList()
                    : null,
                FeedImageOf(a, links)?.Url,
                TagNamesOf(a)))
            .ToList();
        var feed = new JsonFeed(JsonFeed.Version11, scope.Title(links), links.Home, links.To("/feeds/feed.json" + scope.Query),
            Description(links, scope), "vi", items);
        return Send(http, scope, JsonSerializer.SerializeToUtf8Bytes(feed, Json.Options), JsonFeedContentType);
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Sitemap(
        [AsParameters] FeedQuery query, HttpContext http, NewsDbContext db, SiteTime site, IOptions<SitemapOptions> sitemap,
        IValidator<ArticleListQuery> validator, CancellationToken cancellationToken)
    {
        var (scope, problem) = await FeedScope.ResolveAsync(query, db, site.UtcNow, validator, cancellationToken);
        if (scope is null)
        {
            return problem!;
        }
        var links = SiteLinks.For(http.Request);
        var (perFile, pages) = await SitemapPagesAsync(db, site, sitemap, scope, cancellationToken);
        if (pages == 1)
        {
            return Send(http, scope, await UrlSetAsync(db, site, links, scope, 1, perFile, cancellationToken), SitemapContentType);
        }
        var index = Xml(writer =>
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("sitemapindex", SitemapNamespace);
            for (var page = 1; page <= pages; page++)
            {
                writer.WriteStartElement("sitemap", SitemapNamespace);
                writer.WriteElementString("loc", SitemapNamespace, links.To(string.Create(CultureInfo.InvariantCulture, $"/sitemaps/{page}.xml") + scope.Query));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndDocument();
        });
        return Send(http, scope, index, SitemapContentType);
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> SitemapPage(
        int page, [AsParameters] FeedQuery query, HttpContext http, NewsDbContext db, SiteTime site, IOptions<SitemapOptions> sitemap,
        IValidator<ArticleListQuery> validator, CancellationToken cancellationToken)
    {
        var (scope, problem) = await FeedScope.ResolveAsync(query, db, site.UtcNow, validator, cancellationToken);
        if (scope is null)
        {
            return problem!;
        }
        var (perFile, pages) = await SitemapPagesAsync(db, site, sitemap, scope, cancellationToken);
        if (page < 1 || page > pages)
        {
            return Problems.NotFound("sitemap page", page);
        }
        var body = await UrlSetAsync(db, site, SiteLinks.For(http.Request), scope, page, perFile, cancellationToken);
        return Send(http, scope, body, SitemapContentType);
    }

    /// <summary>A feed's answer: the same for every key (so public), named by what it holds.</summary>
    private static Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult> Send(HttpContext http, FeedScope scope, byte[] body, string contentType)
    {
        SurrogateKeys.Add(http.Response, scope.SurrogateKeys);
        return CachedResponse.Send(http, body, contentType, sameForEveryKey: true).Result switch
        {
            FileContentHttpResult file => file,
            var notModified => (StatusCodeHttpResult)notModified,
        };
    }

    /// <summary>How many URLs one sitemap file holds (Sitemap:UrlsPerFile), and how many files the public articles fill (at least one).</summary>
    private static async Task<(int PerFile, int Pages)> SitemapPagesAsync(
        NewsDbContext db, SiteTime site, IOptions<SitemapOptions> sitemap, FeedScope scope, CancellationToken cancellationToken)
    {
        var perFile = sitemap.Value.UrlsPerFile;
        var isPublic = await ArticleQueries.IsPublicAsync(db, site.UtcNow, cancellationToken);
        var total = await scope.Articles(db, isPublic).CountAsync(cancellationToken);
        return (perFile, Math.Max(1, (total + perFile - 1) / perFile));
    }

    /// <summary>One sitemaps.org urlset: page <paramref name="page"/> of the public articles in the scope, newest first.</summary>
    private static async Task<byte[]> UrlSetAsync(
        NewsDbContext db, SiteTime site, SiteLinks links, FeedScope scope, int page, int perFile, CancellationToken cancellationToken)
    {
        var now = site.UtcNow;
        var ids = await scope.PageIdsAsync(db, now, (page - 1) * perFile, perFile, cancellationToken);
        var found = await db.Articles.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
            .Select(a => new SitemapRow(a.Id, a.Slug, a.Headline, a.Language, a.PublishedAt, a.UpdatedAt, a.FeatureImage))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var rows = ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
        var newsSince = now - NewsWindow;
        var imageIds = rows.Where(r => r.FeatureImage is not null).Select(r => r.FeatureImage!.MediaId).Distinct().ToList();
        var images = imageIds.Count == 0
            ? new Dictionary<int, string>()
            : (await db.Media.AsNoTracking().Where(m => EF.Parameter(imageIds).Contains(m.Id)).ToListAsync(cancellationToken))
                .ToDictionary(m => m.Id, m => links.To($"/api/v1/media/{m.Id}/file?v={Media.MediaEndpoints.Hash(m)}"));

        return Xml(writer =>
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("urlset", SitemapNamespace);
            writer.WriteAttributeString("xmlns", "news", null, NewsNamespace);
            writer.WriteAttributeString("xmlns", "image", null, ImageSitemapNamespace);
            var newsEntries = 0;
            foreach (var row in rows)
            {
                var published = row.PublishedAt ?? row.UpdatedAt;
                writer.WriteStartElement("url", SitemapNamespace);
                writer.WriteElementString("loc", SitemapNamespace, links.Article(row.Slug));
                writer.WriteElementString("lastmod", SitemapNamespace, W3cDate(site.ToSite(Later(row.UpdatedAt, published))));
                if (published >= newsSince && newsEntries++ < NewsEntries)
                {
                    writer.WriteStartElement("news", "news", NewsNamespace);
                    writer.WriteStartElement("news", "publication", NewsNamespace);
                    writer.WriteElementString("news", "name", NewsNamespace, links.Name);
                    writer.WriteElementString("news", "language", NewsNamespace, row.Language);
                    writer.WriteEndElement();
                    writer.WriteElementString("news", "publication_date", NewsNamespace, W3cDate(site.ToSite(published)));
                    writer.WriteElementString("news", "title", NewsNamespace, row.Headline);
                    writer.WriteEndElement();
                }
                if (row.FeatureImage is { } feature && images.TryGetValue(feature.MediaId, out var image))
                {
                    writer.WriteStartElement("image", "image", ImageSitemapNamespace);
                    writer.WriteElementString("image", "loc", ImageSitemapNamespace, image);
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndDocument();
        });
    }

    /// <summary>The latest public articles in the scope, whole (byline with credits, photos, section, tags): what every feed lists.</summary>
    private static async Task<List<Article>> LatestAsync(
        NewsDbContext db, SiteTime site, Media.MediaOptions media, FeedScope scope, CancellationToken cancellationToken)
    {
        var ids = await scope.NewestIdsAsync(db, site.UtcNow, FeedSize, cancellationToken);
        var found = await db.Articles.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id)).Full().ToDictionaryAsync(a => a.Id, cancellationToken);
        var articles = ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
        await ArticlePhotos.LoadAsync(db, articles, media, cancellationToken);
        return articles;
    }

    private static IEnumerable<Tags.Tag> TagsOf(Article article) => article.Tags.OrderBy(t => t.Position).Select(t => t.Tag);

    /// <summary>JSON Feed's tags: the section's name, then the tags' names, each once; null without any.</summary>
    private static IReadOnlyList<string>? TagNamesOf(Article article)
    {
        var names = new[] { article.Section?.Name }.OfType<string>().Concat(TagsOf(article).Select(t => t.Name)).Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? null : names;
    }

    /// <summary>
    /// The feature image a feed shows: its widest JPEG (PNG for a PNG) rendition, which every reader can show, else the
    /// original; null without one (or while it has no bytes).
    /// </summary>
    private static (string Url, string ContentType, int Width, int Height)? FeedImageOf(Article article, SiteLinks links)
    {
        if (article.FeatureImage is not { } feature || article.Photos.GetValueOrDefault(feature.MediaId)?.Summary is not { Url: { } original } image)
        {
            return null;
        }
        var family = image.Renditions.Any(r => r.Format == "png") ? "png" : "jpeg";
        return image.Renditions.Where(r => r.Format == family).MaxBy(r => r.Width) is { } widest
            ? (links.To(widest.Url), "image/" + family, widest.Width, widest.Height)
            : (links.To(original), "image/" + family, image.Width, image.Height);
    }

    private static SyndicationFeed SyndicationFeedOf(IReadOnlyList<Article> articles, SiteLinks links, SiteTime site, FeedScope scope,
        string path, string mediaType, Func<Article, IEnumerable<SyndicationCategory>> categories)
    {
        // The self link names the filter by its current slugs; the id (Atom's) by ids, which a renamed section keeps.
        var feedUrl = links.To(path + scope.Query);
        // Built from the articles alone, never from the clock, so an unchanged feed keeps its ETag.
        var updated = articles.Count == 0 ? DateTimeOffset.UnixEpoch : articles.Max(a => Modified(a, site));
        var feed = new SyndicationFeed(scope.Title(links), Description(links, scope), new Uri(links.Home), links.To(path + scope.IdQuery), updated)
        {
            Language = "vi",
            Generator = "NewsApi",
            Items = articles.Select(a => ItemOf(a, links, site, categories(a))).ToList(),
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(feedUrl), mediaType));
        return feed;
    }

    private static SyndicationItem ItemOf(Article article, SiteLinks links, SiteTime site, IEnumerable<SyndicationCategory> categories)
    {
        var item = new SyndicationItem(article.Headline, (SyndicationContent?)null, new Uri(links.Article(article.Slug)),
            links.ArticleIdentity(article.Id), Modified(article, site))
        {
            PublishDate = Published(article, site),
            Summary = new TextSyndicationContent(article.Lead),
        };
        foreach (var category in categories)
        {
            item.Categories.Add(category);
        }
        if (FeedImageOf(article, links) is { } image)
        {
            // An enclosure for every reader (its length is not known without making the rendition: 0, as RSS allows for
            // unknown), and Media RSS for those that read width and height.
            item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(new Uri(image.Url), image.ContentType, 0));
            item.ElementExtensions.Add(new XElement(XName.Get("content", MediaRssNamespace),
                new XAttribute("url", image.Url), new XAttribute("type", image.ContentType), new XAttribute("medium", "image"),
                new XAttribute("width", image.Width), new XAttribute("height", image.Height)));
        }
        foreach (var credit in article.Byline?.Credits.OrderBy(c => c.Position) ?? Enumerable.Empty<Bylines.BylineCredit>())
        {
            item.Authors.Add(new SyndicationPerson { Name = credit.Contributor.Name });
        }
        return item;
    }

    /// <summary>Plain text as HTML that shows exactly that text: the five characters HTML gives meaning to become references.</summary>
    public static string HtmlText(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    private static string Description(SiteLinks links, FeedScope scope) => $"Tin bài mới nhất của {scope.Title(links)}";

    private static DateTimeOffset Published(Article article, SiteTime site) => site.ToSite(article.PublishedAt ?? article.UpdatedAt);

    /// <summary>A scheduled article can be stored long before it goes out: it is no older than its publication.</summary>
    private static DateTimeOffset Modified(Article article, SiteTime site) =>
        site.ToSite(Later(article.UpdatedAt, article.PublishedAt ?? article.UpdatedAt));

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static string W3cDate(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static byte[] Xml(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            write(writer);
        }
        return stream.ToArray();
    }

    private sealed record SitemapRow(
        int Id, string Slug, string Headline, string Language, DateTime? PublishedAt, DateTime UpdatedAt, FeatureImageRequest? FeatureImage);
}

/// <summary>Sitemap: how many URLs one sitemap file holds (the sitemaps.org limit at most).</summary>
public sealed class SitemapOptions
{
    public const string Section = "Sitemap";

    [System.ComponentModel.DataAnnotations.Range(1, FeedEndpoints.SitemapSize)]
    public int UrlsPerFile { get; set; } = FeedEndpoints.SitemapSize;
}
