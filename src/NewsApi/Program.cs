using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using NewsApi.Articles;
using NewsApi.Bylines;
using NewsApi.Cli;
using NewsApi.ContactHeader;
using NewsApi.Contributors;
using NewsApi.Data;
using NewsApi.Datelines;
using NewsApi.Feeds;
using NewsApi.Http;
using NewsApi.Imports;
using NewsApi.Keys;
using NewsApi.Site;
using NewsApi.Media;
using NewsApi.Webhooks;
using NewsApi.Sections;
using NewsApi.Tags;

var builder = WebApplication.CreateBuilder(args);
// Defaults that appsettings, environment variables and switches still override: at Information, the framework writes
// two JSON lines for every request and EF one for every SQL command, which costs more than serving a cached read.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    },
});
var services = builder.Services;
builder.WebHost.ConfigureKestrel(Security.ConfigureKestrelLimits);
builder.Logging.AddJsonConsole(o =>
{
    o.IncludeScopes = true;
    o.UseUtcTimestamp = true;
});

var configuration = builder.Configuration;
services.AddSetting<DatabaseSettings>(configuration, DatabaseSettings.Section);
services.AddSetting<SiteOptions>(configuration, SiteOptions.Section);
services.AddSetting<LimitsOptions>(configuration, LimitsOptions.Section);
services.AddSetting<RateLimitingOptions>(configuration, RateLimitingOptions.Section);
services.AddSetting<ForwardedHeadersSettings>(configuration, ForwardedHeadersSettings.Section);
services.AddSetting<CorsSettings>(configuration, CorsSettings.Section);
services.AddSetting<SearchOptions>(configuration, SearchOptions.Section);
services.AddSetting<PublishingOptions>(configuration, PublishingOptions.Section);
services.AddSetting<ImportOptions>(configuration, ImportOptions.Section);
services.AddSetting<SitemapOptions>(configuration, SitemapOptions.Section);
// Read before the app is built: they decide which middleware runs.
var https = configuration.Read<HttpsSettings>(HttpsSettings.Section);
var outputCache = configuration.Read<OutputCacheSettings>(OutputCacheSettings.Section);
var swagger = configuration.Read<SwaggerSettings>(SwaggerSettings.Section);
services.AddNewsDatabase(configuration);
services.AddSingleton(TimeProvider.System);
services.AddSingleton<SiteTime>();
services.Configure<JsonOptions>(o => Json.Configure(o.SerializerOptions));
services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => Json.Configure(o.JsonSerializerOptions));
services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
    c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? c.HttpContext.TraceIdentifier);
services.AddExceptionHandler<ExceptionToProblem>();
services.AddApiKeys();
services.AddHealthChecks().AddDbContextCheck<NewsDbContext>("database", tags: ["ready"]);
services.AddNewsOpenApi();
services.Configure<PathParameterLimits>(o =>
{
    o.ByName["idOrSlug"] = (Math.Max(ArticleLimits.Slug, ContributorLimits.Slug), null);
    o.ByName["name"] = (ApiKey.NameMaxLength, ApiKey.NamePattern);
});
services.AddScoped<ArticleStore>();
services.AddSingleton<StoredDocumentReader>();
services.AddScoped<ArticleList>();
services.AddScoped<ArticleRelated>();
services.AddScoped<NewsApi.Sections.SectionWriter>();
services.AddSingleton<ScheduledPublisher>();
services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks")
    .Validate(o => o.IsValid(), "Webhooks settings are out of range (MaxAttempts 1-100, LeaseSeconds above TimeoutSeconds, ...).").ValidateOnStart();
services.AddSingleton<WebhookWorker>();
services.AddHostedService(sp => sp.GetRequiredService<WebhookWorker>());
services.AddOutputCache(o =>
{
    // Only anonymous reads are cached (the default policy skips requests that carry Authorization),
    // so a key holder's view never reaches anyone else and always reflects the database.
    // Varied by Accept-Encoding: an answer compressed for one client is never served to one that did not ask for it.
    o.AddBasePolicy(p => p.Expire(TimeSpan.FromSeconds(CachedResponse.PublicMaxAgeSeconds)).Tag(OutputCacheTags.Content)
        .SetVaryByHeader(Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding));
});
services.AddNewsCompression();
services.AddSingleton(sp => new PublicListCache(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LimitsOptions>>()));
services.AddOptions<MediaOptions>().BindConfiguration("Media").Validate(o => o.IsValid(), "Media settings are out of range.").ValidateOnStart();
services.AddSingleton<MediaStore>();
services.AddSingleton<RenditionCache>();
services.AddSingleton<ReplicaCacheEviction>();
services.AddHostedService(sp => sp.GetRequiredService<ReplicaCacheEviction>());
services.AddSingleton<SearchGate>();
services.AddNewsForwardedHeaders(builder.Configuration);
services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
services.AddCors(o => o.AddDefaultPolicy(p =>
{
    var origins = configuration.Read<CorsSettings>(CorsSettings.Section).AllowedOrigins;
    p.WithOrigins(origins).WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
        .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match")
        .WithExposedHeaders("ETag", "Link", "Location", "Retry-After", "RateLimit-Policy", "RateLimit");
}));

