using Microsoft.AspNetCore.Http.Extensions;

namespace NewsApi.Feeds;

/// <summary>
/// The site's name and where it lives, for the absolute links that feeds, the sitemap and structured data need.
/// Site:BaseUrl fixes the links behind a proxy or CDN; without it they follow the request (scheme, host, path base).
/// </summary>
public sealed record SiteLinks(string BaseUrl, string Name, string? ArticleUrlTemplate = null)
{
    public const string DefaultName = "NewsApi";
    public const string SlugPlaceholder = "{slug}";

    public static SiteLinks For(HttpRequest request, IConfiguration configuration)
    {
        var configured = configuration["Site:BaseUrl"];
        var baseUrl = Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? configured!
            : UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase);
        var name = configuration["Site:Name"];
        return new SiteLinks(baseUrl.TrimEnd('/'), string.IsNullOrWhiteSpace(name) ? DefaultName : name.Trim(),
            ArticleUrlTemplateFrom(configuration["Site:ArticleUrl"]));
    }

    /// <summary>Site:ArticleUrl when it is an absolute http(s) URL with a {slug} in it (where readers read the article), else none.</summary>
    public static string? ArticleUrlTemplateFrom(string? configured) =>
        configured is not null && configured.Contains(SlugPlaceholder, StringComparison.Ordinal)
            && Uri.TryCreate(configured.Replace(SlugPlaceholder, "x", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? configured
            : null;

    public string Home => BaseUrl + "/";

    public string To(string path) => BaseUrl + path;

    /// <summary>Where an article is read: the front end's page from Site:ArticleUrl, or else the API's own resource.</summary>
    public string Article(string slug) => ArticleUrlTemplate is { } template
        ? template.Replace(SlugPlaceholder, Uri.EscapeDataString(slug), StringComparison.Ordinal)
        : $"{BaseUrl}/api/v1/articles/{Uri.EscapeDataString(slug)}";

    /// <summary>An article's permanent identity in feeds: its id never changes, while its slug may.</summary>
    public string ArticleIdentity(int id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{BaseUrl}/api/v1/articles/{id}");
}
