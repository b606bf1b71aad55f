using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NewsApi.Http;

namespace NewsApi.Data;

/// <summary>Small value lists (body blocks, phones, roles) stored as one JSON text column: always read and written whole.</summary>
public static class JsonColumn
{
    public static ValueConverter<T, string> Converter<T>() where T : new() =>
        new(v => Json.Text(v), s => Json.Read<T>(s) ?? new T());

    /// <summary>A single optional value (an article's feature image): NULL when absent.</summary>
    public static ValueConverter<T, string> NullableConverter<T>() where T : class =>
        new(v => Json.Text(v), s => Json.Read<T>(s)!);

    /// <summary>Compared and snapshotted through their JSON, without pooled buffers (see <see cref="Json.Utf8"/>).</summary>
    public static ValueComparer<T> Comparer<T>() where T : class =>
        new((a, b) => SameJson(Json.Utf8(a), Json.Utf8(b)),
            v => HashOf(Json.Utf8(v)),
            v => JsonSerializer.Deserialize<T>(Json.Utf8(v), Json.Options)!);

    private static bool SameJson(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);

    private static int HashOf(byte[] json)
    {
        var hash = new HashCode();
        hash.AddBytes(json);
        return hash.ToHashCode();
    }
}
