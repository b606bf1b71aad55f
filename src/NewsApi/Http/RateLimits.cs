using System.Collections.Concurrent;
using System.Globalization;

namespace NewsApi.Http;

/// <summary>
/// Requests per minute, per key (by its name) or, without a key, per client address (the real client behind
/// ForwardedHeaders:KnownProxies): RateLimiting:AnonymousPermitsPerMinute (600) and RateLimiting:KeyPermitsPerMinute
/// (3000), in fixed windows aligned to the clock's minutes. RateLimiting:Enabled=false turns it off (benchmarks).
/// <para>
/// Every limited response carries the IETF RateLimit-Policy and RateLimit headers (draft-ietf-httpapi-ratelimit-headers):
/// <c>RateLimit-Policy: "anon";q=600;w=60</c> and <c>RateLimit: "anon";r=599;t=42</c> (r requests left, t seconds until
/// the window ends); past the limit, 429 problem+json with Retry-After. What costs the database nothing is never limited,
/// so a busy minute cannot mark the instance unhealthy or take the reader page away: /health/*, and every request no
/// endpoint answers (the reader page, its static files, Swagger UI and its document, and 404s).
/// </para>
/// </summary>
public sealed class RateLimits(Microsoft.Extensions.Options.IOptions<RateLimitingOptions> options, TimeProvider clock)
{
    public const int WindowSeconds = 60;
    private const int MaxPartitions = 100_000;

    private readonly bool enabled = options.Value.Enabled;
    private readonly int anonymousPerWindow = options.Value.AnonymousPermitsPerMinute;
    private readonly int keyPerWindow = options.Value.KeyPermitsPerMinute;
    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);

    private sealed class Counter
    {
        public long Window;
        public int Used;
    }

    public static bool IsExempt(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/health") || http.GetEndpoint() is null;

    public async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        if (!enabled || IsExempt(http))
        {
            await next();
            return;
        }
        var keyName = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null;
        var (policy, quota, partition) = keyName is not null
            ? ("key", keyPerWindow, "key:" + keyName)
            : ("anon", anonymousPerWindow, "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "local"));

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var window = now / WindowSeconds;
        var reset = (int)(WindowSeconds - now % WindowSeconds);
        if (counters.Count >= MaxPartitions)
        {
            foreach (var (name, stale) in counters)
            {
                if (Volatile.Read(ref stale.Window) < window)
                {
                    counters.TryRemove(name, out _);
                }
            }
        }
        var counter = counters.GetOrAdd(partition, _ => new Counter { Window = window });
        int used;
        lock (counter)
        {
            if (counter.Window != window)
            {
                counter.Window = window;
                counter.Used = 0;
            }
            used = counter.Used < int.MaxValue ? ++counter.Used : counter.Used;
        }
        var remaining = Math.Max(0, quota - used);
        var policyHeader = string.Create(CultureInfo.InvariantCulture, $"\"{policy}\";q={quota};w={WindowSeconds}");
        var stateHeader = string.Create(CultureInfo.InvariantCulture, $"\"{policy}\";r={remaining};t={reset}");
        // Set as the response starts: the exception handler clears headers when it rewrites a response.
        http.Response.OnStarting(() =>
        {
            http.Response.Headers["RateLimit-Policy"] = policyHeader;
            http.Response.Headers["RateLimit"] = stateHeader;
            return Task.CompletedTask;
        });
        if (used <= quota)
        {
            await next();
            return;
        }
        http.Response.Headers.RetryAfter = reset.ToString(CultureInfo.InvariantCulture);
        await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too Many Requests", $"Slow down: retry after {reset} s.");
    }
}

public static class RateLimitsExtensions
{
    public static IApplicationBuilder UseNewsRateLimits(this IApplicationBuilder app)
    {
        var limits = ActivatorUtilities.CreateInstance<RateLimits>(app.ApplicationServices);
        return app.Use((http, next) => limits.InvokeAsync(http, () => next(http)));
    }
}
