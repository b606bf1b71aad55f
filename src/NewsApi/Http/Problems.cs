using Microsoft.AspNetCore.Http.HttpResults;

namespace NewsApi.Http;

/// <summary>The problem+json answers endpoints give, so every resource words them alike.</summary>
public static class Problems
{
    /// <summary>Middleware's own answer (no endpoint ran): the status and a problem+json body through the problem details service.</summary>
    public static Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    public static ProblemHttpResult NotFound(string resource, object key) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
            detail: $"No {resource} '{key}' exists, or it is not published.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult PreconditionFailed() =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition Failed",
            detail: "If-Match does not match the current ETag: someone changed this resource since you read it. GET it again and retry.");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type", detail: detail);

    /// <summary>A 400 with errors keyed by field, shaped exactly like the validation filter's.</summary>
    public static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        });
}

public static class ProblemMetadata
{
    /// <summary>Documents the 404 problem every endpoint with a route parameter can answer (an id or slug that does not exist).</summary>
    public static TBuilder WithNotFoundForRouteParameters<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is Microsoft.AspNetCore.Routing.RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 })
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute(
                    typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json"));
            }
        });
        return builder;
    }
}
