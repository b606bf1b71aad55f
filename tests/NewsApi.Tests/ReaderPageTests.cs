using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace NewsApi.Tests;

/// <summary>
/// The app as a process on a fresh database (SQLite, or PostgreSQL in the suite's second run), and Debian's headless Chromium (tests/run.sh installs it), driven by
/// Playwright; no browser is ever downloaded. Without /usr/bin/chromium these tests fail: they never skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly TestDatabase database = new();

    public AppProcess App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>A key with scope admin, made as an operator makes one (the executable's `keys create`).</summary>
    public string AdminKey { get; private set; } = null!;

    public Dictionary<string, string> Environment => database.Environment;

    private IPlaywright? playwright;

    public string Url(string path) => $"http://127.0.0.1:{App.Port}{path}";

    private async Task<string> CreateKeyAsync(string name, string scope)
    {
        var (exitCode, output, error) = await AppProcess.RunCommandAsync(Environment, database.Folder, "keys", "create", "--name", name, "--scope", scope);
        Assert.True(exitCode == 0, error);
        return output.Trim().Split('\n')[^1].Trim();
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: install Debian's chromium package (bash tests/run.sh does it with apt-get).");
        }
        var appAndKey = StartAppWithKeyAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 30_000,
        });
        AdminKey = await appAndKey;
    }

    private async Task<string> StartAppWithKeyAsync()
    {
        App = await AppProcess.StartAsync(Environment, database.Folder);
        return await CreateKeyAsync("reader-tests", "admin");
    }

    /// <summary>A fresh browser profile (no saved preferences) with a page that records console errors.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (context, page, errors);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        database.Dispose();
    }
}

