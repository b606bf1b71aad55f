using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace NewsApi.Http;

public static class Security
{
    public const long DefaultMaxBodyBytes = 3 * 1024 * 1024;
    public const int MaxRequestTargetBytes = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>
    /// Kestrel answers a request line or headers over its limits with a bare 414 or 431 (no body, none of our headers)
    /// before any middleware runs. Its limits are set at twice ours, so that up to there the app answers instead, with
    /// problem+json and the security headers; only what is larger still gets Kestrel's bare answer, as does a path that
    /// decodes to NUL (%00), which Kestrel refuses with a bare 400 whatever its options say.
    /// </summary>
    public static void ConfigureKestrelLimits(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestLineSize = 2 * MaxRequestTargetBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
    }

    /// <summary>
    /// X-Forwarded-For and X-Forwarded-Proto are believed only from ForwardedHeaders:KnownProxies (addresses) and
    /// ForwardedHeaders:KnownNetworks (CIDR, e.g. 10.0.0.0/8); with neither set they are ignored, and the client is the
    /// direct peer. Each hop, from the nearest, must be a known proxy for the address before it to be taken, so a client
    /// cannot choose its own address by sending the header. X-Forwarded-Host is never believed (links use Site:BaseUrl).
    /// </summary>
    public static IServiceCollection AddNewsForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var (proxies, networks) = TrustedProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    public static IApplicationBuilder UseNewsForwardedHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var (proxies, networks) = TrustedProxies(configuration);
        return proxies.Count + networks.Count > 0 ? app.UseForwardedHeaders() : app;
    }

    private static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks) TrustedProxies(IConfiguration configuration)
    {
        var settings = configuration.Read<ForwardedHeadersSettings>(ForwardedHeadersSettings.Section);
        if (settings.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(settings)).FirstOrDefault() is { } wrong)
        {
            throw new InvalidOperationException(wrong.ErrorMessage);
        }
        return (settings.KnownProxies.Select(p => IPAddress.Parse(p.Trim())).ToList(), settings.KnownNetworks.Select(n => System.Net.IPNetwork.Parse(n.Trim())).ToList());
    }

    /// <summary>Headers every response carries, and the body size limit that applies before any endpoint reads.</summary>
    public static IApplicationBuilder UseNewsSecurityHeaders(this IApplicationBuilder app)
    {
        var defaultMaxBody = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<LimitsOptions>>().Value.MaxBodyBytes;
        return app.Use(async (http, next) =>
        {
            // An endpoint that takes larger bodies (a photo upload) says so; routing has already chosen it.
            var maxBody = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? defaultMaxBody;
            http.Response.OnStarting(() =>
            {
                // Set as the response starts, so that a response the exception handler rewrote (it clears the headers) has them too.
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                // The reader page and Swagger UI are the only HTML; nothing they need comes from elsewhere.
                if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
                    && !http.Request.Path.StartsWithSegments("/swagger"))
                {
                    http.Response.Headers.ContentSecurityPolicy =
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
                }
                return Task.CompletedTask;
            });
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget is { Length: > MaxRequestTargetBytes })
            {
                await Problems.WriteAsync(http, StatusCodes.Status414UriTooLong, "URI Too Long",
                    $"A request's path and query may be at most {MaxRequestTargetBytes / 1024} KB.");
                return;
            }
            if (http.Request.Headers.Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v?.Length ?? 0)) > MaxHeaderBytes)
            {
                await Problems.WriteAsync(http, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request Header Fields Too Large",
                    $"A request's headers may be at most {MaxHeaderBytes / 1024} KB in all.");
                return;
            }
            if (http.Request.ContentLength > maxBody)
            {
                await Problems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Payload Too Large",
                    $"A request body may be at most {maxBody / 1024} KB.");
                return;
            }
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maxBody;
            }
            await next(http);
        });
    }
}
