using System.Text.Json.Serialization;

namespace NewsApi.Feeds;

/// <summary>A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1). Its members are snake_case by that spec.</summary>
public sealed record JsonFeed(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("home_page_url")] string HomePageUrl,
    [property: JsonPropertyName("feed_url")] string FeedUrl,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("items")] IReadOnlyList<JsonFeedItem> Items)
{
    public const string Version11 = "https://jsonfeed.org/version/1.1";
}

public sealed record JsonFeedItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("content_text")] string ContentText,
    [property: JsonPropertyName("date_published")] DateTimeOffset DatePublished,
    [property: JsonPropertyName("date_modified")] DateTimeOffset DateModified,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] [property: JsonPropertyName("authors")] IReadOnlyList<JsonFeedAuthor>? Authors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] [property: JsonPropertyName("image")] string? Image = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags = null);

public sealed record JsonFeedAuthor([property: JsonPropertyName("name")] string Name);

/// <summary>
/// A schema.org NewsArticle as JSON-LD. Each credit is a Person author whose jobTitle lists the byline roles
/// ("text", "photo", …): the plain Person form search engines read, where schema.org's Role wrapper is not understood.
/// articleSection names the section and the sections above it, the top one first (the property repeated, as schema.org
/// allows); keywords lists the tags' names, one value each (a tag's name may hold a comma, which a joined string would split).
/// </summary>
public sealed record NewsArticleLd(
    [property: JsonPropertyName("@context")] string Context,
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("@id")] string Id,
    string Url,
    string Headline,
    string Description,
    string ArticleBody,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? DatePublished,
    DateTimeOffset DateModified,
    string InLanguage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Dateline,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PersonLd>? Author,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OrganizationLd? SourceOrganization,
    OrganizationLd Publisher,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ImageObjectLd>? Image = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ArticleSection = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Keywords = null);

/// <summary>The article's feature image, once per size it is served in (the original and its renditions), widest first.</summary>
public sealed record ImageObjectLd(
    [property: JsonPropertyName("@type")] string Type,
    string Url,
    int Width,
    int Height,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Caption,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CreditText);

public sealed record PersonLd(
    [property: JsonPropertyName("@type")] string Type,
    string Name,
    IReadOnlyList<string> JobTitle);

/// <summary>The publisher (a NewsMediaOrganization with the contact header's address and phone) or a credited source.</summary>
public sealed record OrganizationLd(
    [property: JsonPropertyName("@type")] string Type,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PostalAddressLd? Address = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Telephone = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email = null);

public sealed record PostalAddressLd(
    [property: JsonPropertyName("@type")] string Type,
    string StreetAddress);