public class ReaderPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SeedSlug = "tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020";
    private const string SeedHeadline = "Tổng cục Công nghiệp Quốc phòng tổ chức Hội nghị Quân chính năm 2020";

    private static string ScreenshotPath => Path.Combine(Fixtures.RepositoryRoot, "TestResults", "reader.png");

    private static async Task<IResponse> OpenAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url) ?? throw new InvalidOperationException("No response for " + url);
        await page.Locator("html[data-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return response;
    }

    private static Task<string> ComputedAsync(IPage page, string selector, string property) =>
        page.Locator(selector).First.EvaluateAsync<string>("(node, property) => getComputedStyle(node)[property]", property);

    private static double Pixels(string cssLength) =>
        double.Parse(cssLength.Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task PageShowsTheNewestArticleLikeTheOriginalPageUnderItsCsp()
    {
        var (context, page, errors) = await browser.NewPageAsync();
        await using var _ = context;

        var response = await OpenAsync(page, browser.Url("/"));

        Assert.Equal(200, response.Status);
        var csp = await response.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));

        Assert.Equal("Tổ 6 phường Quan Triều, Thành phố Thái Nguyên, Tỉnh Thái Nguyên", await page.Locator("header address .contact-address").InnerTextAsync());
        var phone = page.Locator("header address a[href='tel:+842083844179']");
        Assert.Equal("(84).208.3844.179", await phone.InnerTextAsync());

        Assert.Equal(SeedHeadline, await page.Locator("main article h1").InnerTextAsync());
        var lead = await page.Locator("main article .lead").InnerTextAsync();
        Assert.StartsWith("Sáng 10-12,", lead);
        Assert.Equal("Sáng 10-12", await page.Locator(".lead .dateline").InnerTextAsync());
        Assert.Equal("2020-12-10", await page.Locator(".lead .dateline time").GetAttributeAsync("datetime"));
        Assert.Equal(4, await page.Locator("main article .body p").CountAsync());
        Assert.StartsWith("Năm 2020, Tổng cục CNQP", await page.Locator("main article .body p").First.InnerTextAsync());

        var byline = page.Locator("main article footer.byline");
        Assert.Equal("Hương Hồng Thu", await byline.Locator(".contributor").InnerTextAsync());
        Assert.Equal("(Bài, Ảnh)", (await byline.Locator(".roles").InnerTextAsync()).Trim());
        Assert.Equal("Nguồn: QĐND", await byline.Locator(".byline-source").InnerTextAsync());

        Assert.Equal(1, await page.Locator("nav.latest .article-list a[aria-current='page']").CountAsync());
        foreach (var landmark in new[] { "body > header", "header nav[aria-label='Chuyên mục']", "nav.latest", "main", "main article", "body > footer", "form[role='search']" })
        {
            Assert.Equal(1, await page.Locator(landmark).CountAsync());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await page.ScreenshotAsync(new() { Path = ScreenshotPath, FullPage = true });
        Assert.True(new FileInfo(ScreenshotPath).Length > 10_000);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ASlugInTheAddressOrFragmentChoosesTheArticle()
    {
        var (context, page, errors) = await browser.NewPageAsync();
        await using var _ = context;

        await OpenAsync(page, browser.Url($"/?slug={SeedSlug}"));
        Assert.Equal(SeedHeadline, await page.Locator("main h1").InnerTextAsync());

        await OpenAsync(page, browser.Url($"/#{SeedSlug}"));
        Assert.Equal(SeedHeadline, await page.Locator("main h1").InnerTextAsync());
        Assert.Equal(SeedHeadline, await page.TitleAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ReadingControlsChangeSizeAndContrastAndSurviveAReload()
    {
        var (context, page, errors) = await browser.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, browser.Url("/"));
        const string paragraph = "main article .body p";

        var sizeBefore = Pixels(await ComputedAsync(page, paragraph, "fontSize"));
        var backgroundBefore = await ComputedAsync(page, "body", "backgroundColor");
        var textBefore = await ComputedAsync(page, paragraph, "color");
        Assert.Equal("true", await page.Locator("#contrast-normal").GetAttributeAsync("aria-pressed"));

        await page.Locator("#font-larger").ClickAsync();
        var sizeAfter = Pixels(await ComputedAsync(page, paragraph, "fontSize"));
        Assert.True(sizeAfter > sizeBefore, $"A+ left the body text at {sizeAfter}px (was {sizeBefore}px)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Tăng tương phản" }).ClickAsync();
        Assert.Contains("high-contrast", await page.Locator("html").GetAttributeAsync("class") ?? "");
        Assert.Equal("true", await page.Locator("#contrast-high").GetAttributeAsync("aria-pressed"));
        Assert.Equal("false", await page.Locator("#contrast-normal").GetAttributeAsync("aria-pressed"));
        Assert.NotEqual(backgroundBefore, await ComputedAsync(page, "body", "backgroundColor"));
        Assert.NotEqual(textBefore, await ComputedAsync(page, paragraph, "color"));

        await page.ReloadAsync();
        await page.Locator("html[data-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal(sizeAfter, Pixels(await ComputedAsync(page, paragraph, "fontSize")));
        Assert.Contains("high-contrast", await page.Locator("html").GetAttributeAsync("class") ?? "");
        Assert.Equal("true", await page.Locator("#contrast-high").GetAttributeAsync("aria-pressed"));
        Assert.NotEqual(backgroundBefore, await ComputedAsync(page, "body", "backgroundColor"));

        // A and "Giảm tương phản" bring the defaults back, and that is saved too.
        await page.Locator("#font-reset").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Giảm tương phản" }).ClickAsync();
        await page.ReloadAsync();
        await page.Locator("html[data-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal(sizeBefore, Pixels(await ComputedAsync(page, paragraph, "fontSize")));
        Assert.Equal(backgroundBefore, await ComputedAsync(page, "body", "backgroundColor"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task SearchWithoutTonesListsTheSeed()
    {
        var (context, page, errors) = await browser.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, browser.Url("/"));

        await page.GetByLabel("Tìm bài viết").FillAsync("hoi nghi quan chinh");
        await page.GetByLabel("Tìm bài viết").PressAsync("Enter");

        await page.Locator("#list-status", new() { HasTextString = "khớp với" }).WaitForAsync();
        var results = page.Locator("nav.latest .article-list li");
        Assert.Equal(1, await results.CountAsync());
        Assert.Equal(SeedSlug, await results.First.GetAttributeAsync("data-slug"));
        Assert.Equal(SeedHeadline, await results.First.Locator("a").InnerTextAsync());
        Assert.Contains("q=hoi+nghi+quan+chinh", page.Url);

        await page.GetByLabel("Tìm bài viết").FillAsync("khong co bai nao nhu the");
        await page.GetByLabel("Tìm bài viết").PressAsync("Enter");
        await page.Locator("#list-status", new() { HasTextString = "Không có bài nào" }).WaitForAsync();
        Assert.Equal(0, await results.CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task PrevAndNextFollowTheListLinks()
    {
        // Eleven more published articles, all older than the seed, so the list (10 a page) has two pages and the
        // seed stays the newest. Their words match no other test's search.
        using var writer = new HttpClient { BaseAddress = new Uri(browser.Url("/")) };
        writer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", browser.AdminKey);
        for (var i = 1; i <= 11; i++)
        {
            var created = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
            {
                headline = $"Bản tin lưu trữ số {i}",
                lead = $"Bản tin lưu trữ số {i} dùng để thử phân trang.",
                status = "published",
                publishedAt = new DateTimeOffset(2019, 1, i, 8, 0, 0, TimeSpan.FromHours(7)),
            }));
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var (context, page, errors) = await browser.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, browser.Url("/"));
        var items = page.Locator("nav.latest .article-list li");
        Assert.Equal(SeedHeadline, await page.Locator("main h1").InnerTextAsync());
        Assert.Equal(10, await items.CountAsync());
        Assert.Equal(SeedSlug, await items.First.GetAttributeAsync("data-slug"));
        Assert.Equal("Trang 1/2", await page.Locator("#page-position").InnerTextAsync());
        Assert.True(await page.Locator("#page-prev").IsDisabledAsync());

        await page.Locator("#page-next").ClickAsync();
        await page.Locator("#page-position", new() { HasTextString = "Trang 2/2" }).WaitForAsync();
        Assert.Equal(2, await items.CountAsync());
        Assert.Equal("Bản tin lưu trữ số 1", await items.Last.Locator("a").InnerTextAsync());
        Assert.True(await page.Locator("#page-next").IsDisabledAsync());

        await items.First.Locator("a").ClickAsync();
        await page.Locator("main h1", new() { HasTextString = "Bản tin lưu trữ số 2" }).WaitForAsync();
        Assert.Contains("slug=", page.Url);
        Assert.Equal("page", await items.First.Locator("a").GetAttributeAsync("aria-current"));

        await page.Locator("#page-prev").ClickAsync();
        await page.Locator("#page-position", new() { HasTextString = "Trang 1/2" }).WaitForAsync();
        Assert.Equal(10, await items.CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task KeyboardReachesEveryControlWithAVisibleFocus()
    {
        var (context, page, errors) = await browser.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, browser.Url("/"));

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.getBoundingClientRect().top >= 0"), "the skip link stays off screen when focused");

        // The section menu (five top sections, three with a subsection button) comes between the controls and the list.
        var reached = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var id = await page.EvaluateAsync<string>("document.activeElement.id || document.activeElement.getAttribute('href') || ''");
            reached.Add(id);
            if (id == "font-larger")
            {
                Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
                await page.Keyboard.PressAsync("Enter");
                Assert.Equal("1", await page.Locator("html").GetAttributeAsync("data-font-step"));
            }
        }
        Assert.Contains("tel:+842083844179", reached);
        Assert.Contains("font-larger", reached);
        Assert.Contains("contrast-high", reached);
        Assert.Contains("/?section=quoc-phong-an-ninh", reached);
        Assert.Contains("search-input", reached);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task PageFitsAPhoneScreenWithoutSidewaysScrolling()
    {
        var (context, page, errors) = await browser.NewPageAsync(width: 360, height: 740);
        await using var _ = context;
        await OpenAsync(page, browser.Url("/"));

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "the page is wider than a 360 px screen");
        var list = await page.Locator("nav.latest").BoundingBoxAsync();
        var article = await page.Locator("main").BoundingBoxAsync();
        Assert.True(list!.Y > article!.Y, "on a phone the list comes after the article");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task SwaggerUiGroupsOperationsByResourceAndAuthorizeSendsTheKey()
    {
        var key = browser.AdminKey;

        var (context, page, _) = await browser.NewPageAsync();
        await using var __ = context;
        await page.GotoAsync(browser.Url("/swagger/index.html"));

        var sections = page.Locator(".opblock-tag-section h3");
        // Swagger UI renders the whole document first: seconds on a busy machine.
        await sections.First.WaitForAsync(new() { Timeout = 30_000 });
        var tags = (await sections.AllInnerTextsAsync()).Select(t => t.Split('\n')[0].Trim()).ToList();
        Assert.Equal(["Articles", "Bylines", "Datelines", "Contributors", "Sections", "Tags", "Media", "Contact header", "Imports", "API keys", "Feeds", "Webhooks", "Service"], tags);

        await page.Locator("button.authorize").First.ClickAsync();
        await page.Locator(".modal-ux input[type='text'], .modal-ux input[type='password']").First.FillAsync(key);
        await page.Locator(".modal-ux button.authorize").ClickAsync();
        await page.Locator(".modal-ux button.btn-done").ClickAsync();

        var listKeys = page.Locator("#operations-API_keys-ListKeys");
        await listKeys.Locator(".opblock-summary").ClickAsync();
        await listKeys.Locator("button.try-out__btn").ClickAsync();
        await listKeys.Locator("button.execute").ClickAsync();
        var status = listKeys.Locator(".live-responses-table .response .response-col_status").First;
        await status.WaitForAsync();
        Assert.Equal("200", (await status.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task PhotosShowAsFiguresWithCaptionCreditAltTextAndRenditionsInTheirSrcset()
    {
        using var writer = new HttpClient { BaseAddress = new Uri(browser.Url("/")) };
        writer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", browser.AdminKey);
        async Task<int> UploadAsync(HttpContent form)
        {
            var response = await writer.PostAsync("/api/v1/media", form);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (int)(await response.ReadJson())["id"]!;
        }
        var feature = await UploadAsync(MediaTests.Form(TestImages.Jpeg(1400, 933, seed: 301), caption: "Toàn cảnh hội nghị", alt: "Hội trường kín đại biểu"));
        var figure = await UploadAsync(MediaTests.Form(TestImages.Jpeg(800, 600, seed: 302), alt: "Đại biểu giơ tay", credit: "TTXVN"));
        // Older than the seed, so the seed stays the newest article; deleted at the end, so the list counts other tests
        // make stay as they were.
        var created = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline = "Bài có ảnh để xem trên trang đọc",
            lead = "Bài có ảnh đầu bài và một ảnh trong bài.",
            status = "published",
            publishedAt = new DateTimeOffset(2018, 6, 1, 8, 0, 0, TimeSpan.FromHours(7)),
            byline = new { text = "Tin, ảnh: HƯƠNG HỒNG THU (QĐND)" },
            featureImage = new { mediaId = feature },
            body = new object[]
            {
                new { type = "paragraph", text = "Đoạn đầu." },
                new { type = "image", mediaId = figure, caption = "Các đại biểu biểu quyết" },
                new { type = "paragraph", text = "Đoạn cuối." },
            },
        }));
        var article = await created.ReadJson();
        Assert.True(created.IsSuccessStatusCode, article.ToJsonString());
        try
        {
            var (context, page, errors) = await browser.NewPageAsync();
            await using var _ = context;
            await OpenAsync(page, browser.Url($"/?slug={(string)article["slug"]!}"));

            var head = page.Locator("main article .feature figure");
            var headImage = head.Locator("img");
            Assert.Equal("Hội trường kín đại biểu", await headImage.GetAttributeAsync("alt"));
            Assert.Null(await headImage.GetAttributeAsync("loading"));
            Assert.Equal(("1400", "933"), (await headImage.GetAttributeAsync("width"), await headImage.GetAttributeAsync("height")));
            Assert.Equal(["320w", "640w", "960w", "1280w"], (await headImage.GetAttributeAsync("srcset"))!.Split(", ").Select(c => c.Split(' ')[1]));
            Assert.Contains("format=avif", await head.Locator("source[type='image/avif']").GetAttributeAsync("srcset"));
            Assert.Equal("Toàn cảnh hội nghị", await head.Locator("figcaption .caption").InnerTextAsync());
            Assert.Equal("Ảnh: Hương Hồng Thu", await head.Locator("figcaption .credit").InnerTextAsync());
            // A rendition is made on its first request: an AVIF takes seconds on a busy machine.
            var firstRendition = new PageWaitForFunctionOptions { Timeout = 60_000 };
            await page.WaitForFunctionAsync(
                "() => document.querySelector('.feature img').complete && document.querySelector('.feature img').naturalWidth > 0", null, firstRendition);
            var chosen = await headImage.EvaluateAsync<string>("img => img.currentSrc");
            Assert.Contains($"/api/v1/media/{feature}/file?width=", chosen);

            var inBody = page.Locator("main article .body figure");
            Assert.Equal(1, await inBody.CountAsync());
            Assert.Equal("lazy", await inBody.Locator("img").GetAttributeAsync("loading"));
            Assert.Equal("Đại biểu giơ tay", await inBody.Locator("img").GetAttributeAsync("alt"));
            Assert.Equal("Các đại biểu biểu quyết", await inBody.Locator(".caption").InnerTextAsync());
            Assert.Equal("Ảnh: TTXVN", await inBody.Locator(".credit").InnerTextAsync());
            await inBody.ScrollIntoViewIfNeededAsync();
            await page.WaitForFunctionAsync(
                "() => document.querySelector('.body img').complete && document.querySelector('.body img').naturalWidth > 0", null, firstRendition);
            Assert.Equal(["Đoạn đầu.", "Đoạn cuối."], await page.Locator("main article .body p").AllInnerTextsAsync());
            Assert.Empty(errors);
        }
        finally
        {
            Assert.True((await writer.DeleteAsync($"/api/v1/articles/{(int)article["id"]!}")).IsSuccessStatusCode);
            Assert.True((await writer.DeleteAsync($"/api/v1/media/{feature}")).IsSuccessStatusCode);
            Assert.True((await writer.DeleteAsync($"/api/v1/media/{figure}")).IsSuccessStatusCode);
        }
    }

    private static readonly string[] SeedTopSections = ["Tin tức", "Quốc phòng - An ninh", "Xây dựng Đảng", "Hậu phương quân đội", "Văn hóa - Xã hội"];

    private static ILocator SectionMenu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Chuyên mục" });

    private static ILocator ListingItems(IPage page) => page.Locator("main .listing .listing-item");

    private HttpClient Writer()
    {
        var writer = new HttpClient { BaseAddress = new Uri(browser.Url("/")) };
        writer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", browser.AdminKey);
        return writer;
    }

    [Fact]
    public async Task SectionMenuShowsTheSeedTreeInOrderAndOpensASubmenuFromTheKeyboard()
    {
        var (context, page, errors) = await browser.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, browser.Url("/"));

        var menu = SectionMenu(page);
        Assert.Equal(SeedTopSections, await menu.Locator(".section-item > .section-link").AllInnerTextsAsync());
        async Task<IReadOnlyList<string>> SubsectionsOf(string top) =>
            await menu.Locator(".section-item", new() { Has = page.Locator($".section-link:text-is('{top}')") })
                .Locator(".subsection-link").AllTextContentsAsync();
        Assert.Equal(["Thời sự", "Trong nước", "Quốc tế"], await SubsectionsOf("Tin tức"));
        Assert.Equal(["Huấn luyện", "Biển đảo", "Công nghiệp quốc phòng"], await SubsectionsOf("Quốc phòng - An ninh"));
        Assert.Empty(await SubsectionsOf("Xây dựng Đảng"));
        Assert.Empty(await SubsectionsOf("Hậu phương quân đội"));
        Assert.Equal(["Văn hóa", "Thể thao"], await SubsectionsOf("Văn hóa - Xã hội"));
        Assert.Equal("/?section=quoc-phong-an-ninh", await menu.GetByRole(AriaRole.Link, new() { Name = "Quốc phòng - An ninh", Exact = true }).GetAttributeAsync("href"));

        // On the seed article, its section and the section above it are marked as where the reader is.
        Assert.Equal("true", await menu.Locator("a[data-section='quoc-phong-an-ninh']").GetAttributeAsync("aria-current"));
        Assert.Equal("true", await menu.Locator("a[data-section='cong-nghiep-quoc-phong']").GetAttributeAsync("aria-current"));
        Assert.Equal(2, await menu.Locator("a[aria-current]").CountAsync());

        // The subsections of a top section sit behind a button: Enter opens them, Tab walks into them, Escape closes.
        var toggle = menu.GetByRole(AriaRole.Button, new() { Name = "Các mục của Quốc phòng - An ninh" });
        var huanLuyen = menu.GetByRole(AriaRole.Link, new() { Name = "Huấn luyện" });
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-expanded"));
        Assert.False(await huanLuyen.IsVisibleAsync());
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("true", await toggle.GetAttributeAsync("aria-expanded"));
        Assert.True(await huanLuyen.IsVisibleAsync());
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Huấn luyện", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-expanded"));
        Assert.False(await huanLuyen.IsVisibleAsync());
        Assert.Equal("Các mục của Quốc phòng - An ninh", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task OnAPhoneTheSectionMenuOpensFromOneButtonAndFitsTheScreen()
    {
        var (context, page, errors) = await browser.NewPageAsync(width: 360, height: 740);
        await using var _ = context;
        await OpenAsync(page, browser.Url("/"));

        var menu = SectionMenu(page);
        var menuButton = menu.GetByRole(AriaRole.Button, new() { Name = "Chuyên mục" });
        var topLink = menu.GetByRole(AriaRole.Link, new() { Name = "Quốc phòng - An ninh", Exact = true });
        Assert.False(await topLink.IsVisibleAsync());
        await menuButton.ClickAsync();
        Assert.Equal("true", await menuButton.GetAttributeAsync("aria-expanded"));
        Assert.True(await topLink.IsVisibleAsync());
        await menu.GetByRole(AriaRole.Button, new() { Name = "Các mục của Quốc phòng - An ninh" }).ClickAsync();
        Assert.True(await menu.GetByRole(AriaRole.Link, new() { Name = "Biển đảo" }).IsVisibleAsync());
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "the open menu is wider than a 360 px screen");

        await menu.GetByRole(AriaRole.Link, new() { Name = "Biển đảo" }).ClickAsync();
        await page.Locator("main .listing h1", new() { HasTextString = "Biển đảo" }).WaitForAsync();
        Assert.Equal("false", await menuButton.GetAttributeAsync("aria-expanded"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ChoosingATopSectionListsTheSeedFromItsSubsectionAndBackReturnsToIt()
    {
        var (context, page, errors) = await browser.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, browser.Url("/"));

        await SectionMenu(page).GetByRole(AriaRole.Link, new() { Name = "Quốc phòng - An ninh", Exact = true }).ClickAsync();
        var heading = page.Locator("main .listing h1");
        await heading.WaitForAsync();
        Assert.Equal("Quốc phòng - An ninh", await heading.InnerTextAsync());
        Assert.EndsWith("/?section=quoc-phong-an-ninh", page.Url);
        Assert.True(await page.Locator("main article").IsHiddenAsync());
        Assert.Equal(["Trang chủ", "Quốc phòng - An ninh"], await page.GetByRole(AriaRole.Navigation, new() { Name = "Đường dẫn" }).Locator("li").AllInnerTextsAsync());
        Assert.Equal("page", await SectionMenu(page).Locator("a[data-section='quoc-phong-an-ninh']").GetAttributeAsync("aria-current"));
        var item = Assert.Single(await ListingItems(page).AllAsync());
        Assert.Equal(SeedSlug, await item.GetAttributeAsync("data-slug"));
        Assert.Equal(SeedHeadline, await item.Locator("h2 a").InnerTextAsync());
        Assert.Equal("1 bài viết", await page.Locator("#listing-status").InnerTextAsync());
        Assert.True(await page.Locator("#listing-pager").IsHiddenAsync());

        await item.Locator("a").ClickAsync();
        await page.Locator("main article h1", new() { HasTextString = SeedHeadline }).WaitForAsync();
        Assert.Contains($"slug={SeedSlug}", page.Url);
        Assert.DoesNotContain("section=", page.Url);

        await page.GoBackAsync();
        await page.Locator("main .listing h1", new() { HasTextString = "Quốc phòng - An ninh" }).WaitForAsync();
        Assert.True(await page.Locator("main article").IsHiddenAsync());
        Assert.Equal(1, await ListingItems(page).CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ASubsectionPageNamesItsParentInTheBreadcrumbAndPagesLikeTheList()
    {
        // Eleven published articles in "Biển đảo", so its page (10 a page) has two; deleted at the end.
        using var writer = Writer();
        var section = (int)(await (await writer.GetAsync("/api/v1/sections/bien-dao")).ReadJson())["id"]!;
        var ids = new List<int>();
        try
        {
            for (var i = 1; i <= 11; i++)
            {
                var created = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
                {
                    headline = $"Tuần tra vùng biển đợt {i}",
                    lead = $"Tuần tra vùng biển đợt {i} dùng để thử trang chuyên mục.",
                    status = "published",
                    publishedAt = new DateTimeOffset(2017, 3, i, 8, 0, 0, TimeSpan.FromHours(7)),
                    sectionId = section,
                }));
                var body = await created.ReadJson();
                Assert.True(created.IsSuccessStatusCode, body.ToJsonString());
                ids.Add((int)body["id"]!);
            }

            var (context, page, errors) = await browser.NewPageAsync();
            await using var _ = context;
            await OpenAsync(page, browser.Url("/?section=bien-dao"));

            Assert.Equal("Biển đảo", await page.Locator("main .listing h1").InnerTextAsync());
            var breadcrumb = page.GetByRole(AriaRole.Navigation, new() { Name = "Đường dẫn" });
            Assert.Equal(["Trang chủ", "Quốc phòng - An ninh", "Biển đảo"], await breadcrumb.Locator("li").AllInnerTextsAsync());
            Assert.Equal("/?section=quoc-phong-an-ninh", await breadcrumb.GetByRole(AriaRole.Link, new() { Name = "Quốc phòng - An ninh" }).GetAttributeAsync("href"));
            Assert.Equal("page", await SectionMenu(page).Locator("a[data-section='bien-dao']").GetAttributeAsync("aria-current"));
            Assert.Equal("true", await SectionMenu(page).Locator("a[data-section='quoc-phong-an-ninh']").GetAttributeAsync("aria-current"));
            Assert.Equal("Chuyên mục: Biển đảo", await page.TitleAsync());

            Assert.Equal(10, await ListingItems(page).CountAsync());
            Assert.Equal("Tuần tra vùng biển đợt 11", await ListingItems(page).First.Locator("h2").InnerTextAsync());
            Assert.Equal("Trang 1/2", await page.Locator("#listing-position").InnerTextAsync());
            Assert.True(await page.Locator("#listing-prev").IsDisabledAsync());
            await page.Locator("#listing-next").ClickAsync();
            await page.Locator("#listing-position", new() { HasTextString = "Trang 2/2" }).WaitForAsync();
            Assert.Equal(["Tuần tra vùng biển đợt 1"], await ListingItems(page).Locator("h2").AllInnerTextsAsync());
            Assert.True(await page.Locator("#listing-next").IsDisabledAsync());

            // The breadcrumb leads to the parent, whose page holds its subsections' articles too.
            await breadcrumb.GetByRole(AriaRole.Link, new() { Name = "Quốc phòng - An ninh" }).ClickAsync();
            await page.Locator("main .listing h1", new() { HasTextString = "Quốc phòng - An ninh" }).WaitForAsync();
            Assert.Equal("12 bài viết", await page.Locator("#listing-status").InnerTextAsync());
            Assert.Empty(errors);
        }
        finally
        {
            foreach (var id in ids)
            {
                Assert.True((await writer.DeleteAsync($"/api/v1/articles/{id}")).IsSuccessStatusCode);
            }
        }
    }

    [Fact]
    public async Task TheSeedShowsItsSectionAndTagsAndATagLinkListsTheTagsArticles()
    {
        var (context, page, errors) = await browser.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, browser.Url($"/?slug={SeedSlug}"));

        var topics = page.Locator("main article .topics");
        var sectionLink = topics.Locator("a.section-ref");
        Assert.Equal("Chuyên mục: Công nghiệp quốc phòng", await topics.Locator(".topic-section").InnerTextAsync());
        Assert.Equal("/?section=cong-nghiep-quoc-phong", await sectionLink.GetAttributeAsync("href"));
        var tagLinks = topics.Locator(".tag-list a");
        Assert.Equal(["Hội nghị Quân chính", "Công nghiệp quốc phòng"], await tagLinks.AllInnerTextsAsync());
        Assert.Equal("/?tag=hoi-nghi-quan-chinh", await tagLinks.First.GetAttributeAsync("href"));
        Assert.Equal("/?tag=cong-nghiep-quoc-phong", await tagLinks.Last.GetAttributeAsync("href"));

        await tagLinks.First.ClickAsync();
        var heading = page.Locator("main .listing h1");
        await heading.WaitForAsync();
        Assert.Equal("Hội nghị Quân chính", await heading.InnerTextAsync());
        Assert.Equal("Chủ đề", await page.Locator("#listing-kind").TextContentAsync());
        Assert.EndsWith("/?tag=hoi-nghi-quan-chinh", page.Url);
        Assert.Equal("listing-heading", await page.EvaluateAsync<string>("document.activeElement.id"));
        var item = Assert.Single(await ListingItems(page).AllAsync());
        Assert.Equal(SeedSlug, await item.GetAttributeAsync("data-slug"));

        await page.GoBackAsync();
        await page.Locator("main article h1", new() { HasTextString = SeedHeadline }).WaitForAsync();
        Assert.True(await page.Locator("main .listing").IsHiddenAsync());

        await sectionLink.ClickAsync();
        await page.Locator("main .listing h1", new() { HasTextString = "Công nghiệp quốc phòng" }).WaitForAsync();
        Assert.EndsWith("/?section=cong-nghiep-quoc-phong", page.Url);
        Assert.Equal(SeedSlug, await ListingItems(page).First.GetAttributeAsync("data-slug"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnUnknownSectionOrTagSaysSoInsteadOfABlankPage()
    {
        var (context, page, errors) = await browser.NewPageAsync();
        await using var _ = context;

        await OpenAsync(page, browser.Url("/?section=khong-co-chuyen-muc-nay"));
        var notice = page.Locator("main #article-status");
        Assert.True(await notice.IsVisibleAsync());
        Assert.Equal("Không tìm thấy chuyên mục “khong-co-chuyen-muc-nay”. Mời bạn chọn một chuyên mục trong trình đơn.", await notice.InnerTextAsync());
        Assert.True(await page.Locator("main article").IsHiddenAsync());
        Assert.True(await page.Locator("main .listing").IsHiddenAsync());
        Assert.Equal(0, await SectionMenu(page).Locator("a[aria-current]").CountAsync());
        // The rest of the page still works: the menu and the latest list are there.
        Assert.Equal(SeedTopSections, await SectionMenu(page).Locator(".section-item > .section-link").AllInnerTextsAsync());
        Assert.True(await page.Locator("nav.latest .article-list li").CountAsync() >= 1);

        await OpenAsync(page, browser.Url("/?tag=khong-co-chu-de-nay"));
        Assert.Equal("Không tìm thấy chủ đề “khong-co-chu-de-nay”. Mời bạn chọn một bài trong danh sách.", await notice.InnerTextAsync());
        // The browser logs each 404 answer as an error of its own; nothing else may be logged.
        Assert.DoesNotContain(errors, e => !e.Contains("404", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RelatedBoxListsPublishedArticlesSharingATagWithTheSeed()
    {
        // Two published articles tagged like the seed (older, so the seed stays the newest); deleted at the end, so the
        // other tests' counts stay as they were.
        using var writer = Writer();
        var ids = new List<int>();
        var slugs = new List<string>();
        try
        {
            foreach (var (headline, day) in new[] { ("Nhà máy quốc phòng hoàn thành kế hoạch sản xuất", 3), ("Hội thảo khoa học công nghiệp quốc phòng", 4) })
            {
                var created = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
                {
                    headline,
                    lead = headline + " trong năm 2020.",
                    status = "published",
                    publishedAt = new DateTimeOffset(2020, 11, day, 8, 0, 0, TimeSpan.FromHours(7)),
                    tags = new[] { "Công nghiệp quốc phòng" },
                }));
                var body = await created.ReadJson();
                Assert.True(created.IsSuccessStatusCode, body.ToJsonString());
                ids.Add((int)body["id"]!);
                slugs.Add((string)body["slug"]!);
            }

            var (context, page, errors) = await browser.NewPageAsync();
            await using var _ = context;
            await OpenAsync(page, browser.Url($"/?slug={SeedSlug}"));

            var box = page.GetByRole(AriaRole.Complementary, new() { Name = "Tin liên quan" });
            Assert.True(await box.IsVisibleAsync());
            Assert.Equal("Tin liên quan", await box.Locator("h2").TextContentAsync());
            var items = box.Locator("li");
            Assert.InRange(await items.CountAsync(), 2, 5);
            var shown = new List<string>();
            foreach (var item in await items.AllAsync())
            {
                shown.Add((await item.GetAttributeAsync("data-slug"))!);
                Assert.Matches(@"^\d{2}/\d{2}/\d{4}$", await item.Locator("time").InnerTextAsync());
            }
            Assert.Equal(shown.Count, shown.Distinct().Count());
            Assert.Subset(shown.ToHashSet(), slugs.ToHashSet());
            Assert.DoesNotContain(SeedSlug, shown);

            await box.GetByRole(AriaRole.Link, new() { Name = "Hội thảo khoa học công nghiệp quốc phòng" }).ClickAsync();
            await page.Locator("main article h1", new() { HasTextString = "Hội thảo khoa học công nghiệp quốc phòng" }).WaitForAsync();
            await box.Locator($"li[data-slug='{SeedSlug}']").WaitForAsync();
            Assert.Empty(errors);
        }
        finally
        {
            foreach (var id in ids)
            {
                Assert.True((await writer.DeleteAsync($"/api/v1/articles/{id}")).IsSuccessStatusCode);
            }
        }
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task RelatedBoxStaysHiddenWhenTheServerHasNoRelatedArticlesToGive(int status)
    {
        var (context, page, errors) = await browser.NewPageAsync();
        await using var _ = context;
        // As a server without the endpoint (404), or with it failing: the answer is made in the browser.
        await page.RouteAsync("**/api/v1/articles/*/related*", route => route.FulfillAsync(new()
        {
            Status = status,
            ContentType = "application/problem+json",
            Body = $$"""{"title":"Not here","status":{{status}}}""",
        }));
        await OpenAsync(page, browser.Url($"/?slug={SeedSlug}"));

        Assert.Equal(SeedHeadline, await page.Locator("main article h1").InnerTextAsync());
        Assert.True(await page.Locator("main article .topics").IsVisibleAsync());
        Assert.True(await page.Locator("#related").IsHiddenAsync());
        Assert.Equal(0, await page.Locator("#related li").CountAsync());
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(errors, e => !e.Contains(code, StringComparison.Ordinal));
    }
}

/// <summary>What Swagger UI and generated clients read from the served document.</summary>
public class ConsumerDocumentTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Fact]
    public async Task EveryJsonSuccessResponseHasTheSeedAsExampleAndEveryTagIsDescribed()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var schemas = document["components"]!["schemas"]!;
        var tags = document["tags"]!.AsArray().ToDictionary(t => (string)t!["name"]!, t => (string?)t!["description"]);
        Assert.All(tags, t => Assert.False(string.IsNullOrWhiteSpace(t.Value), $"tag {t.Key} has no description"));
        Assert.False(string.IsNullOrWhiteSpace((string?)document["info"]!["contact"]!["name"]));
        Assert.NotEmpty(document["servers"]!.AsArray());
        Assert.Equal("bearer", (string)document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!);

        var checkedResponses = 0;
        // The service's own paths (health probes, this document) carry no content example.
        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => !p.Key.StartsWith("/health", StringComparison.Ordinal) && !p.Key.StartsWith("/swagger", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var where = $"{method.ToUpperInvariant()} {path}";
                Assert.True(string.IsNullOrWhiteSpace((string?)operation!["description"]) == false, where + " has no description");
                foreach (var tag in operation["tags"]!.AsArray())
                {
                    Assert.True(tags.ContainsKey((string)tag!), $"{where}: tag {tag} is not defined at the top level");
                }
                foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')))
                {
                    var jsonContent = response!["content"]?.AsObject().Where(c => c.Key.Contains("json", StringComparison.Ordinal)) ?? [];
                    foreach (var (mediaType, content) in jsonContent)
                    {
                        var schema = content!["schema"]!;
                        var target = schema["items"] ?? schema;
                        var name = ((string)target["$ref"]!).Split('/')[^1];
                        Assert.True(schemas[name]!["example"] is not null, $"{where} {status} {mediaType}: {name} has no example");
                        checkedResponses++;
                    }
                }
            }
        }
        Assert.True(checkedResponses >= 20, $"only {checkedResponses} JSON responses checked");
        Assert.Equal("Hương Hồng Thu", (string)schemas["BylineResponse"]!["example"]!["credits"]![0]!["name"]!);
        Assert.Equal("+842083844179", (string)schemas["ContactHeaderResponse"]!["example"]!["phones"]![0]!["e164"]!);
    }

    [Fact]
    public async Task ANullableReferenceIsNullableForGeneratedClients()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var byline = document["components"]!["schemas"]!["ArticleResponse"]!["properties"]!["byline"]!;
        // OpenAPI 3.1 (JSON Schema): one of the referenced object or null, which strict validators and generators admit.
        Assert.Equal("3.1.1", (string?)document["openapi"]);
        Assert.Equal("#/components/schemas/BylineResponse", (string?)byline["oneOf"]![0]!["$ref"]);
        Assert.Equal("null", (string?)byline["oneOf"]![1]!["type"]);
        Assert.Equal(2, byline["oneOf"]!.AsArray().Count);
    }
}
