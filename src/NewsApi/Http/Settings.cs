using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace NewsApi.Http;

/// <summary>
/// Every setting is a typed options class bound to its configuration section (the keys are as they always were), checked
/// when the app starts (ValidateOnStart): a wrong value stops it with the key and the reason, instead of surfacing at the
/// first request that reads it.
/// </summary>
public static class Settings
{
    public static OptionsBuilder<T> AddSetting<T>(this IServiceCollection services, IConfiguration configuration, string section) where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>A section read before the services exist (what decides which middleware runs); the same class the services validate.</summary>
    public static T Read<T>(this IConfiguration configuration, string section) where T : class, new() =>
        configuration.GetSection(section).Get<T>() ?? new T();
}

/// <summary>Limits: what one request may cost.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Limits:QueryTimeoutSeconds: how long a read may keep the database busy (0: no limit). See QueryBudget.</summary>
    [Range(0, 3600)]
    public double QueryTimeoutSeconds { get; set; } = QueryBudget.DefaultSeconds;

    /// <summary>Limits:MaxBodyBytes: the largest request body any endpoint reads.</summary>
    [Range(1024, 1L << 30)]
    public long MaxBodyBytes { get; set; } = Security.DefaultMaxBodyBytes;
}

/// <summary>RateLimiting: requests per minute per client address (anonymous) or per key.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    [Range(1, 10_000_000)]
    public int AnonymousPermitsPerMinute { get; set; } = 600;

    [Range(1, 10_000_000)]
    public int KeyPermitsPerMinute { get; set; } = 3000;
}

/// <summary>ForwardedHeaders: the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses, e.g. 10.0.0.2.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR form, e.g. 10.0.0.0/8.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownProxies.Where(p => !System.Net.IPAddress.TryParse(p.Trim(), out _))
            .Select(p => new ValidationResult($"ForwardedHeaders:KnownProxies has '{p}', which is not an IP address."))
            .Concat(KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n.Trim(), out _))
                .Select(n => new ValidationResult($"ForwardedHeaders:KnownNetworks has '{n}', which is not a network in CIDR form (10.0.0.0/8).")));
}

/// <summary>Https:Enabled: HSTS and redirects to https (only when the app itself terminates TLS).</summary>
public sealed class HttpsSettings
{
    public const string Section = "Https";

    public bool Enabled { get; set; }
}

/// <summary>OutputCache:Enabled: anonymous reads answered from memory for up to 5 s (off only to measure the uncached path).</summary>
public sealed class OutputCacheSettings
{
    public const string Section = "OutputCache";

    public bool Enabled { get; set; } = true;
}

/// <summary>Swagger:Enabled: Swagger UI at /swagger and the document at /swagger/v1/swagger.json.</summary>
public sealed class SwaggerSettings
{
    public const string Section = "Swagger";

    public bool Enabled { get; set; } = true;
}

/// <summary>Cors: the origins a browser may call the API from.</summary>
public sealed class CorsSettings
{
    public const string Section = "Cors";

    public string[] AllowedOrigins { get; set; } = [];
}
