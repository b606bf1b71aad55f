using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Sections;

namespace NewsApi.Feeds;

/// <summary>The query of a feed or a sitemap: a section (id or slug, with its subsections) and a tag (id or slug), both optional.</summary>
[ValidatedAs(typeof(ArticleListQuery))]
public sealed record FeedQuery
{
    [FromQuery(Name = "section")] public string? Section { get; init; }
    [FromQuery(Name = "tag")] public string? Tag { get; init; }

    /// <summary>The article list's own rules check these values (lengths, control characters): one set of rules for both.</summary>
    public ArticleListQuery ToListQuery() => new() { Section = Section, Tag = Tag };
}

public sealed record FeedSection(int Id, string Slug, string Name, IReadOnlyList<int> Subtree);

public sealed record FeedTag(int Id, string Slug, string Name);

/// <summary>
/// What a feed or the sitemap lists: every public article, or those of a section and its subsections, or of a tag, or
/// both. Resolved once per request from <see cref="FeedQuery"/>; a section or tag that does not exist is a 404, so a
/// reader subscribed to a deleted one hears so instead of getting an empty feed forever.
/// </summary>
public sealed record FeedScope(FeedSection? Section, FeedTag? Tag)
{
    public static readonly FeedScope Everything = new(null, null);

    public bool IsFiltered => Section is not null || Tag is not null;

    /// <summary>"NewsApi", or "NewsApi — Quốc phòng - An ninh", "NewsApi — Quốc phòng - An ninh — Huấn luyện".</summary>
    public string Title(SiteLinks links) => string.Join(" — ", new[] { links.Name, Section?.Name, Tag?.Name }.OfType<string>());

    /// <summary>The query naming this scope by the current slugs ("?section=bien-dao&amp;tag=huan-luyen"), or "": for self links.</summary>
    public string Query => QueryOf(Section?.Slug, Tag?.Slug);

    /// <summary>The query that names this scope by ids, which no rename changes: for a feed's permanent id.</summary>
    public string IdQuery => QueryOf(Section?.Id.ToString(CultureInfo.InvariantCulture), Tag?.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>What a CDN purges this answer by: every list, and the section and tag it is filtered by.</summary>
    public string[] SurrogateKeys =>
        new[] { "list", Section is null ? null : $"section-{Section.Id}", Tag is null ? null : $"tag-{Tag.Id}" }.OfType<string>().ToArray();

    private static string QueryOf(string? section, string? tag)
    {
        var parts = new[]
            {
                section is null ? null : "section=" + Uri.EscapeDataString(section),
                tag is null ? null : "tag=" + Uri.EscapeDataString(tag),
            }.OfType<string>().ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>
    /// The scope a feed query names: a 400 (validation problem) for a value the article list would refuse, a 404 for a
    /// section that does not exist (a slug it used to have still names it) or a tag that does not exist or that no public
    /// article carries (a feed is the same for every caller, and its title would show the name of an embargoed draft's tag).
    /// </summary>
    public static async Task<(FeedScope? Scope, ProblemHttpResult? Problem)> ResolveAsync(
        FeedQuery query, NewsDbContext db, DateTime now, IValidator<ArticleListQuery> validator, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(query.ToListQuery(), cancellationToken);
        if (!validation.IsValid)
        {
            return (null, TypedResults.Problem(new HttpValidationProblemDetails(ValidationFilter<ArticleListQuery>.ToErrors(validation))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more validation errors occurred.",
            }));
        }
        FeedSection? section = null;
        if (!string.IsNullOrWhiteSpace(query.Section))
        {
            var name = query.Section.Trim();
            if (await SectionWriter.SubtreeAsync(db, name, cancellationToken) is not { } subtree)
            {
                return (null, Problems.NotFound("section", name));
            }
            section = new FeedSection(subtree.Top.Id, subtree.Top.Slug, subtree.Top.Name, subtree.Ids);
        }
        FeedTag? tag = null;
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var name = query.Tag.Trim();
            var tags = db.Tags.AsNoTracking();
            var tagId = await NewsApi.Tags.ArticleTagging.IdOfAsync(db, name, cancellationToken);
            // Its articles by the (TagId, ArticleId) index, each probed by primary key, until a public one: never a list of
            // every public article.
            var publicArticles = db.Articles.Where(await ArticleQueries.IsPublicAsync(db, now, cancellationToken));
            tag = await tags
                .Where(t => t.Id == tagId && db.ArticleTags.Any(u => u.TagId == t.Id && publicArticles.Any(a => a.Id == u.ArticleId)))
                .Select(t => new FeedTag(t.Id, t.Slug, t.Name)).FirstOrDefaultAsync(cancellationToken);
            if (tag is null)
            {
                return (null, Problems.NotFound("tag", name));
            }
        }
        return (new FeedScope(section, tag), null);
    }

