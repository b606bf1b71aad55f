namespace NewsApi.Text.Tests;

public class BylineParserTests
{
    private static string Credits(ParsedByline? byline) =>
        string.Join("; ", byline!.Credits.Select(c => $"{c.Name}: {string.Join(",", c.Roles.Select(Contract.Of))}"));

    [Fact]
    public void TinAnhCreditsOnePersonWithTextAndPhotoAndTheTrailingAgencyIsTheSource()
    {
        var byline = BylineParser.Parse("Tin, ảnh: HƯƠNG HỒNG THU (QĐND)");
        Assert.Equal("Tin, ảnh: HƯƠNG HỒNG THU (QĐND)", byline!.Text);
        Assert.Equal("Hương Hồng Thu: text,photo", Credits(byline));
        Assert.Equal("QĐND", byline.Source);
    }

    [Theory]
    [InlineData("Bài và ảnh: NGUYỄN VĂN HÙNG")]
    [InlineData("Bài, ảnh: NGUYỄN VĂN HÙNG")]
    [InlineData("Tin và ảnh: Nguyễn Văn Hùng")]
    [InlineData("Bài & ảnh: Nguyễn Văn Hùng.")]
    public void TextAndPhotoPrefixesCreditOnePersonWithBothRoles(string line)
    {
        var byline = BylineParser.Parse(line);
        Assert.Equal("Nguyễn Văn Hùng: text,photo", Credits(byline));
        Assert.Null(byline!.Source);
    }

    [Theory]
    [InlineData("TIN, ẢNH: MẠNH HÙNG")]
    [InlineData("tin, ảnh: MẠNH HÙNG")]
    [InlineData("Tin , Ảnh : MẠNH HÙNG")]
    public void RolePrefixesAreCaseInsensitive(string line) => Assert.Equal("Mạnh Hùng: text,photo", Credits(BylineParser.Parse(line)));

    [Fact]
    public void SegmentsSeparatedBySemicolonsCarryTheirOwnRoles() =>
        Assert.Equal("Minh Anh: text; Quang Huy: photo", Credits(BylineParser.Parse("Tin: MINH ANH; Ảnh: QUANG HUY")));

    [Fact]
    public void SegmentsSeparatedByDashesCarryTheirOwnRoles() =>
        Assert.Equal("Hải Long: video; Thu Hà: text", Credits(BylineParser.Parse("Video: Hải Long - Bài: Thu Hà")));

    [Fact]
    public void TheSameNameInTwoSegmentsMergesItsRoles() =>
        Assert.Equal("Minh Anh: text,photo; Quang Huy: video", Credits(BylineParser.Parse("Bài: Minh Anh; Ảnh: MINH ANH; Clip: Quang Huy")));

    [Fact]
    public void TwoNamesJoinedByADashAreTwoAuthors() =>
        Assert.Equal("Nguyễn Hải: text; Trần Hà: text", Credits(BylineParser.Parse("NGUYỄN HẢI - TRẦN HÀ")));

    [Fact]
    public void SeveralNamesAfterOneRolePrefixShareItsRoles() =>
        Assert.Equal("Minh Anh: photo; Quang Huy: photo; Thu Hà: photo",
            Credits(BylineParser.Parse("Ảnh: Minh Anh, Quang Huy và Thu Hà")));

    [Fact]
    public void NamesAfterARolePrefixJoinedByVaShareTheRoles() =>
        Assert.Equal("Hương Hồng Thu: text,photo; Mạnh Hùng: text,photo",
            Credits(BylineParser.Parse("Bài và ảnh: HƯƠNG HỒNG THU và MẠNH HÙNG")));

    [Fact]
    public void TongHopInParenthesesCreditsCompilationAlone()
    {
        var byline = BylineParser.Parse("Minh Anh (tổng hợp)");
        Assert.Equal("Minh Anh: compilation", Credits(byline));
        Assert.Null(byline!.Source);
    }

    [Fact]
    public void TongHopAfterARolePrefixAddsCompilationToTheRole() =>
        Assert.Equal("Minh Anh: text,compilation", Credits(BylineParser.Parse("Bài: Minh Anh (tổng hợp)")));

    [Fact]
    public void TongHopWrittenAfterTheNameCreditsCompilation() =>
        Assert.Equal("Thu Hà: compilation", Credits(BylineParser.Parse("Thu Hà tổng hợp")));

    [Theory]
    [InlineData("Đồ họa: Minh Anh", "graphics")]
    [InlineData("Đồ hoạ: Minh Anh", "graphics")]
    [InlineData("Video: Minh Anh", "video")]
    [InlineData("Clip: Minh Anh", "video")]
    [InlineData("Dịch: Minh Anh", "translation")]
    [InlineData("Lược dịch: Minh Anh", "translation")]
    [InlineData("Tổng hợp: Minh Anh", "compilation")]
    [InlineData("Ảnh: Minh Anh", "photo")]
    [InlineData("Bài: Minh Anh", "text")]
    [InlineData("Tin: Minh Anh", "text")]
    public void EachRoleWordMapsToItsRole(string line, string role) =>
        Assert.Equal($"Minh Anh: {role}", Credits(BylineParser.Parse(line)));

