namespace NewsApi.Text;

/// <summary>
/// The section trail (breadcrumb) and the keywords of a page, cleaned by the same rules whatever markup or line they
/// came from: NFC, whitespace collapsed, no home link, no separators, keywords unique whatever their tones.
/// </summary>
internal static class PageLabels
{
    public const int MaxKeywords = 20;
    public const int MaxKeywordLength = 60;

    // A longer "trail" is a menu; a longer "section name" is a headline or a sentence.
    private const int MaxTrailItems = 8;
    private const int MaxTrailItemLength = 80;

    private static readonly HashSet<string> HomeNames = new(StringComparer.Ordinal)
    {
        "trang chu", "trang nhat", "trang chinh", "home", "homepage", "home page", "trang dau",
    };

    private static readonly char[] KeywordSeparators = [',', ';', '|', '，', '、'];

    /// <summary>
    /// The names of a trail, top first: home links (by name or by an address of the site's root) and separators
    /// dropped. Null when the items are no trail (too many, or one too long to be a section's name).
    /// </summary>
    public static List<string>? Trail(IEnumerable<(string Text, string? Href)> items)
    {
        var names = new List<string>();
        foreach (var (text, href) in items)
        {
            var name = VietnameseText.NormalizeLine(text).Trim('›', '»', '>', '/', '|', '·', '•', ':', ' ');
            if (!name.Any(char.IsLetterOrDigit) || HomeNames.Contains(VietnameseText.Fold(name)) || IsHomeAddress(href))
            {
                continue;
            }
            if (name.Length > MaxTrailItemLength)
            {
                return null;
            }
            // Markup that nests a link in a list item can give the same name twice in a row.
            if (names.Count == 0 || names[^1] != name)
            {
                names.Add(name);
            }
        }
        return names.Count > MaxTrailItems ? null : names;
    }

    /// <summary>The trail without its last name when that name is the article's own headline (or its shortened form).</summary>
    public static IReadOnlyList<string> WithoutHeadline(IReadOnlyList<string> trail, string headline)
    {
        if (trail.Count == 0)
        {
            return trail;
        }
        var last = Comparable(trail[^1]);
        var title = Comparable(headline);
        var shortened = trail[^1].EndsWith("...", StringComparison.Ordinal) || trail[^1].EndsWith('…');
        return last == title || (shortened && last.Split(' ').Length >= 3 && title.StartsWith(last, StringComparison.Ordinal))
            ? trail.Take(trail.Count - 1).ToList()
            : trail;
    }

    /// <summary>The parts of a keyword list written as text: "a, b; c".</summary>
    public static IEnumerable<string> SplitKeywords(string text) =>
        text.Split(KeywordSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether an address is the site's root ("/", "https://example.vn/", "/index.html"): a home link.</summary>
    public static bool IsHomeAddress(string? href)
    {
        if (href is null)
        {
            return false;
        }
        var path = href.Trim();
        if (Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            if (uri.Query.Length > 0)
            {
                return false;
            }
            path = uri.AbsolutePath;
        }
        path = path.TrimEnd('/');
        return path.Length == 0
            ? href.Trim().Length > 0
            : path is "/index.html" or "/index.htm" or "/index.php" or "/default.aspx" or "/home" or "/trang-chu";
    }

    private static string Comparable(string text) =>
        VietnameseText.Fold(text).TrimEnd('.', '…', ' ');

    /// <summary>Keywords in the order they come, each at most once whatever its tones and case, at most twenty.</summary>
    public sealed class KeywordSet
    {
        private readonly List<string> _keywords = [];
        private readonly HashSet<string> _folded = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Items => _keywords;

        public void Add(string? raw)
        {
            if (_keywords.Count >= MaxKeywords)
            {
                return;
            }
            var keyword = VietnameseText.NormalizeLine(raw).Trim('#', '.', ',', ';', ':', '|', '·', '•', '"', '“', '”', ' ');
            if (keyword.Length is 0 or > MaxKeywordLength || !keyword.Any(char.IsLetterOrDigit))
            {
                return;
            }
            if (_folded.Add(VietnameseText.Fold(keyword)))
            {
                _keywords.Add(keyword);
            }
        }

        public void AddList(string text)
        {
            foreach (var part in SplitKeywords(text))
            {
                Add(part);
            }
        }
    }
}
