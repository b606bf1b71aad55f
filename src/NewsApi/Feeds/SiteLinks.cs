using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;
using NewsApi.Site;

namespace NewsApi.Feeds;

/// <summary>
/// The site's name and where it lives, for the absolute links that feeds, the sitemap and structured data need.
/// Links are never built from a Host the server does not trust (behind a CDN that forwards any Host, that would let
/// anyone poison cached feeds): Site:BaseUrl when set (what production should set); else the request's host only when
/// AllowedHosts names the hosts (no "*"), which the host filtering middleware has already enforced; else
/// <see cref="FallbackBaseUrl"/>, with a warning at start-up.
/// </summary>
public sealed record SiteLinks(string BaseUrl, string Name, string? ArticleUrlTemplate = null)
{
    public const string DefaultName = "NewsApi";
    public const string SlugPlaceholder = "{slug}";
    public const string FallbackBaseUrl = "http://localhost";

    public static SiteLinks For(HttpRequest request)
    {
        var site = request.HttpContext.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value;
        var hosts = request.HttpContext.RequestServices.GetRequiredService<IOptions<HostFilteringOptions>>().Value;
        var baseUrl = ConfiguredBaseUrl(site)
            ?? (TrustsRequestHost(request, hosts)
                ? UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase)
                : FallbackBaseUrl + request.PathBase);
        return new SiteLinks(baseUrl.TrimEnd('/'), string.IsNullOrWhiteSpace(site.Name) ? DefaultName : site.Name.Trim(),
            ArticleUrlTemplateFrom(site.ArticleUrl));
    }

    /// <summary>Links made with no request at hand (webhooks): Site:BaseUrl, else <see cref="FallbackBaseUrl"/>.</summary>
    public static SiteLinks From(SiteOptions site) =>
        new((ConfiguredBaseUrl(site) ?? FallbackBaseUrl).TrimEnd('/'),
            string.IsNullOrWhiteSpace(site.Name) ? DefaultName : site.Name.Trim(), ArticleUrlTemplateFrom(site.ArticleUrl));

    /// <summary>Site:BaseUrl when it is an absolute http(s) URL.</summary>
    public static string? ConfiguredBaseUrl(SiteOptions site)
    {
        var configured = site.BaseUrl;
        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? configured
            : null;
    }

    /// <summary>The hosts AllowedHosts names, or none when it is unset or allows any host ("*").</summary>
    public static IList<Microsoft.Extensions.Primitives.StringSegment> AllowedHosts(HostFilteringOptions options)
    {
        var hosts = options.AllowedHosts.Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
        return hosts.Count == 0 || hosts.Contains("*") ? [] : hosts.Select(h => new Microsoft.Extensions.Primitives.StringSegment(h)).ToList();
    }

    private static bool TrustsRequestHost(HttpRequest request, HostFilteringOptions hosts) =>
        request.Host.HasValue && AllowedHosts(hosts) is { Count: > 0 } allowed && HostString.MatchesAny(request.Host.Host, allowed);

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
