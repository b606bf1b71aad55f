using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace NewsApi.Text.Tests;

/// <summary>
/// Import input is untrusted: whatever arrives, no public method throws, and the text rules hold
/// (slugs are [a-z0-9-], normalizing and folding twice changes nothing).
/// </summary>
public partial class PropertyTests
{
    private static readonly DateOnly[] PublicationDates = [new(2020, 12, 10), DateOnly.MinValue, DateOnly.MaxValue, new(2024, 2, 29)];

    private static readonly string[] TextFragments =
    [
        "Sáng", "Rạng sáng", "chiều qua", " 10-12", " (9-12)", "29-2-2021", "31/4", ", tại ", "xã Quang Trung", ", huyện ",
        "TP. ", "Tin, ảnh: ", "Bài và ảnh: ", "HƯƠNG HỒNG THU", "Minh Anh", " (QĐND)", "(Theo VOV)", "Theo ", "TTXVN", " (tổng hợp)",
        " | ", "(84).208.3844.179", "0208 3844 179", "+84", "a@b.vn", "A- A A+", "Tăng tương phản", "\n", "\r\n", "\r", "\n\n",
        " ", "\u00A0", "\u2003", "\u200B", "\uFEFF", "\t", "\0", "\u0007", "\u0085", "\u2028", "\uD800", "\uDC00", "\uD83D\uDE00",
        "o\u0302\u0301", "\u0301", "Đ", "đ", "-", " - ", ";", ":", "(", ")", "/", ".", ",", "2020", "0", "99", "Ngày ", "ǅ", "İ",
        "ß", "ﬁ", "\u1100\u1161", "가", "\u0B47\u0B3E", "\uFFFD", "\uFFFF", "Ω", "Å", "中文", "٣",
    ];

    private static readonly string[] HtmlFragments =
    [
        "<p>", "</p>", "<p class=\"sapo\">", "<div class=\"lead summary\">", "<div>", "</div>", "<article>", "</article>",
        "<h1>", "</h1>", "<title>", "</title>", "<script>", "</script>", "<style>", "</style>", "<!--", "-->", "<![CDATA[",
        "]]>", "<br>", "<br/>", "<b>", "</b>", "<i>", "</i>", "<table><tr><td>", "</td>", "</tr>", "</table>", "<nav>",
        "</nav>", "<footer>", "<aside>", "<form>", "&nbsp;", "&amp;", "&#0;", "&#xD800;", "&#x1F600;", "&bogus;",
        "<a href='x'>", "</a>", "<", ">", "\"", "'", "=", "</", "<strong>", "</strong>", "<svg><foreignObject>", "<math>",
        "<template>", "<select><option>", "<frameset>", "<plaintext>", "<xmp>", "<textarea>", "<noscript>", "<iframe>",
        "<html>", "<body>", "<head>", "<!DOCTYPE html>", "<div class=\"top-bar\">", "<span>", "</span>", "<li>", "<ul>",
        "<p style=\"text-align:right\">", "<header>", "<main>", "<section>", "<h2 class=\"sapo\">", "<?xml ?>", "<p/>",
    ];

    private static readonly Gen<string> AnyString = Gen.Char['\0', '\uFFFF'].Array[0, 300].Select(chars => new string(chars));

    private static readonly Gen<string> TextSoup = Gen.OneOf(TextFragments).Array[0, 80].Select(string.Concat);

    private static readonly Gen<string> TagSoup =
        Gen.OneOf<string>(Gen.OneOf(HtmlFragments), Gen.OneOf(TextFragments), AnyString.Select(s => s.Length > 20 ? s[..20] : s))
            .Array[0, 200].Select(string.Concat);

    private static readonly Gen<string> AnyInput =
        Gen.OneOf<string>(AnyString, TextSoup, TagSoup, Gen.OneOf<string>(AnyString, TextSoup, TagSoup).Array[1, 4].Select(string.Concat));

    private static Gen<string> Huge(Gen<string> piece) =>
        Gen.Select(piece.Array[20, 40], Gen.Int[1_000_000, 5_000_000], (pieces, length) => RepeatTo(string.Concat(pieces), length));

