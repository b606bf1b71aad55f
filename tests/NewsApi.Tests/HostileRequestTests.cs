using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using NewsApi.Keys;
using Xunit.Abstractions;

namespace NewsApi.Tests;

/// <summary>
/// Hostile requests generated from openapi.json itself: every operation it describes (feeds, sitemaps, health and the
/// document included), bodies and parameters made from its schemas and then broken — limits ±1, patterns, wrong types,
/// deep nesting, invalid UTF-8, bidi and control characters. None may get a 5xx, every 4xx is problem+json without
/// internals, a value one past a stated limit is a 400, and a rejected request leaves the database as it was.
/// </summary>
public class HostileRequestTests(NewsApiFactory factory, ITestOutputHelper output) : IClassFixture<NewsApiFactory>
{
    /// <summary>What a broken request must be answered with, beyond "no 5xx".</summary>
    public enum Expectation { Anything, BadRequest }

    public sealed record Hostile(string Method, string Path, byte[]? Body, string? ContentType, bool WithKey, bool WellFormed, Expectation Expect, string Why, bool AddressesItem)
    {
        public override string ToString() =>
            $"{Method} {Path} [{ContentType}] key={WithKey} ({Why}) body={(Body is null ? "none" : Body.Length > 300 ? $"{Body.Length} bytes" : Encoding.UTF8.GetString(Body))}";
    }

    private sealed record Operation(string Method, string Template, JsonArray Parameters, JsonObject? Body);

