using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace NewsApi.Http;

public static class Security
{
    public const long DefaultMaxBodyBytes = 3 * 1024 * 1024;

    /// <summary>
    /// The built-in rate limiter, partitioned per key (by its name) or, without a key, per client address.
    /// RateLimiting:Enabled=false turns it off (benchmarks); the limits are per minute, from configuration.
    /// </summary>
    public static IServiceCollection AddNewsRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimiting");
        var anonymousPerMinute = section.GetValue("AnonymousPermitsPerMinute", 600);
        var keyPerMinute = section.GetValue("KeyPermitsPerMinute", 3000);
        var enabled = section.GetValue("Enabled", true);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }
                var key = http.User.Identity?.IsAuthenticated == true ? "key:" + http.User.Identity.Name : null;
                var partition = key ?? "ip:" + (http.Connection.RemoteIpAddress ?? IPAddress.Loopback);
                var permits = key is null ? anonymousPerMinute : keyPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, permits),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too Many Requests", Detail = $"Slow down: retry after {retryAfter} s." },
                });
            };
        });
        return services;
    }

    /// <summary>Headers every response carries, and the body size limit that applies before any endpoint reads.</summary>
    public static IApplicationBuilder UseNewsSecurityHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var maxBody = configuration.GetValue("Limits:MaxBodyBytes", DefaultMaxBodyBytes);
        return app.Use(async (http, next) =>
        {
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
            if (http.Request.ContentLength > maxBody)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 413, Title = "Payload Too Large", Detail = $"A request body may be at most {maxBody / 1024} KB." },
                });
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
