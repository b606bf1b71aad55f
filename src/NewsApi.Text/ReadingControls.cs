namespace NewsApi.Text;

/// <summary>
/// The front end's font-size and contrast switches ("A- A A+ | Tăng tương phản Giảm tương phản") that scrapes pick
/// up as if they were text.
/// </summary>
internal static class ReadingControls
{
    private const int MaxLength = 160;

    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "-", "+", "cỡ", "chữ", "chữ:", "tăng", "giảm", "tương", "phản", "độ", "in", "bản", "bài", "chia", "sẻ",
        "lưu", "nghe", "đọc", "aa", "font", "size", "print", "share", "contrast",
    };

    public static bool IsReadingControls(string line)
    {
        if (line.Length is 0 or > MaxLength)
        {
            return false;
        }
        var lower = line.ToLowerInvariant();
        var hasSwitch = lower.Contains("tương phản", StringComparison.Ordinal);
        foreach (var token in lower.Split([' ', '|', '/', '·', '•'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsSizeSwitch(token))
            {
                hasSwitch |= token.AsSpan().IndexOfAny("-+−–") >= 0;
                continue;
            }
            if (!Words.Contains(token))
            {
                return false;
            }
        }
        return hasSwitch;
    }

    // "a-", "a+", "a", and the same run together: "a-a+", "a-aa+".
    private static bool IsSizeSwitch(string token) =>
        token.Contains('a') && token.All(c => c is 'a' or '-' or '+' or '−' or '–');
}