    private static readonly JsonObject Document = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "openapi.json")))!.AsObject();
    private static readonly JsonObject Schemas = Document["components"]!["schemas"]!.AsObject();

    private static readonly Operation[] Operations = Document["paths"]!.AsObject()
        .SelectMany(p => p.Value!.AsObject().Select(o => new Operation(o.Key.ToUpperInvariant(), p.Key,
            o.Value!["parameters"]?.AsArray() ?? [], o.Value["requestBody"]?["content"]?.AsObject())))
        .ToArray();

    private static readonly string[] HostileSegments =
    [
        "0", "-1", "99999999999999999999", "..", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%C0%AE%C0%AE", "%E2%80%AE", "%EF%BF%BF",
        "'%20OR%201=1--", "%3Cscript%3E", "a%2Fb", "%20", "%F0%9F%92%A5", new string('a', 3000), "khong-co-bai-nay",
    ];

    private static readonly string[] Words = ["Hội", "nghị", "quân", "chính", "năm", "huấn", "luyện", "chiến", "sĩ", "mới", "Đảng", "ủy", "thao", "trường", "a", "b"];
    private static readonly string[] HostileText = ["\u0000", "\u0001", "\u001b", "\u007f", "\u202e", "\u202d", "\u2066", "\u200b", "\ufeff", "\u0085", "\u2028", "</script>", "'; DROP TABLE articles;--"];

    private static JsonNode Resolve(JsonNode schema) =>
        schema["$ref"] is JsonValue reference ? Schemas[((string)reference!).Split('/')[^1]]! : schema;

    private static bool Has(JsonNode schema, string type) =>
        schema["type"] is JsonArray types ? types.Any(t => (string?)t == type) : (string?)schema["type"] == type;

    private static Gen<string> Text(int min, int max) =>
        Gen.Int[Math.Max(min, 1), Math.Max(Math.Max(min, 1), Math.Min(max, 60))]
            .SelectMany(length => Gen.OneOf(Words).Array[length].Select(w => string.Join(' ', w)))
            .Select(t => t.Length > max ? t[..max] : t.Length < min ? t.PadRight(min, 'a') : t);

    /// <summary>A value the schema admits, built from its types, enums, patterns we know and limits.</summary>
    private static Gen<JsonNode?> Valid(JsonNode schemaOrRef, int depth = 0)
    {
        var schema = Resolve(schemaOrRef);
        if (schema["oneOf"] is JsonArray choices)
        {
            return Weighted<JsonNode?>([(4, Valid(choices.First(c => (string?)c!["type"] != "null")!, depth)), (1, Gen.Const(default(JsonNode)))]);
        }
        if (schema["enum"] is JsonArray values)
        {
            return Gen.OneOf(values.Select(v => v!.DeepClone()).ToArray()).Select(v => (JsonNode?)v);
        }
        if (Has(schema, "object") && schema["properties"] is JsonObject properties)
        {
            var required = schema["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
            var members = properties.Where(p => depth < 3 || required.Contains(p.Key)).Select(p =>
                from include in required.Contains(p.Key) ? Gen.Const(true) : Gen.Bool
                from value in Valid(p.Value!, depth + 1)
                select (p.Key, Include: include, Value: value)).ToArray();
            return Sequence(members).Select(ms => (JsonNode?)new JsonObject(ms.Where(m => m.Include).Select(m => KeyValuePair.Create<string, JsonNode?>(m.Key, m.Value))));
        }
        if (Has(schema, "array"))
        {
            var min = (int?)schema["minItems"] ?? 0;
            var max = Math.Min((int?)schema["maxItems"] ?? 3, 3);
            return Valid(schema["items"]!, depth + 1).Array[min, Math.Max(min, max)].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()));
        }
        if (Has(schema, "integer"))
        {
            var min = (long?)schema["minimum"] ?? 0;
            var max = Math.Min((long?)schema["maximum"] ?? 1000, min + 1000);
            return Gen.Long[min, max].Select(v => (JsonNode?)JsonValue.Create(v));
        }
        if (Has(schema, "boolean"))
        {
            return Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
        }
        var pattern = (string?)schema["pattern"];
        var format = (string?)schema["format"];
        if (pattern?.Contains("[a-z0-9]", StringComparison.Ordinal) == true)
        {
            return Gen.Int[0, 999_999].Select(n => (JsonNode?)JsonValue.Create($"bai-thu-{n}"));
        }
        if (pattern?.StartsWith("^\\+", StringComparison.Ordinal) == true)
        {
            return Gen.Int[1_000_000, 9_999_999].Select(n => (JsonNode?)JsonValue.Create($"+84208{n}"));
        }
        return format switch
        {
            "date-time" => Gen.Int[2000, 2030].Select(y => (JsonNode?)JsonValue.Create($"{y}-03-04T05:06:07+07:00")),
            "date" => Gen.Int[2000, 2030].Select(y => (JsonNode?)JsonValue.Create($"{y}-03-04")),
            _ => Text((int?)schema["minLength"] ?? 0, (int?)schema["maxLength"] ?? 200).Select(t => (JsonNode?)JsonValue.Create(t)),
        };
    }

    /// <summary>Every stated limit in a value, as (path to the member, the schema there).</summary>
    private static IEnumerable<(JsonObject Parent, string Member, JsonNode Schema)> Members(JsonNode? value, JsonNode schemaOrRef)
    {
        var schema = Resolve(schemaOrRef);
        if (schema["oneOf"] is JsonArray choices)
        {
            schema = Resolve(choices.First(c => (string?)c!["type"] != "null")!);
        }
        if (value is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var (name, member) in properties)
            {
                if (obj.ContainsKey(name))
                {
                    yield return (obj, name, Resolve(member!));
                    foreach (var inner in Members(obj[name], member!))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (value is JsonArray array && schema["items"] is JsonNode items)
        {
            foreach (var item in array)
            {
                foreach (var inner in Members(item, items))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A broken copy of a valid body: (JSON text or raw bytes, well-formed?, what must come back, what was broken).</summary>
    private static Gen<(byte[] Bytes, bool WellFormed, Expectation Expect, string Why)> Broken(JsonNode? valid, JsonNode schema)
    {
        var candidates = Members(valid, schema).ToList();
        var strings = candidates.Where(c => c.Parent[c.Member] is JsonValue v && v.TryGetValue<string>(out _)).ToList();
        var limited = strings.Where(c => (int?)c.Schema["maxLength"] is <= 100_000).ToList();
        var arrays = candidates.Where(c => c.Parent[c.Member] is JsonArray && (int?)c.Schema["maxItems"] is <= 600).ToList();
        var patterned = strings.Where(c => c.Schema["pattern"] is not null).ToList();
        var integers = candidates.Where(c => c.Parent[c.Member] is JsonValue v && v.TryGetValue<long>(out _) && c.Schema["minimum"] is not null).ToList();
        byte[] Json(JsonNode? node) => Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
        JsonNode? Copy() => valid?.DeepClone();
        (JsonObject, string, JsonNode) Same((JsonObject Parent, string Member, JsonNode Schema) c, JsonNode? root)
        {
            // The same member in a copy, found again by walking the copy as the original was walked.
            var index = candidates.IndexOf(c);
            var again = Members(root, schema).ElementAt(index);
            return (again.Parent, again.Member, again.Schema);
        }

        var gens = new List<(int Weight, Gen<(byte[] Bytes, bool WellFormed, Expectation Expect, string Why)> Gen)>
        {
            (2, Gen.OneOf(HostileText).Select(h =>
            {
                var copy = Copy();
                if (strings.Count > 0)
                {
                    var (parent, member, _) = Same(strings[h.Length % strings.Count], copy);
                    parent[member] = (string?)parent[member] + h + "x";
                }
                return (Json(copy), true, Expectation.Anything, "control or bidi characters in a string");
            })),
            (1, Gen.Int[50, 3000].Select(n => (Encoding.UTF8.GetBytes(new string('[', n) + new string(']', n)), false, Expectation.Anything, "deep nesting"))),
            (1, Gen.Byte.Array[1, 200].Select(b => (b.Concat(Json(valid)).ToArray(), false, Expectation.Anything, "invalid UTF-8 or garbage first"))),
            (1, Gen.OneOf("1", "\"x\"", "[]", "true", "{\"a\":{}}").Select(wrong =>
            {
                var copy = Copy();
                if (candidates.Count > 0)
                {
                    var (parent, member, _) = Same(candidates[wrong.Length % candidates.Count], copy);
                    parent[member] = JsonNode.Parse(wrong);
                }
                return (Json(copy), false, Expectation.Anything, "a member of the wrong type");
            })),
            (1, Gen.Const((Json(valid) is { Length: > 2 } bytes && bytes[0] == '{'
                ? Encoding.UTF8.GetBytes("{\"unknownMember\":1," + Encoding.UTF8.GetString(bytes)[1..]) : Json(valid), false, Expectation.Anything, "an unknown member"))),
        };
        if (limited.Count > 0)
        {
            gens.Add((6, Gen.Int[0, limited.Count - 1].SelectMany(i => Gen.Bool.Select(over =>
            {
                var copy = Copy();
                var (parent, member, s) = Same(limited[i], copy);
                var max = (int)s["maxLength"]!;
                parent[member] = new string('x', over ? max + 1 : max);
                return (Json(copy), true, over ? Expectation.BadRequest : Expectation.Anything, $"{member} at maxLength{(over ? "+1" : "")} ({max})");
            }))));
        }
        if (arrays.Count > 0)
        {
            gens.Add((3, Gen.Int[0, arrays.Count - 1].Select(i =>
            {
                var copy = Copy();
                var (parent, member, s) = Same(arrays[i], copy);
                var max = (int)s["maxItems"]!;
                var one = ((JsonArray)parent[member]!).FirstOrDefault()?.ToJsonString();
                if (one is null)
                {
                    return (Json(copy), true, Expectation.Anything, $"{member} empty");
                }
                parent[member] = JsonNode.Parse("[" + string.Join(',', Enumerable.Repeat(one, max + 1)) + "]");
                return (Json(copy), true, Expectation.BadRequest, $"{member} at maxItems+1 ({max})");
            })));
        }
        if (patterned.Count > 0)
        {
            gens.Add((2, Gen.OneOf("Có Dấu", "a--b", "-a", "123", "UPPER", "a b", "a/b", "").SelectMany(bad => Gen.Int[0, patterned.Count - 1].Select(i =>
            {
                var copy = Copy();
                var (parent, member, s) = Same(patterned[i], copy);
                parent[member] = bad;
                // Only a value the member's own pattern refuses is owed a 400.
                var breaks = !System.Text.RegularExpressions.Regex.IsMatch(bad, (string)s["pattern"]!);
                return (Json(copy), true, breaks ? Expectation.BadRequest : Expectation.Anything, $"{member} = '{bad}' against its pattern");
            }))));
        }
        if (integers.Count > 0)
        {
            gens.Add((2, Gen.Int[0, integers.Count - 1].Select(i =>
            {
                var copy = Copy();
                var (parent, member, s) = Same(integers[i], copy);
                parent[member] = (long)s["minimum"]! - 1;
                return (Json(copy), true, Expectation.BadRequest, $"{member} at minimum-1");
            })));
        }
        return Weighted(gens);
    }

    /// <summary>One of the generators, chosen by weight.</summary>
    private static Gen<T> Weighted<T>(IReadOnlyList<(int Weight, Gen<T> Gen)> gens) =>
        Gen.Int[0, gens.Sum(g => g.Weight) - 1].SelectMany(roll =>
        {
            foreach (var (weight, gen) in gens)
            {
                if (roll < weight)
                {
                    return gen;
                }
                roll -= weight;
            }
            return gens[^1].Gen;
        });

    /// <summary>A value from each generator, in order.</summary>
    private static Gen<List<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(() => new List<T>()), (all, next) => all.SelectMany(list => next.Select(item => { list.Add(item); return list; })));

    private static Gen<(string Query, bool WellFormed, Expectation Expect, string Why)> Query(JsonArray parameters)
    {
        var query = parameters.Where(p => (string?)p!["in"] == "query").Select(p => p!).ToList();
        if (query.Count == 0)
        {
            return Gen.OneOf("", "?x=1", "?%00=%E2%80%AE").Select(q => (q, true, Expectation.Anything, "no parameters"));
        }
        return Gen.Int[0, query.Count - 1].SelectMany(i =>
        {
            var parameter = query[i];
            var name = (string)parameter["name"]!;
            var schema = parameter["schema"]!;
            var broken = new List<Gen<(string, bool, Expectation, string)>>
            {
                Gen.OneOf("abc", "1e9", "%00%01", "%E2%80%AE%E2%80%8B", "%22%22*", "NEAR(a b)", "%C3%28")
                    .Select(v => ($"?{name}={v}", false, Expectation.Anything, $"{name} odd")),
            };
            if (schema["maximum"] is JsonNode maximum && schema["minimum"] is JsonNode minimum)
            {
                broken.Add(Gen.OneOf((long)minimum - 1, (long)maximum + 1).Select(v => ($"?{name}={v}", true, Expectation.BadRequest, $"{name} out of range")));
                broken.Add(Gen.OneOf((long)minimum, (long)maximum).Select(v => ($"?{name}={v}", true, Expectation.Anything, $"{name} at a bound")));
            }
            if ((int?)schema["maxLength"] is { } max and < 10_000)
            {
                broken.Add(Gen.Bool.Select(over => ($"?{name}={new string('x', over ? max + 1 : max)}", true, over ? Expectation.BadRequest : Expectation.Anything, $"{name} at maxLength{(over ? "+1" : "")}")));
            }
            if (schema["enum"] is JsonArray)
            {
                broken.Add(Gen.Const(($"?{name}=not-one-of-them", true, Expectation.BadRequest, $"{name} not in its enum")));
            }
            return Gen.OneOf(broken.ToArray());
        });
    }

    private static readonly Gen<(byte[] Bytes, bool WellFormed, Expectation Expect, string Why)> PageText =
        Gen.OneOf("Sáng 10-12, \u202e<h1>x</h1>\u0000", "<html><body><h1>Tin</h1><p>Sáng 1-1, thử.</p></body></html>", "\ud800")
            .Select(t => (Encoding.UTF8.GetBytes(t), true, Expectation.Anything, "a page"));

    /// <summary>
    /// Items are addressed by id, which no write changes (a slug can be renamed into a 308); deletes take their own
    /// articles, so that the others stay for the requests after them.
    /// </summary>
    private static Gen<Hostile> Requests(IReadOnlyList<string> ids, IReadOnlyList<string> deletable, string keyName) =>
        from operation in Gen.Frequency((4, Gen.OneOf(Operations.Where(o => o.Body is not null).ToArray())), (2, Gen.OneOf(Operations)))
        from hostileSegment in Gen.Frequency((6, Gen.Const(false)), (1, Gen.Const(true)))
        from segment in hostileSegment ? Gen.OneOf(HostileSegments) : Gen.OneOf((operation.Method == "DELETE" ? deletable : ids).ToArray())
        from useBody in Gen.Frequency((5, Gen.Const(true)), (1, Gen.Const(false)))
        from query in Query(operation.Parameters)
        from mediaType in operation.Body is null ? Gen.OneOf("application/json", "text/plain", "") : Gen.Frequency((8, Gen.OneOf(operation.Body!.Select(c => c.Key).ToArray())), (1, Gen.OneOf("application/xml", "text/html; charset=latin1", "")))
        let schema = mediaType.EndsWith("json", StringComparison.Ordinal) ? operation.Body?[mediaType]?["schema"] : null
        from valid in schema is not null ? Valid(schema) : Gen.Const(default(JsonNode))
        from broken in schema is not null ? Broken(valid, schema)
            : PageText.Select(p => p with { WellFormed = operation.Body?[mediaType] is not null })
        from withKey in Gen.Frequency((9, Gen.Const(true)), (1, Gen.Const(false)))
        from method in Gen.Frequency((20, Gen.Const(operation.Method)), (1, Gen.OneOf("OPTIONS", "TRACE", "PATCH")))
        let path = operation.Template.Replace("{idOrSlug}", segment).Replace("{number}", "1").Replace("{page}", "1").Replace("{name}", keyName)
        let hasBody = operation.Body is not null && useBody
        // Parameters and body each break one thing; a 400 is owed only when the one broken thing is a stated limit.
        let expect = method != operation.Method || !withKey || hostileSegment ? Expectation.Anything
            : hasBody && broken.Item3 == Expectation.BadRequest && query.Query.Length == 0 ? Expectation.BadRequest
            : !hasBody && operation.Body is null && query.Expect == Expectation.BadRequest ? Expectation.BadRequest
            : Expectation.Anything
        select new Hostile(method, path + (hasBody ? "" : query.Query), hasBody ? broken.Item1 : null, mediaType, withKey,
            hasBody ? broken.Item2 : query.WellFormed, expect, hasBody ? broken.Item4 : query.Why, operation.Template.Contains('{'));

    /// <summary>Everything a rejected request could have changed, in one string.</summary>
    private string Fingerprint() => factory.Db(db => string.Join('|',
        db.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id + ":" + a.Version + ":" + a.Status + ":" + a.Slug).ToList()
            .Concat(db.Contributors.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version + ":" + c.Slug).ToList())
            .Concat(db.ContactHeaders.AsNoTracking().Select(c => "contact:" + c.Version).ToList())
            .Concat(db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Name + ":" + (k.RevokedAt == null)).ToList())
            .Concat([db.ArticleRevisions.Count().ToString(CultureInfo.InvariantCulture),
                     db.ArticleSlugs.Count().ToString(CultureInfo.InvariantCulture),
                     "webhooks:" + db.WebhookSubscriptions.Count().ToString(CultureInfo.InvariantCulture),
                     "deliveries:" + db.WebhookDeliveries.Count(d => d.Status == "pending").ToString(CultureInfo.InvariantCulture)])));

    [Fact]
    public async Task ThousandsOfHostileRequestsFromTheDocumentGetNo5xxOnlyProblemJsonAndChangeNothingWhenRejected()
    {
        var key = factory.CreateKey(Scopes.Admin, "hostile-admin");
        factory.CreateKey(Scopes.ContentRead, "hostile-victim");
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromMinutes(2);
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var ids = new List<string> { "1" };
        var deletable = new List<string>();
        for (var i = 0; i < 64; i++)
        {
            var created = await writer.PostAsync("/api/v1/articles",
                Http.JsonBody(new { headline = $"Bài thử thách {i}", lead = "Sáng 10-12, tại Hà Nội, thử thách." }));
            (i < 4 ? ids : deletable).Add(((int)(await created.ReadJson())["id"]!).ToString(CultureInfo.InvariantCulture));
        }
        var (sent, reachedHandler, reachedWithBody, owedBadRequest) = (0, 0, 0, 0);
        await Requests(ids, deletable, "hostile-victim").SampleAsync(async hostile =>
        {
            Interlocked.Increment(ref sent);
            var before = Fingerprint();
            var request = new HttpRequestMessage(new HttpMethod(hostile.Method), hostile.Path);
            if (hostile.Body is not null)
            {
                request.Content = new ByteArrayContent(hostile.Body);
                if (hostile.ContentType is { Length: > 0 } type)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                }
            }
            if (hostile.WithKey)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, $"{hostile} -> {status}: {text}");
            Assert.DoesNotContain("   at ", text);
            Assert.DoesNotContain("Exception", text);
            Assert.DoesNotContain("SQLite", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Npgsql", text, StringComparison.OrdinalIgnoreCase);
            if (hostile.Expect == Expectation.BadRequest)
            {
                Interlocked.Increment(ref owedBadRequest);
                // An item that does not exist may be reported before the broken value is (404).
                Assert.True(status == 400 || (status == 404 && hostile.AddressesItem), $"{hostile} -> {status}, expected 400: {text}");
            }
            // Reached the handler: a well-formed body or query that got past keys, limits, media types and binding.
            if (hostile.WellFormed && hostile.WithKey && status is not (401 or 403 or 405 or 413 or 415 or 429)
                && !(status == 400 && text.Contains("\"$\"", StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref reachedHandler);
                if (hostile.Body is not null)
                {
                    Interlocked.Increment(ref reachedWithBody);
                }
            }
            if (status >= 400 && hostile.Method != "HEAD")
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{hostile} -> {status} as {response.Content.Headers.ContentType}: {text}");
                Assert.Equal(before, Fingerprint());
            }
        }, iter: 3500, threads: 1, seed: Environment.GetEnvironmentVariable("HOSTILE_SEED"));
        output.WriteLine($"{sent} hostile requests over {Operations.Length} documented operations; {reachedHandler} well-formed but hostile ones reached a handler, {reachedWithBody} of them with a body; {owedBadRequest} were one past a stated limit and were refused.");
        Assert.True(reachedWithBody >= 1000, $"only {reachedWithBody} of {sent} requests reached a handler with a well-formed but hostile body");
        Assert.True(owedBadRequest >= 100, $"only {owedBadRequest} requests broke a stated limit");
    }
}
