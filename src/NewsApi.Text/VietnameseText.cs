using System.Globalization;
using System.Text;

namespace NewsApi.Text;

/// <summary>The one place where Vietnamese text is cleaned, folded for search and turned into slugs.</summary>
public static class VietnameseText
{
    private const char NotACharacter = '\uFFFE';

    /// <summary>
    /// NFC, LF line ends, odd Unicode spaces turned into ' ', zero-width and control characters removed,
    /// spaces collapsed, every line trimmed, at most one blank line in a row, the whole string trimmed.
    /// </summary>
    public static string Normalize(string? text) => Clean(text, keepLines: true);

    /// <summary>Like <see cref="Normalize"/> for a single-line field: line breaks become spaces.</summary>
    public static string NormalizeLine(string? text) => Clean(text, keepLines: false);

    /// <summary>
    /// Folds for search and slugs: tones and other diacritics removed, đ/Đ → d, lower-case invariant.
    /// Characters without a folded form are kept.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var repaired = ReplaceInvalidCharacters(text);
        if (IsAscii(repaired))
        {
            return repaired.ToLowerInvariant();
        }
        var decomposed = SafeNormalize(repaired, NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.EnclosingMark:
                    continue;
            }
            builder.Append(c is 'đ' or 'Đ' ? 'd' : c);
        }
        // Lower-casing comes after the marks are gone: invariant casing leaves some letters (İ) whose base letter
        // is only reached by decomposing. Recomposing keeps scripts that compose without accents (Hangul) as typed.
        var lowered = builder.ToString().ToLowerInvariant();
        return SafeNormalize(lowered, NormalizationForm.FormC);
    }

    /// <summary>
    /// A URL slug of only [a-z0-9-]: the folded text with every run of other characters turned into one '-',
    /// cut to <paramref name="maxLength"/> at a word boundary when there is one.
    /// </summary>
    public static string Slugify(string? text, int maxLength = 96)
    {
        if (string.IsNullOrEmpty(text) || maxLength < 1)
        {
            return "";
        }
        var folded = Fold(text);
        var builder = new StringBuilder(Math.Min(folded.Length, maxLength + 64));
        var pendingDash = false;
        foreach (var c in folded)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }
                pendingDash = false;
                builder.Append(c);
                // One character past the limit is enough to know whether the cut falls on a boundary.
                if (builder.Length > maxLength)
                {
                    break;
                }
            }
            else
            {
                pendingDash = true;
            }
        }
        if (builder.Length <= maxLength)
        {
            return builder.ToString();
        }
        var slug = builder.ToString();
        var cut = slug[maxLength] == '-' ? maxLength : slug.LastIndexOf('-', maxLength - 1);
        return (cut > 0 ? slug[..cut] : slug[..maxLength]).TrimEnd('-');
    }

    /// <summary>
    /// Capitalizes every word printed in one case ("HƯƠNG HỒNG THU" → "Hương Hồng Thu"), including each part
    /// of a hyphenated word; words already in mixed case are left as written.
    /// </summary>
    public static string ProperCase(string text)
    {
        var normalized = Normalize(text);
        var chars = normalized.ToCharArray();
        var start = 0;
        for (var i = 0; i <= chars.Length; i++)
        {
            if (i == chars.Length || chars[i] is ' ' or '\n' or '-')
            {
                ProperCaseWord(chars, start, i);
                start = i + 1;
            }
        }
        return new string(chars);
    }

    /// <summary>True when the text has upper-case letters and no lower-case ones.</summary>
    public static bool IsUpperCase(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var upper = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLower(rune))
            {
                return false;
            }
            upper |= Rune.IsUpper(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.TitlecaseLetter;
        }
        return upper;
    }

    private static void ProperCaseWord(char[] chars, int start, int end)
    {
        var hasUpper = false;
        var hasLower = false;
        for (var i = start; i < end; i++)
        {
            hasUpper |= char.IsUpper(chars[i]);
            hasLower |= char.IsLower(chars[i]);
        }
        if (hasUpper && hasLower)
        {
            return;
        }
        var first = true;
        for (var i = start; i < end; i++)
        {
            if (!char.IsLetter(chars[i]))
            {
                continue;
            }
            chars[i] = first ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
            first = false;
        }
    }

    /// <summary>
    /// The characters no stored text keeps (after line breaks and spaces are mapped): control characters (NUL and friends,
    /// which PostgreSQL refuses in text columns) and the bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E,
    /// U+200F, U+061C), which reorder what a reader sees ("txt.exe" shown as "exe.txt") without being seen themselves.
    /// </summary>
    public static bool IsHiddenControl(char c) =>
        char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    private static string Clean(string? text, bool keepLines)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        // Characters are mapped before composing: removing a zero-width character afterwards could leave a base
        // letter and a combining mark side by side that NFC would have joined.
        var mapped = MapCharacters(text, keepLines);
        var composed = SafeNormalize(mapped, NormalizationForm.FormC);
        return CollapseSpaces(composed);
    }

    private static string MapCharacters(string text, bool keepLines)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                    builder.Append(keepLines ? '\n' : ' ');
                    continue;
                case '\n' or '\u0085' or '\u2028' or '\u2029':
                    builder.Append(keepLines ? '\n' : ' ');
                    continue;
                case '\t' or '\v' or '\f' or '\u00A0' or '\u1680' or (>= '\u2000' and <= '\u200A')
                    or '\u202F' or '\u205F' or '\u3000':
                    builder.Append(' ');
                    continue;
                case (>= '\u200B' and <= '\u200D') or '\u2060' or '\uFEFF' or '\u00AD':
                    continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c) || c == NotACharacter)
            {
                builder.Append('\uFFFD');
                continue;
            }
            if (IsHiddenControl(c))
            {
                continue;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        var pendingNewlines = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                pendingSpace = true;
                continue;
            }
            if (c == '\n')
            {
                pendingSpace = false;
                pendingNewlines++;
                continue;
            }
            if (builder.Length > 0)
            {
                if (pendingNewlines > 0)
                {
                    builder.Append(pendingNewlines > 1 ? "\n\n" : "\n");
                }
                else if (pendingSpace)
                {
                    builder.Append(' ');
                }
            }
            pendingSpace = false;
            pendingNewlines = 0;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Lone surrogates and U+FFFE become U+FFFD: they are what makes Unicode normalization throw.</summary>
    internal static string ReplaceInvalidCharacters(string text)
    {
        var firstInvalid = -1;
        for (var i = 0; i < text.Length && firstInvalid < 0; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]) || text[i] == NotACharacter)
            {
                firstInvalid = i;
            }
        }
        if (firstInvalid < 0)
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = firstInvalid; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]) || chars[i] == NotACharacter)
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    private static string SafeNormalize(string text, NormalizationForm form)
    {
        try
        {
            return text.IsNormalized(form) ? text : text.Normalize(form);
        }
        catch (ArgumentException)
        {
            // Only ill-formed UTF-16 and U+FFFE make normalization throw; repair them and try once more.
            var repaired = ReplaceInvalidCharacters(text);
            try
            {
                return repaired.Normalize(form);
            }
            catch (ArgumentException)
            {
                return repaired;
            }
        }
    }

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007F')
            {
                return false;
            }
        }
        return true;
    }
}
