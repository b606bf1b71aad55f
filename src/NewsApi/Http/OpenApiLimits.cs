using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.Http;

/// <summary>
/// The limits the validators enforce, stated in the document from the validators themselves: a request schema gets
/// maxLength, minLength, pattern and maxItems from its FluentValidation rules, and the response that carries the same
/// fields (ArticleResponse for ArticleRequest) gets their maximums, since what is served was accepted by those rules.
/// </summary>
internal sealed class ValidatorLimitsFilter(IServiceProvider services) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || context.Type.Namespace?.StartsWith("NewsApi", StringComparison.Ordinal) != true)
        {
            return;
        }
        var (validated, isRequest) = ValidatedTypeOf(context.Type);
        using var scope = services.CreateScope();
        if (validated is null || scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(validated)) is not IValidator validator)
        {
            return;
        }
        foreach (var member in validator.CreateDescriptor().GetMembersWithValidators())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(member.Key);
            if (!concrete.Properties!.TryGetValue(name, out var found) || found is not OpenApiSchema property)
            {
                continue;
            }
            foreach (var (rule, _) in member)
            {
                State(property, rule, isRequest);
            }
        }
    }

    /// <summary>The type whose validator holds the limits: the request itself, the request a response mirrors, or the type [ValidatedAs] names.</summary>
    private static (Type? Type, bool IsRequest) ValidatedTypeOf(Type type)
    {
        if (type.GetCustomAttributes(typeof(ValidatedAsAttribute), false) is [ValidatedAsAttribute alias, ..])
        {
            return (alias.Type, type.Name.EndsWith("Request", StringComparison.Ordinal));
        }
        if (type.Name.EndsWith("Response", StringComparison.Ordinal))
        {
            return (type.Assembly.GetType(type.FullName![..^"Response".Length] + "Request"), false);
        }
        return (type, true);
    }

    private static void State(OpenApiSchema property, IPropertyValidator rule, bool isRequest)
    {
        switch (rule)
        {
            case ILengthValidator { Max: > 0 } length:
                property.MaxLength = Math.Min(property.MaxLength ?? int.MaxValue, length.Max);
                if (isRequest && length.Min > 0)
                {
                    property.MinLength = Math.Max(property.MinLength ?? 0, length.Min);
                }
                break;
            case IMaxItemsValidator items:
                property.MaxItems = Math.Min(property.MaxItems ?? int.MaxValue, items.MaxItems);
                break;
            case IRegularExpressionValidator pattern when isRequest:
                property.Pattern = pattern.Expression;
                break;
            case INotEmptyValidator when isRequest && property.Type?.HasFlag(JsonSchemaType.String) == true:
                property.MinLength = Math.Max(property.MinLength ?? 0, 1);
                break;
            case INotEmptyValidator when isRequest && property.Type?.HasFlag(JsonSchemaType.Array) == true:
                property.MinItems = Math.Max(property.MinItems ?? 0, 1);
                break;
            case IAllowedValuesValidator allowed:
                property.Enum = [.. allowed.AllowedValues.Select(v => (JsonNode)JsonValue.Create(v))];
                break;
            case IComparisonValidator { Comparison: Comparison.Equal, ValueToCompare: string only }:
                property.Enum = [JsonValue.Create(only)];
                break;
            case IComparisonValidator { Comparison: Comparison.GreaterThan, ValueToCompare: int bound } when isRequest:
                property.Minimum = (bound + 1).ToString(CultureInfo.InvariantCulture);
                break;
        }
    }
}

