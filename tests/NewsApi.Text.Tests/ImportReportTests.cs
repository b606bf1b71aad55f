using System.Text.Json;

namespace NewsApi.Text.Tests;

/// <summary>The report says, for every field of every page, whether it was found, inferred (from what) or missing.</summary>
public class ImportReportTests
{
    private static readonly string[] Fields =
        ["headline", "lead", "body", "byline", "dateline", "dateline.date", "publishedAt", "contactHeader"];

    [Theory]
    [MemberData(nameof(FixturePageTests.PageNames), MemberType = typeof(FixturePageTests))]
    public void EveryFieldOfEveryFixturePageIsMarkedFoundInferredOrMissing(string pageName)
    {
        var path = Path.Combine(FixturePages.Folder, pageName);
        using var expected = JsonDocument.Parse(File.ReadAllText(NewsApi.Fixtures.FixtureFolder.ExpectedJsonOf(path)));
        var page = FixturePages.Parse(path, ExpectedFields.GivenPublishedOn(expected.RootElement)).Page!;
        foreach (var field in Fields)
        {
            if (field == "dateline.date" && page.Dateline is null)
            {
                continue;
            }
            var marks = page.Report.Where(n => n.Field == field && n.Kind is "found" or "inferred" or "missing").ToList();
            Assert.True(marks.Count > 0, $"{field} is not marked");
            Assert.All(marks, n => Assert.False(string.IsNullOrWhiteSpace(n.Message)));
        }
        Assert.Equal(page.Byline is null, page.Report.Any(n => n is { Kind: "missing", Field: "byline" }));
        Assert.Equal(page.PublishedAt is null, page.Report.Any(n => n is { Kind: "missing", Field: "publishedAt" }));
    }

    [Fact]
    public void AHeadingThatAgreesWithOgTitleIsFoundAndATitleFallbackIsInferred()
    {
        const string agreed = """
            <html><head><title>Tin | Báo</title><meta property="og:title" content="Khai mạc hội chợ sách"></head><body>
            <h1><a href="/">Báo Điện tử</a></h1><div><h2>Khai mạc hội chợ sách</h2>
            <p>Sáng 3-2, tại Hà Nội, hội chợ sách khai mạc với nhiều gian hàng, nhiều nhà xuất bản tham gia.</p>
            <p>Hội chợ kéo dài năm ngày, mở cửa tự do cho bạn đọc, có nhiều hoạt động giao lưu.</p></div></body></html>
            """;
        var page = PageImporter.FromHtml(agreed, new DateOnly(2024, 2, 3)).Page!;
        Assert.Equal("Khai mạc hội chợ sách", page.Headline);
        Assert.Contains(page.Report, n => n is { Kind: "found", Field: "headline" } && n.Message.Contains("og:title", StringComparison.Ordinal));

        var untitled = agreed.Replace("<h2>Khai mạc hội chợ sách</h2>", "", StringComparison.Ordinal);
        var fallback = PageImporter.FromHtml(untitled, new DateOnly(2024, 2, 3)).Page!;
        Assert.Equal("Khai mạc hội chợ sách", fallback.Headline);
        Assert.Contains(fallback.Report, n => n is { Kind: "inferred", Field: "headline" } && n.Message.Contains("og:title", StringComparison.Ordinal));
    }