var app = builder.Build();

try
{
    if (Commands.IsCommand(args))
    {
        return await Commands.RunAsync(app.Services, args);
    }
    await DatabaseSetup.MigrateAsync(app.Services, seed: true);
}
catch (Exception e) when (DatabaseErrors.CannotOpen(e))
{
    // A wrong connection string, a database that does not exist, a server that is down: one clear line, exit code 1.
    app.Logger.LogCritical("The database could not be opened: {Reason} Check ConnectionStrings:NewsDb and Database:Provider.", (e.InnerException is System.Data.Common.DbException inner ? inner : e).Message);
    await app.DisposeAsync();
    return 1;
}
var site = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value;
if (SiteLinks.ConfiguredBaseUrl(site) is null
    && SiteLinks.AllowedHosts(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>>().Value).Count == 0)
{
    app.Logger.LogWarning("Neither Site:BaseUrl nor AllowedHosts is set: feed, sitemap and JSON-LD links use {Fallback}, never the request's Host. Set Site:BaseUrl in production.", SiteLinks.FallbackBaseUrl);
}
if (site.ArticleUrl is { Length: > 0 } articleUrl && SiteLinks.ArticleUrlTemplateFrom(articleUrl) is null)
{
    app.Logger.LogWarning("Site:ArticleUrl is ignored: it needs to be an absolute http(s) URL with {{slug}} in it, e.g. https://example.vn/tin/{{slug}}.html.");
}

// First: the client's address and scheme (from trusted proxies only) are what everything after it sees.
app.UseNewsForwardedHeaders(app.Configuration);
app.UseExceptionHandler();
app.UseStatusCodePages();
if (https.Enabled)
{
    // Only behind TLS: HSTS and redirects would break a plain-HTTP deployment behind a proxy that terminates TLS.
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseNewsSecurityHeaders();
app.UseCors();
app.UseAuthentication();
// Before keys are refused: a flood of forged keys or refused writes is limited per address like any other request.
app.UseNewsRateLimits();
app.RejectInvalidKeys();
app.UseAuthorization();
if (outputCache.Enabled)
{
    // Off only to measure what a read costs without it (tests/NewsApi.Benchmarks/load.sh).
    app.UseOutputCache();
}
// Inside the output cache, which so keeps each answer compressed once per coding.
app.UseNewsCompression();
app.EvictCachedContentOnWrites();
app.UseQueryBudget();

// The reader page at /. wwwroot is copied beside NewsApi.dll, so it is found whatever the working directory is
// (the default web root follows the working directory, which `dotnet run --project` and tests do not set).
var readerPage = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = readerPage });
app.UseStaticFiles(new StaticFileOptions { FileProvider = readerPage });

if (swagger.Enabled)
{
    app.UseHeadAsGet("/swagger");
    app.UseSwagger(o => o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1);
    app.UseSwaggerUI(o =>
    {
        o.DocumentTitle = "NewsApi";
        o.EnablePersistAuthorization();
        o.DisplayRequestDuration();
    });
}

app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).ExcludeFromDescription();
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).ExcludeFromDescription();

var endpoints = app.MapGroup("").AnsweringHead();
endpoints.MapArticles().WithNotFoundForRouteParameters();
endpoints.MapBylines().WithNotFoundForRouteParameters();
endpoints.MapDatelines().WithNotFoundForRouteParameters();
endpoints.MapContributors().WithNotFoundForRouteParameters();
endpoints.MapSections().WithNotFoundForRouteParameters();
endpoints.MapTags().WithNotFoundForRouteParameters();
endpoints.MapContactHeader().WithNotFoundForRouteParameters();
endpoints.MapImports().WithNotFoundForRouteParameters();
endpoints.MapFeeds();
endpoints.MapKeys().WithNotFoundForRouteParameters();
endpoints.MapMedia().WithNotFoundForRouteParameters();
endpoints.MapWebhooks().WithNotFoundForRouteParameters();

await app.RunAsync();
return 0;

public partial class Program;
