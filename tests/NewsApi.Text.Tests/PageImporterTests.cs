using System.Text;

namespace NewsApi.Text.Tests;

public class PageImporterTests
{
    private static readonly DateOnly PublishedOn = FixturePages.SeedPublishedOn;

    private static string Seed => File.ReadAllText(FixturePages.SeedPath);

    private static ParsedPage Page(PageParseResult result)
    {
        Assert.Null(result.Error);
        return result.Page!;
    }

    [Fact]
    public void TheSeedPageDropsTheRepeatedLeadAndTheReadingControlsAndReportsBoth()
    {
        var page = Page(PageImporter.FromText(Seed, PublishedOn));
        Assert.DoesNotContain(page.Body, p => p == page.Lead);
        Assert.Contains(page.Report, n => n is { Kind: "dropped", Field: "lead" });
        Assert.Contains(page.Report, n => n.Kind == "dropped" && n.Message.Contains("A- A A+", StringComparison.Ordinal));
        Assert.Contains(page.Report, n => n is { Kind: "inferred", Field: "contactHeader" });
        Assert.Contains(page.Report, n => n is { Kind: "inferred", Field: "dateline" });
        Assert.Contains(page.Report, n => n is { Kind: "inferred", Field: "byline" });
        Assert.Contains(page.Report, n => n is { Kind: "inferred", Field: "byline.source" });
        Assert.All(page.Report, n => Assert.Contains(n.Kind, new[] { "found", "inferred", "missing", "dropped", "warning" }));
    }

    [Fact]
    public void TheSeedDatelineTakesItsYearFromThePublicationDate()
    {
        var page = Page(PageImporter.FromText(Seed, PublishedOn));
        Assert.Equal(new DateOnly(2020, 12, 10), page.Dateline!.Date);
        Assert.Contains(page.Report, n => n is { Kind: "inferred", Field: "dateline.date" });
    }

    [Fact]
    public void WithoutAPublicationDateTheSeedDatelineHasNoDateAndTheReportWarns()
    {
        var page = Page(PageImporter.FromText(Seed));
        Assert.Null(page.Dateline!.Date);
        Assert.Contains(page.Report, n => n is { Kind: "missing", Field: "dateline.date" });
    }

    [Fact]
    public void LinesSeparatedBySingleOrBlankNewlinesAreBothParagraphs()
    {
        const string text = "Tiêu đề bài viết\n\nĐoạn mở đầu.\nĐoạn một.\n\n\nĐoạn hai.\nĐoạn ba.";
        Assert.Equal(["Đoạn một.", "Đoạn hai.", "Đoạn ba."], Page(PageImporter.FromText(text)).Body);
    }

    [Fact]
    public void TwoCreditLinesAtTheEndFormOneByline()
    {
        const string text = "Tiêu đề\nSáng 3-2, đơn vị tổ chức hội nghị.\nNội dung chính.\nBài: MINH ANH\nẢnh: QUANG HUY";
        var page = Page(PageImporter.FromText(text, PublishedOn));
        Assert.Equal(["Nội dung chính."], page.Body);
        Assert.Equal(["Minh Anh", "Quang Huy"], page.Byline!.Credits.Select(c => c.Name));
    }

    [Fact]
    public void ALastParagraphThatIsBodyTextIsNotTakenForAByline()
    {
        const string text = "Tiêu đề\nĐoạn mở đầu.\nĐoạn cuối cùng kết thúc bài viết.";
        var page = Page(PageImporter.FromText(text));
        Assert.Null(page.Byline);
        Assert.Equal(["Đoạn cuối cùng kết thúc bài viết."], page.Body);
        Assert.Contains(page.Report, n => n is { Kind: "missing", Field: "byline" });
    }

    [Fact]
    public void ParagraphsOfInvisibleCharactersAreDroppedAndReported()
    {
        const string text = "Tiêu đề\nĐoạn mở đầu.\n\u200B\u200B\nĐoạn một.\n\uFEFF\nĐoạn hai.";
        var page = Page(PageImporter.FromText(text));
        Assert.Equal(["Đoạn một.", "Đoạn hai."], page.Body);
        Assert.Contains(page.Report, n => n is { Kind: "dropped", Field: "body" } && n.Message.Contains('2'));
    }

