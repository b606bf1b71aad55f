using System.Globalization;

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
        int.TryParse(idOrSlug, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? resources.Where(r => r.Id == id)
            : resources.Where(r => r.Slug == idOrSlug);
}