    /// <summary>
    /// The public articles in this scope, unordered: a section's by the (SectionId, Status, PublishedAt, Id) index, a tag's
    /// by article_tags' (TagId, ArticleId).
    /// </summary>
    public IQueryable<Article> Articles(NewsDbContext db, System.Linq.Expressions.Expression<Func<Article, bool>> isPublic)
    {
        var articles = db.Articles.AsNoTracking().Where(isPublic);
        if (Tag is { } tag)
        {
            var tagged = db.ArticleTags.Where(t => t.TagId == tag.Id).Select(t => t.ArticleId);
            articles = articles.Where(a => tagged.Contains(a.Id));
        }
        if (Section is { Subtree: var sections })
        {
            articles = articles.Where(a => a.SectionId != null && EF.Parameter(sections).Contains(a.SectionId.Value));
        }
        return articles;
    }

    /// <summary>
    /// The ids of the newest <paramref name="count"/> public articles in this scope, newest first. A section alone is read
    /// section by section, each the newest of one (SectionId, Status, PublishedAt, Id) range in index order, and merged:
    /// one query over all of them would sort every article the subtree ever had to take a few.
    /// </summary>
    public async Task<List<int>> NewestIdsAsync(NewsDbContext db, DateTime now, int count, CancellationToken cancellationToken)
    {
        var isPublic = await ArticleQueries.IsPublicAsync(db, now, cancellationToken);
        if (Section is { } section && Tag is null)
        {
            var newest = new List<(int Id, DateTime? PublishedAt)>();
            var visible = db.Articles.AsNoTracking().Where(isPublic);
            foreach (var sectionId in section.Subtree)
            {
                var rows = await visible.Where(a => a.SectionId == sectionId)
                    .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(count)
                    .Select(a => new { a.Id, a.PublishedAt }).ToListAsync(cancellationToken);
                newest.AddRange(rows.Select(r => (r.Id, r.PublishedAt)));
            }
            return newest.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).Take(count).Select(r => r.Id).ToList();
        }
        return await Articles(db, isPublic).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(count)
            .Select(a => a.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The ids of one page of the public articles in this scope, newest first (a sitemap file). A section's are read
    /// unordered from the (SectionId, Status, PublishedAt, Id) index, which holds all that is needed, and ordered here:
    /// asked for them in order, the database walks every public article newest first and reads each one's row for its
    /// section (a hundred times slower for a small section of a large site).
    /// </summary>
    public async Task<List<int>> PageIdsAsync(NewsDbContext db, DateTime now, int skip, int take, CancellationToken cancellationToken)
    {
        var isPublic = await ArticleQueries.IsPublicAsync(db, now, cancellationToken);
        if (Section is not null)
        {
            var rows = await Articles(db, isPublic).Select(a => new { a.Id, a.PublishedAt }).ToListAsync(cancellationToken);
            return rows.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).Skip(skip).Take(take).Select(r => r.Id).ToList();
        }
        return await Articles(db, isPublic).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Skip(skip).Take(take)
            .Select(a => a.Id).ToListAsync(cancellationToken);
    }
}
