using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Site;

namespace NewsApi.Articles;

/// <summary>
/// The read model of one article: its public JSON rendered once when it changed, with its ETag, compressed once (gzip
/// and Brotli), and its list item (the narrow summary a list page is made of). Written in the transaction of the change
/// that caused it (<see cref="ArticleDocuments.RenderAsync"/>), so a reader never sees a change without its document.
/// </summary>
public sealed class ArticleDocument
{
    public int ArticleId { get; set; }
    /// <summary>The article's slug and stored status when rendered: what a public read looks up, by an index.</summary>
    public string Slug { get; set; } = "";
    public ArticleStatus Status { get; set; }
    public string ETag { get; set; } = "";
    public byte[] Json { get; set; } = [];
    public byte[] Gzip { get; set; } = [];
    public byte[] Brotli { get; set; } = [];
    /// <summary>The article's list item (ArticleSummary) as JSON.</summary>
    public byte[] Summary { get; set; } = [];
    /// <summary>What it was rendered with (<see cref="ArticleDocuments.Renderer"/>): another time zone, format or set of rendition widths renders it again at start.</summary>
    public string Renderer { get; set; } = "";
}

public sealed class ArticleDocumentConfiguration : IEntityTypeConfiguration<ArticleDocument>
{
    public void Configure(EntityTypeBuilder<ArticleDocument> document)
    {
        document.ToTable("article_documents");
        document.HasKey(d => d.ArticleId);
        document.Property(d => d.ArticleId).ValueGeneratedNever();
        document.Property(d => d.Slug).HasMaxLength(ArticleLimits.Slug).IsRequired();
        // Not unique: the articles table already holds slugs unique; a read takes the published one.
        document.HasIndex(d => d.Slug);
        document.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        document.Property(d => d.ETag).HasMaxLength(40).IsRequired();
        document.Property(d => d.Renderer).HasMaxLength(100).IsRequired();
        document.HasOne<Article>().WithOne().HasForeignKey<ArticleDocument>(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Renders articles into their stored documents: after every change, and at start for any rendered otherwise.</summary>
public static class ArticleDocuments
{
    /// <summary>Raise when the rendered form changes (a new field in ArticleResponse or ArticleSummary): every document is rendered again at start.</summary>
    private const int FormatVersion = 3;

    private const int LargeDocumentBytes = 256 * 1024;

    /// <summary>The format, the time zone and the rendition widths (Media:Widths) the embedded photos list.</summary>
    public static string Renderer(SiteTime site, NewsApi.Media.MediaOptions media)
    {
        var widths = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(',', media.Widths)));
        return $"{FormatVersion}|{site.Zone.Id}|{Convert.ToHexStringLower(widths)[..8]}";
    }

    /// <summary>Renders a published article (whole, with its parts loaded) into its document, added or updated in the context, or removes the document of one that is not published; saved by the caller.</summary>
    public static async Task RenderAsync(
        NewsDbContext db, Article article, SiteTime site, NewsApi.Media.MediaOptions media, byte[] json, CancellationToken cancellationToken)
    {
        var document = db.ArticleDocuments.Local.FirstOrDefault(d => d.ArticleId == article.Id)
            ?? await db.ArticleDocuments.FirstOrDefaultAsync(d => d.ArticleId == article.Id, cancellationToken);
        if (article.Status != ArticleStatus.Published)
        {
            // Only published articles are served from their document; a draft or a schedule is rendered per request
            // (for key holders), so it keeps none: an import of a 2 MB draft writes no second copy of itself.
            if (document is not null)
            {
                db.ArticleDocuments.Remove(document);
            }
            return;
        }
        if (document is null)
        {
            document = new ArticleDocument { ArticleId = article.Id };
            db.ArticleDocuments.Add(document);
        }
        Fill(document, article, site, media, json);
    }

    public static void Fill(ArticleDocument document, Article article, SiteTime site, NewsApi.Media.MediaOptions media) =>
        Fill(document, article, site, media, Json.Utf8(article.ToResponse(site)));

    /// <param name="json">The article's response as JSON, when the caller has it already (the revision is the same bytes).</param>
    public static void Fill(ArticleDocument document, Article article, SiteTime site, NewsApi.Media.MediaOptions media, byte[] json)
    {
        document.Slug = article.Slug;
        document.Status = article.Status;
        document.Json = json;
        document.ETag = ETags.Of(json);
        // Quality 5 of 11: nearly the size of the best at a fraction of its time, paid once per change. A very long
        // article (an imported 2 MB page) is stored as JSON only: its compressed forms would cost the write tens of MB
        // of encoder state and buffers, and the rare reader of such a page gets it compressed on the way out.
        var large = json.Length > LargeDocumentBytes;
        document.Gzip = large ? [] : Compress(json, s => new GZipStream(s, CompressionLevel.Optimal));
        document.Brotli = large ? [] : Compress(json, s => new BrotliStream(s, new BrotliCompressionOptions { Quality = 5 }));
        document.Summary = Json.Utf8(article.ToSummary(site));
        document.Renderer = Renderer(site, media);
    }

    private static byte[] Compress(byte[] bytes, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream(bytes.Length / 2);
        using (var stream = encoder(output))
        {
            stream.Write(bytes);
        }
        return output.ToArray();
    }

    /// <summary>
    /// Renders every article that has no document, or one rendered with another renderer (a new format, another
    /// Site:TimeZone, other Media:Widths), in batches: at start, and after `generate` wrote articles directly. Returns how many.
    /// </summary>
    public static async Task<int> RenderStaleAsync(
        NewsDbContext db, SiteTime site, NewsApi.Media.MediaOptions media, CancellationToken cancellationToken, int batchSize = 500)
    {
        var renderer = Renderer(site, media);
        var rendered = 0;
        var after = 0;
        while (true)
        {
            var ids = await db.Articles.AsNoTracking()
                .Where(a => a.Id > after && a.Status == ArticleStatus.Published && !db.ArticleDocuments.Any(d => d.ArticleId == a.Id && d.Renderer == renderer))
                .OrderBy(a => a.Id).Select(a => a.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return rendered;
            }
            var articles = await db.Articles.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
                .Include(a => a.Byline).Include(a => a.Dateline).Include(a => a.Section).Include(a => a.Tags).ThenInclude(t => t.Tag)
                .ToListAsync(cancellationToken);
            var credits = (await db.BylineCredits.AsNoTracking().Include(c => c.Contributor)
                    .Where(c => EF.Parameter(ids).Contains(c.ArticleId)).ToListAsync(cancellationToken))
                .ToLookup(c => c.ArticleId);
            await ArticlePhotos.LoadAsync(db, articles, media, cancellationToken);
            var documents = await db.ArticleDocuments.Where(d => EF.Parameter(ids).Contains(d.ArticleId)).ToDictionaryAsync(d => d.ArticleId, cancellationToken);
            foreach (var article in articles)
            {
                if (article.Byline is { } byline)
                {
                    byline.Credits = credits[article.Id].OrderBy(c => c.Position).ToList();
                }
                if (!documents.TryGetValue(article.Id, out var document))
                {
                    document = new ArticleDocument { ArticleId = article.Id };
                    db.ArticleDocuments.Add(document);
                }
                Fill(document, article, site, media);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            rendered += articles.Count;
            after = ids[^1];
        }
    }
}
