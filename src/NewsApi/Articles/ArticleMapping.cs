using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsApi.Bylines;
using NewsApi.Data;
using NewsApi.Datelines;
using NewsApi.Http;
using NewsApi.Text;
using NewsApi.Site;

namespace NewsApi.Articles;

public static class ArticleMapping
{
    /// <summary>The article as served; its photos must be loaded (<see cref="ArticlePhotos.LoadAsync"/>).</summary>
    public static ArticleResponse ToResponse(this Article a, SiteTime site)
    {
        var byline = a.Byline?.ToResponse();
        var body = a.Body.Select(b => BlockOf(b, a.Photos, byline?.Credits)).ToList();
        return new(a.Id, a.Slug, a.Headline, a.Lead, body, a.EffectiveStatus(site.UtcNow), site.ToSite(a.PublishedAt), site.ToSite(a.CreatedAt),
            site.ToSite(a.UpdatedAt), a.Version, a.Language, byline, a.Dateline?.ToResponse(), FeatureImageOf(a.FeatureImage, a.Photos, byline?.Credits),
            SectionOf(a), TagsOf(a));
    }

    /// <summary>The article's section as it shows it; the section must be loaded with the article.</summary>
    private static NewsApi.Sections.ArticleSection? SectionOf(Article a) =>
        a.Section is { } s ? new NewsApi.Sections.ArticleSection(s.Id, s.Slug, s.Name, s.Path) : null;

    /// <summary>The article's tags in its order; the tags must be loaded with the article.</summary>
    private static List<NewsApi.Tags.ArticleTagResponse> TagsOf(Article a) =>
        a.Tags.OrderBy(t => t.Position).Select(t => new NewsApi.Tags.ArticleTagResponse(t.TagId, t.Tag.Slug, t.Tag.Name)).ToList();

    public static ArticleSummary ToSummary(this Article a, SiteTime site)
    {
        var byline = a.Byline?.ToResponse();
        return new(a.Id, a.Slug, a.Headline, a.Lead, a.EffectiveStatus(site.UtcNow), site.ToSite(a.PublishedAt), site.ToSite(a.CreatedAt),
            site.ToSite(a.UpdatedAt), a.Version, a.Language, byline, a.Dateline?.ToResponse(), FeatureImageOf(a.FeatureImage, a.Photos, byline?.Credits),
            SectionOf(a), TagsOf(a));
    }

    private static BodyBlockResponse BlockOf(BodyBlock block, IReadOnlyDictionary<int, ArticlePhoto> photos, IReadOnlyList<CreditResponse>? credits)
    {
        if (block.Type != BodyBlock.Image || block.MediaId is not { } id)
        {
            return new BodyBlockResponse(block.Type, block.Text);
        }
        var photo = ArticlePhotos.Resolve(id, block.Caption, block.Alt, block.Credit, photos, credits);
        return new BodyBlockResponse(block.Type, null, id, photo.Caption, photo.Alt, photo.Credit, photo.Image);
    }

    private static FeatureImageResponse? FeatureImageOf(
        FeatureImageRequest? feature, IReadOnlyDictionary<int, ArticlePhoto> photos, IReadOnlyList<CreditResponse>? credits) =>
        feature is null ? null : ArticlePhotos.Resolve(feature.MediaId, feature.Caption, feature.Alt, feature.Credit, photos, credits);

    /// <summary>
    /// What a list item needs, read in one query: no body, no search text (the largest columns, which a list never
    /// shows), and the byline's credits with their contributors in print order.
    /// </summary>
    public static readonly Expression<Func<Article, SummaryRow>> SummaryColumns = a => new SummaryRow
    {
        Id = a.Id, Slug = a.Slug, Headline = a.Headline, Lead = a.Lead, Status = a.Status, PublishedAt = a.PublishedAt,
        CreatedAt = a.CreatedAt, UpdatedAt = a.UpdatedAt, Version = a.Version, Language = a.Language,
        BylineText = a.Byline!.Text, BylineSource = a.Byline!.Source,
        Credits = a.Byline!.Credits.OrderBy(c => c.Position)
            .Select(c => new CreditResponse(c.ContributorId, c.Contributor.Name, c.Contributor.Slug, c.Roles)).ToList(),
        FeatureImage = a.FeatureImage,
        DatelineText = a.Dateline!.Text, DatelineDate = a.Dateline!.Date, DatelinePartOfDay = a.Dateline!.PartOfDay, DatelinePlace = a.Dateline!.Place,
        Section = a.SectionId == null ? null : new NewsApi.Sections.ArticleSection(a.Section!.Id, a.Section.Slug, a.Section.Name, a.Section.Path),
        Tags = a.Tags.OrderBy(t => t.Position).Select(t => new NewsApi.Tags.ArticleTagResponse(t.TagId, t.Tag.Slug, t.Tag.Name)).ToList(),
    };

