using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;

namespace NewsApi.Text;

/// <summary>
/// What an HTML page declares about itself outside its text: og:title, the JSON-LD headline and datePublished,
/// &lt;title&gt;, article:published_time and &lt;time datetime&gt;; its keywords (meta keywords, article:tag, JSON-LD
/// keywords), its JSON-LD BreadcrumbList and its article:section.
/// </summary>
internal sealed class PageMetadata
{
    private const int MaxJsonLdLength = 64 * 1024;
    private const int MaxJsonLdDepth = 16;
    private static readonly string[] TitleSeparators = [" | ", " - ", " – ", " — ", " :: ", " » "];

    private readonly List<(string Text, string Source)> _titles = [];
    private bool _imageFromTwitter;
    private List<(string Folded, string Source)>? _comparable;

    public DateTimeOffset? PublishedAt { get; private set; }

    public string? PublishedFrom { get; private set; }

    /// <summary>The keywords the page declares, in page order, as written (not yet cleaned).</summary>
    public List<string> Keywords { get; } = [];

    /// <summary>The first JSON-LD BreadcrumbList, top first; null when the page declares none.</summary>
    public List<(string Name, string? Url)>? Trail { get; private set; }

    /// <summary>The section article:section names.</summary>
    public string? Section { get; private set; }

    /// <summary>The first &lt;base href&gt;, og:url and &lt;link rel=canonical&gt;: where relative sources resolve.</summary>
    public string? BaseHref { get; private set; }

    public string? PageUrl { get; private set; }

    public string? Canonical { get; private set; }

    /// <summary>The photo the page shares itself with (og:image, else twitter:image), with its alt text and size.</summary>
    public string? Image { get; private set; }

    public string? ImageAlt { get; private set; }

    public int ImageWidth { get; private set; }

    public int ImageHeight { get; private set; }

    /// <summary>Whether og:title or a JSON-LD headline names the article (a &lt;title&gt; often names only the site).</summary>
    public bool DeclaresTitle => _titles.Any(t => t.Source != "<title>");

    public static PageMetadata Read(IDocument document)
    {
        var metadata = new PageMetadata();
        // One walk over the elements: selector queries cost a parse of the selector and a walk each.
        var times = new List<IElement>();
        var stack = new Stack<IElement>();
        if (document.DocumentElement is { } root)
        {
            stack.Push(root);
        }
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            switch (element.LocalName)
            {
                case "meta":
                    metadata.ReadMeta(element);
                    continue;
                case "script":
                    if (string.Equals(element.GetAttribute("type"), "application/ld+json", StringComparison.OrdinalIgnoreCase))
                    {
                        metadata.ReadJsonLd(element.TextContent);
                    }
                    continue;
                case "base":
                    metadata.BaseHref ??= element.GetAttribute("href");
                    continue;
                case "link" when (element.GetAttribute("rel") ?? "").Split(' ').Contains("canonical", StringComparer.OrdinalIgnoreCase):
                    metadata.Canonical ??= element.GetAttribute("href");
                    continue;
                case "time" when element.HasAttribute("datetime"):
                    times.Add(element);
                    break;
                case "style" or "svg" or "template" or "noscript":
                    continue;
            }
            var children = element.Children;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
        foreach (var time in times)
        {
            if (metadata.SetPublished(time.GetAttribute("datetime")!, "<time datetime>"))
            {
                break;
            }
        }
        var title = VietnameseText.NormalizeLine(document.Title);
        if (title.Length > 0)
        {
            metadata._titles.Add((title, "<title>"));
            foreach (var part in title.Split(TitleSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part != title)
                {
                    metadata._titles.Add((part, "<title>"));
                }
            }
        }
        return metadata;
    }

    /// <summary>How well a heading agrees with a declared title: 1 the same words, 0.8 one shortens the other, else 0.</summary>
    public (double Score, string? Source) Agreement(string heading)
    {
        var folded = Comparable(heading);
        if (folded.Length == 0)
        {
            return (0, null);
        }
        (double, string?) best = (0, null);
        _comparable ??= _titles.Select(t => (Comparable(t.Text), t.Source)).ToList();
        foreach (var (title, source) in _comparable)
        {
            if (title == folded)
            {
                return (1, source);
            }
            var shorter = title.Length < folded.Length ? title : folded;
            var longer = title.Length < folded.Length ? folded : title;
            if (shorter.Length * 2 >= longer.Length && shorter.Split(' ').Length >= 3
                && longer.StartsWith(shorter, StringComparison.Ordinal))
            {
                best = (0.8, source);
            }
        }
        return best;
    }

