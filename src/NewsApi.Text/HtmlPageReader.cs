using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Text;

namespace NewsApi.Text;

/// <summary>
/// Lays an HTML article page out as paragraphs, headline first, so that the importer's text rules apply to it
/// unchanged; also finds the site's contact line outside the article.
/// </summary>
internal static class HtmlPageReader
{
    internal sealed record Page(
        List<string> Paragraphs,
        ParsedContactHeader? ContactHeader,
        int EmptyParagraphs,
        List<ImportNote> Notes,
        string? FallbackText = null);

    // The HTML tree builder does work proportional to the depth of open elements for every token, so pathological
    // nesting is quadratic: past this depth the page is read as text instead. Real pages stay far below it.
    private const int MaxNestingDepth = 256;

    private static readonly HashSet<string> SkippedElements = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe", "svg", "math",
        "button", "select", "textarea", "object", "embed", "canvas", "audio", "video", "figure", "figcaption",
    };

    private static readonly HashSet<string> TextlessElements = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "svg", "math", "object", "embed", "canvas", "head",
    };

    // Class or id fragments of page furniture that sits inside or beside the article.
    private static readonly string[] SkippedClassFragments =
        ["menu", "breadcrumb", "share", "social", "comment", "related", "sidebar", "advert", "caption"];

    private static readonly string[] LeadClassFragments =
        ["sapo", "lead", "summary", "desc", "intro", "excerpt", "chapeau", "teaser", "abstract"];

    private static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul", "caption", "title", "option", "legend",
    };

    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen", "basefont", "bgsound", "frame",
    };

    // Elements whose end tag may be left out: the tree builder closes them itself, so they never pile up.
    private static readonly HashSet<string> SelfClosingByParser = new(StringComparer.Ordinal)
    {
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup",
        "rb", "rt", "rp", "rtc", "html", "head", "body",
    };

    public static Page Read(string html)
    {
        var notes = new List<ImportNote>();
        if (NestingDepth(html) > MaxNestingDepth)
        {
            notes.Add(new ImportNote("warning", "page", "The markup is nested too deeply to lay out; read its text alone."));
            return new Page([], null, 0, notes, TextFromTokens(html));
        }

        var document = new HtmlParser().ParseDocument(html);
        var body = (INode?)document.Body ?? document.DocumentElement;
        var headline = FindFirst(body, e => e.LocalName == "h1", IsFurniture);
        var container = FindContainer(body, headline);

        var paragraphs = new List<string>();
        var headlineText = headline is null ? "" : VietnameseText.NormalizeLine(TextOf(headline));
        if (headlineText.Length == 0)
        {
            headlineText = HeadlineFromTitle(document.Title);
            if (headlineText.Length > 0)
            {
                notes.Add(new ImportNote("inferred", "headline", "The page has no <h1>; took the headline from its <title>."));
            }
        }
        if (headlineText.Length > 0)
        {
            paragraphs.Add(headlineText);
        }

        var emptyParagraphs = 0;
        var lead = FindFirst(container, e => IsLead(e, headline), IsFurniture);
        if (lead is not null)
        {
            emptyParagraphs += AddLines(paragraphs, TextOf(lead));
        }
        var found = false;
        foreach (var paragraph in Elements(container, IsFurniture))
        {
            if (paragraph.LocalName != "p" || (lead is not null && IsWithin(paragraph, lead)))
            {
                continue;
            }
            found = true;
            emptyParagraphs += AddLines(paragraphs, TextOf(paragraph));
        }
        if (!found && lead is null)
        {
            // No <p> at all: the article's text, split at its block boundaries, is the best layout there is.
            AddLines(paragraphs, TextOf(container, skip: e => e == headline || IsFurniture(e)));
        }

        var contactHeader = FindContactHeader(document.DocumentElement, container, notes);
        return new Page(paragraphs, contactHeader, emptyParagraphs, notes);
    }

    private static ParsedContactHeader? FindContactHeader(INode root, INode container, List<ImportNote> notes)
    {
        var outside = TextOf(root, skip: e => e == container);
        foreach (var line in VietnameseText.Normalize(outside).Split('\n'))
        {
            if (ContactHeaderParser.Parse(line) is { } header)
            {
                notes.Add(new ImportNote("inferred", "contactHeader", $"Read the site's contact header from \"{line}\"."));
                return header;
            }
        }
        return null;
    }

    /// <summary>
    /// The article: an &lt;article&gt; (the one holding the &lt;h1&gt;, else the one with most paragraphs), else the
    /// smallest element holding both the &lt;h1&gt; and the element with most paragraphs of its own.
    /// </summary>
    private static INode FindContainer(INode body, IElement? headline)
    {
        var articles = Elements(body, IsFurniture).Where(e => e.LocalName == "article").ToList();
        if (articles.Count > 0)
        {
            var holding = articles.Where(a => headline is not null && IsWithin(headline, a)).ToList();
            var candidates = holding.Count > 0 ? holding : articles;
            var best = candidates.MaxBy(a => Elements(a, IsFurniture).Count(e => e.LocalName == "p"))!;
            if (holding.Count > 0 || Elements(best, IsFurniture).Any(e => e.LocalName == "p"))
            {
                return best;
            }
        }

        IElement? richest = null;
        var most = 0;
        foreach (var element in Elements(body, IsFurniture))
        {
            var count = element.Children.Count(c => c.LocalName == "p");
            if (count > most)
            {
                most = count;
                richest = element;
            }
        }
        if (richest is null)
        {
            return headline?.ParentElement ?? body;
        }
        if (headline is null)
        {
            return richest;
        }
        var headlineAncestors = new HashSet<INode>(ReferenceEqualityComparer.Instance);
        for (INode? ancestor = headline; ancestor is not null; ancestor = ancestor.Parent)
        {
            headlineAncestors.Add(ancestor);
        }
        for (INode? ancestor = richest; ancestor is not null; ancestor = ancestor.Parent)
        {
            if (headlineAncestors.Contains(ancestor))
            {
                return ancestor;
            }
        }
        return richest;
    }

    // Walking up costs the depth of the node; INode.Contains may search the whole subtree.
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

    // A "lead"-ish class on a wrapper of the whole story ("detail-lead-wrapper") does not make the story a lead.
    private static bool IsLead(IElement element, IElement? headline) =>
        HasClass(element, LeadClassFragments)
        && element.LocalName is not ("body" or "html" or "article" or "main" or "section")
        && element != headline
        && (headline is null || !IsWithin(headline, element))
        && Elements(element, IsFurniture).Count(e => e.LocalName == "p") <= 1;

    private static int AddLines(List<string> paragraphs, string text)
    {
        var before = paragraphs.Count;
        foreach (var line in VietnameseText.Normalize(text).Split('\n'))
        {
            if (line.Length > 0)
            {
                paragraphs.Add(line);
            }
        }
        return paragraphs.Count == before ? 1 : 0;
    }

    private static string HeadlineFromTitle(string? title)
    {
        var text = VietnameseText.NormalizeLine(title);
        // "Headline | Site name" or "Site name - Headline": the headline is the longer part.
        return text.Split([" | ", " - ", " – ", " — "], StringSplitOptions.TrimEntries)
            .MaxBy(part => part.Length) ?? "";
    }

    private static bool IsFurniture(IElement element) =>
        SkippedElements.Contains(element.LocalName)
        || element.GetAttribute("role") is "navigation" or "menubar" or "banner" or "complementary"
        || (element.LocalName != "article" && element.LocalName != "body" && element.LocalName != "h1"
            && (HasClass(element, SkippedClassFragments) || HasId(element, SkippedClassFragments)));

    private static bool HasClass(IElement element, string[] fragments) =>
        element.GetAttribute("class") is { Length: > 0 } classes && ContainsAny(classes, fragments);

    private static bool HasId(IElement element, string[] fragments) =>
        element.GetAttribute("id") is { Length: > 0 } id && ContainsAny(id, fragments);

    private static bool ContainsAny(string value, string[] fragments)
    {
        foreach (var fragment in fragments)
        {
            if (value.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static IElement? FindFirst(INode root, Func<IElement, bool> predicate, Func<IElement, bool> skip)
    {
        foreach (var element in Elements(root, skip))
        {
            if (predicate(element))
            {
                return element;
            }
        }
        return null;
    }

    /// <summary>
    /// Elements below root in document order, without the subtrees of skipped ones. Iterative, since pages can nest
    /// deeply, and by child index, since AngleSharp finds a node's next sibling by scanning its parent's children.
    /// </summary>
    private static IEnumerable<IElement> Elements(INode root, Func<IElement, bool> skip)
    {
        var stack = new Stack<(INodeList Children, int Index)>();
        stack.Push((root.ChildNodes, 0));
        while (stack.Count > 0)
        {
            var (children, index) = stack.Pop();
            if (index >= children.Length)
            {
                continue;
            }
            stack.Push((children, index + 1));
            if (children[index] is IElement element && !skip(element))
            {
                yield return element;
                if (element.ChildNodes.Length > 0)
                {
                    stack.Push((element.ChildNodes, 0));
                }
            }
        }
    }

    /// <summary>Text as a reader sees it: source line breaks are spaces; &lt;br&gt; and block edges break lines.</summary>
    private static string TextOf(INode root, Func<IElement, bool>? skip = null)
    {
        var builder = new StringBuilder();
        var stack = new Stack<(INodeList Children, int Index, bool Block)>();
        stack.Push((root.ChildNodes, 0, false));
        while (stack.Count > 0)
        {
            var (children, index, block) = stack.Pop();
            if (index >= children.Length)
            {
                // Leaving a block ends its line.
                if (block)
                {
                    builder.Append('\n');
                }
                continue;
            }
            stack.Push((children, index + 1, block));
            switch (children[index])
            {
                case IText text:
                    AppendInline(builder, text.Data);
                    break;
                case IElement element when !TextlessElements.Contains(element.LocalName) && (skip is null || !skip(element)):
                    if (element.LocalName == "br")
                    {
                        builder.Append('\n');
                        break;
                    }
                    var isBlock = BlockElements.Contains(element.LocalName);
                    if (isBlock)
                    {
                        builder.Append('\n');
                    }
                    stack.Push((element.ChildNodes, 0, isBlock));
                    break;
            }
        }
        return builder.ToString();
    }

    private static void AppendInline(StringBuilder builder, string data)
    {
        foreach (var c in data)
        {
            builder.Append(c is '\n' or '\r' ? ' ' : c);
        }
    }

    /// <summary>How deep the tree builder would nest the open elements, counted from tags alone in linear time.</summary>
    private static int NestingDepth(string html)
    {
        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver);
        var depth = 0;
        var deepest = 0;
        for (var token = tokenizer.Get(); token.Type != HtmlTokenType.EndOfFile; token = tokenizer.Get())
        {
            if (token.Type == HtmlTokenType.StartTag)
            {
                var name = token.Name.ToLowerInvariant();
                SwitchMode(tokenizer, name);
                if (token is AngleSharp.Html.Parser.Tokens.HtmlTagToken { IsSelfClosing: true }
                    || VoidElements.Contains(name) || SelfClosingByParser.Contains(name))
                {
                    continue;
                }
                deepest = Math.Max(deepest, ++depth);
                if (deepest > MaxNestingDepth)
                {
                    return deepest;
                }
            }
            else if (token.Type == HtmlTokenType.EndTag)
            {
                var name = token.Name.ToLowerInvariant();
                if (!VoidElements.Contains(name) && !SelfClosingByParser.Contains(name) && depth > 0)
                {
                    depth--;
                }
            }
        }
        return deepest;
    }

    /// <summary>The page's text with block tags as line breaks, for markup the tree builder cannot afford.</summary>
    private static string TextFromTokens(string html)
    {
        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver);
        var builder = new StringBuilder();
        string? skippingUntil = null;
        for (var token = tokenizer.Get(); token.Type != HtmlTokenType.EndOfFile; token = tokenizer.Get())
        {
            switch (token.Type)
            {
                case HtmlTokenType.StartTag:
                    var start = token.Name.ToLowerInvariant();
                    SwitchMode(tokenizer, start);
                    if (skippingUntil is null && TextlessElements.Contains(start) && token is not AngleSharp.Html.Parser.Tokens.HtmlTagToken { IsSelfClosing: true })
                    {
                        skippingUntil = start;
                    }
                    if (start == "br" || BlockElements.Contains(start))
                    {
                        builder.Append('\n');
                    }
                    break;
                case HtmlTokenType.EndTag:
                    var end = token.Name.ToLowerInvariant();
                    if (end == skippingUntil)
                    {
                        skippingUntil = null;
                    }
                    if (BlockElements.Contains(end))
                    {
                        builder.Append('\n');
                    }
                    break;
                case HtmlTokenType.Character when skippingUntil is null:
                    AppendInline(builder, token.Data);
                    break;
            }
        }
        return builder.ToString();
    }

    // The tree builder tells the tokenizer how to read the content of these elements; standing alone, we must.
    private static void SwitchMode(HtmlTokenizer tokenizer, string startTag)
    {
        switch (startTag)
        {
            case "script":
                tokenizer.State = HtmlParseMode.Script;
                break;
            case "style" or "xmp" or "iframe" or "noembed" or "noframes":
                tokenizer.State = HtmlParseMode.Rawtext;
                break;
            case "textarea" or "title":
                tokenizer.State = HtmlParseMode.RCData;
                break;
            case "plaintext":
                tokenizer.State = HtmlParseMode.Plaintext;
                break;
        }
    }
}
