using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Text;

namespace NewsApi.Articles;

public sealed record SearchHit(int Id, double Rank);

/// <summary>Search: how many of the newest matches a search covers, and how many searches run at once.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int MaxResults { get; set; } = ArticleSearch.DefaultMaxResults;

    /// <summary>Unset: <see cref="DefaultMaxConcurrent"/> for the database in use.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 256)]
    public int? MaxConcurrent { get; set; }

    /// <summary>
    /// SQLite: one fewer than the cores, at least one (its rankings run on this process's threads and cores).
    /// PostgreSQL: two per core, since a ranking there runs in the server, and costs several times what it costs on
    /// SQLite (ts_rank reads each match's tsvector from TOAST: ~190 ms for a 10,000-match window at 100k articles, against
    /// ~30 ms for FTS5's BM25). With one at a time on 2 cores, 20 searches of 1-5 pages at 32 connections got 33 req/s and
    /// 64 clients gave up after 2 s; with 4, 131-186 req/s, and /health/ready stayed under 63 ms through the adversarial
    /// searches (the server on the same 2 cores).
    /// </summary>
    public static int DefaultMaxConcurrent(NewsApi.Data.DatabaseProvider provider) =>
        provider == NewsApi.Data.DatabaseProvider.Postgres ? 2 * Environment.ProcessorCount : Math.Max(1, Environment.ProcessorCount - 1);
}

/// <summary>
/// Search:MaxConcurrent (default: see <see cref="SearchOptions.DefaultMaxConcurrent"/>) searches work out their ranking at once; the
/// others wait without holding a thread (a page of a ranking already shared waits for nothing). On SQLite a ranking
/// costs tens of milliseconds of CPU, spent on a thread the database call blocks (SQLite answers synchronously):
/// unbounded, 32 of them at once starved the thread pool, and /health/ready and article reads waited seconds behind
/// them. With as many as there are cores, searches still held every core: on 2 cores under 32 connections of
/// cache-busting searches, /health/ready took up to 675 ms; one core left free keeps it under 25 ms, at the price of half
/// the searches per second on a 2-core machine. A search waiting past the query budget is 503; one whose client left
/// stops waiting.
/// </summary>
public sealed class SearchGate(Microsoft.Extensions.Options.IOptions<SearchOptions> options, IConfiguration configuration) : IDisposable
{
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrent ?? SearchOptions.DefaultMaxConcurrent(NewsApi.Data.DatabaseOptions.Provider(configuration)));

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        return new Slot(slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }

    public void Dispose() => slots.Dispose();
}

/// <summary>
/// Tone-insensitive full-text search: the query is folded like the indexed text (SQLite FTS5 over the folded
/// headline and body), ranked by BM25 with the headline weighing ten times the rest.
/// </summary>
public static class ArticleSearch
{
    public const double HeadlineWeight = 10.0;

    /// <summary>
    /// How many matches a plain search (no filter but q) covers by default (Search:MaxResults): the most recently added
    /// ones the reader may see, so that ranking and counting cost the same at 10,000 articles as at a million (like
    /// Elasticsearch's max_result_window). Filters (dates, contributor, source) reach every match.
    /// </summary>
    public const int DefaultMaxResults = 10_000;

    /// <summary>The folded words of a query (at most 12), or none when it has no letters or digits.</summary>
    public static IReadOnlyList<string> Terms(string q) =>
        Words(VietnameseText.Fold(VietnameseText.NormalizeLine(q))).Distinct().Take(12).ToList();

    /// <summary>
    /// The <paramref name="maxResults"/> most recently added of these hits. The index yields matches newest first and
    /// stops there, so only those are scored.
    /// </summary>
    public static IQueryable<SearchHit> Newest(this IQueryable<SearchHit> hits, int maxResults) =>
        hits.OrderByDescending(h => h.Id).Take(maxResults);

