using System.Text;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Text;
using NewsApi.Site;

namespace NewsApi.Articles;

/// <summary>The query of an article list (GET /articles, a contributor's articles), bound with [AsParameters] and validated like a body.</summary>
public sealed record ArticleListQuery
{
    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }
    [FromQuery(Name = "q")] public string? Q { get; init; }
    [FromQuery(Name = "contributor")] public string? Contributor { get; init; }
    [FromQuery(Name = "source")] public string? Source { get; init; }
    [FromQuery(Name = "from")] public DateOnly? From { get; init; }
    [FromQuery(Name = "to")] public DateOnly? To { get; init; }
    [FromQuery(Name = "sort")] public string? Sort { get; init; }
    [FromQuery(Name = "status")] public string? Status { get; init; }
    [FromQuery(Name = "section")] public string? Section { get; init; }
    [FromQuery(Name = "tag")] public string? Tag { get; init; }

    public static readonly string[] Sorts = ["-publishedAt", "publishedAt", "-updatedAt", "relevance"];
    public static readonly string[] Statuses = ["draft", "scheduled", "published"];

    public bool HasSearch => !string.IsNullOrWhiteSpace(Q);

    public ArticleStatus? StatusFilter => Status switch
    {
        "draft" => ArticleStatus.Draft,
        "scheduled" => ArticleStatus.Scheduled,
        "published" => ArticleStatus.Published,
        _ => null,
    };

    public string SortKey => Sort ?? (HasSearch ? "relevance" : "-publishedAt");
}

public sealed class ArticleListQueryValidator : AbstractValidator<ArticleListQuery>
{
    public ArticleListQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, Paging.MaxPage).WithMessage($"page is between 1 and {Paging.MaxPage}.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize).WithMessage($"pageSize is between 1 and {Paging.MaxPageSize}.");
        RuleFor(q => q.Status).OneOf(ArticleListQuery.Statuses).When(q => q.Status is not null)
            .WithMessage($"status is {string.Join(", ", ArticleListQuery.Statuses)}.");
        RuleFor(q => q.Sort).OneOf(ArticleListQuery.Sorts).When(q => q.Sort is not null)
            .WithMessage($"sort is one of {string.Join(", ", ArticleListQuery.Sorts)}.");
        RuleFor(q => q.Sort).Must((q, s) => s != "relevance" || q.HasSearch).WithMessage("sort=relevance needs q.");
        RuleFor(q => q.From).Must((q, from) => from is null || q.To is null || from <= q.To).WithMessage("from is on or before to.");
        RuleFor(q => q.From).Must(d => d is null || TextRules.IsReasonableYear(d.Value.Year))
            .WithMessage($"from is between the years {TextRules.MinYear} and {TextRules.MaxYear}.");
        RuleFor(q => q.To).Must(d => d is null || TextRules.IsReasonableYear(d.Value.Year))
            .WithMessage($"to is between the years {TextRules.MinYear} and {TextRules.MaxYear}.");
        RuleFor(q => q.Q).MaximumLength(ArticleListLimits.Query).WithMessage($"q is at most {ArticleListLimits.Query} characters.")
            .Must(q => q is null || string.IsNullOrWhiteSpace(q) || ArticleSearch.Terms(q).Count > 0).WithMessage("q needs at least one word.");
        RuleFor(q => q.Contributor).MaximumLength(ArticleListLimits.Contributor).WithMessage($"contributor is at most {ArticleListLimits.Contributor} characters.")
            .Must(TextRules.HasNoControlCharacters).WithMessage("contributor has control characters.");
        RuleFor(q => q.Section).MaximumLength(NewsApi.Sections.SectionLimits.Slug).WithMessage($"section is at most {NewsApi.Sections.SectionLimits.Slug} characters.")
            .Must(TextRules.HasNoControlCharacters).WithMessage("section has control characters.");
        RuleFor(q => q.Tag).MaximumLength(NewsApi.Tags.TagLimits.Slug).WithMessage($"tag is at most {NewsApi.Tags.TagLimits.Slug} characters.")
            .Must(TextRules.HasNoControlCharacters).WithMessage("tag has control characters.");
        RuleFor(q => q.Source).MaximumLength(ArticleListLimits.Source).WithMessage($"source is at most {ArticleListLimits.Source} characters.")
            .Must(TextRules.HasNoControlCharacters).WithMessage("source has control characters.");
    }
}

