using NewsApi.Text;

namespace NewsApi.Http;

/// <summary>Checks every validator that reads text shares.</summary>
public static class TextRules
{
    /// <summary>False for text that normalizes to nothing (only spaces, zero-width or control characters).</summary>
    public static bool HasVisibleText(string? value) => VietnameseText.NormalizeLine(value).Length > 0;
}
