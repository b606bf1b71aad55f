using NewsApi.Articles;
using NewsApi.ContactHeader;
using NewsApi.Data.Seed;
using NewsApi.Http;

namespace NewsApi.Imports;

/// <summary>Examples of the import contracts: the seed page imported, with its report.</summary>
[ContractExamples]
public static class ImportExamples
{
    public static IEnumerable<KeyValuePair<Type, object>> All()
    {
        var contact = ContactHeaderExamples.Response;
        var imported = new ImportedContactHeader(contact.Address, contact.Phones, contact.Email, true);
        var report = SeedExample.Page.Report.Select(n => new ImportNoteResponse(n.Kind, n.Field, n.Message)).ToList();
        return
        [
            new(typeof(ImportResponse), new ImportResponse(ArticleExamples.Article with { Status = ArticleStatus.Draft }, imported, report)),
            new(typeof(ImportedContactHeader), imported),
            new(typeof(ImportNoteResponse), report[0]),
        ];
    }
}
