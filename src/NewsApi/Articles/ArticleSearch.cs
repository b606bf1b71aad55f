using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Text;

namespace NewsApi.Articles;

public sealed record SearchHit(int Id, double Rank);

/// <summary>
/// Tone-insensitive full-text search: the query is folded like the indexed text (SQLite FTS5 over the folded
/// headline and body), ranked by BM25 with the headline weighing ten times the rest.
/// </summary>
public static class ArticleSearch
{
    public const double HeadlineWeight = 10.0;

    /// <summary>An FTS5 expression matching every word of the query (the last also as a prefix), or null when it has none.</summary>
    public static string? MatchExpression(string q)
    {
        var words = Words(VietnameseText.Fold(VietnameseText.NormalizeLine(q))).Distinct().Take(12).ToList();
        if (words.Count == 0)
        {
            return null;
        }
        var expression = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            expression.Append(i == 0 ? "" : " AND ").Append('"').Append(words[i]).Append('"');
            if (i == words.Count - 1 && words[i].Length >= 3)
            {
                expression.Append('*');
            }
        }
        return expression.ToString();
    }

    public static IQueryable<SearchHit> Hits(NewsDbContext db, string match) =>
        db.Database.SqlQuery<SearchHit>(
            $"SELECT rowid AS Id, bm25(article_search, {HeadlineWeight}, 1.0) AS Rank FROM article_search WHERE article_search MATCH {match}");

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
