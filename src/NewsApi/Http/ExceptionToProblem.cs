using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace NewsApi.Http;

/// <summary>
/// Turns what escapes a handler into problem+json: the client's own mistakes (malformed JSON, unknown members,
/// wrong media type, oversized body) as 4xx with a useful message, everything else as a bare 500 with no internals.
/// </summary>
public sealed partial class ExceptionToProblem(IProblemDetailsService problems, ILogger<ExceptionToProblem> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = QueryBudget.IsCancellation(exception) && QueryBudget.IsSpent(http)
            ? (503, "Service Unavailable", "The request took longer than this server allows. Narrow it (fewer filters, an earlier page) or retry later.", (Dictionary<string, string[]>?)null)
            : Describe(exception);
        if (status == 503)
        {
            http.Response.Headers.RetryAfter = "5";
            logger.LogWarning("The query budget ran out for {Method} {Path}", http.Request.Method, http.Request.Path);
        }
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", http.Request.Method, http.Request.Path);
        }
        http.Response.StatusCode = status;
        var problem = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails()
            : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static (int Status, string Title, string Detail, Dictionary<string, string[]>? Errors) Describe(Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException { InnerException: JsonException json }:
                return (400, "Bad Request", "The request body is not valid JSON for this operation.",
                    new Dictionary<string, string[]> { [FieldOf(json)] = [JsonMessage(json)] });
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType:
                return (415, "Unsupported Media Type", "Send the body as application/json.", null);
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return (413, "Payload Too Large", "The request body is larger than this endpoint accepts.", null);
            case BadHttpRequestException bad when BindingFailure().Match(bad.Message) is { Success: true } failure:
                return (400, "Bad Request", "A query or route value is malformed.",
                    new Dictionary<string, string[]> { [JsonNamingPolicy.CamelCase.ConvertName(failure.Groups["name"].Value)] = [$"'{failure.Groups["value"].Value}' is not a valid {Describe(failure.Groups["type"].Value)}."] });
            case BadHttpRequestException bad:
                return (bad.StatusCode, "Bad Request", SafeBindingMessage(bad), null);
            case JsonException json:
                return (400, "Bad Request", "The request body is not valid JSON for this operation.",
                    new Dictionary<string, string[]> { [FieldOf(json)] = [JsonMessage(json)] });
            case DbUpdateConcurrencyException:
                return (409, "Conflict", "The resource was changed by another request while this one was saving it. GET it again and retry.", null);
            case var cancelled when QueryBudget.IsCancellation(cancelled):
                return (499, "Client Closed Request", "The request was cancelled.", null);
            default:
                return (500, "Internal Server Error", "Something went wrong on our side. The request id identifies it in our logs.", null);
        }
    }

    private static string Describe(string type) => type.TrimEnd('?') switch
    {
        "int" or "Int32" => "whole number",
        "bool" or "Boolean" => "true or false",
        "DateOnly" => "date (yyyy-mm-dd)",
        "DateTimeOffset" or "DateTime" => "date and time (ISO 8601)",
        _ => "value",
    };

    /// <summary>The name is the parameter's, or for a query object bound with [AsParameters] its property's (Page for page): camel-cased, it is the query's.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("""^Failed to bind parameter "(?<type>[^ "]+) (?<name>[A-Za-z0-9_]+)" from "(?<value>.*)"\.$""", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex BindingFailure();

    private static string FieldOf(JsonException json)
    {
        var path = json.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "$";
        }
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string JsonMessage(JsonException json)
    {
        var message = json.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "This member is not part of the resource. Remove it.";
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "This value has the wrong type or is not one of the allowed values.";
        }
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return "The JSON is nested too deeply.";
        }
        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "This member appears twice.";
        }
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return "A required member is missing.";
        }
        return "The JSON is malformed here.";
    }

    private static string SafeBindingMessage(BadHttpRequestException bad) =>
        bad.Message.StartsWith("Failed to read parameter", StringComparison.Ordinal) ||
        bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) ||
        bad.Message.StartsWith("Implicit body", StringComparison.Ordinal)
            ? "A required value is missing or malformed."
            : bad.Message.Contains("query", StringComparison.OrdinalIgnoreCase) || bad.Message.Contains("route", StringComparison.OrdinalIgnoreCase)
                ? "A query or route value is malformed."
                : "The request is malformed.";
}
