using System.Text;

namespace NewsApi.Text;

/// <summary>Phone numbers as printed on Vietnamese pages, read into E.164.</summary>
public static class PhoneNumbers
{
    private const string VietnamCountryCode = "84";

    /// <summary>
    /// "(84).208.3844.179", "0208 3844 179" and "+84 24 3826 2323" all become "+84…"; null when the text is not a
    /// plausible phone number.
    /// </summary>
    public static string? ToE164(string? display)
    {
        if (string.IsNullOrWhiteSpace(display) || display.Length > 64)
        {
            return null;
        }
        var text = VietnameseText.NormalizeLine(display);
        // "(0)" is the trunk prefix some print inside an international number: "+84 (0)24 3826 2323".
        text = text.Replace("(0)", "", StringComparison.Ordinal);

        var digits = new StringBuilder(16);
        var plus = false;
        var countryInParentheses = false;
        var openParenthesisAt = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+')
            {
                // A plus sign only counts in front of the first digit.
                if (digits.Length > 0 || plus)
                {
                    return null;
                }
                plus = true;
            }
            else if (c == '(')
            {
                if (openParenthesisAt >= 0)
                {
                    return null;
                }
                openParenthesisAt = digits.Length;
            }
            else if (c == ')')
            {
                if (openParenthesisAt < 0)
                {
                    return null;
                }
                countryInParentheses |= openParenthesisAt == 0 && digits.Length is > 0 and <= 3 && digits[0] != '0';
                openParenthesisAt = -1;
            }
            else if (c is not (' ' or '.' or '-' or '/'))
            {
                return null;
            }
        }
        if (openParenthesisAt >= 0)
        {
            return null;
        }

        var number = digits.ToString();
        string e164;
        if (plus || countryInParentheses)
        {
            e164 = "+" + number;
        }
        else if (number.StartsWith("00", StringComparison.Ordinal))
        {
            e164 = "+" + number[2..];
        }
        else if (number.StartsWith('0'))
        {
            e164 = "+" + VietnamCountryCode + number[1..];
        }
        else if (number.StartsWith(VietnamCountryCode, StringComparison.Ordinal) && number.Length is 11 or 12)
        {
            // Vietnamese national numbers have 9 or 10 digits, so 84 plus that is the country code written bare.
            e164 = "+" + number;
        }
        else
        {
            return null;
        }
        return IsE164(e164) ? e164 : null;
    }

    /// <summary>What <see cref="IsE164"/> accepts, as a regular expression (for validators and the OpenAPI document).</summary>
    public const string E164Pattern = "^\\+[1-9][0-9]{7,14}$";

    /// <summary>True for "+" followed by 8 to 15 digits, the first not 0.</summary>
    public static bool IsE164(string? value)
    {
        if (value is null || value.Length is < 9 or > 16 || value[0] != '+' || value[1] is < '1' or > '9')
        {
            return false;
        }
        for (var i = 2; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }
        return true;
    }
}