/// <summary>
/// The query of a list whose path already names what it lists (a contributor's, a section's, a tag's articles): an article
/// list's paging, search, dates and sort.
/// </summary>
[ValidatedAs(typeof(ArticleListQuery))]
public sealed record ScopedArticlesQuery
{
    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }
    [FromQuery(Name = "q")] public string? Q { get; init; }
    [FromQuery(Name = "from")] public DateOnly? From { get; init; }
    [FromQuery(Name = "to")] public DateOnly? To { get; init; }
    [FromQuery(Name = "sort")] public string? Sort { get; init; }

    public ArticleListQuery ToListQuery() => new() { Page = Page, PageSize = PageSize, Q = Q, From = From, To = To, Sort = Sort };
}

/// <summary>One page of a list: its items as stored JSON (each an ArticleSummary), the page, its size and the total.</summary>
public sealed record ArticleListPage(IReadOnlyList<byte[]> Items, int Page, int PageSize, int Total, TimeSpan SharedAge)
{
    /// <summary>The page as an ArticlePage JSON document: the items' stored bytes put in place of a serialized empty page's items.</summary>
    public byte[] ToJson(PageLinks links) => StoredItems.Splice(new ArticlePage([], Page, PageSize, Total, links), Items);
}

/// <summary>Responses whose first member is a list of stored article summaries (a page, related articles).</summary>
public static class StoredItems
{
    /// <summary>The response as JSON: the items' stored bytes put in place of a serialized empty response's items.</summary>
    public static byte[] Splice<T>(T empty, IReadOnlyList<byte[]> items)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(empty, Json.Options);
        var head = "{\"items\":["u8;
        if (!bytes.AsSpan().StartsWith(head))
        {
            throw new InvalidOperationException($"A {typeof(T).Name} no longer starts with its items.");
        }
        using var output = new MemoryStream(bytes.Length + items.Sum(i => i.Length + 1));
        output.Write(head);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                output.WriteByte((byte)',');
            }
            output.Write(items[i]);
        }
        output.Write(bytes.AsSpan(head.Length));
        return output.ToArray();
    }
}

