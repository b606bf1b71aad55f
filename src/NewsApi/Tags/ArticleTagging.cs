using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Text;

namespace NewsApi.Tags;

/// <summary>Tags an article by names: finds each tag by its folded name, creates the missing ones, keeps the editor's order.</summary>
public static class ArticleTagging
{
    /// <summary>A tag name as stored: NFC, one line, single spaces.</summary>
    public static string NameOf(string name) => VietnameseText.NormalizeLine(name);

    /// <summary>The key that makes "Huấn luyện", "huấn  luyện" and "huan luyen" one tag.</summary>
    public static string FoldedOf(string name) => string.Join(' ', VietnameseText.Fold(NameOf(name)).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The slug a new tag takes from its name, before it is made unique.</summary>
    public static string SlugStem(string name) => TextRules.ReadableSlug(name, TagLimits.Slug - 4, "the");

    /// <summary>
    /// Makes the article's tags these names, in order, the same name twice counted once. Tags that do not exist yet are
    /// added to the context. Saved by the caller.
    /// </summary>
    public static async Task ApplyAsync(NewsDbContext db, Article article, IReadOnlyList<string> names, DateTime now, CancellationToken cancellationToken)
    {
        var wanted = names.Select(NameOf).Where(n => n.Length > 0)
            .DistinctBy(FoldedOf).Take(TagLimits.PerArticle).ToList();
        var tags = await FindOrAddAsync(db, wanted, now, cancellationToken);
        var keep = new List<ArticleTag>();
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            var use = article.Tags.FirstOrDefault(t => ReferenceEquals(t.Tag, tag) || (tag.Id != 0 && t.TagId == tag.Id));
            if (use is null)
            {
                use = new ArticleTag { Tag = tag };
                article.Tags.Add(use);
            }
            use.Position = i;
            keep.Add(use);
        }
        foreach (var gone in article.Tags.Where(t => !keep.Contains(t)).ToList())
        {
            article.Tags.Remove(gone);
            if (db.Entry(gone).State != EntityState.Detached)
            {
                db.ArticleTags.Remove(gone);
            }
        }
    }

    /// <summary>The tags of these names in order (names already normalized and distinct by folded name), new ones added.</summary>
    public static async Task<List<Tag>> FindOrAddAsync(NewsDbContext db, IReadOnlyList<string> names, DateTime now, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return [];
        }
        var folded = names.Select(FoldedOf).ToList();
        var known = db.Tags.Local.Where(t => folded.Contains(t.Folded)).ToList();
        var missing = folded.Where(f => known.All(t => t.Folded != f)).ToList();
        if (missing.Count > 0)
        {
            known.AddRange(await db.Tags.Where(t => EF.Parameter(missing).Contains(t.Folded)).ToListAsync(cancellationToken));
        }
        var result = new List<Tag>();
        for (var i = 0; i < names.Count; i++)
        {
            var tag = known.FirstOrDefault(t => t.Folded == folded[i]);
            if (tag is null)
            {
                var taken = await TakenSlugsAsync(db, SlugStem(names[i]), 0, cancellationToken);
                tag = New(names[i], taken.Contains, now);
                db.Tags.Add(tag);
                known.Add(tag);
            }
            result.Add(tag);
        }
        return result;
    }

    /// <summary>
    /// A new tag of this name, as the API creates one on first use (and `generate` does): the name as stored, its folded
    /// key, and the first slug from its stem that <paramref name="slugTaken"/> does not refuse.
    /// </summary>
    public static Tag New(string name, Func<string, bool> slugTaken, DateTime now)
    {
        var stored = NameOf(name);
        return new Tag
        {
            Name = stored, Folded = FoldedOf(stored), Slug = ArticleWriter.FirstFreeSlug(SlugStem(stored), slugTaken), CreatedAt = now, UpdatedAt = now,
        };
    }

    /// <summary>
    /// The id of the tag named by id, slug, a slug it used to have or the slug of a tag merged into it; 0 when there is
    /// none. An id is taken as given (whether that tag exists is the caller's query).
    /// </summary>
    public static async Task<int> IdOfAsync(NewsDbContext db, string idOrSlug, CancellationToken cancellationToken) =>
        IdOrSlug.IsId(idOrSlug, out var id)
            ? id
            : await db.Tags.Where(t => t.Slug == idOrSlug).Select(t => (int?)t.Id)
                .Concat(db.TagSlugs.Where(s => s.Slug == idOrSlug).Select(s => (int?)s.TagId)).FirstOrDefaultAsync(cancellationToken) ?? 0;

    /// <summary>The stem, or the first of "-2", "-3", … that no tag has or had (other than <paramref name="tagId"/>).</summary>
    public static async Task<string> FreeSlugAsync(NewsDbContext db, string stem, int tagId, CancellationToken cancellationToken) =>
        ArticleWriter.FirstFreeSlug(stem, (await TakenSlugsAsync(db, stem, tagId, cancellationToken)).Contains);

    /// <summary>The slugs from this stem that tags (other than <paramref name="tagId"/>) have or had, saved or not.</summary>
    private static async Task<HashSet<string>> TakenSlugsAsync(NewsDbContext db, string stem, int tagId, CancellationToken cancellationToken) =>
        (await db.Tags.Where(t => t.Id != tagId && (t.Slug == stem || t.Slug.StartsWith(stem + "-"))).Select(t => t.Slug)
                .Concat(db.TagSlugs.Where(s => s.TagId != tagId && (s.Slug == stem || s.Slug.StartsWith(stem + "-"))).Select(s => s.Slug))
                .ToListAsync(cancellationToken))
            .Concat(db.Tags.Local.Where(t => t.Id != tagId || t.Id == 0).Select(t => t.Slug))
            .ToHashSet(StringComparer.Ordinal);
}
