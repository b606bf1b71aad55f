using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Data;

namespace NewsApi.Keys;

/// <summary>Bearer API keys: the presented key is hashed and looked up on every request, so a revoked key stops at once.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    NewsDbContext db, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization))
        {
            return AuthenticateResult.NoResult();
        }
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Use 'Authorization: Bearer <key>'.");
        }
        var secret = authorization["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 200)
        {
            return AuthenticateResult.Fail("The key is not valid.");
        }
        var hash = ApiKey.Hash(secret);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Name, k.Scope, k.KeyHash })
            .FirstOrDefaultAsync(Context.RequestAborted);
        // The index finds the row; the constant-time compare keeps the final check free of timing differences.
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.KeyHash), Encoding.ASCII.GetBytes(hash)))
        {
            return AuthenticateResult.Fail("The key is not valid or has been revoked.");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ScopeClaim, key.Scope)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status401Unauthorized, "Unauthorized",
            "This operation needs an API key: send 'Authorization: Bearer <key>'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "Forbidden", "Your API key does not have the scope this operation needs.");

    private async Task WriteProblem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
        }
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}

public static class AuthExtensions
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(scope, p => p.RequireClaim(ApiKeyAuthentication.ScopeClaim, Scopes.Granting(scope)));
        }
        return services;
    }

    /// <summary>A key that was sent but is wrong is refused everywhere, even on public reads, so a client never silently reads as anonymous.</summary>
    public static IApplicationBuilder RejectInvalidKeys(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true)
            {
                await http.ChallengeAsync(ApiKeyAuthentication.SchemeName);
                return;
            }
            await next(http);
        });

    public static bool CanReadDrafts(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Scopes.Granting(Scopes.ContentRead).Any(s => user.HasClaim(ApiKeyAuthentication.ScopeClaim, s));

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(scope)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), 401, "application/problem+json"))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), 403, "application/problem+json"));
}

public static class WriteGroups
{
    /// <summary>
    /// The write endpoints of a group: each runs in one transaction (<see cref="Http.WriteTransactionFilter"/>) and needs a key
    /// with <paramref name="scope"/>. Stated once for the group, so no write endpoint can be mapped without either.
    /// </summary>
    public static RouteGroupBuilder Writes(this RouteGroupBuilder group, string scope) =>
        Http.WriteTransactionExtensions.InWriteTransaction(group.MapGroup("")).RequireScope(scope);
}