    /// <param name="photos">What the row's feature image shows (<see cref="ArticlePhotos.ReadAsync"/>).</param>
    public static ArticleSummary ToSummary(this SummaryRow a, SiteTime site, IReadOnlyDictionary<int, ArticlePhoto> photos)
    {
        var byline = a.BylineText is null ? null : new BylineResponse(a.BylineText, a.Credits, a.BylineSource);
        return new(a.Id, a.Slug, a.Headline, a.Lead, EffectiveStatus(a.Status, a.PublishedAt, site.UtcNow), site.ToSite(a.PublishedAt), site.ToSite(a.CreatedAt),
            site.ToSite(a.UpdatedAt), a.Version, a.Language,
            byline,
            a.DatelineText is null ? null : new DatelineResponse(a.DatelineText, a.DatelineDate, a.DatelinePartOfDay, a.DatelinePlace),
            FeatureImageOf(a.FeatureImage, photos, byline?.Credits), a.Section, a.Tags);
    }

    /// <summary>A scheduled article whose time has come is published, whether or not the scheduler has stored that yet.</summary>
    public static ArticleStatus EffectiveStatus(this Article a, DateTime now) => EffectiveStatus(a.Status, a.PublishedAt, now);

    private static ArticleStatus EffectiveStatus(ArticleStatus status, DateTime? publishedAt, DateTime now) =>
        status == ArticleStatus.Scheduled && publishedAt <= now ? ArticleStatus.Published : status;

    /// <summary>The article as a write request: what PATCH merges into, so a merge patch means exactly what a PUT would.</summary>
    public static ArticleRequest ToRequest(this Article a, SiteTime site) =>
        new(a.Headline, a.Lead, a.Body, a.Slug, a.Status, site.ToSite(a.PublishedAt),
            a.Byline is null ? null : new BylineRequest(a.Byline.Text,
                a.Byline.Credits.OrderBy(c => c.Position).Select(c => new CreditRequest(c.Contributor.Name, c.Roles, c.ContributorId)).ToList(),
                a.Byline.Source),
            a.Dateline is null ? null : new DatelineRequest(a.Dateline.Text, a.Dateline.Date, a.Dateline.PartOfDay, a.Dateline.Place),
            a.FeatureImage,
            a.SectionId,
            a.Tags.OrderBy(t => t.Position).Select(t => t.Tag.Name).ToList());
}

/// <summary>The columns of an article a list shows (see ArticleMapping.SummaryColumns).</summary>
public sealed class SummaryRow
{
    public int Id { get; init; }
    public string Slug { get; init; } = "";
    public string Headline { get; init; } = "";
    public string Lead { get; init; } = "";
    public ArticleStatus Status { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }
    public string Language { get; init; } = "";
    public string? BylineText { get; init; }
    public string? BylineSource { get; init; }
    public List<CreditResponse> Credits { get; init; } = [];
    public FeatureImageRequest? FeatureImage { get; init; }
    public string? DatelineText { get; init; }
    public DateOnly? DatelineDate { get; init; }
    public PartOfDay? DatelinePartOfDay { get; init; }
    public string? DatelinePlace { get; init; }
    public NewsApi.Sections.ArticleSection? Section { get; init; }
    public List<NewsApi.Tags.ArticleTagResponse> Tags { get; init; } = [];
}

public static class ArticleQueries
{
    /// <summary>What anyone may read: published, or scheduled with its time come (so a schedule needs no job to fire).</summary>
    public static Expression<Func<Article, bool>> IsPublic(DateTime now) =>
        a => a.Status == ArticleStatus.Published || (a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now);

    /// <summary><see cref="IsPublic"/> for an article already read.</summary>
    public static bool IsPublicAt(this Article a, DateTime now) =>
        a.Status == ArticleStatus.Published || (a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now);

    /// <summary>
    /// What nobody may read without a key: drafts, and schedules whose time has not come. The complement of IsPublic,
    /// written so that the (Status, PublishedAt, Id) index finds these few rows without reading the published ones.
    /// </summary>
    public static Expression<Func<Article, bool>> IsHidden(DateTime now) =>
        a => a.Status == ArticleStatus.Draft || (a.Status == ArticleStatus.Scheduled && (a.PublishedAt == null || a.PublishedAt > now));

    /// <summary>
    /// IsPublic, in the form the database answers fastest: almost always no scheduled article is due (the scheduler
    /// stores them as published within seconds), and then it is Status = Published alone, which the
    /// (Status, PublishedAt, Id) index serves in order; the OR of IsPublic makes SQLite scan and sort every row.
    /// </summary>
    public static async Task<Expression<Func<Article, bool>>> IsPublicAsync(NewsDbContext db, DateTime now, CancellationToken cancellationToken) =>
        await db.Articles.AnyAsync(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now, cancellationToken)
            ? IsPublic(now)
            : a => a.Status == ArticleStatus.Published;

