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
        string? FallbackText = null,
        DateTimeOffset? PublishedAt = null,
        IReadOnlyList<string>? Breadcrumb = null,
        IReadOnlyList<string>? Keywords = null)
    {
        /// <summary>The body's photos, each before paragraph Anchor of <see cref="Paragraphs"/> (headline first).</summary>
        public List<(int Anchor, ParsedPhoto Photo)> Photos { get; init; } = [];

        /// <summary>The photo the page declares it is shared with (og:image), if any.</summary>
        public ParsedPhoto? Declared { get; init; }
    }

    /// <summary>One line of text as a reader sees it, with the block element it sits in and how it is set.</summary>
    private sealed record Line(string Text, IElement Owner, int Index, double LinkShare, bool Emphasized, int HeadingLevel);

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

    // Class or id fragments of page furniture that sits inside or beside the article; breadcrumbs and keyword blocks
    // are read apart (HtmlLabels).
    private static readonly string[] SkippedClassFragments =
        ["menu", "crumb", "share", "social", "comment", "related", "sidebar", "advert", "caption", "tags", "keyword"];

    // A line shorter than this (in characters) adds nothing to a candidate's score: captions, dates, labels.
    private const int MinScoredLength = 25;
    // Lines before the lead with fewer words than this are the article's furniture (date, section, author box).
    private const int MinLeadWords = 10;
    private const int MaxHeadlineLength = 300;
    private const double MaxLinkShare = 0.5;
    // Longer than any keyword label with the spaces a page may put around it.
    private const int LabelPrefix = 40;

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
        var metadata = PageMetadata.Read(document);
        var body = (INode?)document.Body ?? document.DocumentElement;
        var spots = new List<HtmlPhotos.Spot>();
        var lines = Lines(body, spots);
        var top = TopCandidate(lines);
        var headline = ChooseHeadline(lines, top, metadata, notes, out var headlineText);

        var paragraphs = new List<string>();
        if (headlineText.Length > 0)
        {
            paragraphs.Add(headlineText);
        }
        var publishedAt = metadata.PublishedAt;
        var publishedFrom = metadata.PublishedFrom;
        var leadSeen = false;
        var dropped = 0;
        var topStart = top is null ? int.MaxValue : FirstIndexWithin(lines, top);
        var baseUri = HtmlPhotos.BaseUri(metadata.BaseHref, metadata.PageUrl, metadata.Canonical);
        var photos = new List<(int Anchor, ParsedPhoto Photo)>();
        var captions = new List<IElement>();
        var (nextSpot, decorative, relative) = (0, 0, 0);

        // The photos standing before line `before` (all that are left, at the end), where the article is.
        void PlacePhotos(int before)
        {
            for (; nextSpot < spots.Count && spots[nextSpot].LineIndex <= before; nextSpot++)
            {
                var spot = spots[nextSpot];
                var afterHeadline = headline is null || spot.LineIndex > headline.Index;
                var inArticle = top is null || IsWithin(spot.Element, top) || (headline is not null && spot.LineIndex < topStart);
                if (!afterHeadline || !inArticle)
                {
                    continue;
                }
                if (HtmlPhotos.Describe(spot.Element, baseUri) is not { } found)
                {
                    decorative++;
                    continue;
                }
                photos.Add((paragraphs.Count, found.Photo));
                relative += found.Relative ? 1 : 0;
                if (found.CaptionElement is { } caption)
                {
                    captions.Add(caption);
                }
            }
        }

        foreach (var line in lines)
        {
            PlacePhotos(line.Index);
            if (captions.Count > 0 && IsCaption(line, captions))
            {
                continue;
            }
            if (headline is not null && line.Index <= headline.Index)
            {
                continue;
            }
            var inside = top is not null && IsWithin(line.Owner, top);
            var beforeTop = top is not null && headline is not null && !inside && line.Index < topStart;
            if (top is not null && !inside && !beforeTop)
            {
                continue;
            }
            var text = VietnameseText.NormalizeLine(line.Text);
            if (text.Length == 0)
            {
                continue;
            }
            if (PageFurniture.PublicationTimeOf(text) is { } shown)
            {
                if (publishedAt is null)
                {
                    publishedAt = shown;
                    publishedFrom = $"the date shown on the page, \"{text}\"";
                }
                continue;
            }
            if (line.LinkShare > MaxLinkShare || PageFurniture.IsBreadcrumb(text) || PageFurniture.IsTrailing(text))
            {
                dropped++;
                continue;
            }
            // Before the lead: a section label, the author box, a short note; the lead is a sentence, or a long line.
            if (!leadSeen && text.Split(' ').Length < MinLeadWords && !EndsSentence(text))
            {
                dropped++;
                continue;
            }
            leadSeen = true;
            paragraphs.Add(text);
        }
        PlacePhotos(int.MaxValue);
        if (decorative > 0)
        {
            notes.Add(new ImportNote("dropped", "photos",
                $"Left out {decorative} image(s) in the article that are not its photos (logos, icons, pixels, thumbnails of links)."));
        }
        if (relative > 0)
        {
            notes.Add(new ImportNote("warning", "photos", $"{relative} photo source(s) are relative and the page names no address of its own "
                + "(<base href>, og:url, canonical link): they are recorded as written."));
        }
        ParsedPhoto? declared = null;
        if (HtmlPhotos.Resolve(metadata.Image, baseUri) is ({ } image, var imageRelative) && !imageRelative)
        {
            declared = new ParsedPhoto(image, null, metadata.ImageAlt, null,
                metadata.ImageWidth > 0 && metadata.ImageHeight > 0 ? metadata.ImageWidth : 0,
                metadata.ImageWidth > 0 && metadata.ImageHeight > 0 ? metadata.ImageHeight : 0);
        }
        if (dropped > 0)
        {
            notes.Add(new ImportNote("dropped", "page",
                $"Dropped {dropped} line(s) of page furniture (links, labels, share and keyword lines)."));
        }
        if (publishedAt is not null)
        {
            var shownOnly = publishedFrom!.StartsWith("the date shown", StringComparison.Ordinal);
            var time = publishedAt.Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
            notes.Add(new ImportNote(shownOnly ? "inferred" : "found", "publishedAt", $"Read the publication time {time} from {publishedFrom}."));
        }

        var contactHeader = FindContactHeader(document.DocumentElement, top ?? body, notes);
        var empty = top is null
            ? 0
            : top.QuerySelectorAll("p").Count(p => string.IsNullOrWhiteSpace(p.TextContent) && p.QuerySelector("img") is null);
        var (breadcrumb, keywords) = ReadLabels(document, metadata, lines, headline, headlineText, notes);
        return new Page(paragraphs, contactHeader, empty, notes, PublishedAt: publishedAt, Breadcrumb: breadcrumb, Keywords: keywords)
        {
            Photos = photos,
            Declared = declared,
        };
    }

    private static (IReadOnlyList<string> Breadcrumb, IReadOnlyList<string> Keywords) ReadLabels(
        IDocument document, PageMetadata metadata, List<Line> lines, Line? headline, string headlineText, List<ImportNote> notes)
    {
        HtmlLabels.LineInBlock? above = null;
        // The headline's container: the first element above it that holds more than the headline's own wrappers.
        var container = headline?.Owner.ParentElement;
        while (container is { Children.Length: 1, ParentElement: { } parent })
        {
            container = parent;
        }
        if (headline is { Index: > 0 } && lines[headline.Index - 1] is var previous && container is not null
            && IsWithin(previous.Owner, container))
        {
            above = new(previous.Owner, VietnameseText.NormalizeLine(previous.Text));
        }
        // Only a line's opening can hold the label: normalizing every line of a long page in full would cost its size again.
        var keywordLines = lines
            .Where(l => PageFurniture.IsKeywordList(VietnameseText.NormalizeLine(l.Text.Length > LabelPrefix ? l.Text[..LabelPrefix] : l.Text)))
            .Select(l => new HtmlLabels.LineInBlock(l.Owner, VietnameseText.NormalizeLine(l.Text)))
            .Where(l => PageFurniture.IsKeywordList(l.Text))
            .ToList();
        var (items, from, keywords) = HtmlLabels.Read(document, metadata, headline?.Owner, above, keywordLines);
        var breadcrumb = PageLabels.WithoutHeadline(PageLabels.Trail(items) ?? [], headlineText);
        if (breadcrumb.Count > 0)
        {
            var inferred = from!.StartsWith("the label", StringComparison.Ordinal) || from.StartsWith("the article's category", StringComparison.Ordinal);
            notes.Add(new ImportNote(inferred ? "inferred" : "found", "breadcrumb",
                $"Read the breadcrumb \"{string.Join(" › ", breadcrumb)}\" from {from}."));
        }
        if (keywords.Count > 0)
        {
            notes.Add(new ImportNote("found", "keywords", $"Read {keywords.Count} keyword(s): {string.Join(", ", keywords)}."));
        }
        return (breadcrumb, keywords);
    }

    /// <summary>Whether a line is a photo's caption: inside the caption element, or its text where the caption is inline.</summary>
    private static bool IsCaption(Line line, List<IElement> captions)
    {
        foreach (var caption in captions)
        {
            if (IsWithin(line.Owner, caption)
                || (line.Owner == caption.ParentElement || IsWithin(caption, line.Owner)) && VietnameseText.NormalizeLine(line.Text) == VietnameseText.NormalizeLine(caption.TextContent))
            {
                return true;
            }
        }
        return false;
    }

    private static bool EndsSentence(string text) =>
        text.TrimEnd('"', '”', '»', ')', ' ') is { Length: > 0 } t && t[^1] is '.' or '!' or '?' or '…';

    private static int FirstIndexWithin(List<Line> lines, IElement top)
    {
        foreach (var line in lines)
        {
            if (IsWithin(line.Owner, top))
            {
                return line.Index;
            }
        }
        return int.MaxValue;
    }

    /// <summary>
    /// The element holding the article's text, scored as Readability does: every line of some length gives its block's
    /// parent a point, one per comma and one per hundred characters (at most three), and half of that to the
    /// grandparent; a candidate's score shrinks with the share of its text that is links.
    /// </summary>
    private static IElement? TopCandidate(List<Line> lines)
    {
        var scores = new Dictionary<IElement, double>(ReferenceEqualityComparer.Instance);
        var text = new Dictionary<IElement, (int All, double Links)>(ReferenceEqualityComparer.Instance);
        foreach (var line in lines)
        {
            for (var element = line.Owner; element is not null; element = element.ParentElement)
            {
                var (all, links) = text.GetValueOrDefault(element);
                text[element] = (all + line.Text.Length, links + line.LinkShare * line.Text.Length);
            }
            if (line.Text.Length < MinScoredLength || line.LinkShare > MaxLinkShare || line.HeadingLevel > 0)
            {
                continue;
            }
            var score = 1 + line.Text.Count(c => c == ',') + Math.Min(line.Text.Length / 100, 3);
            // A block's own anonymous lines (text split by <br>) count for the block itself.
            var parent = line.Owner.Children.Length > 0 && line.Owner.LocalName != "p"
                ? line.Owner
                : line.Owner.ParentElement ?? line.Owner;
            scores[parent] = scores.GetValueOrDefault(parent) + score;
            if (parent.ParentElement is { } grandparent)
            {
                scores[grandparent] = scores.GetValueOrDefault(grandparent) + score / 2.0;
            }
        }
        IElement? best = null;
        var bestScore = 0.0;
        foreach (var (element, score) in scores)
        {
            var (all, links) = text[element];
            var adjusted = score * (1 - (all == 0 ? 0 : links / all));
            if (adjusted > bestScore)
            {
                bestScore = adjusted;
                best = element;
            }
        }
        return best;
    }

    /// <summary>
    /// The article's own heading: among headings (h1–h6, ARIA headings, a big &lt;font&gt;, a line set wholly in bold),
    /// the one that agrees with og:title, the JSON-LD headline or a part of &lt;title&gt;; without agreement, the
    /// highest-ranked heading before the text; without a heading, the page's declared title.
    /// </summary>
    private static Line? ChooseHeadline(List<Line> lines, IElement? top, PageMetadata metadata, List<ImportNote> notes, out string text)
    {
        // Where the article's text starts: its first plain line of some length (a section heading may come before).
        var firstText = top is null
            ? int.MaxValue
            : lines.FirstOrDefault(l => l.HeadingLevel == 0 && l.Text.Length >= 2 * MinScoredLength && IsWithin(l.Owner, top))?.Index
                ?? int.MaxValue;
        Line? best = null;
        var bestScore = 0.0;
        string? agreedWith = null;
        foreach (var line in lines)
        {
            if (line.Text.Length > MaxHeadlineLength || line.LinkShare > MaxLinkShare || (line.HeadingLevel == 0 && !line.Emphasized))
            {
                continue;
            }
            var (agreement, source) = metadata.Agreement(line.Text);
            if (agreement == 0 && line.Index > firstText)
            {
                continue;
            }
            var rank = line.HeadingLevel switch { 1 => 0.6, 2 => 0.4, > 2 => 0.2, _ => 0.1 };
            var score = agreement * 2 + rank;
            if (score > bestScore)
            {
                bestScore = score;
                best = line;
                agreedWith = agreement > 0 ? source : null;
            }
        }
        // A bold line that agrees with nothing is a headline only on a page that declares no title of its own.
        if (best is not null && (agreedWith is not null || best.HeadingLevel > 0 || (best.Emphasized && !metadata.DeclaresTitle)))
        {
            text = VietnameseText.NormalizeLine(best.Text);
            notes.Add(agreedWith is not null
                ? new ImportNote("found", "headline", $"The article's heading, which agrees with {agreedWith}.")
                : new ImportNote("inferred", "headline",
                    "The page declares no title that agrees with a heading; took its leading heading."));
            return best;
        }
        if (metadata.DeclaredTitle() is { } declared)
        {
            text = declared.Text;
            notes.Add(new ImportNote("inferred", "headline",
                $"The page has no heading of its own; took the headline from {declared.Source}."));
            return null;
        }
        text = "";
        return null;
    }

    /// <summary>
    /// The page's text as lines in document order: each &lt;br&gt; or block edge ends one, and each knows its block,
    /// the share of it that is link text, whether all of it is bold or big, and its heading level.
    /// </summary>
    private static List<Line> Lines(INode root, List<HtmlPhotos.Spot> spots)
    {
        var lines = new List<Line>();
        var builder = new StringBuilder();
        var linkChars = 0;
        var plainChars = 0;
        IElement? owner = null;
        var ownerEmphasis = false;

        void Flush()
        {
            if (builder.Length == 0 || owner is null)
            {
                builder.Clear();
                linkChars = plainChars = 0;
                return;
            }
            // Only the lines the article keeps are normalized (below); scoring needs their length and commas alone.
            var text = CollapseWhitespace(builder);
            var total = linkChars + plainChars;
            if (text.Length > 0 && total > 0)
            {
                var level = HeadingLevel(owner);
                lines.Add(new Line(text, owner, lines.Count, (double)linkChars / total, ownerEmphasis, level));
            }
            builder.Clear();
            linkChars = plainChars = 0;
            ownerEmphasis = true;
        }

        var stack = new Stack<(INodeList Children, int Index, IElement? Block, bool Link, bool Emphasis, bool EndsBlock)>();
        stack.Push((root.ChildNodes, 0, root as IElement, false, false, false));
        while (stack.Count > 0)
        {
            var (children, index, block, link, emphasis, endsBlock) = stack.Pop();
            if (index >= children.Length)
            {
                if (endsBlock)
                {
                    Flush();
                }
                continue;
            }
            stack.Push((children, index + 1, block, link, emphasis, endsBlock));
            switch (children[index])
            {
                case IText node:
                    if (block is null || node.Data.All(char.IsWhiteSpace))
                    {
                        if (builder.Length > 0)
                        {
                            builder.Append(' ');
                        }
                        break;
                    }
                    if (builder.Length == 0 || owner != block)
                    {
                        if (owner != block)
                        {
                            Flush();
                        }
                        owner = block;
                        ownerEmphasis = true;
                    }
                    ownerEmphasis &= emphasis;
                    var letters = node.Data.Count(c => !char.IsWhiteSpace(c));
                    if (link)
                    {
                        linkChars += letters;
                    }
                    else
                    {
                        plainChars += letters;
                    }
                    AppendInline(builder, node.Data);
                    break;
                case IElement figure when figure.LocalName == "figure":
                    // A figure is a block of its own; its caption is no line of the text.
                    Flush();
                    if (!HasClass(figure, SkippedClassFragments) && !HasId(figure, SkippedClassFragments))
                    {
                        spots.Add(new HtmlPhotos.Spot(figure, lines.Count));
                    }
                    break;
                case IElement image when HtmlPhotos.IsImage(image):
                    // In the middle of a line, the photo goes after it.
                    spots.Add(new HtmlPhotos.Spot(image, lines.Count + (linkChars + plainChars > 0 ? 1 : 0)));
                    break;
                case IElement element when !TextlessElements.Contains(element.LocalName) && !IsFurniture(element):
                    if (element.LocalName == "br")
                    {
                        Flush();
                        break;
                    }
                    var isBlock = BlockElements.Contains(element.LocalName) || HeadingLevel(element) > 0;
                    if (isBlock)
                    {
                        Flush();
                    }
                    stack.Push((element.ChildNodes, 0, isBlock ? element : block, link || element.LocalName == "a",
                        emphasis || IsEmphasis(element), isBlock));
                    break;
            }
        }
        Flush();
        return lines;
    }

    private static string CollapseWhitespace(StringBuilder builder)
    {
        var result = new StringBuilder(builder.Length);
        var space = false;
        for (var i = 0; i < builder.Length; i++)
        {
            var c = builder[i];
            if (char.IsWhiteSpace(c))
            {
                space = result.Length > 0;
                continue;
            }
            if (space)
            {
                result.Append(' ');
                space = false;
            }
            result.Append(c);
        }
        return result.ToString();
    }

    private static bool IsEmphasis(IElement element) =>
        element.LocalName is "b" or "strong" || BigFont(element)
        || (element.GetAttribute("style") is { } style
            && style.Replace(" ", "", StringComparison.Ordinal).Contains("font-weight:bold", StringComparison.OrdinalIgnoreCase));

    private static bool BigFont(IElement element) =>
        element.LocalName == "font" && int.TryParse(element.GetAttribute("size")?.TrimStart('+'), out var size) && size >= 4;

    private static int HeadingLevel(IElement element) => element.LocalName switch
    {
        "h1" => 1,
        "h2" => 2,
        "h3" => 3,
        "h4" or "h5" or "h6" => 4,
        _ when element.GetAttribute("role") == "heading" =>
            int.TryParse(element.GetAttribute("aria-level"), out var level) ? Math.Clamp(level, 1, 4) : 2,
        _ when BigFont(element) || element.Children.Length == 1 && BigFont(element.Children[0]) => 2,
        _ => 0,
    };

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
