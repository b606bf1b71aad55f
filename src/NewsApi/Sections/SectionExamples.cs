using NewsApi.Articles;
using NewsApi.Data.Seed;
using NewsApi.Http;
using NewsApi.Tags;

namespace NewsApi.Sections;

/// <summary>Examples of the section and tag contracts: the seed paper's sections and the seed article's tags.</summary>
[ContractExamples]
public static class SectionExamples
{
    public static IEnumerable<KeyValuePair<Type, object>> All()
    {
        var at = SeedExample.Published;
        var top = new SectionResponse(4, "quoc-phong-an-ninh", "Quốc phòng - An ninh", null, "quoc-phong-an-ninh", 1, at, at, 1);
        var sub = new SectionResponse(ArticleExamples.Section.Id, ArticleExamples.Section.Slug, ArticleExamples.Section.Name, top.Id, ArticleExamples.Section.Path, 2, at, at, 1);
        var tag = new TagResponse(ArticleExamples.Tags[0].Id, ArticleExamples.Tags[0].Slug, ArticleExamples.Tags[0].Name, at, at, 1);
        const string Self = "/api/v1/tags?page=1&pageSize=20";
        return
        [
            new(typeof(SectionResponse), sub),
            new(typeof(SectionTree), new SectionTree([top, sub])),
            new(typeof(SectionRequest), new SectionRequest("Công nghiệp quốc phòng", ParentId: top.Id)),
            new(typeof(SectionPatchRequest), new SectionPatchRequest(Name: "Công nghiệp Quốc phòng")),
            new(typeof(ArticleSection), ArticleExamples.Section),
            new(typeof(TagResponse), tag),
            new(typeof(TagPage), new TagPage([tag], 1, 20, 1, ArticleExamples.Links with { Self = Self, First = Self, Last = Self })),
            new(typeof(ArticleTagResponse), ArticleExamples.Tags[0]),
            new(typeof(TagPatchRequest), new TagPatchRequest(Name: "Hội nghị quân chính")),
            new(typeof(TagMergeRequest), new TagMergeRequest("hoi-nghi-quan-chinh")),
        ];
    }
}
