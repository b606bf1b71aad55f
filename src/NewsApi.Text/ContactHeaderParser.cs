using System.Text.RegularExpressions;

namespace NewsApi.Text;

public sealed record ParsedPhone(string Display, string E164);

public sealed record ParsedContactHeader(string Address, IReadOnlyList<ParsedPhone> Phones, string? Email);

/// <summary>Reads the site's contact line: "address | phone[ | phone…][ | email]".</summary>
public static partial class ContactHeaderParser
{
    // A contact line is a short page furniture line; anything longer is prose that happens to hold a '|'.
    private const int MaxLength = 400;

    public static ParsedContactHeader? Parse(string? line)
    {
        if (string.IsNullOrEmpty(line) || line.Length > MaxLength * 2 || !line.Contains('|'))
        {
            return null;
        }
        var text = VietnameseText.NormalizeLine(line);
        if (text.Length > MaxLength || ReadingControls.IsReadingControls(text))
        {
            return null;
        }
        var segments = text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return null;
        }
        var address = StripLabel(segments[0]);
        if (!address.Any(char.IsLetter) || ReadingControls.IsReadingControls(address) || ReadPhones(segments[0]).Count > 0 || EmailOf(segments[0]) is not null)
        {
            return null;
        }
        var phones = new List<ParsedPhone>();
        string? email = null;
        foreach (var segment in segments.Skip(1))
        {
            var found = ReadPhones(segment);
            if (found.Count > 0)
            {
                phones.AddRange(found.Where(p => phones.All(known => known.E164 != p.E164)));
                continue;
            }
            email ??= EmailOf(segment);
        }
        return phones.Count == 0 ? null : new ParsedContactHeader(address, phones, email);
    }

    private static List<ParsedPhone> ReadPhones(string segment)
    {
        var value = StripLabel(segment);
        if (PhoneNumbers.ToE164(value) is { } whole)
        {
            return [new ParsedPhone(value, whole)];
        }
        // Several numbers sometimes share one segment: "0208 3844 179 - 0208 3844 180".
        var phones = new List<ParsedPhone>();
        foreach (var part in PhoneListSeparator().Split(value))
        {
            var display = StripLabel(part.Trim());
            if (PhoneNumbers.ToE164(display) is not { } e164)
            {
                return [];
            }
            phones.Add(new ParsedPhone(display, e164));
        }
        return phones.Count > 1 ? phones : [];
    }

    private static string? EmailOf(string segment)
    {
        var value = StripLabel(segment);
        return Email().IsMatch(value) ? value : null;
    }

    // "ĐT: 0208…", "Email: …", "Địa chỉ: …": the label is furniture, the value is what is stored.
    private static string StripLabel(string segment)
    {
        var match = Label().Match(segment);
        return match.Success ? segment[match.Length..].Trim() : segment;
    }

    [GeneratedRegex(@"^(?:địa chỉ|đc|điện thoại|đt|đtdđ|tel|phone|hotline|fax|di động|email|e-mail|thư điện tử)\s*:\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"\s+[-–/;,]\s+|\s*[;,]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneListSeparator();

    [GeneratedRegex(@"^[^\s@|]+@[^\s@|]+\.[^\s@|]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