    [Fact]
    public void DecomposedCrLfInputGivesTheSameNfcPageAsTheSeed()
    {
        var expected = Page(PageImporter.FromText(Seed, PublishedOn));
        var messy = Seed.Normalize(NormalizationForm.FormD).ReplaceLineEndings("\r\n").Replace(" ", "\u00A0 ");
        var actual = Page(PageImporter.FromText(messy, PublishedOn));
        Assert.Equal(expected.Headline, actual.Headline);
        Assert.Equal(expected.Lead, actual.Lead);
        Assert.Equal(expected.Body, actual.Body);
        Assert.Equal(expected.Byline!.Text, actual.Byline!.Text);
        Assert.Equal(expected.Byline.Source, actual.Byline.Source);
        Assert.Equal(expected.Byline.Credits.Single().Name, actual.Byline.Credits.Single().Name);
        Assert.Equal(expected.Byline.Credits[0].Roles, actual.Byline.Credits[0].Roles);
        Assert.Equal(expected.Dateline, actual.Dateline);
        Assert.True(actual.Lead.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t\n  ")]
    public void AnEmptyPageIsAnError(string? text)
    {
        var result = PageImporter.FromText(text);
        Assert.Null(result.Page);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void BinaryGarbageIsAnError()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        var result = PageImporter.FromText(Encoding.Latin1.GetString(bytes));
        Assert.Null(result.Page);
        Assert.Contains("binary", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeadlineWithoutALeadIsAnError()
    {
        var result = PageImporter.FromText("Tổ 6 phường Quan Triều | (84).208.3844.179\nA- A A+ | Tăng tương phản Giảm tương phản\nChỉ có tiêu đề");
        Assert.Null(result.Page);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void HtmlWithoutAnArticleElementUsesTheElementHoldingTheHeadlineAndMostParagraphs()
    {
        const string html = """
            <html><head><title>Bỏ qua | Báo</title><script>var a = "<p>không phải đoạn</p>";</script></head><body>
            <div class="header-menu"><ul><li><p>Trang chủ</p></li></ul></div>
            <div class="main"><div class="detail">
              <h1>Tiêu đề bài viết</h1>
              <div class="detail-sapo">Sáng 3-2, tại Hà Nội, đơn vị tổ chức hội nghị.</div>
              <div class="content"><p>Đoạn một.</p><p>   </p><p>Đoạn hai.</p><p><b>Theo TTXVN</b></p></div>
            </div><div class="box"><p>Tin khác</p></div></div>
            <aside><p>Quảng cáo</p></aside><footer><p>Bản quyền</p></footer></body></html>
            """;
        var page = Page(PageImporter.FromHtml(html, PublishedOn));
        Assert.Equal("Tiêu đề bài viết", page.Headline);
        Assert.Equal("Sáng 3-2, tại Hà Nội, đơn vị tổ chức hội nghị.", page.Lead);
        Assert.Equal(["Đoạn một.", "Đoạn hai."], page.Body);
        Assert.Equal("TTXVN", page.Byline!.Source);
        Assert.Equal("Hà Nội", page.Dateline!.Place);
        Assert.Contains(page.Report, n => n is { Kind: "dropped", Field: "body" });
    }

    [Fact]
    public void HtmlWithoutAHeadingTakesTheHeadlineFromTheTitle()
    {
        const string html = "<title>Trung đoàn 98 diễn tập | Báo Quân khu 1</title><p>Sáng 16-9, đơn vị diễn tập.</p><p>Đoạn một.</p>";
        var page = Page(PageImporter.FromHtml(html, PublishedOn));
        Assert.Equal("Trung đoàn 98 diễn tập", page.Headline);
        Assert.Equal("Sáng 16-9, đơn vị diễn tập.", page.Lead);
        Assert.Contains(page.Report, n => n is { Kind: "inferred", Field: "headline" });
    }

    [Fact]
    public void HtmlLineBreaksInsideAParagraphSplitItAndSourceNewlinesAreSpaces()
    {
        const string html = "<article><h1>Tiêu\nđề</h1><p>Mở\r\nđầu.</p><p>Đoạn một.<br>Bài: MINH ANH</p></article>";
        var page = Page(PageImporter.FromHtml(html));
        Assert.Equal("Tiêu đề", page.Headline);
        Assert.Equal("Mở đầu.", page.Lead);
        Assert.Equal(["Đoạn một."], page.Body);
        Assert.Equal("Minh Anh", page.Byline!.Credits.Single().Name);
    }

    [Fact]
    public void HtmlNestedTooDeeplyForTheTreeBuilderIsReadAsText()
    {
        var html = "<h1>Tiêu đề</h1><p>Mở đầu.</p><p>Đoạn một.</p>" + string.Concat(Enumerable.Repeat("<div><span>", 50_000));
        var result = PageImporter.FromHtml(html);
        var page = Page(result);
        Assert.Equal("Tiêu đề", page.Headline);
        Assert.Equal(["Đoạn một."], page.Body);
        Assert.Contains(page.Report, n => n is { Kind: "warning", Field: "page" });
    }

    [Fact]
    public void HtmlAndTextOfTheSeedPageGiveTheSameArticle()
    {
        var lines = Seed.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var html = new StringBuilder("<html><body>")
            .Append($"<div class=\"topbar\">{lines[0]}</div><div class=\"tools\">{lines[1]}</div>")
            .Append($"<article class=\"x\"><h1>{lines[2]}</h1>");
        foreach (var line in lines.Skip(3))
        {
            html.Append($"<p>{System.Net.WebUtility.HtmlEncode(line)}</p>");
        }
        html.Append("</article></body></html>");

        var fromText = Page(PageImporter.FromText(Seed, PublishedOn));
        var fromHtml = Page(PageImporter.FromHtml(html.ToString(), PublishedOn));
        Assert.Equal(fromText.Headline, fromHtml.Headline);
        Assert.Equal(fromText.Lead, fromHtml.Lead);
        Assert.Equal(fromText.Body, fromHtml.Body);
        Assert.Equal(fromText.Byline!.Text, fromHtml.Byline!.Text);
        Assert.Equal(fromText.Dateline, fromHtml.Dateline);
        Assert.Equal(fromText.ContactHeader!.Address, fromHtml.ContactHeader!.Address);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<html><body></body></html>")]
    [InlineData("<p></p><p> </p>")]
    [InlineData("\0\u0001\u0002\u0003\u0004")]
    public void HtmlWithNoArticleIsAnError(string? html)
    {
        var result = PageImporter.FromHtml(html);
        Assert.Null(result.Page);
        Assert.NotNull(result.Error);
    }

    [Theory]
    [InlineData("A- A A+ | Tăng tương phản Giảm tương phản")]
    [InlineData("A-  A  A+")]
    [InlineData("Cỡ chữ: A- A+ | In bài | Chia sẻ")]
    [InlineData("A-A+ / Tăng độ tương phản")]
    public void ReadingControlVariantsBeforeTheHeadlineAreDropped(string controls)
    {
        var page = Page(PageImporter.FromText($"{controls}\nTiêu đề\nĐoạn mở đầu.\nĐoạn một."));
        Assert.Equal("Tiêu đề", page.Headline);
        Assert.Contains(page.Report, n => n is { Kind: "dropped", Field: "page" });
    }

    [Theory]
    [InlineData("A")]
    [InlineData("In bài")]
    [InlineData("Tăng cường phối hợp")]
    public void ShortHeadlinesThatShareWordsWithTheControlsAreKept(string headline) =>
        Assert.Equal(headline, Page(PageImporter.FromText($"{headline}\nĐoạn mở đầu.")).Headline);
}
