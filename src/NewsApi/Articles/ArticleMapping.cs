using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsApi.Bylines;
using NewsApi.Data;
using NewsApi.Datelines;
using NewsApi.Http;
using NewsApi.Text;

namespace NewsApi.Articles;

public static class ArticleMapping
{
    public static ArticleResponse ToResponse(this Article a, SiteTime site) =>
        new(a.Id, a.Slug, a.Headline, a.Lead, a.Body, a.Status, site.ToSite(a.PublishedAt), site.ToSite(a.CreatedAt),
            site.ToSite(a.UpdatedAt), a.Version, a.Language, a.Byline?.ToResponse(), a.Dateline?.ToResponse());

    public static ArticleSummary ToSummary(this Article a, SiteTime site) =>
        new(a.Id, a.Slug, a.Headline, a.Lead, a.Status, site.ToSite(a.PublishedAt), site.ToSite(a.CreatedAt),
            site.ToSite(a.UpdatedAt), a.Version, a.Language, a.Byline?.ToResponse(), a.Dateline?.ToResponse());

    /// <summary>The article as a write request: what PATCH merges into, so a merge patch means exactly what a PUT would.</summary>
    public static ArticleRequest ToRequest(this Article a, SiteTime site) =>
        new(a.Headline, a.Lead, a.Body, a.Slug, a.Status, site.ToSite(a.PublishedAt),
            a.Byline is null ? null : new BylineRequest(a.Byline.Text,
                a.Byline.Credits.OrderBy(c => c.Position).Select(c => new CreditRequest(c.Contributor.Name, c.Roles, c.ContributorId)).ToList(),
                a.Byline.Source),
            a.Dateline is null ? null : new DatelineRequest(a.Dateline.Text, a.Dateline.Date, a.Dateline.PartOfDay, a.Dateline.Place));
}

public static class ArticleQueries
{
    /// <summary>What anyone may read: published, or scheduled with its time come (so a schedule needs no job to fire).</summary>
    public static Expression<Func<Article, bool>> IsPublic(DateTime now) =>
        a => a.Status == ArticleStatus.Published || (a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now);

    public static IQueryable<Article> Full(this IQueryable<Article> articles) =>
        articles.WithByline().Include(a => a.Dateline).AsSplitQuery();

    public static IQueryable<Article> ByIdOrSlug(this IQueryable<Article> articles, string idOrSlug) =>
        int.TryParse(idOrSlug, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? articles.Where(a => a.Id == id)
            : articles.Where(a => a.Slug == idOrSlug);
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
            .Select(b => new BodyBlock(b.Type, VietnameseText.Normalize(b.Text)))
            .Where(b => b.Text.Length > 0)
            .ToList();

        var slug = string.IsNullOrWhiteSpace(request.Slug) ? null : request.Slug.Trim();
        if (slug is not null)
        {
            if (await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != article.Id, cancellationToken))
            {
                return new WriteError(409, "slug", $"The slug '{slug}' is already used by another article.");
            }
            article.Slug = slug;
        }
        else if (article.Slug.Length == 0)
        {
            article.Slug = await UniqueSlugAsync(db, article.Headline, article.Id, cancellationToken);
        }

        article.Status = request.Status ?? (article.Id == 0 ? ArticleStatus.Draft : article.Status);
        article.PublishedAt = request.PublishedAt?.UtcDateTime ?? (article.Status == ArticleStatus.Published ? article.PublishedAt ?? now : null);

        var error = await BylineMapping.ApplyAsync(db, article, request.Byline, now, cancellationToken);
        if (error is { } e)
        {
            return new WriteError(400, "byline." + e.Field, e.Message);
        }
        DatelineMapping.Apply(db, article, request.Dateline, article.PublishedAt is { } p ? site.LocalDate(p) : site.LocalDate(now));

        if (article.Id == 0)
        {
            article.CreatedAt = now;
            article.Version = 0;
        }
        article.Touch(now);
        return null;
    }

    public static string SearchTextOf(Article article) =>
        VietnameseText.Fold(string.Join('\n',
            new[] { article.Headline, article.Lead }
                .Concat(article.Body.Select(b => b.Text))
                .Concat(article.Byline?.Credits.Select(c => c.Contributor.Name) ?? [])));

    public static async Task<string> UniqueSlugAsync(NewsDbContext db, string headline, int articleId, CancellationToken cancellationToken)
    {
        var stem = VietnameseText.Slugify(headline, ArticleLimits.Slug - 8);
        if (stem.Length == 0)
        {
            stem = "bai-viet";
        }
        var taken = await db.Articles.Where(a => a.Id != articleId && (a.Slug == stem || a.Slug.StartsWith(stem + "-")))
            .Select(a => a.Slug).ToListAsync(cancellationToken);
        if (!taken.Contains(stem))
        {
            return stem;
        }
        for (var n = 2; ; n++)
        {
            var candidate = $"{stem}-{n}";
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
