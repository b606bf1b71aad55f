namespace NewsApi.Text.Tests;

public class PagePhotoTests
{
    private const string Lead = "Sáng 10-12, tại Hà Nội, Bộ Quốc phòng tổ chức hội nghị tổng kết công tác năm với sự tham dự của nhiều đơn vị.";
    private const string First = "Hội nghị đánh giá kết quả thực hiện nhiệm vụ năm 2020, chỉ ra những tồn tại, hạn chế và nguyên nhân.";
    private const string Second = "Phát biểu chỉ đạo, đồng chí Thượng tướng yêu cầu các đơn vị tiếp tục đổi mới, sáng tạo trong công tác.";
    private const string Third = "Dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc được khen thưởng, động viên kịp thời.";

    /// <summary>An article page whose body is the given markup between the lead and the last paragraph.</summary>
    private static ParsedPage Html(string head, string article, string outside = "")
    {
        var html = $"""
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tổ chức hội nghị quân chính năm 2020 - Báo</title>
            <meta property="og:title" content="Tổ chức hội nghị quân chính năm 2020">{head}</head>
            <body><header class="site-header"><a href="/"><img src="/logo.png" alt="Báo"></a></header>
            <nav><a href="/a"><img src="/nav-thumb.jpg" width="300" height="200"></a></nav>
            <article><h1>Tổ chức hội nghị quân chính năm 2020</h1>
            <p class="sapo">{Lead}</p>
            {article}
            </article>{outside}<footer><img src="/footer-photo.jpg" width="300" height="200"></footer></body></html>
            """;
        var result = PageImporter.FromHtml(html, new DateOnly(2020, 12, 10));
        Assert.Null(result.Error);
        return result.Page!;
    }

    [Theory]
    [InlineData("Quang cảnh hội nghị. Ảnh: TTXVN", "Quang cảnh hội nghị.", "TTXVN")]
    [InlineData("Quang cảnh hội nghị (Ảnh: Nguyễn Văn A)", "Quang cảnh hội nghị", "Nguyễn Văn A")]
    [InlineData("Quang cảnh hội nghị. (Ảnh: Nguyễn Văn A/TTXVN).", "Quang cảnh hội nghị.", "Nguyễn Văn A/TTXVN")]
    [InlineData("Quang cảnh hội nghị - ẢNH: HƯƠNG HỒNG THU", "Quang cảnh hội nghị", "HƯƠNG HỒNG THU")]
    [InlineData("Ảnh: QĐND", null, "QĐND")]
    [InlineData("Lũ dâng cao. Ảnh minh họa: Internet", "Lũ dâng cao.", "Internet")]
    [InlineData("Người dân sơ tán. Nguồn: Reuters", "Người dân sơ tán.", "Reuters")]
    [InlineData("Ảnh minh họa.", "Ảnh minh họa.", null)]
    [InlineData("Ảnh hưởng của bão: nhà cửa hư hại nặng", "Ảnh hưởng của bão: nhà cửa hư hại nặng", null)]
    [InlineData("Hình ảnh: lễ xuất quân", "Hình ảnh: lễ xuất quân", null)]
    [InlineData("  ", null, null)]
    public void ACaptionLosesTheCreditItEndsWith(string text, string? caption, string? credit) =>
        Assert.Equal((caption, credit), PhotoCaptions.Split(text));

    [Fact]
    public void FiguresBecomePhotosAtTheirPlaceWithCaptionAltAndCredit()
    {
        var page = Html("<base href=\"https://bao.vn/tin/\">", $"""
            <p>{First}</p>
            <figure><img src="anh/hoi-nghi.jpg" alt="Quang cảnh" width="1200" height="800">
            <figcaption>Quang cảnh hội nghị. Ảnh: TTXVN</figcaption></figure>
            <p>{Second}</p>
            <figure class="image"><img src="data:image/gif;base64,R0lGOD" data-src="//cdn.bao.vn/khen-thuong.jpg">
            <figcaption><em>Trao bằng khen (Ảnh: Nguyễn Văn A)</em></figcaption></figure>
            <p>{Third}</p>
            """);
        Assert.Equal([First, Second, Third], page.Body);
        Assert.Null(page.FeatureImage);
        Assert.Equal(
            [
                new PlacedPhoto(1, new ParsedPhoto("https://bao.vn/tin/anh/hoi-nghi.jpg", "Quang cảnh hội nghị.", "Quang cảnh", "TTXVN", 1200, 800)),
                new PlacedPhoto(2, new ParsedPhoto("https://cdn.bao.vn/khen-thuong.jpg", "Trao bằng khen", null, "Nguyễn Văn A", 0, 0)),
            ],
            page.Photos);
        Assert.Contains(page.Report, n => n is { Kind: "found", Field: "photos" });
    }

