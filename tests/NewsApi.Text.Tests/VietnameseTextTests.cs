using System.Text;

namespace NewsApi.Text.Tests;

public class VietnameseTextTests
{
    private const string SeedHeadline = "Tổng cục Công nghiệp Quốc phòng tổ chức Hội nghị Quân chính năm 2020";

    [Fact]
    public void NormalizeTurnsNonBreakingAndOtherOddSpacesIntoOneSpace() =>
        Assert.Equal("Sáng 10-12, Tổng cục", VietnameseText.Normalize("Sáng\u00A010-12,\u2009\u3000Tổng\tcục"));

    [Fact]
    public void NormalizeTurnsCrLfAndLoneCrIntoLf() =>
        Assert.Equal("Dòng một\nDòng hai\nDòng ba", VietnameseText.Normalize("Dòng một\r\nDòng hai\rDòng ba"));

    [Fact]
    public void NormalizeComposesDecomposedInputIntoNfc()
    {
        var decomposed = SeedHeadline.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(SeedHeadline, decomposed);
        Assert.Equal(SeedHeadline, VietnameseText.Normalize(decomposed));
    }

    [Fact]
    public void NormalizeRemovesZeroWidthCharactersAndByteOrderMarks() =>
        Assert.Equal("Quân chính", VietnameseText.Normalize("\uFEFFQuân\u200B chính\u200D"));

    [Fact]
    public void NormalizeJoinsAMarkSeparatedFromItsLetterByAZeroWidthSpace() =>
        Assert.Equal("Tổng", VietnameseText.Normalize("To\u200B\u0302\u0309ng"));

    [Fact]
    public void NormalizeCollapsesSpacesTrimsEveryLineAndTheWholeText() =>
        Assert.Equal("Một hai\nba", VietnameseText.Normalize("  Một    hai  \n   ba   \n  "));

    [Fact]
    public void NormalizeKeepsAtMostOneBlankLineBetweenParagraphs() =>
        Assert.Equal("Một\n\nHai", VietnameseText.Normalize("Một\n \n\u00A0\n\nHai"));

    [Fact]
    public void NormalizeDropsControlCharactersAndRepairsBrokenSurrogates() =>
        Assert.Equal("ab\uFFFDc", VietnameseText.Normalize("a\0b\uD800c\u0007"));

    [Fact]
    public void NormalizeOfNullIsEmpty() => Assert.Equal("", VietnameseText.Normalize(null));

    [Fact]
    public void NormalizeLineTurnsLineBreaksIntoSpaces() =>
        Assert.Equal("Tin, ảnh: HƯƠNG HỒNG THU", VietnameseText.NormalizeLine("Tin, ảnh:\r\n HƯƠNG\n\nHỒNG THU "));

    [Fact]
    public void FoldRemovesTonesAndTurnsDBarIntoD() => Assert.Equal("dang uy", VietnameseText.Fold("Đảng ủy"));

    [Fact]
    public void FoldOfTheSeedHeadlineMatchesTheSearchExampleFromTheContract() =>
        Assert.Contains("hoi nghi quan chinh", VietnameseText.Fold(SeedHeadline), StringComparison.Ordinal);

    [Fact]
    public void FoldOfDecomposedInputEqualsFoldOfComposedInput() =>
        Assert.Equal(VietnameseText.Fold(SeedHeadline), VietnameseText.Fold(SeedHeadline.Normalize(NormalizationForm.FormD)));

    [Fact]
    public void FoldKeepsCharactersThatHaveNoDiacriticsToRemove() =>
        Assert.Equal("12,1 trieu dong/nguoi/ thang (vktbkt)", VietnameseText.Fold("12,1 triệu đồng/người/ tháng (VKTBKT)"));

    [Fact]
    public void FoldOfNullIsEmpty() => Assert.Equal("", VietnameseText.Fold(null));

    [Fact]
    public void SlugOfTheSeedHeadlineIsTheDocumentedSlug() =>
        Assert.Equal("tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020", VietnameseText.Slugify(SeedHeadline));

    [Fact]
    public void SlugIsCutAtAWordBoundaryWhenLongerThanTheLimit() =>
        Assert.Equal("tong-cuc-cong", VietnameseText.Slugify(SeedHeadline, 15));

    [Fact]
    public void SlugEndingExactlyAtTheLimitKeepsItsLastWord() =>
        Assert.Equal("tong-cuc", VietnameseText.Slugify(SeedHeadline, 8));

    [Fact]
    public void SlugOfOneLongWordIsCutInsideTheWord() =>
        Assert.Equal("abcde", VietnameseText.Slugify("abcdefghij", 5));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("  -- !!! ——  ")]
    [InlineData("中文")]
    public void SlugOfTextWithoutLatinLettersOrDigitsIsEmpty(string? text) => Assert.Equal("", VietnameseText.Slugify(text));

    [Fact]
    public void SlugCollapsesPunctuationRunsAndTrimsDashes() =>
        Assert.Equal("tin-anh-huong-hong-thu-qdnd", VietnameseText.Slugify("  Tin, ảnh: HƯƠNG HỒNG THU (QĐND)  "));

    [Fact]
    public void ProperCaseCapitalizesANamePrintedInCapitals() =>
        Assert.Equal("Hương Hồng Thu", VietnameseText.ProperCase("HƯƠNG HỒNG THU"));

    [Fact]
    public void ProperCaseLeavesMixedCaseWordsAlone() =>
        Assert.Equal("McDonald Nguyễn Thị DiệuLinh", VietnameseText.ProperCase("McDonald NGUYỄN thị DiệuLinh"));

    [Fact]
    public void ProperCaseCapitalizesEachPartOfAHyphenatedName() =>
        Assert.Equal("Nguyễn-Trần Ánh-Dương", VietnameseText.ProperCase("NGUYỄN-TRẦN ÁNH-DƯƠNG"));

    [Fact]
    public void ProperCaseCapitalizesALeadingDWithStroke() => Assert.Equal("Đỗ Đức Đạt", VietnameseText.ProperCase("ĐỖ ĐỨC ĐẠT"));

    [Theory]
    [InlineData("HƯƠNG HỒNG THU", true)]
    [InlineData("QĐND", true)]
    [InlineData("NGUYỄN VĂN A - TTXVN 2020", true)]
    [InlineData("Hương Hồng Thu", false)]
    [InlineData("HƯƠNG HỒNG THu", false)]
    [InlineData("2020 - 12", false)]
    [InlineData("", false)]
    public void IsUpperCaseMeansLettersInCapitalsAndNoLowerCaseLetter(string text, bool expected) =>
        Assert.Equal(expected, VietnameseText.IsUpperCase(text));
}