    /// <summary>The first article matching, tracked, with its byline, credits, contributors and dateline, for a change.</summary>
    public static Task<Article?> LoadForChangeAsync(NewsDbContext db, Expression<Func<Article, bool>> which, CancellationToken cancellationToken) =>
        db.Articles.Where(which).FirstWithPartsAsync(db, tracked: true, cancellationToken);

    /// <summary>
    /// The first article of the query with its byline, its credits (with their contributors, in print order) and its
    /// dateline, in two flat statements: SQLite prepares every statement anew, and these prepare in a fraction of the
    /// time of a split query's; with the credits joined in, SQLite would first build a temporary index of every credit
    /// in the database (about 100 ms at 100k articles). <paramref name="tracked"/> says whether the query tracks.
    /// </summary>
    public static async Task<Article?> FirstWithPartsAsync(this IQueryable<Article> articles, NewsDbContext db, bool tracked, CancellationToken cancellationToken)
    {
        var article = await articles.Include(a => a.Byline).Include(a => a.Dateline).Include(a => a.Section).FirstOrDefaultAsync(cancellationToken);
        if (article?.Byline is { } byline)
        {
            byline.Credits = await (tracked ? db.BylineCredits : db.BylineCredits.AsNoTracking()).Include(c => c.Contributor)
                .Where(c => c.ArticleId == article.Id).OrderBy(c => c.Position).ToListAsync(cancellationToken);
        }
        if (article is not null)
        {
            article.Tags = await (tracked ? db.ArticleTags : db.ArticleTags.AsNoTracking()).Include(t => t.Tag)
                .Where(t => t.ArticleId == article.Id).OrderBy(t => t.Position).ToListAsync(cancellationToken);
        }
        return article;
    }

    public static IQueryable<Article> Full(this IQueryable<Article> articles) =>
        articles.WithByline().Include(a => a.Dateline).Include(a => a.Section).Include(a => a.Tags).ThenInclude(t => t.Tag).AsSplitQuery();

}

public sealed record WriteError(int Status, string Field, string Message);

/// <summary>Applies a write request to an article: the one path for POST, PUT, PATCH and imports.</summary>
public static class ArticleWriter
{
    public static async Task<WriteError?> ApplyAsync(NewsDbContext db, SiteTime site, Article article, ArticleRequest request, DateTime now, CancellationToken cancellationToken)
    {
        article.Headline = VietnameseText.NormalizeLine(request.Headline);
        article.Lead = VietnameseText.Normalize(request.Lead);
        article.Body = (request.Body ?? [])
            .Select(b => b.Type == BodyBlock.Image
                ? new BodyBlock(b.Type, null, b.MediaId, Clean(b.Caption), Clean(b.Alt), Clean(b.Credit))
                : new BodyBlock(b.Type, VietnameseText.Normalize(b.Text ?? "")))
            .Where(b => b.Type == BodyBlock.Image || b.Text!.Length > 0)
            .ToList();
        article.FeatureImage = request.FeatureImage is { } feature
            ? new FeatureImageRequest(feature.MediaId, Clean(feature.Caption), Clean(feature.Alt), Clean(feature.Credit))
            : null;
        if (await ArticlePhotos.CheckAsync(db, request.FeatureImage, request.Body ?? [], cancellationToken) is { } missing)
        {
            return missing;
        }

        var slug = string.IsNullOrWhiteSpace(request.Slug) ? null : request.Slug.Trim();
        if (slug is not null && slug != article.Slug)
        {
            var takenByOther = await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != article.Id, cancellationToken)
                || await db.ArticleSlugs.AnyAsync(s => s.Slug == slug && s.ArticleId != article.Id, cancellationToken);
            if (takenByOther)
            {
                return new WriteError(409, "slug", $"The slug '{slug}' is used, or was used, by another article.");
            }
            await RetireSlugAsync(db, article, slug, now, cancellationToken);
        }
        else if (article.Slug.Length == 0)
        {
            article.Slug = await UniqueSlugAsync(db, article.Headline, article.Id, cancellationToken);
        }

        article.Status = request.Status ?? (article.Id == 0 ? ArticleStatus.Draft : article.Status);
        if (article.Status == ArticleStatus.Scheduled && request.PublishedAt is null)
        {
            return new WriteError(400, "publishedAt", "A scheduled article needs the publishedAt it is scheduled for.");
        }
        article.PublishedAt = (request.PublishedAt is { } given ? SiteTime.Truncate(given.UtcDateTime) : (DateTime?)null) ?? (article.Status == ArticleStatus.Published ? article.PublishedAt ?? now : null);
        // Status follows the publication time: published for a future time is scheduled, scheduled for a past one is published.
        if (article.Status == ArticleStatus.Published && article.PublishedAt > now)
        {
            article.Status = ArticleStatus.Scheduled;
        }
        else if (article.Status == ArticleStatus.Scheduled && article.PublishedAt <= now)
        {
            article.Status = ArticleStatus.Published;
        }