    /// <summary>
    /// The window of a search: the newest <paramref name="maxResults"/> articles matching every term (the last also as a
    /// prefix, for search as you type) that are not <paramref name="hidden"/>, with a rank where lower is better: BM25
    /// over SQLite FTS5, or ts_rank over a GIN-indexed tsvector on PostgreSQL. Unless <paramref name="ranked"/> (a search
    /// ordered by relevance), every rank is 0: scoring is half the cost of a search's window (SQLite, 10,000 matches of
    /// two words: 41 ms with BM25, 22 ms without), and a search sorted by date never reads it.
    /// </summary>
    public static async Task<IQueryable<SearchHit>> WindowAsync(
        NewsDbContext db, IReadOnlyList<string> terms, int maxResults, bool ranked, IQueryable<int>? hidden, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            // The window is taken first (news_search_window: the GIN index's bitmap, newest first), and only its matches
            // are ranked: ranking reads each match's tsvector, and ranking every match of a common word before the window
            // cost 790 ms at 100k articles (180 ms now). The few articles a public search leaves out are left out inside.
            var tsquery = string.Join(" & ", terms.Select((t, i) => i == terms.Count - 1 && t.Length >= 3 ? t + ":*" : t));
            var excluded = hidden is null ? [] : await hidden.ToArrayAsync(cancellationToken);
            return ranked
                ? db.Database.SqlQuery<SearchHit>($$"""
                    SELECT a."Id", -ts_rank('{0.1, 0.1, 0.1, 1.0}', a.search_vector, to_tsquery('simple', {{tsquery}})) AS "Rank"
                    FROM articles AS a
                    WHERE a."Id" IN (SELECT "Id" FROM news_search_window(to_tsquery('simple', {{tsquery}}), {{maxResults}}, {{excluded}}))
                    """)
                : db.Database.SqlQuery<SearchHit>($"""
                    SELECT "Id", 0.0::float8 AS "Rank" FROM news_search_window(to_tsquery('simple', {tsquery}), {maxResults}, {excluded})
                    """);
        }
        var match = string.Join(" AND ", terms.Select((t, i) => "\"" + t + "\"" + (i == terms.Count - 1 && t.Length >= 3 ? "*" : "")));
        var hits = ranked
            ? db.Database.SqlQuery<SearchHit>(
                $"SELECT rowid AS \"Id\", bm25(article_search, {HeadlineWeight}, 1.0) AS \"Rank\" FROM article_search WHERE article_search MATCH {match}")
            : db.Database.SqlQuery<SearchHit>(
                $"SELECT rowid AS \"Id\", 0.0 AS \"Rank\" FROM article_search WHERE article_search MATCH {match}");
        // Left out inside the index's walk, which yields matches newest first and stops at the window.
        return (hidden is null ? hits : hits.Where(h => !hidden.Contains(h.Id))).Newest(maxResults);
    }

    /// <summary>
    /// Folded syllables too common in Vietnamese headlines to say what a piece is about (function words, "năm" of a year,
    /// verbs of any event): left out when a headline's words look for articles near it.
    /// </summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "va", "cua", "cac", "nhung", "cho", "voi", "la", "co", "duoc", "trong", "tai", "nam", "mot", "nay", "da", "de", "tu", "ve",
        "theo", "khi", "khong", "ra", "vao", "len", "o", "tren", "duoi", "den", "nhu", "thi", "se", "dang", "rat", "hon", "nhat",
        "to", "chuc", "tong", "ket", "ngay", "thang", "lan", "thu", "moi", "cung", "nhieu", "ca", "bi", "lai", "hay",
    };

    /// <summary>
    /// The words of a folded headline that say what it is about (at most 12, longest first): not the common ones, no
    /// single letters. Letters and digits only, so they are safe in an FTS5 match and a tsquery.
    /// </summary>
    public static IReadOnlyList<string> SignificantTerms(string foldedHeadline) =>
        Words(foldedHeadline).Distinct().Where(w => w.Length >= 2 && !CommonWords.Contains(w)).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)
            .Take(12).ToList();

    /// <summary>
    /// Articles whose headline has any of these words (an OR, where a search is an AND), ranked like a search: BM25 on
    /// SQLite (rarer words weigh more), ts_rank over the headline's weight A on PostgreSQL. Lower rank is better.
    /// </summary>
    public static IQueryable<SearchHit> AnyInHeadline(NewsDbContext db, IReadOnlyList<string> terms)
    {
        if (db.Database.IsNpgsql())
        {
            var tsquery = string.Join(" | ", terms.Select(t => t + ":A"));
            return db.Database.SqlQuery<SearchHit>($$"""
                SELECT "Id", -ts_rank('{0.1, 0.1, 0.1, 1.0}', search_vector, to_tsquery('simple', {{tsquery}})) AS "Rank"
                FROM articles WHERE search_vector @@ to_tsquery('simple', {{tsquery}})
                """);
        }
        var match = "SearchHeadline : (" + string.Join(" OR ", terms.Select(t => "\"" + t + "\"")) + ")";
        return db.Database.SqlQuery<SearchHit>(
            $"SELECT rowid AS \"Id\", bm25(article_search, {HeadlineWeight}, 1.0) AS \"Rank\" FROM article_search WHERE article_search MATCH {match}");
    }

    private static IEnumerable<string> Words(string folded)
    {
        var word = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
