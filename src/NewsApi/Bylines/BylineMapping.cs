using Microsoft.EntityFrameworkCore;
using NewsApi.Contributors;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Articles;
using NewsApi.Text;

namespace NewsApi.Bylines;

public static class BylineMapping
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
        var position = 0;
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
            var existing = byline.Credits.FirstOrDefault(c => c.Contributor == contributor);
            if (existing is not null)
            {
                existing.Roles = existing.Roles.Union(credit.Roles).ToList();
                continue;
            }
            byline.Credits.Add(new BylineCredit { Contributor = contributor, Position = position++, Roles = credit.Roles.Distinct().ToList() });
        }
        return null;
    }
}

public static class BylineQueries
{
    public static IQueryable<Article> WithByline(this IQueryable<Article> articles) =>
        articles.Include(a => a.Byline!).ThenInclude(b => b.Credits).ThenInclude(c => c.Contributor);
}
