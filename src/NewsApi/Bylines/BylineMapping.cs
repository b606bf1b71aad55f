using Microsoft.EntityFrameworkCore;
using NewsApi.Contributors;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Articles;
using NewsApi.Text;

namespace NewsApi.Bylines;

public static partial class BylineMapping
{
    public static BylineResponse ToResponse(this Byline byline) =>
        new(byline.Text,
            byline.Credits.OrderBy(c => c.Position)
                .Select(c => new CreditResponse(c.ContributorId, c.Contributor.Name, c.Contributor.Slug, c.Roles))
                .ToList(),
            byline.Source);

    /// <summary>What a stored byline says when written from the printed text alone.</summary>
    public static BylineRequest FromParsed(ParsedByline parsed) =>
        new(parsed.Text, parsed.Credits.Select(c => new CreditRequest(c.Name, c.Roles)).ToList(), parsed.Source);

    /// <summary>
    /// Stores a byline on an article, in place. Credits given by name link to the contributor with that name's slug,
    /// created on first use. Returns an error for a contributorId that does not exist.
    /// </summary>
    public static async Task<(string Field, string Message)?> ApplyAsync(
        NewsDbContext db, Article article, BylineRequest? request, DateTime now, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            if (article.Byline is not null)
            {
                db.Bylines.Remove(article.Byline);
                article.Byline = null;
            }
            return null;
        }
        var text = VietnameseText.NormalizeLine(request.Text);
        var parsed = request.Credits is null ? BylineParser.Parse(text) : null;
        var credits = request.Credits ?? parsed?.Credits.Select(c => new CreditRequest(c.Name, c.Roles)).ToList() ?? [];
        var source = request.Source is null ? parsed?.Source : VietnameseText.NormalizeLine(request.Source);

        var byline = article.Byline ??= new Byline();
        byline.Text = text;
        byline.Source = string.IsNullOrEmpty(source) ? null : source;
        byline.Credits.Clear();
        var resolved = new List<(Contributor Contributor, IEnumerable<CreditRole> Roles)>();
        for (var i = 0; i < credits.Count; i++)
        {
            var credit = credits[i];
            if (credit.ContributorId is null && !TextRules.FitsWhenNormalized(credit.Name, ContributorLimits.Name))
            {
                return ($"credits[{i}].name", $"A name is at most {ContributorLimits.Name} characters.");
            }
            var contributor = credit.ContributorId is { } id
                ? await db.Contributors.FindAsync([id], cancellationToken)
                : await ContributorDirectory.FindOrCreateAsync(db, credit.Name, now, cancellationToken);
            if (contributor is null)
            {
                return ($"credits[{i}].contributorId", $"No contributor {credit.ContributorId} exists.");
            }
            resolved.Add((contributor, credit.Roles));
        }
        foreach (var (contributor, roles, position) in MergeCredits(resolved, c => c.Id == 0 ? c.Slug : c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            byline.Credits.Add(new BylineCredit { Contributor = contributor, Position = position, Roles = roles });
        }
        return null;
    }
}

public static partial class BylineMapping
{
    /// <summary>
    /// Credits in print order, one per contributor: a contributor credited twice ("Bài: A; Ảnh: A") keeps the first place
    /// and gets the roles of both. The one rule for the API and for `generate`.
    /// </summary>
    public static List<(T Contributor, List<CreditRole> Roles, int Position)> MergeCredits<T>(
        IEnumerable<(T Contributor, IEnumerable<CreditRole> Roles)> credits, Func<T, string> identity)
    {
        var merged = new List<(T Contributor, List<CreditRole> Roles, int Position)>();
        foreach (var (contributor, roles) in credits)
        {
            var at = merged.FindIndex(m => identity(m.Contributor) == identity(contributor));
            if (at >= 0)
            {
                merged[at] = merged[at] with { Roles = merged[at].Roles.Union(roles).ToList() };
            }
            else
            {
                merged.Add((contributor, roles.Distinct().ToList(), merged.Count));
            }
        }
        return merged;
    }
}

public static class BylineQueries
{
    public static IQueryable<Article> WithByline(this IQueryable<Article> articles) =>
        articles.Include(a => a.Byline!).ThenInclude(b => b.Credits).ThenInclude(c => c.Contributor);
}
