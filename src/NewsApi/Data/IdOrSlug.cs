using System.Globalization;
using System.Linq.Expressions;

namespace NewsApi.Data;

/// <summary>A resource addressed by its number or by its slug (slugs always have a letter, so the two never collide).</summary>
public interface IHasIdAndSlug
{
    int Id { get; }
    string Slug { get; }
}

public static class IdOrSlug
{
    /// <summary>The resource whose id is <paramref name="idOrSlug"/> when it is all digits, else whose slug it is.</summary>
    public static IQueryable<T> ByIdOrSlug<T>(this IQueryable<T> resources, string idOrSlug) where T : class, IHasIdAndSlug =>
        resources.Where(Matches<T>(idOrSlug));

    /// <summary>The same test as <see cref="ByIdOrSlug{T}"/>, for loaders that take a predicate.</summary>
    public static Expression<Func<T, bool>> Matches<T>(string idOrSlug) where T : class, IHasIdAndSlug =>
        IsId(idOrSlug, out var id) ? r => r.Id == id : r => r.Slug == idOrSlug;

    public static bool IsId(string idOrSlug, out int id) =>
        int.TryParse(idOrSlug, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
