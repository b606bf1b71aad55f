using NewsApi.Articles;
using NewsApi.Data.Seed;
using NewsApi.Http;

namespace NewsApi.Media;

/// <summary>Examples of the media contracts: the seed's photo, credited to the byline's photographer.</summary>
[ContractExamples]
public static class MediaExamples
{
    private const string Hash = "3f1c9a7be05d2c44";

    public static IReadOnlyList<MediaRendition> Renditions { get; } = new[] { (320, 213), (640, 427), (960, 640) }
        .SelectMany(size => new[] { "avif", "webp", "jpeg" }.Select(f =>
            new MediaRendition(size.Item1, size.Item2, f, $"/api/v1/media/1/file?width={size.Item1}&format={f}&v={Hash}"))).ToList();

    /// <summary>What an article embeds of the photo.</summary>
    public static MediaSummary Summary { get; } = new(1, 1200, 800, $"/api/v1/media/1/file?v={Hash}", Renditions);

    public static IEnumerable<KeyValuePair<Type, object>> All()
    {
        var photographer = ArticleExamples.Byline.Credits[0].Name;
        var credit = new MediaCredit(photographer, null, null);
        var renditions = Renditions;
        var photo = new MediaResponse(1, "image/jpeg", 1200, 800, 245_760, SeedExample.Page.Headline, "Quang cảnh hội nghị", credit, null,
            SeedExample.Published, SeedExample.Published, 1, $"/api/v1/media/1/file?v={Hash}", renditions);
        const string Self = "/api/v1/media?page=1&pageSize=20";
        return
        [
            new(typeof(MediaResponse), photo),
            new(typeof(MediaCredit), credit),
            new(typeof(MediaRendition), renditions[0]),
            new(typeof(MediaSummary), Summary),
            new(typeof(MediaPage), new MediaPage([photo], 1, 20, 1, new PageLinks(Self, null, null, Self, Self))),
            new(typeof(MediaRequest), new MediaRequest(SeedExample.Page.Headline, "Quang cảnh hội nghị", photographer)),
        ];
    }
}
