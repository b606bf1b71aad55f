using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using NewsApi.Articles;
using NewsApi.Bylines;
using NewsApi.ContactHeader;
using NewsApi.Contributors;
using NewsApi.Data;
using NewsApi.Datelines;
using NewsApi.Feeds;
using NewsApi.Imports;
using NewsApi.Keys;
using NewsApi.Webhooks;
using NewsApi.Text;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.Http;

public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";

    public static IServiceCollection AddNewsOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "NewsApi",
                Version = "v1",
                Description = "A headless content API for Vietnamese news sites: articles with their byline, dateline and the site's contact header, read from scraped pages. Published content is public; drafts and writes need an API key (Authorize, then paste the key).",
                Contact = new OpenApiContact { Name = "NewsApi maintainers" },
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "API key",
                Description = "An API key from `keys create` or POST /api/v1/keys, sent as 'Authorization: Bearer <key>'.",
            });
            options.SupportNonNullableReferenceTypes();
            // A nullable reference to another schema ("byline": null) can only be said in OpenAPI 3.0 through allOf.
            options.UseAllOfToExtendReferenceSchemas();
            options.OperationFilter<KeyRequirementFilter>();
            options.OperationFilter<AlsoProducesFilter>();
            options.DocumentFilter<TagsAndServersFilter>();
            options.DocumentFilter<OpenApiHttpBehaviour>();
            options.SchemaFilter<RequiredAndExampleFilter>();
            options.SchemaFilter<ValidatorLimitsFilter>();
            options.ParameterFilter<ParameterLimitsFilter>();
            // After every other filter: it bounds what they left unbounded.
            options.DocumentFilter<FactualBoundsFilter>();
            options.CustomSchemaIds(t => t.Name);
        });
        return services;
    }

    /// <summary>Marks the operations that need a key, so Swagger UI sends the key it was given and shows a lock.</summary>
    private sealed class KeyRequirementFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
            {
                return;
            }
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
        }
    }

    /// <summary>The resources in the order a reader meets them, described once, so Swagger UI groups operations under them.</summary>
    private sealed class TagsAndServersFilter : IDocumentFilter
    {
        private static readonly (string Name, string Description)[] Resources =
        [
            ("Articles", "News articles: the list (paged, searchable without tones), one by id or slug, writes, publishing and revisions."),
            ("Bylines", "Who wrote and photographed an article (\"Tin, ảnh: HƯƠNG HỒNG THU (QĐND)\"): credits with roles, and the source."),
            ("Datelines", "When and where an article's news happened (\"Sáng 10-12\"): date, part of day and place."),
            ("Contributors", "Everyone credited in a byline, with the articles they are credited in."),
            ("Contact header", "The site's address and phones printed at the top of every page."),
            ("Imports", "Scraped pages (text or HTML) read into draft articles."),
            ("API keys", "Keys for drafts and writes; needs scope admin."),
            ("Feeds", "The newest published articles as RSS, Atom and JSON Feed, and the sitemap."),
            ("Webhooks", "Subscriptions that hear of every change to an article, signed (Standard Webhooks), with their delivery log; needs scope admin."),
            OpenApiHttpBehaviour.Tag,
        ];

        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            document.Tags = new HashSet<OpenApiTag>(Resources.Select(r => new OpenApiTag { Name = r.Name, Description = r.Description }));
            // Relative, so the document works wherever the service is deployed (and Swagger UI calls the host it came from).
            document.Servers =
            [
                new OpenApiServer
                {
                    Url = "/",
                    Description = "This deployment (local, staging or production alike): the server that serves this document",
                    Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(false) },
                },
            ];
        }
    }

    /// <summary>
    /// ApiExplorer keeps one type per status code, so a second representation of the same answer (an article as
    /// JSON-LD beside its JSON) is added to the document here, from <see cref="AlsoProduces"/> metadata.
    /// </summary>
    private sealed class AlsoProducesFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var also in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AlsoProduces>())
            {
                var key = also.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (operation.Responses?.GetValueOrDefault(key) is not OpenApiResponse response)
                {
                    continue;
                }
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                response.Content[also.ContentType] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(also.Type, context.SchemaRepository) };
            }
        }
    }

    /// <summary>
    /// Response fields are always present (null when empty), so all are required; request fields are required
    /// when they are not nullable. Typed clients then see exactly what is optional. The seed is every example.
    /// </summary>
    private sealed class RequiredAndExampleFilter : ISchemaFilter
    {
        private static readonly NullabilityInfoContext Nullability = new();

        private static readonly JsonSerializerOptions RequestExampleOptions = new(Json.Options) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema concrete || concrete.Properties is null || context.Type.Namespace?.StartsWith("NewsApi", StringComparison.Ordinal) != true)
            {
                return;
            }
            var isRequest = context.Type.Name.EndsWith("Request", StringComparison.Ordinal);
            var constructorParameters = context.Type.GetConstructors().SelectMany(c => c.GetParameters())
                .Where(p => p.HasDefaultValue).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            concrete.Required ??= new HashSet<string>();
            foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (!concrete.Properties.ContainsKey(name))
                {
                    continue;
                }
                concrete.Properties[name] = OpenApiReferences.Express(concrete.Properties[name]);
                // A member the serializer leaves out when null (feeds, JSON-LD) is present only when it has a value.
                var leftOutWhenNull = property.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault;
                var optional = leftOutWhenNull
                    || (isRequest && (constructorParameters.Contains(property.Name) || Nullability.Create(property).ReadState == NullabilityState.Nullable));
                if (!optional)
                {
                    concrete.Required.Add(name);
                }
            }
            if (Examples.For(context.Type) is { } example)
            {
                // A request leaves out what it does not set; a response always shows every field.
                concrete.Example = JsonSerializer.SerializeToNode(example, context.Type, isRequest ? RequestExampleOptions : Json.Options);
            }
        }
    }
}

