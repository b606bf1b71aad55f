using System.Text.Json.Nodes;

namespace NewsApi.Http;

/// <summary>RFC 7396 JSON Merge Patch.</summary>
public static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";

    /// <summary>
    /// A merge patch body: a JSON object sent as application/merge-patch+json (or as application/json too when
    /// <paramref name="alsoPlainJson"/>); else the problem to answer (415, or 400 naming what is wrong).
    /// </summary>
    public static async Task<(JsonObject? Patch, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, string resource, bool alsoPlainJson, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, MediaType, StringComparison.OrdinalIgnoreCase)
            && !(alsoPlainJson && string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, Problems.UnsupportedMediaType($"Send a JSON Merge Patch as {MediaType}."));
        }
        JsonNode? patch;
        try
        {
            patch = await JsonNode.ParseAsync(request.Body, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 32 }, cancellationToken: cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, Problems.Invalid("$", "The body is not valid JSON."));
        }
        return patch is JsonObject patchObject
            ? (patchObject, null)
            : (null, Problems.Invalid("$", $"A merge patch for {resource} is a JSON object."));
    }

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }
        return result;
    }
}
