using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.HttpResults;
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

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/feeds/rss.xml", Rss).WithName("GetRssFeed").WithTags("Feeds").WithSurrogateKey("list")
            .WithSummary("RSS 2.0 feed of the latest published articles")
            .WithDescription($"The {FeedSize} latest published articles, newest first: headline, lead as description (HTML-encoded plain text: a reader rendering it as HTML shows the text, never markup), link, publication date, credited names, and the feature image as an enclosure and a media:content (Media RSS) of its widest JPEG rendition. Drafts and scheduled articles whose time has not come never appear. Strong ETag (If-None-Match → 304), Cache-Control: public, max-age=5.")
            .Produces<string>(StatusCodes.Status200OK, "application/rss+xml")
            .Produces(StatusCodes.Status304NotModified);

        routes.MapGet("/feeds/atom.xml", Atom).WithName("GetAtomFeed").WithTags("Feeds").WithSurrogateKey("list")
            .WithSummary("Atom 1.0 feed of the latest published articles")
            .WithDescription($"The {FeedSize} latest published articles, newest first, as Atom entries (id is the article's permanent id link, summary its lead, authors its credited names, the feature image an enclosure link). Strong ETag (If-None-Match → 304), Cache-Control: public, max-age=5.")
            .Produces<string>(StatusCodes.Status200OK, "application/atom+xml")
            .Produces(StatusCodes.Status304NotModified);

        routes.MapGet("/feeds/feed.json", JsonFeedDocument).WithName("GetJsonFeed").WithTags("Feeds").WithSurrogateKey("list")
            .WithSummary("JSON Feed 1.1 of the latest published articles")
            .WithDescription($"The {FeedSize} latest published articles as JSON Feed 1.1 (snake_case members, as that format has them): content_text is the lead and body paragraphs, image the feature image's widest JPEG rendition. Strong ETag (If-None-Match → 304), Cache-Control: public, max-age=5.")
            .Produces<JsonFeed>(StatusCodes.Status200OK, "application/feed+json")
            .Produces(StatusCodes.Status304NotModified);

        routes.MapGet("/sitemap.xml", Sitemap).WithName("GetSitemap").WithTags("Feeds").WithSurrogateKey("list")
            .WithSummary("Sitemap of the published articles, with Google News entries for the last two days")
            .WithDescription($"A sitemaps.org urlset of every published article, newest first, with loc and lastmod. Articles published in the last two days also carry a Google News entry (publication name from Site:Name, language, publication date, title). An article with a feature image lists it as an image:image entry (its original, at its hashed URL). With more published articles than Sitemap:UrlsPerFile ({SitemapSize} by default, the sitemaps.org limit) it is a sitemap index instead, listing /sitemaps/1.xml, /sitemaps/2.xml, … of that many each. loc is Site:ArticleUrl with the slug when set (the front end's page), else the API resource. Strong ETag (If-None-Match → 304), Cache-Control: public, max-age=5.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .Produces(StatusCodes.Status304NotModified);

        routes.MapGet("/sitemaps/{page:int}.xml", SitemapPage).WithName("GetSitemapPage").WithTags("Feeds").WithSurrogateKey("list")
            .WithSummary("One file of a sitemap too large for one")
            .WithDescription($"Page n (from 1, newest first) of Sitemap:UrlsPerFile ({SitemapSize} by default) published articles, as the sitemap index at /sitemap.xml lists them; a urlset like /sitemap.xml. A page beyond the last is 404.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> Rss(
        HttpContext http, NewsDbContext db, SiteTime site, IOptions<SitemapOptions> sitemap, IOptions<Media.MediaOptions> media,
        CancellationToken cancellationToken)
    {
        var links = SiteLinks.For(http.Request);
        var feed = SyndicationFeedOf(await LatestAsync(db, site, media.Value, cancellationToken), links, site, "/feeds/rss.xml", "application/rss+xml");
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
        return CachedResponse.Send(http, Xml(new Rss20FeedFormatter(feed).WriteTo), RssContentType, sameForEveryKey: true);
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> Atom(
        HttpContext http, NewsDbContext db, SiteTime site, IOptions<SitemapOptions> sitemap, IOptions<Media.MediaOptions> media,
        CancellationToken cancellationToken)
    {
        var links = SiteLinks.For(http.Request);
        var feed = SyndicationFeedOf(await LatestAsync(db, site, media.Value, cancellationToken), links, site, "/feeds/atom.xml", "application/atom+xml");
        return CachedResponse.Send(http, Xml(new Atom10FeedFormatter(feed).WriteTo), AtomContentType, sameForEveryKey: true);
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> JsonFeedDocument(
        HttpContext http, NewsDbContext db, SiteTime site, IOptions<SitemapOptions> sitemap, IOptions<Media.MediaOptions> media,
        CancellationToken cancellationToken)
    {
        var links = SiteLinks.For(http.Request);
        var items = (await LatestAsync(db, site, media.Value, cancellationToken)).Select(a => new JsonFeedItem(
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
                FeedImageOf(a, links)?.Url))
            .ToList();
        var feed = new JsonFeed(JsonFeed.Version11, links.Name, links.Home, links.To("/feeds/feed.json"), Description(links), "vi", items);
        return CachedResponse.Send(http, JsonSerializer.SerializeToUtf8Bytes(feed, Json.Options), JsonFeedContentType, sameForEveryKey: true);
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> Sitemap(
        HttpContext http, NewsDbContext db, SiteTime site, IOptions<SitemapOptions> sitemap, CancellationToken cancellationToken)
    {
        var links = SiteLinks.For(http.Request);
        var (perFile, pages) = await SitemapPagesAsync(db, site, sitemap, cancellationToken);
        if (pages == 1)
        {
            return CachedResponse.Send(http, await UrlSetAsync(db, site, links, 1, perFile, cancellationToken), SitemapContentType, sameForEveryKey: true);
        }
        var index = Xml(writer =>
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("sitemapindex", SitemapNamespace);
            for (var page = 1; page <= pages; page++)
            {
                writer.WriteStartElement("sitemap", SitemapNamespace);
                writer.WriteElementString("loc", SitemapNamespace, links.To(string.Create(CultureInfo.InvariantCulture, $"/sitemaps/{page}.xml")));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndDocument();
        });
        return CachedResponse.Send(http, index, SitemapContentType, sameForEveryKey: true);
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> SitemapPage(
        int page, HttpContext http, NewsDbContext db, SiteTime site, IOptions<SitemapOptions> sitemap, IOptions<Media.MediaOptions> media,
        CancellationToken cancellationToken)
    {
        var (perFile, pages) = await SitemapPagesAsync(db, site, sitemap, cancellationToken);
        if (page < 1 || page > pages)
        {
            return Problems.NotFound("sitemap page", page);
        }
        var body = await UrlSetAsync(db, site, SiteLinks.For(http.Request), page, perFile, cancellationToken);
        return CachedResponse.Send(http, body, SitemapContentType, sameForEveryKey: true).Result switch
        {
            FileContentHttpResult file => file,
            var notModified => (StatusCodeHttpResult)notModified,
        };
    }

    /// <summary>How many URLs one sitemap file holds (Sitemap:UrlsPerFile), and how many files the public articles fill (at least one).</summary>
    private static async Task<(int PerFile, int Pages)> SitemapPagesAsync(NewsDbContext db, SiteTime site, IOptions<SitemapOptions> sitemap, CancellationToken cancellationToken)
    {
        var perFile = sitemap.Value.UrlsPerFile;
        var total = await db.Articles.Where(ArticleQueries.IsPublic(site.UtcNow)).CountAsync(cancellationToken);
        return (perFile, Math.Max(1, (total + perFile - 1) / perFile));
    }

    /// <summary>One sitemaps.org urlset: page <paramref name="page"/> of the public articles, newest first.</summary>
    private static async Task<byte[]> UrlSetAsync(NewsDbContext db, SiteTime site, SiteLinks links, int page, int perFile, CancellationToken cancellationToken)
    {
        var now = site.UtcNow;
        var rows = await db.Articles.AsNoTracking().Where(ArticleQueries.IsPublic(now))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * perFile).Take(perFile)
            .Select(a => new SitemapRow(a.Slug, a.Headline, a.Language, a.PublishedAt, a.UpdatedAt, a.FeatureImage))
            .ToListAsync(cancellationToken);
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

    /// <summary>The latest public articles, whole (byline with credits, photos): what every feed lists.</summary>
    private static async Task<List<Article>> LatestAsync(NewsDbContext db, SiteTime site, Media.MediaOptions media, CancellationToken cancellationToken)
    {
        var articles = await db.Articles.AsNoTracking().Where(ArticleQueries.IsPublic(site.UtcNow))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(FeedSize)
            .Full()
            .ToListAsync(cancellationToken);
        await ArticlePhotos.LoadAsync(db, articles, media, cancellationToken);
        return articles;
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

    private static SyndicationFeed SyndicationFeedOf(IReadOnlyList<Article> articles, SiteLinks links, SiteTime site, string path, string mediaType)
    {
        var feedUrl = links.To(path);
        // Built from the articles alone, never from the clock, so an unchanged feed keeps its ETag.
        var updated = articles.Count == 0 ? DateTimeOffset.UnixEpoch : articles.Max(a => Modified(a, site));
        var feed = new SyndicationFeed(links.Name, Description(links), new Uri(links.Home), feedUrl, updated)
        {
            Language = "vi",
            Generator = "NewsApi",
            Items = articles.Select(a => ItemOf(a, links, site)).ToList(),
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(feedUrl), mediaType));
        return feed;
    }

    private static SyndicationItem ItemOf(Article article, SiteLinks links, SiteTime site)
    {
        var item = new SyndicationItem(article.Headline, (SyndicationContent?)null, new Uri(links.Article(article.Slug)),
            links.ArticleIdentity(article.Id), Modified(article, site))
        {
            PublishDate = Published(article, site),
            Summary = new TextSyndicationContent(article.Lead),
        };
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

    private static string Description(SiteLinks links) => $"Tin bài mới nhất của {links.Name}";

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

    private sealed record SitemapRow(string Slug, string Headline, string Language, DateTime? PublishedAt, DateTime UpdatedAt, FeatureImageRequest? FeatureImage);
}

/// <summary>Sitemap: how many URLs one sitemap file holds (the sitemaps.org limit at most).</summary>
public sealed class SitemapOptions
{
    public const string Section = "Sitemap";

    [System.ComponentModel.DataAnnotations.Range(1, FeedEndpoints.SitemapSize)]
    public int UrlsPerFile { get; set; } = FeedEndpoints.SitemapSize;
}
