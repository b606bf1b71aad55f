using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NewsApi.Http;

namespace NewsApi.Data;

/// <summary>Small value lists (body blocks, phones, roles) stored as one JSON text column: always read and written whole.</summary>
public static class JsonColumn
{
    public static ValueConverter<T, string> Converter<T>() where T : new() =>
        new(v => JsonSerializer.Serialize(v, Json.Options), s => JsonSerializer.Deserialize<T>(s, Json.Options) ?? new T());

    /// <summary>A single optional value (an article's feature image): NULL when absent.</summary>
    public static ValueConverter<T, string> NullableConverter<T>() where T : class =>
        new(v => JsonSerializer.Serialize(v, Json.Options), s => JsonSerializer.Deserialize<T>(s, Json.Options)!);

    public static ValueComparer<T> Comparer<T>() where T : class =>
        new((a, b) => JsonSerializer.Serialize(a, Json.Options) == JsonSerializer.Serialize(b, Json.Options),
            v => JsonSerializer.Serialize(v, Json.Options).GetHashCode(),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Json.Options), Json.Options)!);
}