    [Fact]
    public void AnImgWithACaptionLineAfterItIsAPhotoAndTheCaptionIsNoParagraph()
    {
        var page = Html("<meta property=\"og:url\" content=\"https://bao.vn/tin/hoi-nghi.html\">", $"""
            <p>{First}</p>
            <p style="text-align:center"><img src="/uploads/a.jpg" srcset="/uploads/a-480.jpg 480w, /uploads/a-1600.jpg 1600w, /uploads/a-960.jpg 960w"></p>
            <p style="text-align:center"><em>Đại biểu dự hội nghị. Ảnh: QĐND</em></p>
            <p>{Second}</p>
            <p><img src="/uploads/b.jpg" alt="Khen thưởng"><br><i>Khen thưởng các tập thể</i></p>
            <p>{Third}</p>
            <div class="photo"><img src="/uploads/c.jpg"></div><p class="caption-photo">Bế mạc hội nghị</p>
            """);
        Assert.Equal([First, Second, Third], page.Body);
        Assert.Equal(
            [
                new PlacedPhoto(1, new ParsedPhoto("https://bao.vn/uploads/a-1600.jpg", "Đại biểu dự hội nghị.", null, "QĐND", 0, 0)),
                new PlacedPhoto(2, new ParsedPhoto("https://bao.vn/uploads/b.jpg", "Khen thưởng các tập thể", "Khen thưởng", null, 0, 0)),
                new PlacedPhoto(3, new ParsedPhoto("https://bao.vn/uploads/c.jpg", "Bế mạc hội nghị", null, null, 0, 0)),
            ],
            page.Photos);
    }

    [Fact]
    public void AnImgFollowedByAPlainParagraphHasNoCaptionAndTheParagraphStays()
    {
        var page = Html("<link rel=\"canonical\" href=\"https://bao.vn/x.html\">", $"""
            <p>{First}</p><p><img src="/a.jpg"></p><p>Ngắn gọn thôi.</p><p>{Second}</p>
            """);
        Assert.Equal([First, "Ngắn gọn thôi.", Second], page.Body);
        Assert.Equal([new PlacedPhoto(1, new ParsedPhoto("https://bao.vn/a.jpg", null, null, null, 0, 0))], page.Photos);
    }

    [Fact]
    public void OgImageIsTheFeatureImageAndAFigureAboveTheBodyWithTheSameSourceGivesItsCaption()
    {
        var page = Html("""
            <meta property="og:url" content="https://bao.vn/tin/hoi-nghi.html">
            <meta property="og:image" content="https://bao.vn/anh/chinh.jpg"><meta property="og:image:alt" content="Toàn cảnh">
            """, $"""
            <figure><img src="/anh/chinh.jpg"><figcaption>Toàn cảnh hội nghị. Ảnh: Hương Hồng Thu</figcaption></figure>
            <p>{First}</p><figure><img src="/anh/hai.jpg"><figcaption>Phát biểu</figcaption></figure><p>{Second}</p>
            """);
        Assert.Equal(new ParsedPhoto("https://bao.vn/anh/chinh.jpg", "Toàn cảnh hội nghị.", "Toàn cảnh", "Hương Hồng Thu", 0, 0), page.FeatureImage);
        Assert.Equal([new PlacedPhoto(1, new ParsedPhoto("https://bao.vn/anh/hai.jpg", "Phát biểu", null, null, 0, 0))], page.Photos);
        Assert.Contains(page.Report, n => n is { Kind: "found", Field: "featureImage" });
    }

    [Fact]
    public void OgImageAloneIsTheFeatureImageAndTheFirstFigureAboveTheBodyIsOneWithoutIt()
    {
        var declared = Html("<meta property=\"og:image\" content=\"https://bao.vn/og.jpg\"><meta property=\"og:image:width\" content=\"1200\">"
            + "<meta property=\"og:image:height\" content=\"630\">", $"<p>{First}</p>");
        Assert.Equal(new ParsedPhoto("https://bao.vn/og.jpg", null, null, null, 1200, 630), declared.FeatureImage);
        Assert.Empty(declared.Photos);

        var above = Html("<meta property=\"og:url\" content=\"https://bao.vn/x.html\">",
            $"<figure><img src=\"/dau.jpg\"><figcaption>Ảnh minh họa.</figcaption></figure><p>{First}</p>");
        Assert.Equal(new ParsedPhoto("https://bao.vn/dau.jpg", "Ảnh minh họa.", null, null, 0, 0), above.FeatureImage);
        Assert.Empty(above.Photos);
        Assert.Contains(above.Report, n => n is { Kind: "inferred", Field: "featureImage" });
    }

