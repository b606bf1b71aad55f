using System.Text.RegularExpressions;

namespace NewsApi.Text;

public enum PartOfDay { EarlyMorning, Morning, Noon, Afternoon, Evening, Night }

public sealed record ParsedDateline(
    string Text, int Day, int Month, int? Year, DateOnly? Date, PartOfDay? PartOfDay, string? Place);

/// <summary>
/// Reads the dateline that opens a Vietnamese lead: "Sáng 10-12,", "Chiều 18-4, tại thao trường huấn luyện,",
/// "Ngày 20/11, tại Hà Nội,", "Sáng nay (10-12),", "10-12-2020,".
/// </summary>
public static partial class DatelineParser
{
    // A dateline and its place fit well inside this; reading further would only cost time on huge input.
    private const int LookAhead = 600;
    private const int MaxPlaceLength = 100;
    private const int MaxPlaceWords = 15;

    private const int MaxAsideLength = 40;

    private static readonly string[] PlaceAbbreviations = ["tp", "q", "p", "tx", "tt", "h"];

    /// <summary>
    /// The dateline at the start of <paramref name="lead"/>, or null when there is none or its day and month are
    /// not a date. A year the page does not print comes from <paramref name="publishedOn"/>.
    /// </summary>
    public static ParsedDateline? Parse(string? lead, DateOnly? publishedOn = null) => Parse(lead, publishedOn, null);

