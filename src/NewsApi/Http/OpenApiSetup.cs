using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
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
            options.OperationFilter<NewsApi.Media.MediaUploadDocumentation>();
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
            ("Sections", "The site's section tree (a menu), each section's articles with its subsections' articles; an article has one primary section."),
            ("Tags", "Keywords articles are tagged with, created on first use from names (tone-insensitive: Huấn luyện = huan luyen); tag pages; renaming and merging."),
            ("Media", "Photos with their captions, credits and renditions (resized, WebP, AVIF, without EXIF or GPS)."),
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
            var isRequest = context.Type.Name.EndsWith("Request", StringComparison.Ordinal) || context.Type.IsDefined(typeof(RequestContractAttribute), false);
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

/// <summary>
/// The example of every schema, gathered from the contracts' own example classes (each feature's *Examples, marked
/// <see cref="ContractExamplesAttribute"/>): what a developer sees in Swagger is what the API serves for the seed page.
/// </summary>
public static class Examples
{
    private static readonly Lazy<Dictionary<Type, object>> All = new(Build);

    public static object? For(Type type) => All.Value.GetValueOrDefault(type);

    private static Dictionary<Type, object> Build() =>
        typeof(Examples).Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(ContractExamplesAttribute), inherit: false))
            .SelectMany(t => (IEnumerable<KeyValuePair<Type, object>>)t.GetMethod("All", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!)
            .ToDictionary();
}

/// <summary>
/// Marks a static class that holds examples of its feature's contracts, in a public static method
/// <c>IEnumerable&lt;KeyValuePair&lt;Type, object&gt;&gt; All()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ContractExamplesAttribute : Attribute;
