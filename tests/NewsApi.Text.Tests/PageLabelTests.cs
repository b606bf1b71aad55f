namespace NewsApi.Text.Tests;

/// <summary>The breadcrumb and keywords the importer reads, one shape of page at a time.</summary>
public class PageLabelTests
{
    private const string Headline = "Hà Nội công bố điểm chuẩn vào lớp 10 công lập năm học mới";
    private const string Lead = "Chiều 9-7, Sở Giáo dục và Đào tạo Hà Nội công bố điểm chuẩn vào lớp 10 của 117 trường trung học phổ thông.";
    private const string BodyText = "Trường có điểm chuẩn cao nhất là 45,75 điểm, thấp nhất là 14,5 điểm, thí sinh xác nhận nhập học trực tuyến.";

    private static ParsedPage Html(string head, string beforeHeadline = "", string afterArticle = "")
    {
        var html = $"""
            <!DOCTYPE html><html><head><title>{Headline}</title>{head}</head><body>
            {beforeHeadline}
            <article><h1>{Headline}</h1>
            <p>{Lead}</p>
            <p>{BodyText}</p>
            <p>Sở lưu ý các trường không được thu bất kỳ khoản phí nào khi học sinh làm thủ tục nhập học.</p>
            {afterArticle}
            </article></body></html>
            """;
        var result = PageImporter.FromHtml(html);
        Assert.Null(result.Error);
        return result.Page!;
    }

    private static ParsedPage Text(string text)
    {
        var result = PageImporter.FromText(text);
        Assert.Null(result.Error);
        return result.Page!;
    }

    [Fact]
    public void AJsonLdBreadcrumbListGivesItsNamesInPositionOrderWithoutHomeOrHeadline()
    {
        const string jsonLd = """
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[
              {"@type":"ListItem","position":3,"item":{"@id":"https://example.vn/giao-duc/tuyen-sinh","name":"Tuyển sinh"}},
              {"@type":"ListItem","position":1,"name":"Trang chủ","item":"https://example.vn/"},
              {"@type":"ListItem","position":2,"name":"Giáo dục","item":"https://example.vn/giao-duc"},
              {"@type":"ListItem","position":4,"name":"Hà Nội công bố điểm chuẩn vào lớp 10 công lập năm học mới"}]}</script>
            """;
        Assert.Equal(["Giáo dục", "Tuyển sinh"], Html(jsonLd).Breadcrumb);
    }

    [Fact]
    public void AJsonLdBreadcrumbInsideAWebPageGraphIsRead()
    {
        const string jsonLd = """
            <script type="application/ld+json">{"@graph":[{"@type":"WebPage","breadcrumb":{"@type":"BreadcrumbList",
              "itemListElement":[{"position":1,"item":{"@id":"/","name":"Home"}},{"position":2,"item":{"@id":"/the-thao","name":"Thể thao"}}]}}]}</script>
            """;
        Assert.Equal(["Thể thao"], Html(jsonLd).Breadcrumb);
    }

    [Fact]
    public void MicrodataBreadcrumbListGivesItsNames()
    {
        const string trail = """
            <ol itemscope itemtype="https://schema.org/BreadcrumbList">
              <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/"><span itemprop="name">Trang nhất</span></a><meta itemprop="position" content="1"></li>
              <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/kinh-te"><span itemprop="name">Kinh tế</span></a><meta itemprop="position" content="2"></li>
              <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/kinh-te/tai-chinh"><span itemprop="name">Tài chính</span></a><meta itemprop="position" content="3"></li>
            </ol>
            """;
        Assert.Equal(["Kinh tế", "Tài chính"], Html("", trail).Breadcrumb);
    }

