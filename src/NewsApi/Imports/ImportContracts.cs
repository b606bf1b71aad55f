using NewsApi.Articles;
using NewsApi.ContactHeader;

namespace NewsApi.Imports;

/// <summary>
/// One thing the importer found, inferred, missed, dropped or warns about, e.g. ("dropped", "lead", "The scrape repeated
/// the lead; the copy was dropped."). Kind: found, inferred, missing, dropped or warning.
/// </summary>
public sealed record ImportNoteResponse(string Kind, string Field, string Message);

/// <summary>The contact header read from the page; applied says whether it became the site's header (only when the site had none).</summary>
public sealed record ImportedContactHeader(string Address, IReadOnlyList<PhoneResponse> Phones, string? Email, bool Applied);

public sealed record ImportResponse(ArticleResponse Article, ImportedContactHeader? ContactHeader, IReadOnlyList<ImportNoteResponse> Report);
