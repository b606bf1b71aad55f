using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace NewsApi.Tests;

/// <summary>
/// Holds every response of the HTTP suite to openapi.json: the operation must document its status, its media type and
/// the headers it marks required, and a JSON body must validate against the schema (JSON Schema 2020-12, as OpenAPI 3.1
/// is). A response that does not is replaced by status 599 carrying what was wrong, so the test that received it fails
/// with the reason, and the document cannot drift from what the service really answers.
/// </summary>
public sealed partial class OpenApiConformance
{
    public const int Violation = 599;
    private static readonly Lazy<OpenApiConformance> Committed = new(() => new OpenApiConformance(
        File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "openapi.json"))));

    private readonly JsonObject _document;
    private readonly JsonObject _components;
    private readonly List<(Regex Pattern, int Literals, JsonObject Item)> _paths;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();
    private int _checked;

    public OpenApiConformance(string document)
    {
        _document = JsonNode.Parse(document)!.AsObject();
        _components = _document["components"]!["schemas"]!.AsObject();
        _paths = _document["paths"]!.AsObject()
            .Select(p => (new Regex("^" + Parameter().Replace(Regex.Escape(p.Key).Replace("\\{", "{"), "[^/]+") + "$"),
                p.Key.Count(c => c != '{' && c != '}'), p.Value!.AsObject()))
            .ToList();
    }

    public static OpenApiConformance Document => Committed.Value;

    /// <summary>How many responses have been checked in this process (the property tests report it).</summary>
    public int Checked => _checked;

    /// <summary>What is wrong with this answer to this request, or null when the document describes it.</summary>
    public string? Check(string method, string path, int status, string? contentType, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body)
    {
        // The most literal template wins: /articles/{idOrSlug}/byline before /articles/{idOrSlug}.
        var item = _paths.Where(p => p.Pattern.IsMatch(path)).OrderByDescending(p => p.Literals).Select(p => p.Item).FirstOrDefault();
        if (item is null || item[method.ToLowerInvariant()] is not JsonObject operation)
        {
            return null; // not an operation of the document (the reader page, static files, an unknown path, 405)
        }
        Interlocked.Increment(ref _checked);
        var where = $"{method} {path} → {status}";
        if (operation["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            return $"{where}: status {status} is not documented for this operation";
        }
        foreach (var (name, header) in response["headers"]?.AsObject() ?? [])
        {
            var resolved = Resolve(header!);
            if ((bool?)resolved["required"] == true && !headers.ContainsKey(name))
            {
                return $"{where}: the required header {name} is missing";
            }
        }
        var content = response["content"]?.AsObject();
        if (body.Length == 0 || method == "HEAD")
        {
            return null;
        }
        if (content is null)
        {
            return $"{where}: a body was sent where the document describes none";
        }
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (content[mediaType] is not JsonObject media)
        {
            return $"{where}: content type '{mediaType}' is not documented (only {string.Join(", ", content.Select(c => c.Key))})";
        }
        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || media["schema"] is not JsonNode schema)
        {
            return null;
        }
        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body.ToArray()).RootElement;
        }
        catch (JsonException e)
        {
            return $"{where}: the body is not JSON ({e.Message})";
        }
        var results = SchemaFor(schema).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return null;
        }
        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}")).Take(5);
        return $"{where}: the body does not match the schema: {string.Join("; ", errors)}";
    }

    private JsonNode Resolve(JsonNode node) =>
        node["$ref"] is JsonValue reference && ((string)reference!).StartsWith("#/", StringComparison.Ordinal)
            ? ((string)reference!)[2..].Split('/').Aggregate((JsonNode)_document, (n, part) => n[part.Replace("~1", "/").Replace("~0", "~")]!)
            : node;

    /// <summary>The response's schema with the document's components beside it as $defs, so every $ref resolves.</summary>
    private JsonSchema SchemaFor(JsonNode schema)
    {
        var text = schema.ToJsonString();
        return _schemas.GetOrAdd(text, key =>
        {
            var wrapper = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$defs"] = _components.DeepClone(),
                ["allOf"] = new JsonArray(JsonNode.Parse(key)),
            };
            var json = wrapper.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
            var id = new Uri($"https://newsapi.test/schemas/{Guid.NewGuid():N}");
            return JsonSchema.FromText(json, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, id);
        });
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    public static byte[] Decode(byte[] compressed, Func<Stream, Stream> decoder)
    {
        using var output = new MemoryStream();
        using (var stream = decoder(new MemoryStream(compressed)))
        {
            stream.CopyTo(output);
        }
        return output.ToArray();
    }

    /// <summary>The middleware: first in the test host's pipeline, it sees every answer as the client will.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                var original = http.Response.Body;
                using var buffer = new MemoryStream();
                http.Response.Body = buffer;
                try
                {
                    await nextMiddleware(http);
                }
                finally
                {
                    http.Response.Body = original;
                }
                var headers = http.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                // A compressed answer is checked as the client reads it, decompressed.
                var sent = buffer.ToArray();
                var body = headers.GetValueOrDefault("Content-Encoding") switch
                {
                    "br" => Decode(sent, s => new System.IO.Compression.BrotliStream(s, System.IO.Compression.CompressionMode.Decompress)),
                    "gzip" => Decode(sent, s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionMode.Decompress)),
                    _ => sent,
                };
                var problem = Document.Check(http.Request.Method, http.Request.Path.Value ?? "/", http.Response.StatusCode,
                    http.Response.ContentType, headers, body);
                if (problem is null)
                {
                    buffer.Position = 0;
                    await buffer.CopyToAsync(original, http.RequestAborted);
                    return;
                }
                http.Response.Clear();
                http.Response.StatusCode = Violation;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("openapi.json does not describe this response: " + problem, http.RequestAborted);
            });
            next(app);
        };
    }
}