        var error = await BylineMapping.ApplyAsync(db, article, request.Byline, now, cancellationToken);
        if (error is { } e)
        {
            return new WriteError(400, "byline." + e.Field, e.Message);
        }
        DatelineMapping.Apply(db, article, request.Dateline, article.PublishedAt is { } p ? site.LocalDate(p) : site.LocalDate(now));

        if (request.SectionId is { } sectionId)
        {
            var section = await db.Sections.FirstOrDefaultAsync(s => s.Id == sectionId, cancellationToken);
            if (section is null)
            {
                return new WriteError(400, "sectionId", $"There is no section {sectionId}.");
            }
            article.Section = section;
        }
        else
        {
            article.Section = null;
            article.SectionId = null;
        }
        await NewsApi.Tags.ArticleTagging.ApplyAsync(db, article, request.Tags ?? [], now, cancellationToken);

        if (article.Id == 0)
        {
            article.CreatedAt = now;
            article.Version = 0;
        }
        article.Touch(now);
        return null;
    }

    private static string? Clean(string? value) => VietnameseText.NormalizeLine(value) is { Length: > 0 } line ? line : null;

    /// <summary>Moves an article to a new slug, keeping the old one so that links to it still resolve (308).</summary>
    private static async Task RetireSlugAsync(NewsDbContext db, Article article, string slug, DateTime now, CancellationToken cancellationToken)
    {
        var reclaimed = await db.ArticleSlugs.Where(s => s.ArticleId == article.Id && s.Slug == slug).ToListAsync(cancellationToken);
        db.ArticleSlugs.RemoveRange(reclaimed);
        if (article.Slug.Length > 0)
        {
            db.ArticleSlugs.Add(new ArticleSlug { ArticleId = article.Id, Slug = article.Slug, RetiredAt = now });
        }
        article.Slug = slug;
    }

    /// <summary>
    /// How much of an article is searchable beyond its headline: the credited names, the lead and the body up to this
    /// many characters (tens of thousands of words, far beyond any news article). PostgreSQL cannot index more than
    /// 1 MB of tsvector, which a 3 MB body of distinct words would exceed.
    /// </summary>
    public const int SearchTextLimit = 100_000;

    public static string SearchTextOf(Article article) =>
        SearchTextOf(article.Byline?.Credits.Select(c => c.Contributor.Name) ?? [], article.Lead,
            article.Body.Where(b => b.Type == BodyBlock.Paragraph).Select(b => b.Text ?? ""));

    /// <summary>The folded text search reads besides the headline: credited names, lead, body paragraphs (see <see cref="SearchTextLimit"/>).</summary>
    public static string SearchTextOf(IEnumerable<string> names, string lead, IEnumerable<string> paragraphs)
    {
        // An array, so that Join allocates the text once instead of growing a buffer rented from the shared pool.
        var text = VietnameseText.Fold(string.Join('\n', names.Append(lead).Concat(paragraphs).ToArray()));
        if (text.Length <= SearchTextLimit)
        {
            return text;
        }
        var end = char.IsHighSurrogate(text[SearchTextLimit - 1]) ? SearchTextLimit - 1 : SearchTextLimit;
        return text[..end];
    }

    /// <summary>The slug a headline gives before it is made unique.</summary>
    public static string SlugStem(string headline) => TextRules.ReadableSlug(headline, ArticleLimits.Slug - 8, "bai-viet");

    /// <summary>The stem itself when free, else the first free of "-2", "-3", …: the one rule for the API and for `generate`.</summary>
    public static string FirstFreeSlug(string stem, Func<string, bool> isTaken)
    {
        var slug = stem;
        for (var n = 2; isTaken(slug); n++)
        {
            slug = $"{stem}-{n}";
        }
        return slug;
    }

    public static async Task<string> UniqueSlugAsync(NewsDbContext db, string headline, int articleId, CancellationToken cancellationToken)
    {
        var stem = SlugStem(headline);
        var taken = (await db.Articles.Where(a => a.Id != articleId && (a.Slug == stem || a.Slug.StartsWith(stem + "-")))
            .Select(a => a.Slug)
            .Concat(db.ArticleSlugs.Where(s => s.Slug == stem || s.Slug.StartsWith(stem + "-")).Select(s => s.Slug))
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return FirstFreeSlug(stem, taken.Contains);
    }
}
