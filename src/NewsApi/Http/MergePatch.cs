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
        if (patch is not JsonObject patchObject)
        {
            return (null, Problems.Invalid("$", $"A merge patch for {resource} is a JSON object."));
        }
        try
        {
            // System.Text.Json refuses an object that names a member twice when it is first enumerated: here, not later.
            _ = patchObject.Count;
        }
        catch (ArgumentException)
        {
            return (null, Problems.Invalid("$", "A member appears twice in the patch."));
        }
        return (patchObject, null);
    }

    /// <summary>
    /// The request a merge patch makes of the resource's current request: merged, read as <typeparamref name="T"/> (an
    /// unknown member or a wrong type is a 400 naming it) and validated; else the problem to answer.
    /// </summary>
    public static async Task<(T? Request, IResult? Problem)> MergeAsync<T>(
        object current, JsonObject patch, string resource, FluentValidation.IValidator<T> validator, CancellationToken cancellationToken)
        where T : class
    {
        JsonNode? merged;
        try
        {
            merged = Apply(System.Text.Json.JsonSerializer.SerializeToNode(current, Json.Options), patch);
        }
        catch (ArgumentException)
        {
            // System.Text.Json refuses an object that names a member twice when it is first enumerated.
            return (null, Problems.Invalid("$", "A member appears twice in the patch."));
        }
        T? request;
        try
        {
            request = System.Text.Json.JsonSerializer.Deserialize<T>(merged, Json.Options);
        }
        catch (System.Text.Json.JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path.TrimStart('$', '.');
            return (null, Problems.Invalid(field, "This member is unknown, or its value has the wrong type."));
        }
        if (request is null)
        {
            return (null, Problems.Invalid("$", $"A merge patch for {resource} is a JSON object."));
        }
        var validation = await validator.ValidateAsync(request, cancellationToken);
        return validation.IsValid
            ? (request, null)
            : (null, TypedResults.ValidationProblem(ValidationFilter<T>.ToErrors(validation)));
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