    [Fact]
    public void TheoAloneNamesTheSourceWithoutCredits()
    {
        var byline = BylineParser.Parse("Theo TTXVN");
        Assert.Empty(byline!.Credits);
        Assert.Equal("TTXVN", byline.Source);
    }

    [Fact]
    public void NguonNamesTheSourceLikeTheo() => Assert.Equal("VOV", BylineParser.Parse("Nguồn: VOV")!.Source);

    [Fact]
    public void TheoWithAMediaNounKeepsTheWholeNameOfThePaper() =>
        Assert.Equal("báo Quân đội nhân dân", BylineParser.Parse("Theo báo Quân đội nhân dân")!.Source);

    [Fact]
    public void TheoInParenthesesNamesTheSourceAndCreditsTheAuthorWithText()
    {
        var byline = BylineParser.Parse("Thu Hà (Theo VOV)");
        Assert.Equal("Thu Hà: text", Credits(byline));
        Assert.Equal("VOV", byline!.Source);
    }

    [Fact]
    public void AnAgencyAfterASlashIsTheSource()
    {
        var byline = BylineParser.Parse("Minh Anh/TTXVN");
        Assert.Equal("Minh Anh: text", Credits(byline));
        Assert.Equal("TTXVN", byline!.Source);
    }

    [Fact]
    public void TextKeepsTheLineAsPrintedOnlyNormalized() =>
        Assert.Equal("Tin, ảnh: HƯƠNG HỒNG THU (QĐND)", BylineParser.Parse("  Tin,\u00A0ảnh:  HƯƠNG HỒNG THU (QĐND) ")!.Text);

    [Theory]
    [InlineData("Hội nghị diễn ra trong không khí dân chủ, đoàn kết.")]
    [InlineData("Ảnh: Thượng tướng Bế Xuân Trường phát biểu tại hội nghị.")]
    [InlineData("Kết quả kiểm tra: 100% nội dung đạt yêu cầu.")]
    [InlineData("Tin, ảnh: đang cập nhật")]
    public void ALineInNoBylineFormKeepsItsTextWithNoCreditsAndNoSource(string line)
    {
        var byline = BylineParser.Parse(line);
        Assert.Equal(line, byline!.Text);
        Assert.Empty(byline.Credits);
        Assert.Null(byline.Source);
    }

    [Fact]
    public void ALineInNoBylineFormStillReportsAnAgencyInParentheses()
    {
        var byline = BylineParser.Parse("Phóng viên thường trú khu vực phía Bắc (QĐND)");
        Assert.Empty(byline!.Credits);
        Assert.Equal("QĐND", byline.Source);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \u00A0 ")]
    [InlineData(null)]
    public void AnEmptyLineIsNoByline(string? line) => Assert.Null(BylineParser.Parse(line));

    [Theory]
    [InlineData("Tin, ảnh: HƯƠNG HỒNG THU (QĐND)")]
    [InlineData("Bài và ảnh: NGUYỄN VĂN HÙNG")]
    [InlineData("Theo TTXVN")]
    [InlineData("Theo báo Quân đội nhân dân")]
    [InlineData("MẠNH HÙNG")]
    [InlineData("NGUYỄN HẢI - TRẦN HÀ")]
    [InlineData("Thu Hà (QĐND)")]
    [InlineData("Thu Hà (Theo VOV)")]
    [InlineData("Minh Anh (tổng hợp)")]
    [InlineData("Video: Hải Long; Bài: Thu Hà")]
    public void LooksLikeBylineAcceptsTheCreditForms(string line) => Assert.True(BylineParser.LooksLikeByline(line));

    [Theory]
    [InlineData("Kết quả kiểm tra, 100% nội dung đạt yêu cầu, trong đó có 72% khá, giỏi.")]
    [InlineData("Ảnh: Thượng tướng Bế Xuân Trường phát biểu tại hội nghị.")]
    [InlineData("Theo Bộ trưởng, năm 2021 ngành sẽ tiếp tục tăng trưởng.")]
    [InlineData("Theo kế hoạch, hội chợ kéo dài đến hết ngày 24/11.")]
    [InlineData("Hà Nội")]
    [InlineData("Minh Anh")]
    [InlineData("Hội nghị diễn ra trong không khí dân chủ (ảnh).")]
    [InlineData("Kết quả: 100% đạt yêu cầu")]
    [InlineData("")]
    [InlineData(null)]
    public void LooksLikeBylineRejectsBodySentences(string? line) => Assert.False(BylineParser.LooksLikeByline(line));
}
