using Microsoft.AspNetCore.Http.Extensions;

namespace NewsApi.Feeds;

/// <summary>
/// The site's name and where it lives, for the absolute links that feeds, the sitemap and structured data need.
/// Site:BaseUrl fixes the links behind a proxy or CDN; without it they follow the request (scheme, host, path base).
/// </summary>
public sealed record SiteLinks(string BaseUrl, string Name)
{
    public const string DefaultName = "NewsApi";

    public static SiteLinks For(HttpRequest request, IConfiguration configuration)
    {
        var configured = configuration["Site:BaseUrl"];
        var baseUrl = Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? configured!
            : UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase);
        var name = configuration["Site:Name"];
        return new SiteLinks(baseUrl.TrimEnd('/'), string.IsNullOrWhiteSpace(name) ? DefaultName : name.Trim());
    }

    public string Home => BaseUrl + "/";

    public string To(string path) => BaseUrl + path;

    public string Article(string slug) => $"{BaseUrl}/api/v1/articles/{Uri.EscapeDataString(slug)}";

    /// <summary>An article's permanent identity in feeds: its id never changes, while its slug may.</summary>
    public string ArticleIdentity(int id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{BaseUrl}/api/v1/articles/{id}");
}
