using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;

namespace NewsApi.Articles;

/// <summary>The query of GET /articles/{idOrSlug}/related, bound with [AsParameters] and validated like a body.</summary>
public sealed record RelatedQuery
{
    [FromQuery(Name = "limit")] public int? Limit { get; init; }

    public const int DefaultLimit = 5;
    public const int MaxLimit = 20;
}

public sealed class RelatedQueryValidator : AbstractValidator<RelatedQuery>
{
    public RelatedQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, RelatedQuery.MaxLimit).WithMessage($"limit is between 1 and {RelatedQuery.MaxLimit}.");
    }
}

/// <summary>The published articles nearest to one, best first.</summary>
public sealed record RelatedArticles(IReadOnlyList<ArticleSummary> Items);

/// <summary>
/// Finds the published articles nearest to an article: those sharing its tags (each tag weighing more the rarer it is),
/// its section (and, less, its parent section or siblings) and the words of its headline. Every source of candidates is
/// capped and read from an index (the newest few per shared tag, per section, the best text hits among the newest
/// matches), so the cost of a call does not grow with the number of articles; the candidates are then scored here.
/// </summary>
public sealed class ArticleRelated(ArticleStore store, ArticleList list)
{
    /// <summary>How many of an article's tags are looked at (in the editor's order).</summary>
    public const int TagsConsidered = 8;
    /// <summary>The newest articles taken per shared tag.</summary>
    public const int PerTag = 40;
    /// <summary>The newest articles taken from the article's own section.</summary>
    public const int PerSection = 40;
    /// <summary>How many sections of the same family (parent, siblings, children) are looked at, and the newest taken from each.</summary>
    public const int FamilySections = 10;
    public const int PerFamilySection = 8;
    /// <summary>The best text hits kept, ranked among the newest matches of the headline's words.</summary>
    public const int TextHits = 30;
    public const int TextWindow = 500;
    /// <summary>A tag's uses are counted up to this: past it a tag is as common as can be, and the count stops reading.</summary>
    public const int UsesCountedUpTo = 1_000;

    public const double SameSection = 2.0;
    public const double SameFamily = 1.0;
    public const double BestTextHit = 2.0;

    /// <summary>The id of the article the caller may see, and its related items as stored JSON (ArticleSummary each); null when there is no such article.</summary>
    public async Task<(int ArticleId, IReadOnlyList<byte[]> Items)?> FindAsync(ClaimsPrincipal user, string idOrSlug, int limit, CancellationToken cancellationToken)
    {
        var (db, now) = (store.Db, store.Site.UtcNow);
        var article = await store.ReadableBy(user).ByIdOrSlug(idOrSlug).Select(a => new { a.Id, a.SectionId, a.SearchHeadline }).FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return null;
        }
        var id = article.Id;

        // Its tags, each with how many articles carry it (counted from the (TagId, ArticleId) index, up to a cap).
        var tags = await db.ArticleTags.Where(t => t.ArticleId == id).OrderBy(t => t.Position).Take(TagsConsidered)
            .Select(t => new { t.TagId, Uses = db.ArticleTags.Where(u => u.TagId == t.TagId).Take(UsesCountedUpTo).Count() })
            .ToListAsync(cancellationToken);
        var tagWeight = tags.ToDictionary(t => t.TagId, t => 1 + Math.Log((double)UsesCountedUpTo / Math.Clamp(t.Uses, 1, UsesCountedUpTo)));

        // The section tree is small (at most SectionLimits.Count rows) and read whole.
        var parents = article.SectionId is null ? [] : await db.Sections.AsNoTracking().Select(s => new { s.Id, s.ParentId }).ToDictionaryAsync(s => s.Id, s => s.ParentId, cancellationToken);
        var section = article.SectionId;
        var parent = section is { } own ? parents.GetValueOrDefault(own) : null;
        bool SameFamilyAs(int? other) => other is { } o && section is { } s && o != s
            && ((parent is not null && (o == parent || parents.GetValueOrDefault(o) == parent)) || parents.GetValueOrDefault(o) == s);
        var family = section is null ? [] : parents.Keys.Where(o => SameFamilyAs(o)).OrderBy(o => o).Take(FamilySections).ToList();