    /// <summary>
    /// As <see cref="Parse(string?, DateOnly?)"/>; with no publication date, <paramref name="today"/> bounds the year:
    /// a dateline is never later than its publication, nor than today.
    /// </summary>
    public static ParsedDateline? Parse(string? lead, DateOnly? publishedOn, DateOnly? today)
    {
        if (string.IsNullOrWhiteSpace(lead))
        {
            return null;
        }
        var head = lead.AsSpan().TrimStart();
        var text = VietnameseText.NormalizeLine(head[..Math.Min(head.Length, LookAhead)].ToString());
        var match = Dateline().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var day = int.Parse(match.Groups["day"].ValueSpan);
        var month = int.Parse(match.Groups["month"].ValueSpan);
        int? year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].ValueSpan) : null;
        if (month is < 1 or > 12 || day < 1 || year is < 1)
        {
            return null;
        }
        var resolvedYear = year ?? LatestYear(day, month, publishedOn ?? today);
        // Without any year, 29 February is still a date the page may mean.
        if (day > DateTime.DaysInMonth(resolvedYear ?? 2000, month))
        {
            return null;
        }
        DateOnly? date = resolvedYear is { } y ? new DateOnly(y, month, day) : null;

        var start = match.Groups["dateline"].Index;
        var end = match.Index + match.Length;
        string? place = null;
        var placeIntro = PlaceIntro().Match(text, end);
        if (placeIntro.Success && ReadPlace(text, placeIntro.Index + placeIntro.Length) is { } placeEnd)
        {
            place = text[(placeIntro.Index + placeIntro.Length)..placeEnd].Trim();
            end = placeEnd;
        }
        var partOfDay = match.Groups["pod"].Success ? PartOfDayOf(match.Groups["pod"].Value) : (PartOfDay?)null;
        return new ParsedDateline(text[start..end].Trim(), day, month, year, date, partOfDay, place);
    }

    /// <summary>
    /// A page that leaves the year out means the latest year in which the date is not after <paramref name="bound"/>
    /// (its publication, or today): "Tối 31-12" published on 2 January was the year before.
    /// </summary>
    private static int? LatestYear(int day, int month, DateOnly? bound)
    {
        if (bound is not { } latest)
        {
            return null;
        }
        var year = latest.Year;
        if (year is > 1 and < 9999
            && day <= DateTime.DaysInMonth(year, month)
            && new DateOnly(year, month, day) > latest)
        {
            return year - 1;
        }
        return year;
    }

    /// <summary>
    /// Where the place after "tại" ends: its first comma-separated segment always, then each following segment
    /// that opens with an administrative unit ("xã Quang Trung, huyện Hòa An, tỉnh Cao Bằng").
    /// </summary>
    private static int? ReadPlace(string text, int start)
    {
        var end = SegmentEnd(text, start);
        var first = text[start..end].Trim();
        if (first.Length is 0 or > MaxPlaceLength || first.Split(' ').Length > MaxPlaceWords)
        {
            return null;
        }
        end = AfterCountry(text, end);
        while (end < text.Length && text[end] == ',')
        {
            var next = end + 1;
            var unit = AdministrativeUnit().Match(text, next);
            if (!unit.Success)
            {
                break;
            }
            var nextEnd = SegmentEnd(text, next);
            if (nextEnd - next > MaxPlaceLength)
            {
                break;
            }
            end = AfterCountry(text, nextEnd);
        }
        return end;
    }

    // A place abroad names its country in parentheses: "thủ đô Viêng Chăn (Lào)".
    private static int AfterCountry(string text, int end)
    {
        var at = end;
        while (at < text.Length && text[at] == ' ')
        {
            at++;
        }
        if (at >= text.Length || text[at] != '(')
        {
            return end;
        }
        var close = text.IndexOf(')', at);
        if (close < 0 || close - at > MaxAsideLength || !char.IsUpper(text[at + 1]) || text.AsSpan(at + 1, close - at - 1).IndexOfAny(",;:(") >= 0)
        {
            return end;
        }
        return close + 1;
    }

    private static int SegmentEnd(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case ',' or ';' or ':' or '(' or ')':
                    return i;
                case '.' when i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]):
                    if (!EndsWithAbbreviation(text, start, i))
                    {
                        return i;
                    }
                    break;
            }
        }
        return text.Length;
    }

    private static bool EndsWithAbbreviation(string text, int start, int dot)
    {
        var wordStart = dot;
        while (wordStart > start && char.IsLetter(text[wordStart - 1]))
        {
            wordStart--;
        }
        var word = text[wordStart..dot].ToLowerInvariant();
        return PlaceAbbreviations.Contains(word);
    }

    private static PartOfDay PartOfDayOf(string word) => word.ToLowerInvariant() switch
    {
        "rạng sáng" => PartOfDay.EarlyMorning,
        "sáng" => PartOfDay.Morning,
        "trưa" => PartOfDay.Noon,
        "chiều" => PartOfDay.Afternoon,
        "tối" => PartOfDay.Evening,
        _ => PartOfDay.Night,
    };

    // An optional paper's or agency's tag, "(QĐND) - ", "TTXVN - ", "VOV.VN - ", may precede the dateline; Text starts
    // after it.
    [GeneratedRegex("""
        ^(?:\([^()]{1,40}\)\s*[-–—]\s*
          | [\p{Lu}][\p{L}0-9.+&/]{1,19}(?:\s[\p{Lu}][\p{L}0-9.+&/]{0,19}){0,2}\s+[-–—]\s+)?
        (?<dateline>
            (?<pod>rạng\s+sáng|sáng|trưa|chiều|tối|đêm)
                (?:\s+(?:hôm\s+nay|hôm\s+qua|nay|qua))?(?:\s*,)?\s*(?:ngày\s+)?
                (?:\(\s*(?<day>[0-9]{1,2})\s*(?<sep>[-/])\s*(?<month>[0-9]{1,2})(?:\s*\k<sep>\s*(?<year>[0-9]{4}))?\s*\)
                  |(?<day>[0-9]{1,2})\s*(?<sep>[-/])\s*(?<month>[0-9]{1,2})(?:\s*\k<sep>\s*(?<year>[0-9]{4}))?)
          | (?:hôm\s+nay|hôm\s+qua|ngày\s+hôm\s+qua)\s*,?\s*\(\s*(?<day>[0-9]{1,2})\s*(?<sep>[-/])\s*(?<month>[0-9]{1,2})(?:\s*\k<sep>\s*(?<year>[0-9]{4}))?\s*\)
          | ngày\s+(?<day>[0-9]{1,2})\s*(?<sep>[-/])\s*(?<month>[0-9]{1,2})(?:\s*\k<sep>\s*(?<year>[0-9]{4}))?
          | (?<day>[0-9]{1,2})(?<sep>[-/])(?<month>[0-9]{1,2})\k<sep>(?<year>[0-9]{4})
        )
        (?=$|[\s,.;:)])
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Dateline();

    // An aside may stand between the date and the place: "Chiều 9-7 (giờ địa phương), tại …".
    [GeneratedRegex(@"\G(?:\s*\([^()]{1,40}\))?\s*,?\s*tại\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceIntro();

    [GeneratedRegex(@"\G\s*(?:xã|phường|thị\s+trấn|thị\s+xã|huyện|quận|tỉnh|thành\s+phố|tp\.?|khu\s+phố|tổ\s+dân\s+phố|thôn|bản|ấp|xóm|khóm|làng|đặc\s+khu)(?=[\s.]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdministrativeUnit();
}
