using System.ComponentModel.DataAnnotations;

namespace NewsApi.Site;

/// <summary>Site: who the newsroom is and where its pages live.</summary>
public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Site";

    /// <summary>Site:Name, the publication's name in feeds, the sitemap's news entries and JSON-LD.</summary>
    [MaxLength(200)]
    public string? Name { get; set; }

    /// <summary>Site:BaseUrl, where the API is reached from outside (absolute http(s)): the base of every absolute link.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Site:ArticleUrl, the front end's page of an article, with {slug} in it (https://example.vn/tin/{slug}.html).</summary>
    public string? ArticleUrl { get; set; }

    /// <summary>Site:TimeZone, the newsroom's zone (an IANA id): dates are local dates there.</summary>
    public string TimeZone { get; set; } = SiteTime.DefaultZone;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(BaseUrl) && !(Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"Site:BaseUrl '{BaseUrl}' is not an absolute http(s) URL.", [nameof(BaseUrl)]);
        }
        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            yield return new ValidationResult("Site:TimeZone is empty: name a zone such as Asia/Ho_Chi_Minh.", [nameof(TimeZone)]);
        }
    }
}
