using NewsApi.Articles;
using NewsApi.Data.Seed;
using NewsApi.Http;

namespace NewsApi.Contributors;

/// <summary>Examples of the contributor contracts: the seed's reporter.</summary>
[ContractExamples]
public static class ContributorExamples
{
    public static IEnumerable<KeyValuePair<Type, object>> All()
    {
        var credit = ArticleExamples.Byline.Credits[0];
        var contributor = new ContributorResponse(1, credit.Name, credit.Slug, SeedExample.Published, SeedExample.Published, 1);
        const string Self = "/api/v1/contributors?page=1&pageSize=20";
        return
        [
            new(typeof(ContributorResponse), contributor),
            new(typeof(ContributorPage), new ContributorPage([contributor], 1, 20, 1, ArticleExamples.Links with { Self = Self, First = Self, Last = Self })),
            new(typeof(ContributorRequest), new ContributorRequest(credit.Name)),
        ];
    }
}
