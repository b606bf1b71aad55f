using Microsoft.AspNetCore.Http.HttpResults;
using FluentValidation;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Keys;

public sealed record KeyResponse(string Name, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A new key: the only time its secret is shown.</summary>
public sealed record CreatedKeyResponse(string Name, string Scope, DateTimeOffset CreatedAt, string Key);

public sealed record KeyRequest(string Name, string Scope);

public sealed class KeyRequestValidator : AbstractValidator<KeyRequest>
{
    public KeyRequestValidator()
    {
        RuleFor(k => k.Name).NotEmpty().MaximumLength(ApiKey.NameMaxLength).Matches(ApiKey.NamePattern)
            .WithMessage("name is 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.");
        RuleFor(k => k.Scope).OneOf(Scopes.All).WithMessage($"scope is one of {string.Join(", ", Scopes.All)}.");
    }
}

public static class KeyEndpoints
{
    public static RouteGroupBuilder MapKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/keys").WithTags("API keys").RequireScope(Scopes.Admin);

        group.MapGet("/", List).WithName("ListKeys").WithETag().WithSummary("List API keys")
            .WithDescription("Names, scopes and dates; never the keys themselves, which are stored only as hashes.");
        var writes = group.Writes(Scopes.Admin);
        writes.MapPost("/", Create).WithName("CreateKey").Validate<KeyRequest>().WithSummary("Create an API key")
            .WithDescription("Scopes: content.read (read drafts), content.write (write content), admin (contact header and keys). The key is in the response once and cannot be shown again.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapDelete("/{name}", Revoke).WithName("RevokeKey").WithSummary("Revoke an API key")
            .WithDescription("The key stops working at once.");
        return group;
    }

    public static async Task<Ok<List<KeyResponse>>> List(NewsDbContext db, SiteTime site, CancellationToken cancellationToken) =>
        TypedResults.Ok((await KeyStore.ListAsync(db, cancellationToken))
            .Select(k => new KeyResponse(k.Name, k.Scope, site.ToSite(k.CreatedAt), site.ToSite(k.RevokedAt))).ToList());

    public static async Task<Results<Created<CreatedKeyResponse>, ProblemHttpResult>> Create(
        KeyRequest request, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        // The response carries a secret: no cache (browser, proxy or CDN) may keep it.
        http.Response.Headers.CacheControl = "no-store";
        var (key, secret, error) = await KeyStore.CreateAsync(db, request.Name, request.Scope, site.UtcNow, cancellationToken);
        if (key is null)
        {
            return Problems.Conflict(error!);
        }
        return TypedResults.Created($"/api/v1/keys/{Uri.EscapeDataString(key.Name)}",
            new CreatedKeyResponse(key.Name, key.Scope, site.ToSite(key.CreatedAt), secret!));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        string name, NewsDbContext db, SiteTime site, CancellationToken cancellationToken) =>
        await KeyStore.RevokeAsync(db, name, site.UtcNow, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound("active key", name);
}
