using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsApi.Text;

/// <summary>
/// Lines that pages of every layout print around an article and that are not its text: the visible publication date,
/// a breadcrumb, keyword lists, share prompts, the article's own address in a print view.
/// </summary>
public static partial class PageFurniture
{
    private const int MaxDateLineLength = 80;
    private const int MaxDateLineWords = 10;
    private const int MaxBreadcrumbLength = 100;

    // The newsroom's clock when a visible date prints no offset: Vietnamese pages print Vietnam time.
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private static readonly HashSet<string> ShareWords = new(StringComparer.Ordinal)
    {
        "chia", "sẻ", "thích", "bình", "luận", "in", "bài", "lưu", "gửi", "facebook", "zalo", "twitter", "email",
        "tweet", "share", "like", "copy", "link", "sao", "chép", "liên", "kết",
    };

    /// <summary>
    /// The publication time a line such as "Thứ Ba, 05/03/2024, 14:20 (GMT+7)" or "Cập nhật lúc 10:30, 05/09/2009"
    /// shows, when the line is little more than that date; Vietnam time unless it prints another offset.
    /// </summary>
    public static DateTimeOffset? PublicationTimeOf(string line)
    {
        if (line.Length is 0 or > MaxDateLineLength || line.Split(' ').Length > MaxDateLineWords)
        {
            return null;
        }
        var date = VisibleDate().Match(line);
        if (!date.Success)
        {
            return null;
        }
        // What is left besides the date, the time and the words pages put around them must be next to nothing.
        var rest = VisibleDate().Replace(line, " ");
        rest = ClockTime().Replace(rest, " ");
        rest = DateWords().Replace(rest, " ");
        if (rest.Any(char.IsLetterOrDigit))
        {
            return null;
        }
        var day = int.Parse(date.Groups["d"].ValueSpan, CultureInfo.InvariantCulture);
        var month = int.Parse(date.Groups["m"].ValueSpan, CultureInfo.InvariantCulture);
        var year = int.Parse(date.Groups["y"].ValueSpan, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || year is < 1900 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }
        var hour = 0;
        var minute = 0;
        if (ClockTime().Match(line) is { Success: true } time)
        {
            hour = int.Parse(time.Groups["h"].ValueSpan, CultureInfo.InvariantCulture);
            minute = int.Parse(time.Groups["min"].ValueSpan, CultureInfo.InvariantCulture);
            if (hour > 23 || minute > 59)
            {
                return null;
            }
        }
        var offset = VietnamOffset;
        if (GmtOffset().Match(line) is { Success: true } gmt)
        {
            var hours = int.Parse(gmt.Groups["o"].Value.Replace(" ", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            if (hours is < -12 or > 14)
            {
                return null;
            }
            offset = TimeSpan.FromHours(hours);
        }
        return new DateTimeOffset(year, month, day, hour, minute, 0, offset);
    }

    /// <summary>"Trang chủ › Thời sự", "Sức khỏe » Y tế": short segments joined by path arrows, no sentence.</summary>
    public static bool IsBreadcrumb(string line) =>
        line.Length <= MaxBreadcrumbLength && BreadcrumbArrow().IsMatch(line) && !line.TrimEnd().EndsWith('.')
        && line.Split(['›', '»', '>', '/', '|'], StringSplitOptions.TrimEntries).All(s => s.Length > 0 && s.Split(' ').Length <= 5);

    /// <summary>A section's name above a copied article ("Thời sự", "Kinh tế - Xã hội"): a few words, no sentence.</summary>
    public static bool IsSectionLabel(string line) =>
        line.Length <= 40 && line.Split(' ').Length <= 4 && !line.Any(char.IsDigit)
        && line.TrimEnd() is { Length: > 0 } text && char.IsLetter(text[^1]);

    /// <summary>
    /// A keyword list ("Từ khóa: …", "Tags: …"), a share prompt ("Chia sẻ: Facebook | Zalo"), or a bare address.
    /// </summary>
    public static bool IsTrailing(string line)
    {
        if (IsKeywordList(line))
        {
            return true;
        }
        var url = Url().Match(line);
        if (url.Success && url.Length * 2 >= line.Length)
        {
            return true;
        }
        var words = line.ToLowerInvariant().Split([' ', '|', ':', '·', '•', '/', ','], StringSplitOptions.RemoveEmptyEntries);
        return words.Length is > 0 and <= 8 && words.All(w => ShareWords.Contains(w) || w.All(char.IsDigit) || w is "(0)");
    }

    /// <summary>A line that opens with a keyword label: "Từ khóa: …", "Từ khoá: …", "Tags: …", "Tag: …", "Chủ đề: …".</summary>
    internal static bool IsKeywordList(string line) => KeywordList().IsMatch(line);

    /// <summary>What follows the keyword label of a keyword line ("a, b" of "Tags: a, b"); null when the line has none.</summary>
    internal static string? KeywordListText(string line) =>
        KeywordList().Match(line) is { Success: true } label ? line[label.Length..] : null;

    /// <summary>The segments of a breadcrumb line, top first ("Sức khỏe › Y tế" gives "Sức khỏe", "Y tế").</summary>
    internal static string[] BreadcrumbSegments(string line) =>
        BreadcrumbSeparator().Split(line).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();

    [GeneratedRegex(@"(?<![0-9/])(?<d>[0-9]{1,2})\s*[/.-]\s*(?<m>[0-9]{1,2})\s*[/.-]\s*(?<y>[0-9]{4})(?![0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex VisibleDate();

    [GeneratedRegex(@"(?<![0-9])(?<h>[0-9]{1,2})\s*[:hg]\s*(?<min>[0-9]{2})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\(?\s*GMT\s*(?<o>[+-] ?[0-9]{1,2})\s*\)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GmtOffset();

    // Weekdays, "cập nhật", "đăng ngày", "lúc", "ngày", and the punctuation around them.
    [GeneratedRegex(@"\(?\s*GMT\s*[+-]\s*[0-9]{1,2}\s*\)?|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cập\s+nhật|ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|xuất\s+bản|lúc|ngày|giờ|am|pm|[,|\-–—:()/]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateWords();

    [GeneratedRegex(@"\s[›»>]\s|\s/\s", RegexOptions.CultureInvariant)]
    private static partial Regex BreadcrumbArrow();

    [GeneratedRegex(@"\s*[›»>|]\s*|\s/\s", RegexOptions.CultureInvariant)]
    private static partial Regex BreadcrumbSeparator();

    [GeneratedRegex(@"^\s*(?:từ\s+khóa|từ\s+khoá|tags?|chủ\s+đề|keywords?)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeywordList();

    [GeneratedRegex(@"https?://\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