    [Fact]
    public void NoPublicMethodThrowsForNull() => CallEveryPublicMethod(null, everyDate: true);

    [Fact]
    public void NoPublicMethodThrowsForArbitraryInput() =>
        AnyInput.Sample(text => CallEveryPublicMethod(text, everyDate: true), iter: 3_000);

    [Fact]
    public void NoPublicMethodThrowsForHugeText() =>
        Huge(Gen.OneOf<string>(AnyString, TextSoup)).Sample(text => CallEveryPublicMethod(text, everyDate: false), iter: 3, threads: 2);

    [Fact]
    public void NoPublicMethodThrowsForHugeTagSoup() =>
        Huge(TagSoup).Sample(html => CallEveryPublicMethod(html, everyDate: false), iter: 3, threads: 2);

    [Fact]
    public void HtmlImportOfBrokenTagSoupNeverFailsUnexpectedly() =>
        TagSoup.Sample(html =>
        {
            var result = PageImporter.FromHtml(html, PublicationDates[0]);
            Assert.NotEqual(PageImporter.UnexpectedError, result.Error);
            Assert.True(result.Page is null != (result.Error is null));
            if (result.Page is { } page)
            {
                AssertNormalized(page);
            }
        }, iter: 2_000);

    [Fact]
    public void TextImportGivesNormalizedPagesOrAnError() =>
        AnyInput.Sample(text =>
        {
            var result = PageImporter.FromText(text, PublicationDates[0]);
            Assert.True(result.Page is null != (result.Error is null));
            if (result.Page is { } page)
            {
                AssertNormalized(page);
            }
        }, iter: 2_000);

    [Fact]
    public void SlugifyGivesOnlyLowerCaseAsciiLettersDigitsAndSingleInnerDashes() =>
        Gen.Select(AnyInput, Gen.Int[-5, 120]).Sample((text, maxLength) =>
        {
            var slug = VietnameseText.Slugify(text, maxLength);
            Assert.Matches(Slug(), slug);
            Assert.True(slug.Length <= Math.Max(0, maxLength));
        }, iter: 3_000);

    [Fact]
    public void NormalizeIsIdempotentAndGivesCleanNfc() =>
        AnyInput.Sample(text =>
        {
            var normalized = VietnameseText.Normalize(text);
            Assert.Equal(normalized, VietnameseText.Normalize(normalized));
            Assert.True(normalized.IsNormalized(NormalizationForm.FormC));
            Assert.DoesNotContain('\r', normalized);
            Assert.DoesNotContain('\u00A0', normalized);
            Assert.DoesNotContain("  ", normalized, StringComparison.Ordinal);
            Assert.Equal(normalized.Trim(), normalized);
        }, iter: 3_000);

    [Fact]
    public void NormalizeLineIsIdempotentAndKeepsOneLine() =>
        AnyInput.Sample(text =>
        {
            var line = VietnameseText.NormalizeLine(text);
            Assert.Equal(line, VietnameseText.NormalizeLine(line));
            Assert.DoesNotContain('\n', line);
            Assert.Equal(line, VietnameseText.Normalize(line));
        }, iter: 3_000);

    [Fact]
    public void FoldIsIdempotent() =>
        AnyInput.Sample(text =>
        {
            var folded = VietnameseText.Fold(text);
            Assert.Equal(folded, VietnameseText.Fold(folded));
        }, iter: 3_000);

    [Fact]
    public void FoldIgnoresCaseAndComposition() =>
        TextSoup.Sample(text =>
        {
            var clean = VietnameseText.Normalize(text);
            Assert.Equal(VietnameseText.Fold(clean), VietnameseText.Fold(clean.ToUpperInvariant().Normalize(NormalizationForm.FormD)));
        }, iter: 1_000);

