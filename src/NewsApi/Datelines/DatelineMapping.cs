using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Text;

namespace NewsApi.Datelines;

public static class DatelineMapping
{
    public static DatelineResponse ToResponse(this Dateline dateline) => new(dateline.Text, dateline.Date, dateline.PartOfDay, dateline.Place);

    public static DatelineRequest FromParsed(ParsedDateline parsed) => new(parsed.Text, parsed.Date, parsed.PartOfDay, parsed.Place);

    /// <summary>Stores a dateline on an article, in place. Text alone is parsed, taking a missing year from the publication date.</summary>
    public static void Apply(NewsDbContext db, Article article, DatelineRequest? request, DateOnly? publishedOn)
    {
        if (request is null)
        {
            if (article.Dateline is not null)
            {
                db.Datelines.Remove(article.Dateline);
                article.Dateline = null;
            }
            return;
        }
        var text = VietnameseText.NormalizeLine(request.Text);
        var onlyText = request.Date is null && request.PartOfDay is null && request.Place is null;
        var parsed = onlyText ? DatelineParser.Parse(text, publishedOn) : null;
        var dateline = article.Dateline ??= new Dateline();
        dateline.Text = text;
        dateline.Date = request.Date ?? parsed?.Date;
        dateline.PartOfDay = request.PartOfDay ?? parsed?.PartOfDay;
        var place = request.Place is null ? parsed?.Place : VietnameseText.NormalizeLine(request.Place);
        dateline.Place = string.IsNullOrEmpty(place) ? null : place;
    }
}
