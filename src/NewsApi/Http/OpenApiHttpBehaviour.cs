using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.Http;

/// <summary>
/// What the middleware every request passes through does, written into the document once for every operation it
/// touches: rate limits (429, Retry-After, RateLimit-Policy and RateLimit on every answer), keys refused (401 on any
/// request carrying a wrong key), body limits (413) and media types (415), bad input (400), retired article slugs
/// (308), HEAD beside every GET, and the health probes and this document itself.
/// </summary>
internal sealed class OpenApiHttpBehaviour : IDocumentFilter
{
    private const string Problem = "application/problem+json";
    private const string ServiceTag = "Service";
    private const string CorsOrigin = "Access-Control-Allow-Origin";
    private static readonly string[] RateLimitHeaders = ["RateLimit-Policy", "RateLimit"];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["RateLimit-Policy"] = Header("The quota this answer counts against (IETF RateLimit fields draft), e.g. `\"anon\";q=600;w=60`: 600 requests a minute. Not sent by the health probes and this document, which are not rate limited.", 256),
            ["RateLimit"] = Header("What is left of the quota, e.g. `\"anon\";r=598;t=42`: 598 requests in the next 42 s. Not sent by the health probes and this document.", 256),
            [CorsOrigin] = Header("Sent to browsers calling from an origin listed in Cors:AllowedOrigins (none by default).", 2048),
            ["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before trying again.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "86400" },
            },
            ["Location"] = new OpenApiHeader
            {
                Description = "Where the resource is now.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = 2048 },
            },
        };
        AddServicePaths(document);
        foreach (var (path, item) in document.Paths)
        {
            if (item is not OpenApiPathItem pathItem || pathItem.Operations is null)
            {
                continue;
            }
            foreach (var (method, operation) in pathItem.Operations)
            {
                Complete(document, path, method, operation);
            }
            if (pathItem.Operations.TryGetValue(HttpMethod.Get, out var get) && pathItem.Operations.TryGetValue(HttpMethod.Head, out var head))
            {
                DescribeHead(get, head);
            }
        }
    }

    private static OpenApiHeader Header(string description, int maxLength) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength },
    };

    private static void Complete(OpenApiDocument document, string path, HttpMethod method, OpenApiOperation operation)
    {
        foreach (var media in operation.RequestBody?.Content?.Values ?? [])
        {
            media.Schema = media.Schema is null ? null : OpenApiReferences.Express(media.Schema);
        }
        var responses = operation.Responses ??= new OpenApiResponses();
        var hasInput = operation.Parameters?.Count > 0 || operation.RequestBody is not null;
        if (hasInput && !responses.ContainsKey("400"))
        {
            responses["400"] = ProblemResponse(document, "The request is not valid: the problem lists the fields and what is wrong.", "HttpValidationProblemDetails");
        }
        // A request with a key that is wrong, revoked or expired is refused whatever it asks for.
        responses.TryAdd("401", ProblemResponse(document, "The key sent is unknown, revoked or expired (or this needs a key and none was sent)."));
        // The body limit holds before any endpoint reads, whatever the method.
        responses.TryAdd("413", ProblemResponse(document, "The body is larger than Limits:MaxBodyBytes."));
        if (operation.RequestBody is not null)
        {
            responses.TryAdd("415", ProblemResponse(document, "The body is not in a media type this operation reads."));
        }
        responses.TryAdd("307", new OpenApiResponse
        {
            Description = "Only with Https:Enabled: a plain-HTTP request is sent to the same URL over HTTPS (method and body kept).",
            Headers = new Dictionary<string, IOpenApiHeader> { ["Location"] = new OpenApiHeaderReference("Location", document) },
        });
        if (path.StartsWith("/api/v1/articles/{idOrSlug}", StringComparison.Ordinal) && !responses.ContainsKey("308"))
        {
            responses["308"] = new OpenApiResponse
            {
                Description = "The slug is one the article used to have: the same request goes to its current slug (method and body kept).",
                Headers = new Dictionary<string, IOpenApiHeader> { ["Location"] = new OpenApiHeaderReference("Location", document) },
            };
        }
        // A read that runs past Limits:QueryTimeoutSeconds is stopped (QueryBudget); the readiness probe has its own 503.
        var isService = path.StartsWith("/health", StringComparison.Ordinal) || path.StartsWith("/swagger", StringComparison.Ordinal);
        if ((method == HttpMethod.Get || method == HttpMethod.Head) && !isService)
        {
            responses.TryAdd("503", ProblemResponse(document,
                "The read ran past the query budget (Limits:QueryTimeoutSeconds) and was stopped: retry after Retry-After seconds.", retryAfter: true));
        }
        // The health probes and this document are never rate limited (RateLimits.IsExempt).
        if (!isService)
        {
            responses.TryAdd("429", ProblemResponse(document,
                "Too many requests from this client (or key) this minute: retry after Retry-After seconds.", retryAfter: true));
        }
        foreach (var (status, response) in responses)
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers.TryAdd(CorsOrigin, new OpenApiHeaderReference(CorsOrigin, document));
            if (status[0] is '2' or '3' or '4')
            {
                foreach (var header in RateLimitHeaders)
                {
                    concrete.Headers.TryAdd(header, new OpenApiHeaderReference(header, document));
                }
            }
        }
    }

    private static OpenApiResponse ProblemResponse(OpenApiDocument document, string description, string schema = "ProblemDetails", bool retryAfter = false) => new()
    {
        Description = description,
        Headers = retryAfter
            ? new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = new OpenApiHeaderReference("Retry-After", document) }
            : new Dictionary<string, IOpenApiHeader>(),
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [Problem] = new() { Schema = new OpenApiSchemaReference(schema, document) },
        },
    };

    /// <summary>HEAD: the GET's answers and headers without their bodies, under an operation id of its own.</summary>
    private static void DescribeHead(OpenApiOperation get, OpenApiOperation head)
    {
        head.OperationId = get.OperationId + "Head";
        head.Summary = get.Summary is null ? null : "Headers only: " + char.ToLowerInvariant(get.Summary[0]) + get.Summary[1..];
        head.Description = "The same answer as GET, headers only (ETag, Content-Type, Content-Length, caching), with no body.";
        var responses = new OpenApiResponses();
        foreach (var (status, response) in get.Responses ?? [])
        {
            responses[status] = response is OpenApiResponse concrete
                ? new OpenApiResponse { Description = concrete.Description, Headers = concrete.Headers }
                : response;
        }
        head.Responses = responses;
    }

    /// <summary>The health probes and this document are part of what a deployment serves, so they are described too.</summary>
    private static void AddServicePaths(OpenApiDocument document)
    {
        OpenApiOperation Probe(string id, string summary, string description) => new()
        {
            OperationId = id,
            Summary = summary,
            Description = description,
            Tags = new HashSet<OpenApiTagReference> { new(ServiceTag, document) },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "Healthy.", Content = PlainText("Healthy") },
                ["503"] = new OpenApiResponse { Description = "Unhealthy: the database cannot be reached.", Content = PlainText("Unhealthy") },
            },
        };
        OpenApiPathItem ReadOnly(Func<string, OpenApiOperation> operation) => new()
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = operation("Get"),
                [HttpMethod.Head] = operation("Head"),
            },
        };
        document.Paths["/health/live"] = ReadOnly(m => Probe(m == "Get" ? "GetLiveness" : "GetLivenessHead", "Liveness probe", "200 while the process serves requests; it does not touch the database."));
        document.Paths["/health/ready"] = ReadOnly(m => Probe(m == "Get" ? "GetReadiness" : "GetReadinessHead", "Readiness probe", "200 when the database answers, else 503. Not rate limited."));
        document.Paths["/swagger/v1/swagger.json"] = ReadOnly(m => new OpenApiOperation
        {
            OperationId = m == "Get" ? "GetOpenApiDocument" : "GetOpenApiDocumentHead",
            Summary = "This OpenAPI document",
            Description = "The document Swagger UI and client generators read; the repository's openapi.json is a copy of it.",
            Tags = new HashSet<OpenApiTagReference> { new(ServiceTag, document) },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "The OpenAPI 3.1 document.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
                    },
                },
            },
        });
    }

    private static Dictionary<string, OpenApiMediaType> PlainText(string example) => new()
    {
        ["text/plain"] = new()
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(example)], MaxLength = 16 },
        },
    };

    public static (string Name, string Description) Tag => (ServiceTag, "Health probes for load balancers, and this document.");
}