    [Fact]
    public void APagesOwnPublicationTimeDecidesTheYearAndADatelineIsNeverAfterIt()
    {
        const string html = """
            <html><head><meta property="article:published_time" content="2025-01-02T08:00:00+07:00"></head><body><article>
            <h1>Đón năm mới an toàn</h1><p>Tối 31-12, tại quảng trường trung tâm, hàng nghìn người dân đón năm mới an toàn.</p>
            <p>Lực lượng chức năng bảo đảm trật tự suốt đêm, không để xảy ra sự cố nào.</p><p>Tin: MINH ANH</p></article></body></html>
            """;
        var page = PageImporter.FromHtml(html, today: new DateOnly(2026, 6, 1)).Page!;
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 8, 0, 0, TimeSpan.FromHours(7)), page.PublishedAt);
        Assert.Equal(new DateOnly(2024, 12, 31), page.Dateline!.Date);
        Assert.Contains(page.Report, n => n is { Kind: "found", Field: "publishedAt" });
    }

    [Theory]
    [InlineData("Sáng 10-12, đơn vị tổ chức hội nghị.", 2025, 6, 30, 2024)]
    [InlineData("Sáng 10-6, đơn vị tổ chức hội nghị.", 2025, 6, 30, 2025)]
    [InlineData("Sáng 30-6, đơn vị tổ chức hội nghị.", 2025, 6, 30, 2025)]
    [InlineData("Sáng 1-7, đơn vị tổ chức hội nghị.", 2025, 6, 30, 2024)]
    public void WithNothingElseKnownADatelineIsNeverAfterToday(string lead, int year, int month, int day, int expectedYear)
    {
        var today = new DateOnly(year, month, day);
        var dateline = DatelineParser.Parse(lead, null, today)!;
        Assert.Equal(expectedYear, dateline.Date!.Value.Year);
        Assert.True(dateline.Date <= today);
    }

    [Theory]
    [InlineData("TTXVN - Chiều 3-4, tại Hà Nội, hội nghị khai mạc.", "Chiều 3-4, tại Hà Nội", "Hà Nội")]
    [InlineData("Hôm qua (5-3), tại xã Phú Lộc, huyện Krông Năng, tỉnh Đắk Lắk, lễ hội diễn ra.", "Hôm qua (5-3), tại xã Phú Lộc, huyện Krông Năng, tỉnh Đắk Lắk", "xã Phú Lộc, huyện Krông Năng, tỉnh Đắk Lắk")]
    [InlineData("Tối 5-3 (giờ địa phương), tại New York (Mỹ), phiên họp bắt đầu.", "Tối 5-3 (giờ địa phương), tại New York (Mỹ)", "New York (Mỹ)")]
    public void DatelinesWithTagsAsidesAndPlacesAbroad(string lead, string text, string place)
    {
        var dateline = DatelineParser.Parse(lead, new DateOnly(2025, 3, 6))!;
        Assert.Equal(text, dateline.Text);
        Assert.Equal(place, dateline.Place);
    }

    [Theory]
    [InlineData("Thu Thủy (lược dịch theo AP)", "Thu Thủy", "translation", "AP")]
    [InlineData("Quang Vinh (ảnh)", "Quang Vinh", "photo", null)]
    [InlineData("Nhóm PV", "Nhóm PV", "text", null)]
    public void TranslatorsPhotographersAndStaffCreditsAreBylines(string line, string name, string role, string? source)
    {
        Assert.True(BylineParser.LooksLikeByline(line) || BylineParser.LooksLikeNamesOnly(line));
        var byline = BylineParser.Parse(line)!;
        var credit = Assert.Single(byline.Credits);
        Assert.Equal(name, credit.Name);
        Assert.Equal([role], credit.Roles.Select(Contract.Of));
        Assert.Equal(source, byline.Source);
    }

    [Theory]
    [InlineData("Người dân rất phấn khởi khi nhận quà.")]
    [InlineData("Xem thêm các tin khác trong chuyên mục")]
    public void ASentenceOrASingleWordIsNotANamesOnlyByline(string line) => Assert.False(BylineParser.LooksLikeNamesOnly(line));
}

public class PageFurnitureTests
{
    [Theory]
    [InlineData("Thứ Ba, 05/03/2024, 14:20 (GMT+7)", 2024, 3, 5, 14, 20, 7)]
    [InlineData("Cập nhật lúc 10:30, 05/09/2009", 2009, 9, 5, 10, 30, 7)]
    [InlineData("12/04/2025 09:45 GMT+ 9", 2025, 4, 12, 9, 45, 9)]
    public void AShownDateIsAPublicationTimeInVietnamTimeUnlessAnotherOffsetIsPrinted(
        string line, int year, int month, int day, int hour, int minute, int offset) =>
        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(offset)), PageFurniture.PublicationTimeOf(line));

    [Theory]
    [InlineData("Ngày 12/9/2024, tại Hà Nội, hội nghị tổng kết công tác năm được tổ chức.")]
    [InlineData("31/02/2024 10:00")]
    [InlineData("Giá vàng 05/03/2024")]
    public void ASentenceOrAnImpossibleDateIsNotAShownDate(string line) => Assert.Null(PageFurniture.PublicationTimeOf(line));

    [Theory]
    [InlineData("Từ khóa: vắc xin, sởi, trẻ em", true)]
    [InlineData("Chia sẻ: Facebook | Zalo", true)]
    [InlineData("Địa chỉ bài viết: https://example.vn/bai-viet.html", true)]
    [InlineData("Người dân chia sẻ niềm vui khi nhận nhà mới.", false)]
    public void KeywordShareAndAddressLinesAreTrailingFurniture(string line, bool trailing) =>
        Assert.Equal(trailing, PageFurniture.IsTrailing(line));
}
