
namespace NewsApi.Text;

/// <summary>Checks every validator that reads text shares.</summary>
public static class TextRules
{
    /// <summary>False for text that normalizes to nothing (only spaces, zero-width or control characters).</summary>
    public static bool HasVisibleText(string? value) => VietnameseText.NormalizeLine(value).Length > 0;

    /// <summary>Lengths are measured as stored: NFC can lengthen text (a decomposed sequence may compose to more characters).</summary>
    public static bool FitsWhenNormalized(string? value, int maximum) => value is null || VietnameseText.Normalize(value).Length <= maximum;

    public const int MinYear = 1900;
    public const int MaxYear = 2200;

    /// <summary>Dates a newsroom can mean; anything else is a typo, and near year 9999 it would overflow the arithmetic.</summary>
    public static bool IsReasonableYear(int year) => year is >= MinYear and <= MaxYear;

    /// <summary>The same rule stored text is cleaned by (<see cref="VietnameseText.IsHiddenControl"/>), for values that are not stored.</summary>
    public static bool HasNoControlCharacters(string? value) => value is null || !value.Any(VietnameseText.IsHiddenControl);

    /// <summary>
    /// A slug made from text, never digits alone: "/articles/2020" must not be read as the article with id 2020.
    /// Empty or all-digit slugs get the resource's word in front ("bai-viet-2020").
    /// </summary>
    public static string ReadableSlug(string? text, int maxLength, string word)
    {
        var slug = VietnameseText.Slugify(text, maxLength - word.Length - 1);
        return slug.Any(char.IsAsciiLetterLower) ? VietnameseText.Slugify(text, maxLength) : slug.Length == 0 ? word : $"{word}-{slug}";
    }
}
