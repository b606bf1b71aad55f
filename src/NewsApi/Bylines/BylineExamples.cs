using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Bylines;

/// <summary>Examples of the byline contracts: the seed's "Tin, ảnh: HƯƠNG HỒNG THU (QĐND)".</summary>
[ContractExamples]
public static class BylineExamples
{
    public static IEnumerable<KeyValuePair<Type, object>> All() =>
    [
        new(typeof(BylineResponse), ArticleExamples.Byline),
        new(typeof(CreditResponse), ArticleExamples.Byline.Credits[0]),
        new(typeof(BylineRequest), new BylineRequest(ArticleExamples.Byline.Text)),
        new(typeof(CreditRequest), new CreditRequest(ArticleExamples.Byline.Credits[0].Name, ArticleExamples.Byline.Credits[0].Roles)),
    ];
}