    [Fact]
    public void ANavLabelledBreadcrumbGivesItsLinksWithoutSeparatorsAndTheTrailingHeadline()
    {
        const string trail = """
            <nav aria-label="Breadcrumb"><a href="https://example.vn/">Báo Mới</a> › <a href="/thoi-su">Thời  sự</a> » <a href="/thoi-su/giao-thong">Giao thông</a> / <span>Hà Nội công bố điểm chuẩn vào lớp 10 công lập năm học mới</span></nav>
            """;
        Assert.Equal(["Thời sự", "Giao thông"], Html("", trail).Breadcrumb);
    }

    [Theory]
    [InlineData("<li><a href=\"/home\">Trang chủ</a></li>")]
    [InlineData("<li><a href=\"https://example.vn\">Home</a></li>")]
    [InlineData("<li><a href=\"/\"><i class=\"icon-home\"></i></a></li>")]
    [InlineData("<li><a href=\"/\">Báo Điện tử</a></li>")]
    public void TheHomeLinkIsDroppedByItsNameOrItsAddress(string home)
    {
        var trail = $"<ul class=\"Breadcrumbs-list\">{home}<li><a href=\"/xa-hoi\">Xã hội</a></li></ul>";
        Assert.Equal(["Xã hội"], Html("", trail).Breadcrumb);
    }

    [Fact]
    public void TheBreadcrumbIsNeverPartOfTheBody()
    {
        var page = Html("", "<div id=\"breadcrumb\"><a href=\"/\">Trang chủ</a> › <a href=\"/xa-hoi\">Xã hội</a></div>");
        Assert.Equal(["Xã hội"], page.Breadcrumb);
        Assert.DoesNotContain(page.Body, p => p.Contains("Xã hội", StringComparison.Ordinal));
    }

    [Fact]
    public void ArticleSectionMetaIsTheTrailOfAPageWithoutOne()
    {
        Assert.Equal(["Giáo dục"], Html("<meta property=\"article:section\" content=\"Giáo  dục\">").Breadcrumb);
    }

    [Fact]
    public void APageWithNoTrailAndNoKeywordsHasEmptyLists()
    {
        var page = Html("<meta property=\"og:title\" content=\"" + Headline + "\">");
        Assert.Empty(page.Breadcrumb);
        Assert.Empty(page.Keywords);
    }

    [Fact]
    public void MetaKeywordsArticleTagsAndJsonLdKeywordsComeInPageOrderEachOnce()
    {
        const string head = """
            <meta name="keywords" content="tuyển sinh, lớp 10; Hà Nội">
            <meta property="article:tag" content="điểm chuẩn">
            <script type="application/ld+json">{"@type":"NewsArticle","keywords":["Điểm chuẩn","giáo dục"]}</script>
            <script type="application/ld+json">{"@type":"WebSite","keywords":"báo điện tử, tin tức"}</script>
            """;
        Assert.Equal(["tuyển sinh", "lớp 10", "Hà Nội", "điểm chuẩn", "giáo dục"], Html(head).Keywords);
    }

    [Fact]
    public void AKeywordBlockGivesItsLinksAndStaysOutOfTheBody()
    {
        var page = Html("", afterArticle: "<div class=\"box-tags\"><span>Từ khoá:</span> <a href=\"/t/1\">tuyển sinh</a> <a href=\"/t/2\">lớp 10 công lập</a></div>");
        Assert.Equal(["tuyển sinh", "lớp 10 công lập"], page.Keywords);
        Assert.Equal(2, page.Body.Count);
        Assert.DoesNotContain(page.Body, p => p.Contains("tuyển sinh", StringComparison.Ordinal));
    }

    [Fact]
    public void AKeywordLineInTheArticleGivesItsCommaSeparatedWordsAndLeavesTheBody()
    {
        var page = Html("", afterArticle: "<p>TỪ KHÓA: tuyển sinh; lớp 10, Hà Nội</p>");
        Assert.Equal(["tuyển sinh", "lớp 10", "Hà Nội"], page.Keywords);
        Assert.DoesNotContain(page.Body, p => p.Contains("tuyển sinh", StringComparison.Ordinal));
    }

