using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Bylines;
using NewsApi.Data;
using NewsApi.Media;
using NewsApi.Text;

namespace NewsApi.Articles;

/// <summary>A photo placed in an article (feature image or image block), with this use's own caption, alt text and credit.</summary>
public sealed record FeatureImageRequest(int MediaId, string? Caption = null, string? Alt = null, string? Credit = null);

/// <summary>
/// A placed photo as served: caption, alt and credit are this use's own, else the photo's; a credit neither has goes
/// to the byline's photo contributors. image is the photo's summary (null only if the photo is gone).
/// </summary>
public sealed record FeatureImageResponse(int MediaId, string? Caption, string? Alt, MediaCredit? Credit, MediaSummary? Image);

/// <summary>
/// That an article places a photo: one row per (article, photo), kept by the article writer. It answers "is this photo
/// used" (a delete is refused) and "which articles show it" (re-rendered when the photo changes).
/// </summary>
public sealed class ArticleMedia
{
    public int ArticleId { get; set; }
    public int MediaId { get; set; }
}

public sealed class ArticleMediaConfiguration : IEntityTypeConfiguration<ArticleMedia>
{
    public void Configure(EntityTypeBuilder<ArticleMedia> use)
    {
        use.ToTable("article_media");
        use.HasKey(u => new { u.ArticleId, u.MediaId });
        use.HasIndex(u => u.MediaId);
        use.HasOne<Article>().WithMany().HasForeignKey(u => u.ArticleId).OnDelete(DeleteBehavior.Cascade);
        use.HasOne<MediaItem>().WithMany().HasForeignKey(u => u.MediaId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>What an article shows of a photo it places: the photo's summary and its own caption, alt text and credit.</summary>
public sealed record ArticlePhoto(MediaSummary Summary, string? Caption, string? Alt, string? Credit);

/// <summary>Placing photos in articles: checking and recording the references, loading what they show, resolving credits.</summary>
public static class ArticlePhotos
{
    public static IEnumerable<int> MediaIdsOf(Article article) =>
        (article.FeatureImage is { } feature ? [feature.MediaId] : Enumerable.Empty<int>())
            .Concat(article.Body.Where(b => b.Type == BodyBlock.Image && b.MediaId is not null).Select(b => b.MediaId!.Value))
            .Distinct();

    /// <summary>
    /// The first reference of a write request to a photo that does not exist, as the field to name (indexed as the
    /// request's body is) and its message; else null.
    /// </summary>
    public static async Task<WriteError?> CheckAsync(
        NewsDbContext db, FeatureImageRequest? featureImage, IReadOnlyList<BodyBlock> body, CancellationToken cancellationToken)
    {
        var ids = body.Where(b => b.Type == BodyBlock.Image && b.MediaId is not null).Select(b => b.MediaId!.Value)
            .Concat(featureImage is null ? [] : [featureImage.MediaId]).Distinct().ToList();
        if (ids.Count == 0)
        {
            return null;
        }
        var known = (await db.Media.Where(m => EF.Parameter(ids).Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet();
        if (featureImage is not null && !known.Contains(featureImage.MediaId))
        {
            return new WriteError(400, "featureImage.mediaId", $"There is no media item {featureImage.MediaId}.");
        }
        for (var i = 0; i < body.Count; i++)
        {
            if (body[i] is { Type: BodyBlock.Image, MediaId: { } id } && !known.Contains(id))
            {
                return new WriteError(400, $"body[{i}].mediaId", $"There is no media item {id}.");
            }
        }
        return null;
    }

    /// <summary>Makes the article's article_media rows the photos it now places (the article must have its id). Saved by the caller.</summary>
    public static async Task RecordUsesAsync(NewsDbContext db, Article article, CancellationToken cancellationToken)
    {
        var wanted = MediaIdsOf(article).ToHashSet();
        var existing = await db.ArticleMedia.Where(u => u.ArticleId == article.Id).ToListAsync(cancellationToken);
        db.ArticleMedia.RemoveRange(existing.Where(u => !wanted.Contains(u.MediaId)));
        foreach (var id in wanted.Where(id => existing.All(u => u.MediaId != id)))
        {
            db.ArticleMedia.Add(new ArticleMedia { ArticleId = article.Id, MediaId = id });
        }
    }

    /// <summary>Loads what the articles' placed photos show into <see cref="Article.Photos"/>, in one query.</summary>
    public static async Task LoadAsync(NewsDbContext db, IReadOnlyCollection<Article> articles, MediaOptions options, CancellationToken cancellationToken)
    {
        var photos = await ReadAsync(db, articles.SelectMany(MediaIdsOf), options, cancellationToken);
        foreach (var article in articles)
        {
            article.Photos = photos;
        }
    }

    /// <summary>The photos with these ids, as articles show them. A tracked item is read as changed in this context.</summary>
    public static async Task<IReadOnlyDictionary<int, ArticlePhoto>> ReadAsync(
        NewsDbContext db, IEnumerable<int> mediaIds, MediaOptions options, CancellationToken cancellationToken)
    {
        var ids = mediaIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return Empty;
        }
        var items = await db.Media.Where(m => EF.Parameter(ids).Contains(m.Id)).ToListAsync(cancellationToken);
        return items.ToDictionary(m => m.Id, m => new ArticlePhoto(m.ToSummary(options), m.Caption, m.Alt, m.Credit));
    }

    public static readonly IReadOnlyDictionary<int, ArticlePhoto> Empty = new Dictionary<int, ArticlePhoto>();

    /// <summary>A placed photo as served (see <see cref="FeatureImageResponse"/>).</summary>
    public static FeatureImageResponse Resolve(
        int mediaId, string? caption, string? alt, string? credit, IReadOnlyDictionary<int, ArticlePhoto> photos, IReadOnlyList<CreditResponse>? byline)
    {
        var photo = photos.GetValueOrDefault(mediaId);
        return new FeatureImageResponse(mediaId, caption ?? photo?.Caption, alt ?? photo?.Alt,
            CreditOf(credit ?? photo?.Credit, byline), photo?.Summary);
    }

    /// <summary>
    /// A credit text, linked to the byline's contributor of that name; no text credits the byline's photo contributors
    /// (linked to the first of them); null when there are none.
    /// </summary>
    public static MediaCredit? CreditOf(string? text, IReadOnlyList<CreditResponse>? byline)
    {
        var credits = byline ?? [];
        if (text is not null)
        {
            var folded = VietnameseText.Fold(text);
            var named = credits.FirstOrDefault(c => VietnameseText.Fold(c.Name) == folded);
            return new MediaCredit(text, named?.ContributorId, named?.Name);
        }
        var photographers = credits.Where(c => c.Roles.Contains(CreditRole.Photo)).ToList();
        return photographers.Count == 0
            ? null
            : new MediaCredit(string.Join(", ", photographers.Select(c => c.Name)), photographers[0].ContributorId, photographers[0].Name);
    }
}