        // Candidates: one statement, a capped branch per source, each an index range read newest first.
        IQueryable<int>? candidates = null;
        void Add(IQueryable<int> branch) => candidates = candidates is null ? branch : candidates.Concat(branch);
        foreach (var tag in tags)
        {
            var tagId = tag.TagId;
            Add(db.ArticleTags.Where(t => t.TagId == tagId && t.ArticleId != id).OrderByDescending(t => t.ArticleId).Take(PerTag).Select(t => t.ArticleId));
        }
        foreach (var (sectionId, take) in family.Select(f => (f, PerFamilySection)).Prepend((section ?? 0, PerSection)).Where(s => s.Item1 != 0))
        {
            Add(db.Articles.Where(a => a.SectionId == sectionId && a.Status == ArticleStatus.Published && a.Id != id)
                .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(take).Select(a => a.Id));
        }
        var ids = candidates is null ? [] : await candidates.ToListAsync(cancellationToken);

        // Near in words: the best hits of the headline's significant words (any of them), among their newest matches.
        var text = new Dictionary<int, double>();
        var terms = ArticleSearch.SignificantTerms(article.SearchHeadline);
        if (terms.Count > 0)
        {
            var hits = await ArticleSearch.AnyInHeadline(db, terms).Newest(TextWindow).OrderBy(h => h.Rank).Take(TextHits + 1).ToListAsync(cancellationToken);
            var top = hits.Where(h => h.Id != id).Select(h => h.Rank).DefaultIfEmpty(0).Min();
            if (top < 0)
            {
                foreach (var hit in hits.Where(h => h.Id != id && h.Rank < 0))
                {
                    text[hit.Id] = BestTextHit * hit.Rank / top;
                }
            }
        }
        ids = ids.Concat(text.Keys).Where(c => c != id).Distinct().ToList();
        if (ids.Count == 0)
        {
            return (id, []);
        }

        // What is public of them (by primary key), and which of this article's tags each carries (by the tags' primary key).
        // Public is decided here: with IsPublic in the statement SQLite reads every published article through the status
        // index (a multi-index OR) instead of probing the candidates by primary key.
        var rows = (await db.Articles.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
            .Select(a => new Article { Id = a.Id, SectionId = a.SectionId, PublishedAt = a.PublishedAt, Status = a.Status }).ToListAsync(cancellationToken))
            .Where(a => a.IsPublicAt(now)).ToList();
        var tagIds = tagWeight.Keys.ToList();
        var shared = (tagIds.Count == 0 ? [] : await db.ArticleTags.Where(t => EF.Parameter(ids).Contains(t.ArticleId) && EF.Parameter(tagIds).Contains(t.TagId))
            .Select(t => new { t.ArticleId, t.TagId }).ToListAsync(cancellationToken)).ToLookup(t => t.ArticleId, t => t.TagId);

        var best = rows
            .Select(r => new
            {
                r.Id,
                r.PublishedAt,
                Score = shared[r.Id].Sum(t => tagWeight[t])
                    + (section is not null && r.SectionId == section ? SameSection : SameFamilyAs(r.SectionId) ? SameFamily : 0)
                    + text.GetValueOrDefault(r.Id),
            })
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score).ThenByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id)
            .Take(limit).Select(r => r.Id).ToList();
        return (id, await list.ItemsAsync(best, publicOnly: true, now, cancellationToken));
    }

    /// <summary>The items as a RelatedArticles JSON document: the stored summaries put in place of a serialized empty one's items.</summary>
    public static byte[] ToJson(IReadOnlyList<byte[]> items) => StoredItems.Splice(new RelatedArticles([]), items);
}