    [Fact]
    public void RelTagLinksAreKeywordsButWordPressCategoryLinksAreNot()
    {
        var page = Html("", afterArticle: """
            <footer class="entry-footer"><span class="cat-links">Chuyên mục <a href="/c/giao-duc" rel="category tag">Giáo dục</a></span>
            <span class="links">Thẻ <a href="/tag/a" rel="tag">tuyển sinh</a>, <a href="/tag/b" rel="tag">Hà Nội</a></span></footer>
            """);
        Assert.Equal(["tuyển sinh", "Hà Nội"], page.Keywords);
        Assert.Equal(["Giáo dục"], page.Breadcrumb);
    }

    [Fact]
    public void KeywordsThatDifferOnlyInTonesOrCaseAreKeptOnceAsFirstWritten()
    {
        var page = Html("<meta name=\"keywords\" content=\"Huấn luyện, huấn luyện, Huan luyen, HUẤN LUYỆN, chiến sĩ mới\">");
        Assert.Equal(["Huấn luyện", "chiến sĩ mới"], page.Keywords);
    }

    [Fact]
    public void AKeywordLongerThanSixtyCharactersIsDroppedAndTheOthersKept()
    {
        var sixty = new string('a', 60);
        var page = Html($"<meta name=\"keywords\" content=\"tuyển sinh, {sixty}, {sixty}b, Hà Nội\">");
        Assert.Equal(["tuyển sinh", sixty, "Hà Nội"], page.Keywords);
    }

    [Fact]
    public void AtMostTwentyKeywordsAreKept()
    {
        var many = string.Join(", ", Enumerable.Range(1, 30).Select(i => $"từ khóa {i}"));
        var page = Html($"<meta name=\"keywords\" content=\"{many}\">");
        Assert.Equal(20, page.Keywords.Count);
        Assert.Equal("từ khóa 20", page.Keywords[^1]);
    }

    [Fact]
    public void KeywordsAreNfc()
    {
        var decomposed = "Huấn luyện".Normalize(System.Text.NormalizationForm.FormD);
        var page = Html($"<meta name=\"keywords\" content=\"{decomposed}\">");
        Assert.Equal(["Huấn luyện"], page.Keywords);
        Assert.True(page.Keywords[0].IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Fact]
    public void ATextPageKeywordLineGivesKeywordsAndLeavesTheBodyEvenBeforeOtherLines()
    {
        const string text = "Sức khỏe › Y tế\nTiêm vắc xin sởi miễn phí cho trẻ\nNgày 5/3, Sở Y tế thành phố tổ chức tiêm bổ sung vắc xin sởi.\n"
            + "Chiến dịch kéo dài trong hai tuần.\nTừ khoá: vắc xin; sởi, Trẻ em, trẻ em\nPhụ huynh mang theo sổ tiêm chủng.\nLê Phương";
        var page = Text(text);
        Assert.Equal(["vắc xin", "sởi", "Trẻ em"], page.Keywords);
        Assert.Equal(["Sức khỏe", "Y tế"], page.Breadcrumb);
        Assert.Equal(["Chiến dịch kéo dài trong hai tuần.", "Phụ huynh mang theo sổ tiêm chủng."], page.Body);
    }

    [Fact]
    public void ATextPageTagsLabelAloneTakesTheShortLinesUnderIt()
    {
        const string text = "Tiêu đề bài viết về tuyển sinh\nSáng 3-2, Sở tổ chức hội nghị tuyển sinh.\nNội dung chính của bài.\nTags:\ntuyển sinh\nlớp 10";
        var page = Text(text);
        Assert.Equal(["tuyển sinh", "lớp 10"], page.Keywords);
        Assert.Equal(["Nội dung chính của bài."], page.Body);
    }

    [Fact]
    public void ATextPageWithoutLabelsHasEmptyLists()
    {
        var page = Text("Tiêu đề bài viết\nĐoạn mở đầu.\nĐoạn một.");
        Assert.Empty(page.Breadcrumb);
        Assert.Empty(page.Keywords);
    }
}
