using NewsApi.Bylines;
using NewsApi.Data.Seed;
using NewsApi.Datelines;
using NewsApi.Http;
using NewsApi.Text;

namespace NewsApi.Articles;

/// <summary>Examples of the article contracts: the seed article as the API serves it.</summary>
[ContractExamples]
public static class ArticleExamples
{
    public static BylineResponse Byline { get; } = new(SeedExample.Page.Byline!.Text,
        SeedExample.Page.Byline.Credits.Select((c, i) => new CreditResponse(i + 1, c.Name, VietnameseText.Slugify(c.Name), c.Roles)).ToList(),
        SeedExample.Page.Byline.Source);

    public static DatelineResponse Dateline { get; } = new(SeedExample.Page.Dateline!.Text, SeedExample.Page.Dateline.Date,
        SeedExample.Page.Dateline.PartOfDay, SeedExample.Page.Dateline.Place);

    public static IReadOnlyList<BodyBlock> Body { get; } = SeedExample.Page.Body.Select(t => new BodyBlock(BodyBlock.Paragraph, t)).ToList();

    /// <summary>The photo placed at the head of the seed article, credited (it has no credit of its own) to the byline's photographer.</summary>
    public static FeatureImageResponse FeatureImage { get; } = new(1, SeedExample.Page.Headline, "Quang cảnh hội nghị",
        new Media.MediaCredit(Byline.Credits[0].Name, Byline.Credits[0].ContributorId, Byline.Credits[0].Name), Media.MediaExamples.Summary);

    /// <summary>The body as served: the paragraphs, with the photo again as a figure after the first.</summary>
    public static IReadOnlyList<BodyBlockResponse> BodyResponse { get; } = Body.Select(b => new BodyBlockResponse(b.Type, b.Text)).Take(1)
        .Append(new BodyBlockResponse(BodyBlock.Image, null, 1, "Các đại biểu dự hội nghị", FeatureImage.Alt, FeatureImage.Credit, FeatureImage.Image))
        .Concat(Body.Skip(1).Select(b => new BodyBlockResponse(b.Type, b.Text))).ToList();

    public static string Slug { get; } = VietnameseText.Slugify(SeedExample.Page.Headline);

    /// <summary>The seed's section (Quốc phòng - An ninh › Công nghiệp quốc phòng).</summary>
    public static NewsApi.Sections.ArticleSection Section { get; } = new(7, "cong-nghiep-quoc-phong", "Công nghiệp quốc phòng", "quoc-phong-an-ninh/cong-nghiep-quoc-phong");

    public static IReadOnlyList<NewsApi.Tags.ArticleTagResponse> Tags { get; } =
        [new(1, "hoi-nghi-quan-chinh", "Hội nghị Quân chính"), new(2, "cong-nghiep-quoc-phong", "Công nghiệp quốc phòng")];

    public static ArticleResponse Article { get; } = new(1, Slug, SeedExample.Page.Headline, SeedExample.Page.Lead, BodyResponse, ArticleStatus.Published,
        SeedExample.Published, SeedExample.Published, SeedExample.Published, 1, "vi", Byline, Dateline, FeatureImage, Section, Tags);

    public static ArticleSummary Summary { get; } = new(1, Slug, SeedExample.Page.Headline, SeedExample.Page.Lead, ArticleStatus.Published,
        SeedExample.Published, SeedExample.Published, SeedExample.Published, 1, "vi", Byline, Dateline, FeatureImage, Section, Tags);

    public static PageLinks Links { get; } = new("/api/v1/articles?page=1&pageSize=20", null, null, "/api/v1/articles?page=1&pageSize=20", "/api/v1/articles?page=1&pageSize=20");

    public static IEnumerable<KeyValuePair<Type, object>> All() =>
    [
        new(typeof(ArticleResponse), Article),
        new(typeof(ArticleSummary), Summary),
        new(typeof(ArticlePage), new ArticlePage([Summary], 1, 20, 1, Links)),
        new(typeof(RelatedArticles), new RelatedArticles([Summary])),
        new(typeof(PageLinks), Links),
        new(typeof(BodyBlock), Body[0]),
        new(typeof(BodyBlockResponse), BodyResponse[1]),
        new(typeof(FeatureImageResponse), FeatureImage),
        new(typeof(FeatureImageRequest), new FeatureImageRequest(1, Alt: "Quang cảnh hội nghị")),
        new(typeof(ArticleRequest), new ArticleRequest(SeedExample.Page.Headline, SeedExample.Page.Lead,
            Body.Take(1).Append(new BodyBlock(BodyBlock.Image, MediaId: 1, Caption: "Các đại biểu dự hội nghị")).Concat(Body.Skip(1)).ToList(),
            Byline: new BylineRequest(Byline.Text), Dateline: new DatelineRequest(Dateline.Text), FeatureImage: new FeatureImageRequest(1),
            SectionId: Section.Id, Tags: Tags.Select(t => t.Name).ToList())),
        new(typeof(ArticlePatchRequest), new ArticlePatchRequest(Headline: SeedExample.Page.Headline)),
        new(typeof(PublishRequest), new PublishRequest(new DateTimeOffset(2030, 1, 1, 7, 0, 0, TimeSpan.FromHours(7)))),
        new(typeof(RevisionSummary), new RevisionSummary(1, "editor", SeedExample.Published)),
        new(typeof(RevisionResponse), new RevisionResponse(1, "editor", SeedExample.Published, Article)),
    ];
}