    [Fact]
    public void LogosIconsPixelsAvatarsAndLinkedThumbnailsAreNotPhotos()
    {
        var page = Html("<meta property=\"og:url\" content=\"https://bao.vn/x.html\">", $"""
            <p>{First}</p>
            <p><img src="/track.gif" width="1" height="1"></p>
            <p><img src="/images/icon-share.png"></p>
            <p><img src="/bullet.png" width="16" height="16"></p>
            <p><img src="/logo.svg"></p>
            <div class="author-box"><img src="/u/phong-vien.jpg" width="80" height="80"></div>
            <p><a href="/tin-khac.html"><img src="/teaser.jpg" width="300" height="200"></a></p>
            <aside><img src="/aside.jpg" width="300" height="200"></aside>
            <p>{Second}</p>
            """, outside: "<div class=\"related-news\"><a href=\"/r.html\"><img src=\"/r.jpg\"></a><img src=\"/r2.jpg\"></div>");
        Assert.Empty(page.Photos);
        Assert.Null(page.FeatureImage);
        Assert.Contains(page.Report, n => n is { Kind: "dropped", Field: "photos" });
    }

    [Fact]
    public void AnImageLinkedToItsOwnFullSizeIsStillAPhoto()
    {
        var page = Html("<meta property=\"og:url\" content=\"https://bao.vn/x.html\">",
            $"<p>{First}</p><p><a href=\"/full/a.jpg\"><img src=\"/a.jpg\"></a></p><p><em>Chú thích ảnh</em></p><p>{Second}</p>");
        Assert.Equal([new PlacedPhoto(1, new ParsedPhoto("https://bao.vn/a.jpg", "Chú thích ảnh", null, null, 0, 0))], page.Photos);
    }

    [Fact]
    public void WithoutAnAddressOfItsOwnARelativeSourceIsKeptAsWrittenAndTheReportSaysSo()
    {
        var page = Html("", $"<p>{First}</p><figure><img src=\"/anh.jpg\"><figcaption>Chú thích</figcaption></figure><p>{Second}</p>");
        Assert.Equal("/anh.jpg", Assert.Single(page.Photos).Photo.SourceUrl);
        Assert.Contains(page.Report, n => n is { Kind: "warning", Field: "photos" });
    }

    [Fact]
    public void SourcesThatAreNoWebAddressAreNotPhotos()
    {
        var page = Html("<meta property=\"og:url\" content=\"https://bao.vn/x.html\"><meta property=\"og:image\" content=\"javascript:alert(1)\">",
            $"<p>{First}</p><figure><img src=\"file:///etc/passwd\"></figure><figure><img src=\"data:image/png;base64,AAAA\"></figure><p>{Second}</p>");
        Assert.Empty(page.Photos);
        Assert.Null(page.FeatureImage);
    }

    [Fact]
    public void APhotoAfterTheBylineGoesAfterTheLastParagraph()
    {
        var page = Html("<meta property=\"og:url\" content=\"https://bao.vn/x.html\">",
            $"<p>{First}</p><p>{Second}</p><p>Tin, ảnh: HƯƠNG HỒNG THU (QĐND)</p><figure><img src=\"/cuoi.jpg\"></figure>");
        Assert.Equal([First, Second], page.Body);
        Assert.NotNull(page.Byline);
        Assert.Equal([new PlacedPhoto(2, new ParsedPhoto("https://bao.vn/cuoi.jpg", null, null, null, 0, 0))], page.Photos);
    }

    [Fact]
    public void TextPagesHaveNoPhotosTheirPhotoCreditsStayInTheByline()
    {
        var page = PageImporter.FromText(File.ReadAllText(FixturePages.SeedPath), FixturePages.SeedPublishedOn).Page!;
        Assert.Empty(page.Photos);
        Assert.Null(page.FeatureImage);
        Assert.Contains(page.Byline!.Credits, c => c.Roles.Contains(CreditRole.Photo));
    }
}
