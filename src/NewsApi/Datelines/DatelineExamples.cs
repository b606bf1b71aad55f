using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Datelines;

/// <summary>Examples of the dateline contracts: the seed's "Sáng 10-12".</summary>
[ContractExamples]
public static class DatelineExamples
{
    public static IEnumerable<KeyValuePair<Type, object>> All() =>
    [
        new(typeof(DatelineResponse), ArticleExamples.Dateline),
        new(typeof(DatelineRequest), new DatelineRequest(ArticleExamples.Dateline.Text)),
    ];
}
