using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsApi.Http;

public static class Json
{
    /// <summary>The one set of serializer settings: responses, ETags, examples and stored JSON columns agree byte for byte.</summary>
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Vietnamese and '+' (E.164 phones) stay readable on the wire. The relaxed encoder leaves <, > and & alone,
        // which only matters for JSON pasted into HTML; responses are application/json with nosniff.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // {"headline": "a", "headline": "b"} is refused, not read as its last member: two readers of one body must agree.
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        if (!options.Converters.Any(c => c is JsonStringEnumConverter))
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        }
        return options;
    }

    /// <summary>
    /// A value as UTF-8 JSON with <see cref="Options"/>, written into a buffer of its own rather than one rented from
    /// the shared array pool, as JsonSerializer.SerializeToUtf8Bytes and Serialize do. The pool keeps a large buffer
    /// (an imported article's 2 MB body) for at least a minute after its last use: with ten parallel 2 MB imports it held
    /// about 70 MB that way, most of it from the JSON columns' change-tracking snapshots (see JsonColumn).
    /// </summary>
    public static byte[] Utf8<T>(T value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder, MaxDepth = Options.MaxDepth }))
        {
            JsonSerializer.Serialize(writer, value, Options);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A value as JSON text, like <see cref="Utf8"/> (no pooled buffer).</summary>
    public static string Text<T>(T value) => System.Text.Encoding.UTF8.GetString(Utf8(value));

    /// <summary>JSON text read back with <see cref="Options"/>, from UTF-8 bytes of its own rather than a pooled transcoding buffer.</summary>
    public static T? Read<T>(string json) => JsonSerializer.Deserialize<T>(System.Text.Encoding.UTF8.GetBytes(json), Options);
}