    [Fact]
    public void PhoneNumbersInE164AreAlwaysValid() =>
        Gen.OneOf<string>(AnyInput, Gen.String["0123456789 .-()+/"]).Sample(text =>
        {
            if (PhoneNumbers.ToE164(text) is { } e164)
            {
                Assert.True(PhoneNumbers.IsE164(e164));
                Assert.Matches(E164(), e164);
            }
        }, iter: 3_000);

    [Fact]
    public void ADatelineDateAlwaysAgreesWithItsDayAndMonth() =>
        Gen.Select(AnyInput, Gen.OneOf(PublicationDates)).Sample((lead, publishedOn) =>
        {
            if (DatelineParser.Parse(lead, publishedOn) is { } dateline)
            {
                Assert.Equal(dateline.Day, dateline.Date!.Value.Day);
                Assert.Equal(dateline.Month, dateline.Date.Value.Month);
                Assert.True(lead!.Contains(dateline.Text, StringComparison.Ordinal) || VietnameseText.NormalizeLine(lead).Contains(dateline.Text, StringComparison.Ordinal));
            }
        }, iter: 3_000);

    private static void CallEveryPublicMethod(string? text, bool everyDate)
    {
        VietnameseText.Normalize(text);
        VietnameseText.NormalizeLine(text);
        VietnameseText.Fold(text);
        VietnameseText.Slugify(text);
        VietnameseText.Slugify(text, 3);
        VietnameseText.ProperCase(text!);
        VietnameseText.IsUpperCase(text!);
        BylineParser.Parse(text);
        BylineParser.LooksLikeByline(text);
        PhoneNumbers.ToE164(text);
        PhoneNumbers.IsE164(text);
        ContactHeaderParser.Parse(text);
        if (text is not null)
        {
            PageFurniture.PublicationTimeOf(text);
            PageFurniture.IsBreadcrumb(text);
            PageFurniture.IsTrailing(text);
            BylineParser.LooksLikeNamesOnly(text);
        }
        DatelineParser.Parse(text);
        DatelineParser.Parse(text, null, DateOnly.MinValue);
        DatelineParser.Parse(text, null, DateOnly.MaxValue);
        foreach (var publishedOn in PublicationDates)
        {
            DatelineParser.Parse(text, publishedOn);
        }
        Assert.NotEqual(PageImporter.UnexpectedError, PageImporter.FromText(text).Error);
        Assert.NotEqual(PageImporter.UnexpectedError, PageImporter.FromHtml(text, DateOnly.MinValue).Error);
        if (everyDate)
        {
            Assert.NotEqual(PageImporter.UnexpectedError, PageImporter.FromText(text, DateOnly.MaxValue).Error);
            Assert.NotEqual(PageImporter.UnexpectedError, PageImporter.FromHtml(text).Error);
            Assert.NotEqual(PageImporter.UnexpectedError, PageImporter.FromHtml(text, null, DateOnly.MaxValue).Error);
            Assert.NotEqual(PageImporter.UnexpectedError, PageImporter.FromText(text, null, DateOnly.MinValue).Error);
        }
    }

    private static void AssertNormalized(ParsedPage page)
    {
        Assert.Equal(VietnameseText.NormalizeLine(page.Headline), page.Headline);
        Assert.Equal(VietnameseText.Normalize(page.Lead), page.Lead);
        Assert.All(page.Body, p => Assert.Equal(VietnameseText.Normalize(p), p));
        Assert.All(page.Body, p => Assert.NotEqual("", p));
        if (page.Byline is { } byline)
        {
            Assert.Equal(VietnameseText.NormalizeLine(byline.Text), byline.Text);
            Assert.All(byline.Credits, c => Assert.Equal(VietnameseText.NormalizeLine(c.Name), c.Name));
        }
    }

    private static string RepeatTo(string piece, int length)
    {
        if (piece.Length == 0)
        {
            piece = "x";
        }
        var builder = new StringBuilder(length + piece.Length);
        while (builder.Length < length)
        {
            builder.Append(piece);
        }
        return builder.ToString(0, length);
    }

    [GeneratedRegex("^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$")]
    private static partial Regex Slug();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}\z")]
    private static partial Regex E164();
}
