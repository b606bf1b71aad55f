using System.Text;
using AngleSharp.Dom;

namespace NewsApi.Text;

/// <summary>
/// The breadcrumb and the keywords of an HTML page. The trail, from the first source that gives one: JSON-LD
/// BreadcrumbList; breadcrumb markup (microdata BreadcrumbList, nav[aria-label*=breadcrumb], a class or id with
/// "crumb"); article:section; the short label or trail just above the headline, in its container; a category
/// link in the article ("cat-links", "category"). Keywords, in page order: meta keywords, article:tag and JSON-LD
/// keywords, then blocks with a class holding "tags" or "keyword", rel="tag" links and blocks that open with a
/// keyword label ("Từ khóa:", "Tags:", "Chủ đề:").
/// </summary>
internal static class HtmlLabels
{
    private const int MaxCategoryLinks = 3;
    private const int MaxLabelWords = 5;

    private static readonly HashSet<string> SkippedElements = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "svg", "math", "object", "embed", "canvas", "head",
    };

    // Inline elements whose text runs on within the same crumb; any other element starts a new one.
    private static readonly HashSet<string> InlineElements = new(StringComparer.Ordinal)
    {
        "b", "strong", "em", "i", "u", "small", "font", "abbr", "bdi", "mark", "sup", "sub",
    };

    private static readonly string[] KeywordClassFragments = ["tags", "keyword", "tukhoa", "tu-khoa", "tu_khoa"];

    // Lists of other articles carry their own tags and sections; a sidebar's tag cloud is the site's.
    private static readonly string[] ElsewhereFragments = ["sidebar", "related", "comment", "widget", "menu", "popular", "trending"];

    private static readonly HashSet<string> CategoryClassWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "cat", "cate", "category", "categories", "chuyenmuc",
    };

    /// <summary>A line of the page as the reader laid it out, with the block it sits in.</summary>
    public sealed record LineInBlock(IElement Owner, string Text);

    /// <param name="document">The parsed page.</param>
    /// <param name="metadata">What the page declares (keywords, JSON-LD trail, article:section).</param>
    /// <param name="headline">The headline's element, when the headline is one of the page's lines.</param>
    /// <param name="above">The line just above the headline in the headline's container, if any.</param>
    /// <param name="keywordLines">The page's lines that open with a keyword label.</param>
    public static (List<(string Text, string? Href)> Trail, string? TrailFrom, IReadOnlyList<string> Keywords) Read(
        IDocument document, PageMetadata metadata, IElement? headline, LineInBlock? above, IReadOnlyList<LineInBlock> keywordLines)
    {
        // Page order of the blocks that give keywords; only the keyword lines' blocks need a number kept.
        var order = 0;
        var lineOrder = new Dictionary<IElement, int>(ReferenceEqualityComparer.Instance);
        foreach (var line in keywordLines)
        {
            lineOrder.TryAdd(line.Owner, int.MaxValue);
        }
        var keywordGroups = new List<(int Order, List<string> Keywords)>();
        List<(string, string?)>? markupTrail = null;
        List<(string, string?)>? categoryTrail = null;
        var scope = headline is null ? null : Scope(headline);

        var stack = new Stack<IElement>();
        if ((document.Body ?? document.DocumentElement) is { } root)
        {
            stack.Push(root);
        }
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            order++;
            if (lineOrder.ContainsKey(element))
            {
                lineOrder[element] = order;
            }
            if (SkippedElements.Contains(element.LocalName))
            {
                continue;
            }
            if (IsTrailMarkup(element))
            {
                if (markupTrail is null && TrailItems(element) is var items && PageLabels.Trail(items) is { Count: > 0 })
                {
                    markupTrail = items;
                }
                continue;
            }
            if (IsKeywordBlock(element) && !IsElsewhere(element))
            {
                keywordGroups.Add((order, KeywordsOf(element)));
                continue;
            }
            if (element.LocalName == "a" && IsTagLink(element) && !IsElsewhere(element))
            {
                keywordGroups.Add((order, [element.TextContent]));
                continue;
            }
            if (categoryTrail is null && scope is not null && IsCategory(element) && IsWithin(element, scope)
                && CategoryLinks(element) is { } links)
            {
                categoryTrail = links;
                continue;
            }
            var children = element.Children;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        foreach (var line in keywordLines)
        {
            keywordGroups.Add((lineOrder[line.Owner], KeywordsOfLine(line)));
        }
        var keywords = new PageLabels.KeywordSet();
        foreach (var keyword in metadata.Keywords)
        {
            keywords.Add(keyword);
        }
        foreach (var (_, group) in keywordGroups.OrderBy(g => g.Order))
        {
            foreach (var keyword in group)
            {
                keywords.Add(keyword);
            }
        }

        var (trail, from) = metadata.Trail is { } declared && PageLabels.Trail(declared.Select(d => (d.Name, d.Url))) is { Count: > 0 }
            ? (declared.Select(d => (d.Name, d.Url)).ToList(), "the JSON-LD BreadcrumbList")
            : markupTrail is not null ? (markupTrail, "the page's breadcrumb")
            : metadata.Section is { } section ? ([(section, null)], "article:section")
            : above is not null && LabelAbove(above) is { Count: > 0 } label ? (label, $"the label above the headline, \"{above.Text}\"")
            : categoryTrail is not null ? (categoryTrail, "the article's category link")
            : ([], null);
        return (trail, from, keywords.Items);
    }

    /// <summary>Where the article's own labels live: its &lt;article&gt;, else the headline's container.</summary>
    private static IElement? Scope(IElement headline)
    {
        for (var element = headline.ParentElement; element is not null; element = element.ParentElement)
        {
            if (element.LocalName == "article")
            {
                return element;
            }
        }
        return headline.ParentElement;
    }

    private static bool IsTrailMarkup(IElement element) =>
        element.LocalName is not ("html" or "body" or "main" or "article")
        && (Contains(element.GetAttribute("class"), "crumb") || Contains(element.GetAttribute("id"), "crumb")
            || (element.LocalName == "nav" && Contains(element.GetAttribute("aria-label"), "breadcrumb"))
            || IsBreadcrumbList(element));

    private static bool IsBreadcrumbList(IElement element) => Contains(element.GetAttribute("itemtype"), "BreadcrumbList");

    private static bool IsKeywordBlock(IElement element) =>
        element.LocalName is not ("html" or "body" or "main" or "article" or "a")
        && (ContainsAny(element.GetAttribute("class"), KeywordClassFragments) || ContainsAny(element.GetAttribute("id"), KeywordClassFragments));

    private static bool IsTagLink(IElement link)
    {
        var rel = link.GetAttribute("rel")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        // WordPress marks its category links rel="category tag": those are sections, not keywords.
        return rel.Contains("tag", StringComparer.OrdinalIgnoreCase) && !rel.Contains("category", StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsCategory(IElement element) =>
        element.GetAttribute("class") is { Length: > 0 } classes && (classes.Contains("cat", StringComparison.OrdinalIgnoreCase) || classes.Contains("chuyenmuc", StringComparison.OrdinalIgnoreCase))
        && classes.Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries).Any(CategoryClassWords.Contains);

    private static bool IsElsewhere(IElement element)
    {
        for (var current = element.ParentElement; current is not null; current = current.ParentElement)
        {
            if (current.LocalName is "aside" or "nav" || ContainsAny(current.GetAttribute("class"), ElsewhereFragments)
                || ContainsAny(current.GetAttribute("id"), ElsewhereFragments))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The crumbs of breadcrumb markup: microdata names where it has them, else each link or text run.</summary>
    private static List<(string Text, string? Href)> TrailItems(IElement element)
    {
        if (IsBreadcrumbList(element))
        {
            var microdata = new List<(string, string?)>();
            foreach (var item in element.QuerySelectorAll("[itemprop~=itemListElement]"))
            {
                var name = item.QuerySelector("[itemprop~=name]");
                var target = item.QuerySelector("[itemprop~=item]") ?? item.QuerySelector("a");
                var text = name?.GetAttribute("content") ?? name?.TextContent;
                if (text is not null)
                {
                    microdata.Add((text, target?.GetAttribute("href") ?? target?.GetAttribute("content") ?? target?.GetAttribute("itemid")));
                }
            }
            if (microdata.Count > 0)
            {
                return microdata;
            }
        }
        var items = new List<(string, string?)>();
        var builder = new StringBuilder();
        string? builderHref = null;

        void Flush()
        {
            foreach (var segment in PageFurniture.BreadcrumbSegments(VietnameseText.NormalizeLine(builder.ToString())))
            {
                items.Add((segment, builderHref));
            }
            builder.Clear();
            builderHref = null;
        }

        void Walk(INode node, string? href)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        if (builder.Length == 0)
                        {
                            builderHref = href;
                        }
                        builder.Append(text.Data);
                        break;
                    case IElement inner when SkippedElements.Contains(inner.LocalName):
                        break;
                    case IElement inner when InlineElements.Contains(inner.LocalName):
                        Walk(inner, href);
                        break;
                    case IElement inner:
                        Flush();
                        Walk(inner, inner.LocalName == "a" ? inner.GetAttribute("href") : href);
                        Flush();
                        break;
                }
            }
        }

        Walk(element, null);
        Flush();
        return items;
    }

    private static List<string> KeywordsOf(IElement block)
    {
        var links = block.QuerySelectorAll("a").Select(a => a.TextContent).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (links.Count > 0)
        {
            return links;
        }
        var text = VietnameseText.NormalizeLine(block.TextContent);
        return PageLabels.SplitKeywords(PageFurniture.KeywordListText(text) ?? text).ToList();
    }

    private static List<string> KeywordsOfLine(LineInBlock line)
    {
        // A block that holds the keyword line alone gives its links; a line run into other text gives its own words.
        if (VietnameseText.NormalizeLine(line.Owner.TextContent) == line.Text
            && line.Owner.QuerySelectorAll("a").Select(a => a.TextContent).Where(t => !string.IsNullOrWhiteSpace(t)).ToList() is { Count: > 0 } links)
        {
            return links;
        }
        return PageLabels.SplitKeywords(PageFurniture.KeywordListText(line.Text) ?? "").ToList();
    }

    /// <summary>A category element's links ("Chuyên mục Tin tức"): a few short ones, or none at all.</summary>
    private static List<(string, string?)>? CategoryLinks(IElement element)
    {
        var links = element.QuerySelectorAll("a")
            .Select(a => (Text: VietnameseText.NormalizeLine(a.TextContent), Href: a.GetAttribute("href")))
            .Where(l => l.Text.Length > 0)
            .ToList();
        return links.Count is 0 or > MaxCategoryLinks || links.Any(l => l.Text.Split(' ').Length > MaxLabelWords)
            ? null
            : links.Select(l => (l.Text, l.Href)).ToList<(string, string?)>();
    }

    /// <summary>
    /// A section's name or a trail printed just above the headline: "Xã hội", "TIN TRONG NƯỚC", "Thời sự › Xã hội",
    /// or a few links; not a date, a byline, an author box or share buttons.
    /// </summary>
    private static List<(string, string?)>? LabelAbove(LineInBlock above)
    {
        var text = above.Text;
        // A heading over the headline names a section ("TIN TRONG NƯỚC"), whatever capitals it shares with bylines.
        var heading = above.Owner.LocalName is "h2" or "h3" or "h4" or "h5" or "h6";
        if (text.Length == 0 || text.Contains(':', StringComparison.Ordinal) || PageFurniture.IsTrailing(text)
            || (!heading && BylineParser.LooksLikeByline(text)) || PageFurniture.PublicationTimeOf(text) is not null)
        {
            return null;
        }
        if (PageFurniture.IsBreadcrumb(text))
        {
            return PageFurniture.BreadcrumbSegments(text).Select(s => (s, (string?)null)).ToList();
        }
        if (VietnameseText.NormalizeLine(above.Owner.TextContent) == text && CategoryLinks(above.Owner) is { } links
            && string.Concat(links.Select(l => l.Item1)).Replace(" ", "", StringComparison.Ordinal) == text.Replace(" ", "", StringComparison.Ordinal))
        {
            return links;
        }
        return PageFurniture.IsSectionLabel(text) && text.Split(' ').Length <= MaxLabelWords ? [(text, null)] : null;
    }

    private static bool IsWithin(INode node, INode ancestor)
    {
        for (INode? current = node; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }
        return false;
    }

    private static bool Contains(string? value, string fragment) =>
        value is not null && value.Contains(fragment, StringComparison.OrdinalIgnoreCase);

    private static bool ContainsAny(string? value, string[] fragments) =>
        value is not null && fragments.Any(f => value.Contains(f, StringComparison.OrdinalIgnoreCase));
}
