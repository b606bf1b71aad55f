using Microsoft.AspNetCore.Http.Extensions;

namespace NewsApi.Http;

/// <summary>The links of a page of a list: itself, the next and previous (when there are), the first and the last.</summary>
public sealed record PageLinks(string Self, string? Next, string? Prev, string First, string Last);

/// <summary>Links for a page of a list, in the body and as an RFC 8288 Link header, keeping every other query parameter.</summary>
public static class Paging
{
    public const int MaxPageSize = 100;
    public const int MaxPage = 100_000;

    /// <summary>Checks page and pageSize (defaults 1 and 20) into errors keyed by field, for every paged list alike.</summary>
    public static (int Page, int PageSize) Check(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        var p = page ?? 1;
        var size = pageSize ?? 20;
        if (p < 1 || p > MaxPage) errors["page"] = [$"page is between 1 and {MaxPage}."];
        if (size < 1 || size > MaxPageSize) errors["pageSize"] = [$"pageSize is between 1 and {MaxPageSize}."];
        return (p, size);
    }

    public static PageLinks Links(HttpRequest request, int page, int pageSize, int total)
    {
        var last = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        return new PageLinks(
            Url(request, page, pageSize),
            page < last ? Url(request, page + 1, pageSize) : null,
            page > 1 ? Url(request, Math.Min(page - 1, last), pageSize) : null,
            Url(request, 1, pageSize),
            Url(request, last, pageSize));
    }

    public static string LinkHeader(PageLinks links)
    {
        var parts = new List<string> { $"<{links.Self}>; rel=\"self\"", $"<{links.First}>; rel=\"first\"", $"<{links.Last}>; rel=\"last\"" };
        if (links.Next is not null) parts.Add($"<{links.Next}>; rel=\"next\"");
        if (links.Prev is not null) parts.Add($"<{links.Prev}>; rel=\"prev\"");
        return string.Join(", ", parts);
    }

    private static string Url(HttpRequest request, int page, int pageSize)
    {
        var query = new QueryBuilder();
        foreach (var (key, values) in request.Query)
        {
            if (key.Equals("page", StringComparison.OrdinalIgnoreCase) || key.Equals("pageSize", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            foreach (var value in values)
            {
                query.Add(key, value ?? "");
            }
        }
        query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        query.Add("pageSize", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request.PathBase + request.Path + query.ToQueryString();
    }
}