/// <summary>
/// Path parameters the validators never see (they route before any handler runs): their limits, set where the
/// resources are put together (Program.cs), from each resource's own constants.
/// </summary>
public sealed class PathParameterLimits
{
    public Dictionary<string, (int MaxLength, string? Pattern)> ByName { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The query and path parameters' limits, from where they are checked: a query object bound with [AsParameters] from its
/// FluentValidation rules (maxLength, minimum and maximum, enum), a path parameter from <see cref="PathParameterLimits"/>.
/// </summary>
internal sealed class ParameterLimitsFilter(IServiceProvider services, Microsoft.Extensions.Options.IOptions<PathParameterLimits> paths) : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (parameter is not OpenApiParameter { Schema: OpenApiSchema schema } concrete)
        {
            return;
        }
        if (concrete.In == ParameterLocation.Path)
        {
            if (paths.Value.ByName.TryGetValue(concrete.Name ?? "", out var limit))
            {
                schema.MaxLength = limit.MaxLength;
                schema.Pattern = limit.Pattern ?? schema.Pattern;
            }
            else if (schema.Type?.HasFlag(JsonSchemaType.Integer) == true)
            {
                // A revision number, a sitemap page: counted from 1.
                Range(schema, 1, int.MaxValue);
            }
            return;
        }
        if (context.PropertyInfo is not { DeclaringType: { } queryType } property)
        {
            // Plain paging parameters, checked by Paging.Check.
            switch (concrete.Name)
            {
                case "page":
                    Range(schema, 1, Paging.MaxPage);
                    break;
                case "pageSize":
                    Range(schema, 1, Paging.MaxPageSize);
                    break;
            }
            return;
        }
        var validated = queryType.GetCustomAttributes(typeof(ValidatedAsAttribute), false) is [ValidatedAsAttribute alias, ..] ? alias.Type : queryType;
        using var scope = services.CreateScope();
        if (scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(validated)) is not IValidator validator)
        {
            return;
        }
        foreach (var (rule, _) in validator.CreateDescriptor().GetValidatorsForMember(property.Name))
        {
            switch (rule)
            {
                case ILengthValidator { Max: > 0 } length:
                    schema.MaxLength = Math.Min(schema.MaxLength ?? int.MaxValue, length.Max);
                    break;
                case IBetweenValidator { From: int from, To: int to }:
                    Range(schema, from, to);
                    break;
                case IAllowedValuesValidator allowed:
                    schema.Enum = [.. allowed.AllowedValues.Select(v => (JsonNode)JsonValue.Create(v))];
                    break;
            }
        }
    }

    private static void Range(OpenApiSchema schema, int minimum, int maximum)
    {
        schema.Minimum = minimum.ToString(CultureInfo.InvariantCulture);
        schema.Maximum = maximum.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>On a query object: its values are validated by another type's validator (the same names, checked by one set of rules).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ValidatedAsAttribute(Type type) : Attribute
{
    public Type Type => type;
}

/// <summary>
/// Every value the validators do not bound still has a bound in fact, stated so that clients and gateways can rely on
/// it: a string is never longer than a request body may be (Limits:MaxBodyBytes, as it was accepted in one), dates and
/// links have their format's length, an integer its type's range, and a page holds at most the largest page size.
/// </summary>
internal sealed class FactualBoundsFilter : IDocumentFilter
{
    private const int LongestLink = 2048;

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            Bound(schema, name.EndsWith("Page", StringComparison.Ordinal), seen);
        }
        foreach (var header in document.Components?.Headers?.Values ?? [])
        {
            Bound(header.Schema, false, seen);
        }
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                Bound(parameter.Schema, false, seen);
            }
            foreach (var media in (operation.RequestBody?.Content?.Values ?? []).Concat(operation.Responses?.Values.SelectMany(r => r.Content?.Values ?? []) ?? []))
            {
                Bound(media.Schema, false, seen);
            }
        }
    }

    private static void Bound(IOpenApiSchema? schema, bool isPage, HashSet<OpenApiSchema> seen)
    {
        if (schema is not OpenApiSchema concrete || !seen.Add(concrete))
        {
            return;
        }
        var type = concrete.Type ?? 0;
        if (type.HasFlag(JsonSchemaType.String) && concrete.MaxLength is null && concrete.Enum is not { Count: > 0 } && concrete.Const is null)
        {
            concrete.MaxLength = concrete.Format switch
            {
                "date-time" => 40,
                "date" => 10,
                "uri" or "uri-reference" => LongestLink,
                _ => (int)Security.DefaultMaxBodyBytes,
            };
        }
        if (type.HasFlag(JsonSchemaType.Integer) && (concrete.Minimum is null || concrete.Maximum is null))
        {
            var (min, max) = concrete.Format == "int64" ? (long.MinValue, long.MaxValue) : (int.MinValue, int.MaxValue);
            concrete.Minimum ??= min.ToString(CultureInfo.InvariantCulture);
            concrete.Maximum ??= max.ToString(CultureInfo.InvariantCulture);
        }
        if (type.HasFlag(JsonSchemaType.Array) && concrete.MaxItems is null)
        {
            concrete.MaxItems = int.MaxValue;
        }
        foreach (var (name, property) in concrete.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (isPage && name == "items" && property is OpenApiSchema items)
            {
                items.MaxItems = Paging.MaxPageSize;
            }
            Bound(property, false, seen);
        }
        Bound(concrete.Items, false, seen);
        Bound(concrete.AdditionalProperties, false, seen);
        foreach (var part in (concrete.OneOf ?? []).Concat(concrete.AnyOf ?? []).Concat(concrete.AllOf ?? []))
        {
            Bound(part, false, seen);
        }
    }
}

/// <summary>
/// A type clients send whose name does not end in Request (an article's BodyBlock, written and stored as sent): the
/// OpenAPI document states it as a request, its nullable and defaulted members optional.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequestContractAttribute : Attribute;
