using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsApi.Text;

/// <summary>
/// A photo on an imported page. SourceUrl is where the page shows it from: absolute when the page says where it lives
/// (&lt;base href&gt;, og:url, its canonical link), else as written. Nothing here fetches it. Width and height are the
/// img's own attributes, or 0 when it has none.
/// </summary>
public sealed record ParsedPhoto(string SourceUrl, string? Caption, string? Alt, string? Credit, int Width, int Height);

/// <summary>A photo in the body: it stands before body paragraph BeforeParagraph (Body.Count: after the last one).</summary>
public sealed record PlacedPhoto(int BeforeParagraph, ParsedPhoto Photo);

/// <summary>The credit a photo caption ends with, as Vietnamese papers print it: "… Ảnh: TTXVN", "… (Ảnh: Nguyễn Văn A)".</summary>
public static partial class PhotoCaptions
{
    /// <summary>Longer than any caption a page prints under a photo; past it the text is left whole.</summary>
    public const int MaxSplitLength = 2000;
    private const int MaxCreditLength = 100;

    private const string Label = @"(?:ảnh(?:\s+(?:minh\s+h(?:ọa|oạ)|tư\s+liệu))?|nguồn(?:\s+ảnh)?|photo)\s*:";

    [GeneratedRegex(@"^(?<caption>.*?)\s*\(\s*" + Label + @"\s*(?<credit>[^()]{1,100}?)\s*\)\s*\.?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Bracketed();

    // The credit opens the caption, follows a sentence's end, or follows a dash.
    [GeneratedRegex(@"^(?:(?<caption>.*?[.!?…""”»)])\s+|(?<caption>.*?)\s+[-–—|]\s+)?" + Label + @"\s*(?<credit>[^:]{1,100}?)\s*\.?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Trailing();

    /// <summary>
    /// The caption without its credit, and the credit (null when it names none). "Ảnh minh họa." is a caption, not a
    /// credit; a caption that is only a credit gives a null caption.
    /// </summary>
    public static (string? Caption, string? Credit) Split(string? text)
    {
        var line = VietnameseText.NormalizeLine(text);
        if (line.Length == 0)
        {
            return (null, null);
        }
        if (line.Length > MaxSplitLength)
        {
            return (line, null);
        }
        try
        {
            var match = Bracketed().Match(line);
            if (!match.Success)
            {
                match = Trailing().Match(line);
            }
            if (!match.Success)
            {
                return (line, null);
            }
            var credit = match.Groups["credit"].Value.Trim().TrimEnd('.', ' ');
            if (credit.Length is 0 or > MaxCreditLength || !credit.Any(char.IsLetter))
            {
                return (line, null);
            }
            var caption = match.Groups["caption"].Value.Trim();
            return (caption.Length == 0 ? null : caption, credit);
        }
        catch (RegexMatchTimeoutException)
        {
            return (line, null);
        }
    }
}

/// <summary>
/// Which images of an HTML page are the article's photos, and what each shows: &lt;figure&gt; with its
/// &lt;figcaption&gt;, or an &lt;img&gt; with the caption line right after it. Logos, icons, tracking pixels, avatars,
/// banners and the thumbnails of links to other pages are not photos.
/// </summary>
internal static class HtmlPhotos
{
    /// <summary>An image or figure met while laying out the page's lines: it stands before line LineIndex.</summary>
    internal sealed record Spot(IElement Element, int LineIndex);

    /// <summary>A photo found at a spot, and the element whose text is its caption (not a paragraph of the body).</summary>
    internal sealed record Found(ParsedPhoto Photo, IElement? CaptionElement, bool Relative);

    // Shorter than this on a side (given in its attributes): an icon, a bullet, a pixel.
    private const int MinSide = 50;
    // A caption line under a bare img is short; a longer line is the body going on.
    private const int MaxCaptionLength = 400;

    private static readonly string[] DecorativeNames =
        ["logo", "icon", "avatar", "sprite", "spacer", "pixel", "blank.", "banner", "emoji", "loading", "placeholder", "favicon"];

    private static readonly string[] FurnitureFragments =
    [
        "logo", "avatar", "author", "related", "relate", "lien-quan", "lienquan", "tin-khac", "other", "more", "sidebar",
        "advert", "banner", "sponsor", "widget", "share", "social", "comment", "menu", "nav", "quang-cao", "qc-",
    ];

    private static readonly string[] CaptionFragments = ["caption", "chu-thich", "chuthich", "desc", "expnote", "note-img"];

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".bmp", ".tif", ".tiff"];

    private static readonly string[] LazySources = ["data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "src"];

    public static bool IsImage(IElement element) => element.LocalName is "img" or "amp-img";

    /// <summary>The photo a figure or img shows, or null when it is decorative (or a figure without an image).</summary>
    public static Found? Describe(IElement element, Uri? baseUri)
    {
        if (element.LocalName == "figure")
        {
            var image = FirstImage(element);
            if (image is null || IsDecorative(image))
            {
                return null;
            }
            var caption = FirstDescendant(element, "figcaption");
            return Photo(image, caption is null ? null : caption.TextContent, baseUri, caption);
        }
        if (IsDecorative(element))
        {
            return null;
        }
        var captionElement = CaptionAfter(element);
        return Photo(element, captionElement?.TextContent, baseUri, captionElement);
    }

    /// <summary>The page's own address for resolving relative sources: &lt;base href&gt;, og:url, the canonical link.</summary>
    public static Uri? BaseUri(string? baseHref, string? pageUrl, string? canonical)
    {
        var page = Absolute(pageUrl) ?? Absolute(canonical);
        if (baseHref is { Length: > 0 })
        {
            if (Absolute(baseHref) is { } absolute)
            {
                return absolute;
            }
            if (page is not null && Uri.TryCreate(page, baseHref.Trim(), out var relative) && IsWeb(relative))
            {
                return relative;
            }
        }
        return page;
    }

    /// <summary>A source made absolute against the base (https for a scheme-relative one without it); null when unusable.</summary>
    public static (string? Url, bool Relative) Resolve(string? raw, Uri? baseUri)
    {
        var source = raw?.Trim();
        if (string.IsNullOrEmpty(source) || source.StartsWith('#')
            || source.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            || source.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || source.StartsWith("about:", StringComparison.OrdinalIgnoreCase)
            || source.StartsWith("blob:", StringComparison.OrdinalIgnoreCase)
            || source.Any(char.IsControl))
        {
            return (null, false);
        }
        if (Uri.TryCreate(source, UriKind.Absolute, out var absolute) && !source.StartsWith('/'))
        {
            return IsWeb(absolute) ? (absolute.AbsoluteUri, false) : (null, false);
        }
        if (baseUri is null && source.StartsWith("//", StringComparison.Ordinal))
        {
            baseUri = new Uri("https://localhost/");
        }
        if (baseUri is not null)
        {
            return Uri.TryCreate(baseUri, source, out var resolved) && IsWeb(resolved) ? (resolved.AbsoluteUri, false) : (null, false);
        }
        return (source, true);
    }

    private static Found? Photo(IElement image, string? captionText, Uri? baseUri, IElement? captionElement)
    {
        var (url, relative) = Resolve(SourceOf(image), baseUri);
        if (url is null)
        {
            return null;
        }
        var (caption, credit) = PhotoCaptions.Split(captionText);
        var alt = VietnameseText.NormalizeLine(image.GetAttribute("alt"));
        var (width, height) = (Side(image, "width"), Side(image, "height"));
        if (width <= 0 || height <= 0)
        {
            (width, height) = (0, 0);
        }
        return new Found(new ParsedPhoto(url, caption, alt.Length == 0 ? null : alt, credit, width, height), captionElement, relative);
    }

    /// <summary>The largest source a srcset offers, else the lazy-loading attribute's, else src.</summary>
    private static string? SourceOf(IElement image)
    {
        foreach (var name in (ReadOnlySpan<string>)["data-srcset", "srcset"])
        {
            if (Largest(image.GetAttribute(name)) is { } best)
            {
                return best;
            }
        }
        foreach (var name in LazySources)
        {
            if (image.GetAttribute(name) is { } value && Resolve(value, null) is ({ }, _))
            {
                return value;
            }
        }
        return null;
    }

    private static string? Largest(string? srcset)
    {
        if (string.IsNullOrWhiteSpace(srcset))
        {
            return null;
        }
        string? best = null;
        var bestSize = -1.0;
        foreach (var candidate in srcset.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = candidate.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || Resolve(parts[0], null) is (null, _))
            {
                continue;
            }
            var size = parts.Length > 1 && parts[1].Length > 1
                && double.TryParse(parts[1][..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 1;
            if (size > bestSize)
            {
                (best, bestSize) = (parts[0], size);
            }
        }
        return best;
    }

    private static bool IsDecorative(IElement image)
    {
        var source = SourceOf(image);
        if (source is null)
        {
            return true;
        }
        var path = source.Split('?', '#')[0];
        var file = path[(path.LastIndexOf('/') + 1)..];
        if (file.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".ico", StringComparison.OrdinalIgnoreCase)
            || ContainsAny(file, DecorativeNames) || ContainsAny(image.GetAttribute("class"), DecorativeNames)
            || ContainsAny(image.GetAttribute("id"), DecorativeNames)
            || VietnameseText.Fold(image.GetAttribute("alt")) is "logo" or "icon" or "avatar")
        {
            return true;
        }
        var (width, height) = (Side(image, "width"), Side(image, "height"));
        if (width is > 0 and < MinSide || height is > 0 and < MinSide)
        {
            return true;
        }
        var inArticle = false;
        var headerOutside = false;
        for (var element = image.ParentElement; element is not null && element.LocalName is not ("body" or "html"); element = element.ParentElement)
        {
            switch (element.LocalName)
            {
                case "nav" or "aside" or "footer":
                    return true;
                case "header":
                    headerOutside = true;
                    break;
                case "article" or "main":
                    inArticle = true;
                    break;
                case "a" when IsLinkToAPage(element.GetAttribute("href")):
                    // A thumbnail linking to another article (a related list, a teaser), or the site's home.
                    return true;
            }
            if (element.GetAttribute("role") is "navigation" or "banner" or "complementary"
                || ContainsAny(element.GetAttribute("class"), FurnitureFragments) || ContainsAny(element.GetAttribute("id"), FurnitureFragments))
            {
                return true;
            }
            if (!inArticle && (ContainsAny(element.GetAttribute("class"), ["header", "footer"]) || ContainsAny(element.GetAttribute("id"), ["header", "footer"])))
            {
                headerOutside = true;
            }
        }
        // A header is the site's unless it sits inside the article (whose own header may hold its photo).
        return headerOutside && !inArticle;
    }

    private static bool IsLinkToAPage(string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || href.TrimStart().StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var path = href.Split('?', '#')[0];
        return !ImageExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The caption line right after a bare img: the next thing after the element that holds only the image (its link,
    /// paragraph or cell), when it is short and set as a caption is (a caption class, italics, centred, a photo
    /// credit, a table row under the photo's).
    /// </summary>
    private static IElement? CaptionAfter(IElement image)
    {
        var box = image;
        while (box.ParentElement is { } parent && parent.LocalName is not ("body" or "article" or "main" or "html" or "section") && HoldsOnly(parent, box))
        {
            box = parent;
        }
        INode? next = box.NextSibling;
        while (next is IComment || next is IText { Data: var data } && string.IsNullOrWhiteSpace(data) || next is IElement { LocalName: "br" })
        {
            next = next.NextSibling;
        }
        if (next is not IElement candidate || candidate.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "figure" or "table"
            || FirstImage(candidate) is not null)
        {
            return null;
        }
        var text = VietnameseText.NormalizeLine(candidate.TextContent);
        if (text.Length is 0 or > MaxCaptionLength)
        {
            return null;
        }
        var classed = ContainsAny(candidate.GetAttribute("class"), CaptionFragments)
            || candidate.QuerySelector("[class*=caption]") is not null;
        var italic = IsWhollyIn(candidate, "em", "i");
        var bold = IsWhollyIn(candidate, "strong", "b");
        var centred = (candidate.GetAttribute("align") ?? "").Equals("center", StringComparison.OrdinalIgnoreCase)
            || (candidate.GetAttribute("style") ?? "").Replace(" ", "", StringComparison.Ordinal).Contains("text-align:center", StringComparison.OrdinalIgnoreCase);
        var credited = PhotoCaptions.Split(text).Credit is not null;
        var row = candidate.LocalName is "tr" or "figcaption" || candidate.LocalName == "td" && box.LocalName == "td";
        return classed || italic || credited || row || (centred && !bold) ? candidate : null;
    }

    private static bool HoldsOnly(IElement parent, IElement child)
    {
        foreach (var node in parent.ChildNodes)
        {
            if (node != child && node is not IComment && !(node is IText t && string.IsNullOrWhiteSpace(t.Data)) && node is not IElement { LocalName: "br" })
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether every letter of the element is inside one of these inline elements (or it is one).</summary>
    private static bool IsWhollyIn(IElement element, params string[] names)
    {
        if (names.Contains(element.LocalName))
        {
            return true;
        }
        var stack = new Stack<(INode Node, bool Inside)>();
        stack.Push((element, false));
        while (stack.Count > 0)
        {
            var (node, inside) = stack.Pop();
            if (node is IText text)
            {
                if (!inside && !string.IsNullOrWhiteSpace(text.Data))
                {
                    return false;
                }
                continue;
            }
            foreach (var child in node.ChildNodes)
            {
                stack.Push((child, inside || child is IElement e && names.Contains(e.LocalName)));
            }
        }
        return true;
    }

    private static IElement? FirstImage(IElement root)
    {
        foreach (var element in root.Descendants<IElement>())
        {
            if (IsImage(element))
            {
                return element;
            }
        }
        return null;
    }

    private static IElement? FirstDescendant(IElement root, string name)
    {
        foreach (var element in root.Descendants<IElement>())
        {
            if (element.LocalName == name)
            {
                return element;
            }
        }
        return null;
    }

    private static int Side(IElement image, string name)
    {
        var value = image.GetAttribute(name)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return -1;
        }
        var digits = 0;
        while (digits < value.Length && digits < 6 && char.IsAsciiDigit(value[digits]))
        {
            digits++;
        }
        return digits == 0 || digits < value.Length && value[digits..] is not ("px" or "") ? -1 : int.Parse(value[..digits], CultureInfo.InvariantCulture);
    }

    private static Uri? Absolute(string? url) =>
        url is { Length: > 0 } && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && IsWeb(uri) ? uri : null;

    private static bool IsWeb(Uri uri) => uri.Scheme is "http" or "https";

    private static bool ContainsAny(string? value, string[] fragments)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        foreach (var fragment in fragments)
        {
            if (value.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