internal static class OpenApiReferences
{
    /// <summary>
    /// A reference to another schema comes out as allOf [ref] (so that it can say null), and a nullable one with type
    /// [null, object] beside it, which no validator admits null for: allOf makes the referenced object a must.
    /// OpenAPI 3.1 says it as JSON Schema does, oneOf [ref, {type: null}]; one that cannot be null is the plain ref.
    /// </summary>
    public static IOpenApiSchema Express(IOpenApiSchema schema) => schema switch
    {
        OpenApiSchema { AllOf: [OpenApiSchemaReference reference] } wrapper when wrapper.Type?.HasFlag(JsonSchemaType.Null) == true =>
            new OpenApiSchema { OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }], Description = wrapper.Description },
        OpenApiSchema { AllOf: [OpenApiSchemaReference reference], Type: null, Description: null, Properties: null or { Count: 0 } } => reference,
        _ => schema,
    };
}

/// <summary>Another media type a response comes in (content negotiation), for the OpenAPI document.</summary>
public sealed record AlsoProduces(int StatusCode, Type Type, string ContentType);

/// <summary>The seed page, parsed, as the example of every schema: what a developer sees in Swagger is what the API serves.</summary>
public static class Examples
{
    private static readonly Lazy<Dictionary<Type, object>> All = new(Build);

    public static object? For(Type type) => All.Value.GetValueOrDefault(type);

    /// <summary>A subscriber's URL in examples: example.com is reserved for documentation and reaches no one.</summary>
    private const string ExampleHook = "https://hooks.example.com/newsapi";