/// <summary>
/// Runs an article list query: filters, full-text search within a window, sorting and paging over narrow rows, then the
/// page's items from their stored documents. Anonymous lists may share a total or a search's ranking for up to 5 s.
/// </summary>
public sealed class ArticleList(NewsDbContext db, SiteTime site, Microsoft.Extensions.Options.IOptions<SearchOptions> search, SearchGate gate, PublicListCache listCache,
    Microsoft.Extensions.Options.IOptions<NewsApi.Media.MediaOptions> media)
{
    /// <summary>Up to how many articles a tag is rare: its list is read from the tag's own index (see RunAsync).</summary>
    private const int RareTagUses = 2_000;

    /// <summary>How many of a search's best hits are ranked once and shared by its pages (50 pages of 20).</summary>
    private const int SharedRankingDepth = 1_000;

    /// <param name="query">A query the validator accepted.</param>
    /// <param name="shared">Whether this list may be shared between callers for a few seconds (anonymous readers).</param>
    public async Task<ArticleListPage> RunAsync(ArticleListQuery query, bool shared, CancellationToken cancellationToken)
    {
        var (p, size) = (query.Page ?? 1, query.PageSize ?? 20);
        var statusFilter = query.StatusFilter;
        var (contributor, source, from, to) = (query.Contributor, query.Source, query.From, query.To);
        var now = site.UtcNow;
        var articles = db.Articles.AsNoTracking();
        articles = statusFilter switch
        {
            null or ArticleStatus.Published => articles.Where(await ArticleQueries.IsPublicAsync(db, now, cancellationToken)),
            ArticleStatus.Scheduled => articles.Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt > now),
            var only => articles.Where(a => a.Status == only),
        };
        if (!string.IsNullOrWhiteSpace(contributor))
        {
            // The contributor's articles come from the credits' (ContributorId, ArticleId) index, probed by id; an EXISTS
            // per article went through its byline first, which cost a search's window 10,000 joins more.
            var credited = int.TryParse(contributor, out var contributorId)
                ? db.BylineCredits.Where(c => c.ContributorId == contributorId).Select(c => c.ArticleId)
                : db.BylineCredits.Where(c => c.Contributor.Slug == contributor).Select(c => c.ArticleId);
            articles = articles.Where(a => credited.Contains(a.Id));
        }
        if (!string.IsNullOrWhiteSpace(query.Section))
        {
            // The section and everything below it: the (SectionId, Status, PublishedAt, Id) index, one range per section.
            var sections = await NewsApi.Sections.SectionWriter.SubtreeIdsAsync(db, query.Section.Trim(), cancellationToken) ?? [];
            articles = articles.Where(a => a.SectionId != null && EF.Parameter(sections).Contains(a.SectionId.Value));
        }
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            // The tag's articles come from the (TagId, ArticleId) index; a slug it used to have (or a merged tag's) counts too.
            var tagId = await NewsApi.Tags.ArticleTagging.IdOfAsync(db, query.Tag.Trim(), cancellationToken);
            var tagged = db.ArticleTags.Where(t => t.TagId == tagId).Select(t => t.ArticleId);
            if (await tagged.Take(RareTagUses + 1).CountAsync(cancellationToken) <= RareTagUses)
            {
                // A rare tag: its few articles are read from the tag's index and looked up by primary key. Walking the
                // date index and probing the tag for each article (the plan for a common tag, which finds a page of
                // matches at once) would read most of the articles before it found a page of a rare tag's.
                var few = await tagged.ToListAsync(cancellationToken);
                articles = articles.Where(a => EF.Parameter(few).Contains(a.Id));
            }
            else
            {
                articles = articles.Where(a => tagged.Contains(a.Id));
            }
        }
        if (!string.IsNullOrWhiteSpace(source))
        {
            var normalizedSource = VietnameseText.NormalizeLine(source);
            articles = articles.Where(a => a.Byline!.Source == normalizedSource);
        }
        if (from is { } fromDate)
        {
            var start = site.StartOfDay(fromDate);
            articles = articles.Where(a => a.PublishedAt >= start);
        }
        if (to is { } toDate)
        {
            var end = site.StartOfDay(toDate.AddDays(1));
            articles = articles.Where(a => a.PublishedAt < end);
        }
        var sortKey = query.SortKey;
        var terms = query.HasSearch ? ArticleSearch.Terms(query.Q!) : [];
        // Every search covers the most recently added matches up to Search:MaxResults: the index yields them newest first
        // and stops at the window, so no filter, sort or number of words makes a search cost more than the window
        // (joining every match to its article cost minutes at 100k articles). A public search leaves out, inside the
        // index, the few articles nobody may read yet (drafts, schedules still to come).
        async Task<IQueryable<ListRow>> SearchRowsAsync(CancellationToken stop)
        {
            var window = await ArticleSearch.WindowAsync(db, terms, search.Value.MaxResults, ranked: sortKey == "relevance",
                statusFilter is null or ArticleStatus.Published ? db.Articles.Where(ArticleQueries.IsHidden(now)).Select(a => a.Id) : null,
                stop);
            if (sortKey == "relevance" && statusFilter is null or ArticleStatus.Published
                && contributor is null && source is null && from is null && to is null && query.Section is null && query.Tag is null)
            {
                // The common search is counted and ranked inside the full-text index: no match is joined to its article row.
                return window.Select(h => new ListRow { Id = h.Id, Rank = h.Rank });
            }
            // Filters and other orders apply to the window's matches, each joined to its article by primary key.
            return articles.Join(window, a => a.Id, h => h.Id,
                (a, h) => new ListRow { Id = a.Id, PublishedAt = a.PublishedAt, UpdatedAt = a.UpdatedAt, Rank = h.Rank });
        }

        var filters = string.Join('|', statusFilter, contributor, source, from?.ToString("O"), to?.ToString("O"), string.Join(' ', terms), query.Section, query.Tag);
        // Page through narrow rows first (index-backed), then take only that page's items.
        var skip = (p - 1) * size;
        int total;
        List<int> ids;
        var sharedAge = TimeSpan.Zero;
        if (query.HasSearch)
        {
            // A search's rows are its window (at most Search:MaxResults): read once, unordered, they give the total and
            // are ordered here. Asked to order them, SQLite may walk a whole index of articles in that order and probe the
            // window for each (a second per request at 100k); reading the window and counting it again cost twice the work.
            // Only working out a ranking waits for a search slot (Search:MaxConcurrent); a page of a ranking already shared
            // is a lookup by ids. Waiting for a slot for that too made pages queue behind rankings: on PostgreSQL at 100k,
            // 23 req/s with one slot, most past wrk's 2 s, against 280 with eight.
            async Task<RankedSearch> RankAsync(CancellationToken stop)
            {
                using var slot = await gate.EnterAsync(stop);
                var rows = await SearchRowsAsync(stop);
                var window = await rows.Select(r => new { r.Id, r.PublishedAt, r.UpdatedAt, r.Rank }).ToListAsync(stop);
                var inOrder = sortKey switch
                {
                    "publishedAt" => window.OrderBy(r => r.PublishedAt).ThenBy(r => r.Id),
                    "-updatedAt" => window.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id),
                    "relevance" => window.OrderBy(r => r.Rank).ThenByDescending(r => r.Id),
                    _ => window.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id),
                };
                var all = inOrder.Select(r => r.Id);
                return new RankedSearch(window.Count, (skip + size <= SharedRankingDepth ? all.Take(SharedRankingDepth) : all).ToList());
            }
            RankedSearch ranked;
            if (shared && skip + size <= SharedRankingDepth)
            {
                // Once per list, then each page is a slice of it.
                (ranked, sharedAge) = await listCache.GetOrComputeAsync($"search|{sortKey}|{filters}", RankAsync, cancellationToken);
            }
            else
            {
                ranked = await RankAsync(cancellationToken);
            }
            total = ranked.Total;
            ids = ranked.Ids.Skip(skip).Take(size).ToList();
        }
        else
        {
            var rows = articles.Select(a => new ListRow { Id = a.Id, PublishedAt = a.PublishedAt, UpdatedAt = a.UpdatedAt, Rank = 0 });
            var ordered = sortKey switch
            {
                "publishedAt" => rows.OrderBy(r => r.PublishedAt).ThenBy(r => r.Id),
                "-updatedAt" => rows.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id),
                _ => rows.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id),
            };
            (total, sharedAge) = shared
                ? await listCache.GetOrComputeAsync("total|" + filters, stop => rows.CountAsync(stop), cancellationToken)
                : (await rows.CountAsync(cancellationToken), TimeSpan.Zero);
            ids = await ordered.Skip(skip).Take(size).Select(r => r.Id).ToListAsync(cancellationToken);
        }
        return new ArticleListPage(await ItemsAsync(ids, publicOnly: statusFilter is null or ArticleStatus.Published, now, cancellationToken), p, size, total, sharedAge);
    }

    /// <summary>
    /// The page's items in order: a published article's from its stored document (one indexed read per page, no joins);
    /// any other (a draft, a schedule, one whose document is behind) rendered from its rows. A shared ranking can be
    /// seconds old, so a public list shows only what is public now: an article unpublished since never appears.
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> ItemsAsync(List<int> ids, bool publicOnly, DateTime now, CancellationToken cancellationToken)
    {
        // The ids go as one parameter (a JSON array on SQLite, an array on PostgreSQL), so the SQL is the same for every page.
        // Checked against the article's own row (one probe by primary key each), so no document can show what its
        // article no longer is.
        var stored = await db.ArticleDocuments.AsNoTracking()
            .Where(d => EF.Parameter(ids).Contains(d.ArticleId) && d.Status == ArticleStatus.Published
                && db.Articles.Any(a => a.Id == d.ArticleId && a.Status == ArticleStatus.Published))
            .Select(d => new { d.ArticleId, d.Summary }).ToDictionaryAsync(d => d.ArticleId, d => d.Summary, cancellationToken);
        var others = ids.Where(id => !stored.ContainsKey(id)).ToList();
        if (others.Count > 0)
        {
            // The credits come in a query of their own, which SQLite answers from the credits' index.
            var rendered = await db.Articles.AsNoTracking().Where(a => EF.Parameter(others).Contains(a.Id)).Select(ArticleMapping.SummaryColumns)
                .AsSplitQuery().ToListAsync(cancellationToken);
            var photos = await ArticlePhotos.ReadAsync(db, rendered.Where(r => r.FeatureImage is not null).Select(r => r.FeatureImage!.MediaId), media.Value, cancellationToken);
            foreach (var row in rendered)
            {
                var summary = row.ToSummary(site, photos);
                if (!publicOnly || summary.Status == ArticleStatus.Published)
                {
                    stored[row.Id] = JsonSerializer.SerializeToUtf8Bytes(summary, Json.Options);
                }
            }
        }
        return ids.Where(stored.ContainsKey).Select(id => stored[id]).ToList();
    }

    /// <summary>A search's total, and its ids in order (the first <see cref="SharedRankingDepth"/> when shared).</summary>
    private sealed record RankedSearch(int Total, List<int> Ids);

    /// <summary>The narrow row a list is sorted and paged by before its items are read.</summary>
    private sealed class ListRow
    {
        public int Id { get; init; }
        public DateTime? PublishedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public double Rank { get; init; }
    }
}