    /// <summary>
    /// The article's title as the page declares it: og:title, else the JSON-LD headline, else the longest part of
    /// &lt;title&gt;.
    /// </summary>
    public (string Text, string Source)? DeclaredTitle()
    {
        foreach (var title in _titles)
        {
            if (title.Source != "<title>" && !title.Text.EndsWith("...", StringComparison.Ordinal) && !title.Text.EndsWith('…'))
            {
                return title;
            }
        }
        var parts = _titles.Where(t => t.Source == "<title>").ToList();
        return parts.Count == 0 ? null : parts.Skip(parts.Count > 1 ? 1 : 0).MaxBy(t => t.Text.Length);
    }

    private void ReadMeta(IElement meta)
    {
        var name = (meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop"))?.ToLowerInvariant();
        if (name is "og:title" or "twitter:title" && VietnameseText.NormalizeLine(meta.GetAttribute("content")) is { Length: > 0 } declared)
        {
            AddTitle(declared, name);
        }
        else if (name is "article:published_time" or "datepublished" or "pubdate" or "publishdate" or "dc.date.issued"
            && meta.GetAttribute("content") is { Length: > 0 } published)
        {
            SetPublished(published, $"<meta {name}>");
        }
        else if (name is "keywords" or "news_keywords" or "article:tag" && meta.GetAttribute("content") is { Length: > 0 } keywords)
        {
            Keywords.AddRange(PageLabels.SplitKeywords(keywords));
        }
        else if (name is "og:image" or "og:image:url" or "og:image:secure_url" && meta.GetAttribute("content") is { Length: > 0 } image)
        {
            // og:image wins over twitter:image whichever comes first; the first og:image is the page's own.
            if (Image is null || _imageFromTwitter)
            {
                Image = image;
                _imageFromTwitter = false;
            }
        }
        else if (name is "twitter:image" or "twitter:image:src" && Image is null && meta.GetAttribute("content") is { Length: > 0 } card)
        {
            Image = card;
            _imageFromTwitter = true;
        }
        else if (name is "og:image:alt" or "twitter:image:alt" && ImageAlt is null && VietnameseText.NormalizeLine(meta.GetAttribute("content")) is { Length: > 0 } alt)
        {
            ImageAlt = alt;
        }
        else if (name is "og:image:width" or "og:image:height"
            && int.TryParse(meta.GetAttribute("content"), NumberStyles.None, CultureInfo.InvariantCulture, out var side) && side is > 0 and < 100_000)
        {
            if (name == "og:image:width" && ImageWidth == 0)
            {
                ImageWidth = side;
            }
            else if (name == "og:image:height" && ImageHeight == 0)
            {
                ImageHeight = side;
            }
        }
        else if (name == "og:url" && PageUrl is null && meta.GetAttribute("content") is { Length: > 0 } url)
        {
            PageUrl = url;
        }
        else if (name == "article:section" && Section is null && VietnameseText.NormalizeLine(meta.GetAttribute("content")) is { Length: > 0 } section)
        {
            Section = section;
        }
    }

    private void AddTitle(string text, string source)
    {
        if (!_titles.Any(t => t.Text == text))
        {
            _titles.Insert(_titles.Count(t => t.Source != "<title>"), (text, source));
        }
    }

    private bool SetPublished(string value, string source)
    {
        if (PublishedAt is not null)
        {
            return true;
        }
        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var time)
            && time.Year is >= 1900 and <= 9999)
        {
            // A time without an offset is the newsroom's, which TryParse would have taken for this machine's.
            if (!HasOffset(value))
            {
                time = new DateTimeOffset(time.DateTime, TimeSpan.FromHours(7));
            }
            PublishedAt = time;
            PublishedFrom = source;
            return true;
        }
        return false;
    }

    private static bool HasOffset(string value)
    {
        var t = value.IndexOf('T', StringComparison.Ordinal);
        return t >= 0 && (value.EndsWith('Z') || value.IndexOf('+', t) >= 0 || value.IndexOf('-', t) >= 0);
    }

    private void ReadJsonLd(string json)
    {
        if (json.Length > MaxJsonLdLength)
        {
            return;
        }
        try
        {
            var options = new JsonDocumentOptions { MaxDepth = MaxJsonLdDepth, AllowTrailingCommas = true };
            using var document = JsonDocument.Parse(json, options);
            Visit(document.RootElement, 0);
        }
        catch (JsonException)
        {
            // A page's broken JSON-LD says nothing; the rest of the page still does.
        }
    }

    private void Visit(JsonElement element, int depth)
    {
        if (depth > MaxJsonLdDepth)
        {
            return;
        }
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Visit(item, depth + 1);
            }
            return;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (element.TryGetProperty("headline", out var headline) && headline.ValueKind == JsonValueKind.String
            && VietnameseText.NormalizeLine(headline.GetString()) is { Length: > 0 } text)
        {
            AddTitle(text, "the JSON-LD headline");
        }
        if (element.TryGetProperty("datePublished", out var published) && published.ValueKind == JsonValueKind.String)
        {
            SetPublished(published.GetString()!, "JSON-LD datePublished");
        }
        if (IsOfType(element, "BreadcrumbList"))
        {
            ReadTrail(element);
            return;
        }
        // A site's or publisher's keywords describe the site, not the article.
        if (element.TryGetProperty("keywords", out var keywords) && !IsOfType(element, "WebSite") && !IsOfType(element, "Organization")
            && !IsOfType(element, "NewsMediaOrganization") && !IsOfType(element, "Person"))
        {
            if (keywords.ValueKind == JsonValueKind.String)
            {
                Keywords.AddRange(PageLabels.SplitKeywords(keywords.GetString()!));
            }
            else if (keywords.ValueKind == JsonValueKind.Array)
            {
                Keywords.AddRange(keywords.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.String).Select(k => k.GetString()!));
            }
        }
        if (element.TryGetProperty("@graph", out var graph))
        {
            Visit(graph, depth + 1);
        }
        // A WebPage states its trail in "breadcrumb".
        if (element.TryGetProperty("breadcrumb", out var breadcrumb))
        {
            Visit(breadcrumb, depth + 1);
        }
    }

    private static bool IsOfType(JsonElement element, string type) =>
        element.TryGetProperty("@type", out var declared) && declared.ValueKind switch
        {
            JsonValueKind.String => string.Equals(declared.GetString(), type, StringComparison.OrdinalIgnoreCase),
            JsonValueKind.Array => declared.EnumerateArray().Any(t =>
                t.ValueKind == JsonValueKind.String && string.Equals(t.GetString(), type, StringComparison.OrdinalIgnoreCase)),
            _ => false,
        };

    /// <summary>itemListElement[]: name, or item.name; ordered by position where the items give one.</summary>
    private void ReadTrail(JsonElement list)
    {
        if (Trail is not null || !list.TryGetProperty("itemListElement", out var elements) || elements.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        var items = new List<(string Name, string? Url, double Position, int Index)>();
        foreach (var element in elements.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            element.TryGetProperty("item", out var item);
            var name = StringOf(element, "name") ?? (item.ValueKind == JsonValueKind.Object ? StringOf(item, "name") : null);
            if (name is null)
            {
                continue;
            }
            var url = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object => StringOf(item, "@id") ?? StringOf(item, "url"),
                _ => null,
            };
            var position = element.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble()
                : p.ValueKind == JsonValueKind.String && double.TryParse(p.GetString(), CultureInfo.InvariantCulture, out var parsed) ? parsed
                : double.MaxValue;
            items.Add((name, url, position, items.Count));
        }
        Trail = items.OrderBy(i => i.Position).ThenBy(i => i.Index).Select(i => (i.Name, i.Url)).ToList();
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Comparable(string text) =>
        VietnameseText.Fold(text).TrimEnd('.', '…', ' ').Replace("  ", " ", StringComparison.Ordinal);
}