    private static Dictionary<Type, object> Build()
    {
        var page = PageImporter.FromText(DatabaseSetup.SeedPage(), DateOnly.FromDateTime(DatabaseSetup.SeedPublishedAt.DateTime)).Page!;
        var published = DatabaseSetup.SeedPublishedAt;
        var byline = new BylineResponse(page.Byline!.Text,
            page.Byline.Credits.Select((c, i) => new CreditResponse(i + 1, c.Name, VietnameseText.Slugify(c.Name), c.Roles)).ToList(),
            page.Byline.Source);
        var dateline = new DatelineResponse(page.Dateline!.Text, page.Dateline.Date, page.Dateline.PartOfDay, page.Dateline.Place);
        var body = page.Body.Select(t => new BodyBlock(BodyBlock.Paragraph, t)).ToList();
        var slug = VietnameseText.Slugify(page.Headline);
        var article = new ArticleResponse(1, slug, page.Headline, page.Lead, body, ArticleStatus.Published, published, published, published, 1, "vi", byline, dateline);
        var summary = new ArticleSummary(1, slug, page.Headline, page.Lead, ArticleStatus.Published, published, published, published, 1, "vi", byline, dateline);
        var links = new PageLinks("/api/v1/articles?page=1&pageSize=20", null, null, "/api/v1/articles?page=1&pageSize=20", "/api/v1/articles?page=1&pageSize=20");
        var contact = page.ContactHeader!;
        var contactResponse = new ContactHeaderResponse(contact.Address, contact.Phones.Select(p => new PhoneResponse(p.Display, p.E164)).ToList(), contact.Email, published, 1);
        // Feeds and structured data carry absolute links: the examples use the address `dotnet run` prints.
        var site = new SiteLinks("http://localhost:5000", SiteLinks.DefaultName);
        var newsArticle = NewsArticleJsonLd.From(article,
            new SiteContact { Address = contact.Address, Phones = contact.Phones.Select(p => new Phone(p.Display, p.E164)).ToList(), Email = contact.Email },
            site);
        var ninjs = Ninjs.From(article, site);
        var feedItem = new JsonFeedItem(site.ArticleIdentity(1), site.Article(slug), page.Headline, page.Lead,
            string.Join("\n\n", new[] { page.Lead }.Concat(page.Body)), published, published, "vi",
            byline.Credits.Select(c => new JsonFeedAuthor(c.Name)).ToList());
        var feed = new JsonFeed(JsonFeed.Version11, site.Name, site.Home, site.To("/feeds/feed.json"), $"Tin bài mới nhất của {site.Name}", "vi", [feedItem]);
        var importedContact = new ImportedContactHeader(contact.Address, contactResponse.Phones, contact.Email, true);
        var report = page.Report.Select(n => new ImportNoteResponse(n.Kind, n.Field, n.Message)).ToList();
        var contributor = new ContributorResponse(1, byline.Credits[0].Name, byline.Credits[0].Slug, published, published, 1);
        var delivery = new WebhookDeliveryResponse(1, WebhookEventTypes.Published, 1, "msg_2b1b5d0c8f9e4a7bb3f0c1d2e3f4a5b6", WebhookDeliveryStatus.Delivered, 1, 200, null,
            published, published, null, published);
        return new Dictionary<Type, object>
        {
            [typeof(ArticleResponse)] = article,
            [typeof(ArticleSummary)] = summary,
            [typeof(ArticlePage)] = new ArticlePage([summary], 1, 20, 1, links),
            [typeof(PageLinks)] = links,
            [typeof(BodyBlock)] = body[0],
            [typeof(BylineResponse)] = byline,
            [typeof(CreditResponse)] = byline.Credits[0],
            [typeof(DatelineResponse)] = dateline,
            [typeof(ContactHeaderResponse)] = contactResponse,
            [typeof(PhoneResponse)] = contactResponse.Phones[0],
            [typeof(ContributorResponse)] = contributor,
            [typeof(ContributorPage)] = new ContributorPage([contributor], 1, 20, 1, links with { Self = "/api/v1/contributors?page=1&pageSize=20", First = "/api/v1/contributors?page=1&pageSize=20", Last = "/api/v1/contributors?page=1&pageSize=20" }),
            [typeof(ArticleRequest)] = new ArticleRequest(page.Headline, page.Lead, body, Byline: new BylineRequest(byline.Text), Dateline: new DatelineRequest(dateline.Text)),
            [typeof(ArticlePatchRequest)] = new ArticlePatchRequest(Headline: page.Headline),
            [typeof(BylineRequest)] = new BylineRequest(byline.Text),
            [typeof(CreditRequest)] = new CreditRequest(byline.Credits[0].Name, byline.Credits[0].Roles),
            [typeof(DatelineRequest)] = new DatelineRequest(dateline.Text),
            [typeof(ContactHeaderRequest)] = new ContactHeaderRequest(contact.Address, contact.Phones.Select(p => new PhoneRequest(p.Display)).ToList()),
            [typeof(PhoneRequest)] = new PhoneRequest(contact.Phones[0].Display),
            [typeof(ContributorRequest)] = new ContributorRequest(byline.Credits[0].Name),
            [typeof(ImportResponse)] = new ImportResponse(article with { Status = ArticleStatus.Draft }, importedContact, report),
            [typeof(ImportedContactHeader)] = importedContact,
            [typeof(NewsArticleLd)] = newsArticle,
            [typeof(PersonLd)] = newsArticle.Author![0],
            [typeof(OrganizationLd)] = newsArticle.Publisher,
            [typeof(PostalAddressLd)] = newsArticle.Publisher.Address!,
            [typeof(NinjsItem)] = ninjs,
            [typeof(NinjsText)] = ninjs.Headlines[0],
            [typeof(NinjsPerson)] = ninjs.People![0],
            [typeof(NinjsInfoSource)] = ninjs.InfoSources[^1],
            [typeof(NinjsAltId)] = ninjs.AltIds[0],
            [typeof(JsonFeed)] = feed,
            [typeof(JsonFeedItem)] = feedItem,
            [typeof(JsonFeedAuthor)] = feedItem.Authors![0],
            [typeof(ImportNoteResponse)] = report[0],
            [typeof(PublishRequest)] = new PublishRequest(new DateTimeOffset(2030, 1, 1, 7, 0, 0, TimeSpan.FromHours(7))),
            [typeof(RevisionSummary)] = new RevisionSummary(1, "editor", published),
            [typeof(RevisionResponse)] = new RevisionResponse(1, "editor", published, article),
            [typeof(KeyRequest)] = new KeyRequest("editor", Scopes.ContentWrite),
            [typeof(KeyResponse)] = new KeyResponse("editor", Scopes.ContentWrite, published, null),
            [typeof(WebhookRequest)] = new WebhookRequest(ExampleHook, [WebhookEventTypes.Published, WebhookEventTypes.Updated, WebhookEventTypes.Unpublished], WebhookFormats.Json),
            [typeof(WebhookResponse)] = new WebhookResponse(1, ExampleHook, [WebhookEventTypes.Published, WebhookEventTypes.Updated, WebhookEventTypes.Unpublished], WebhookFormats.Json, published),
            // The Standard Webhooks specification's own example secret.
            [typeof(CreatedWebhookResponse)] = new CreatedWebhookResponse(1, ExampleHook, [WebhookEventTypes.Published], WebhookFormats.Json, published, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            [typeof(WebhookDeliveryResponse)] = delivery,
            [typeof(WebhookDeliveryPage)] = new WebhookDeliveryPage([delivery], 1, 20, 1, links with { Self = "/api/v1/webhooks/1/deliveries?page=1&pageSize=20", First = "/api/v1/webhooks/1/deliveries?page=1&pageSize=20", Last = "/api/v1/webhooks/1/deliveries?page=1&pageSize=20" }),
            // The shape of a real key (prefix and 43 base64url characters); this one opens nothing.
            [typeof(CreatedKeyResponse)] = new CreatedKeyResponse("editor", Scopes.ContentWrite, published, ApiKey.Prefix + new string('x', 43)),
        };
    }
}
