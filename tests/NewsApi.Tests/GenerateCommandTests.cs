using System.Text.Json.Nodes;
using NewsApi.Text;

namespace NewsApi.Tests;

/// <summary>`generate --articles n`, run as a real process over a real database, then read back through the API.</summary>
public class GenerateCommandTests : IDisposable
{
    private const int Count = 300;
    private readonly TestDatabase database = new();
    private readonly TestDatabase twin = new();

    private static async Task GenerateAsync(TestDatabase target)
    {
        var (exit, output, error) = await AppProcess.RunCommandAsync(target.Environment, target.Folder, "generate", "--articles", Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(exit == 0, output + error);
        Assert.Contains($"Generated {Count} articles", output);
    }

    [Fact]
    public async Task GeneratedArticlesAreListedSearchableCreditedAndTheSameEveryTime()
    {
        await Task.WhenAll(GenerateAsync(database), GenerateAsync(twin));

        using var app = new NewsApiFactoryOn(database);
        var client = app.CreateClient();

        // The seed article and the generated ones, all published.
        var list = await (await client.GetAsync("/api/v1/articles?pageSize=100")).ReadJson();
        Assert.Equal(Count + 1, (int)list["total"]!);
        var items = list["items"]!.AsArray();
        Assert.Equal(100, items.Count);
        Assert.All(items, item => Assert.Equal("published", (string)item!["status"]!));

        // Every byline says in print what its credits say, as the API would have parsed it.
        foreach (var item in items.Where(i => (string)i!["slug"]! != "tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020"))
        {
            var byline = item!["byline"]!;
            var credits = byline["credits"]!.AsArray();
            Assert.InRange(credits.Count, 1, 3);
            var parsed = BylineParser.Parse((string)byline["text"]!)!;
            Assert.Equal(parsed.Credits.Select(c => NewsApi.Contributors.ContributorDirectory.ProperName(c.Name)).Distinct(), credits.Select(c => (string)c!["name"]!));
            Assert.Equal(parsed.Source, (string?)byline["source"]);
            var dateline = item["dateline"]!;
            Assert.StartsWith((string)dateline["text"]!, (string)item["lead"]!);
            Assert.NotNull((string?)dateline["date"]);
            NinjsSchema.AssertValid(await NinjsSchema.GetAsync(client, (string)item["slug"]!), (string)item["slug"]!);
        }

        // A word of a generated headline finds it with or without its tones.
        var headline = (string)items[0]!["headline"]!;
        var word = headline.Split(' ').Where(w => w.Length >= 4 && VietnameseText.Fold(w) != w.ToLowerInvariant()).OrderByDescending(w => w.Length).First();
        var toned = await (await client.GetAsync($"/api/v1/articles?q={Uri.EscapeDataString(word)}&pageSize=100")).ReadJson();
        var folded = await (await client.GetAsync($"/api/v1/articles?q={Uri.EscapeDataString(VietnameseText.Fold(word))}&pageSize=100")).ReadJson();
        Assert.True((int)toned["total"]! > 0, $"'{word}' found nothing");
        Assert.Equal((int)toned["total"]!, (int)folded["total"]!);

        // Contributors exist, and each lists the articles crediting it.
        var contributors = await (await client.GetAsync("/api/v1/contributors?pageSize=100")).ReadJson();
        Assert.True((int)contributors["total"]! >= 100);
        var credited = (string)items[0]!["byline"]!["credits"]![0]!["slug"]!;
        var theirs = await (await client.GetAsync($"/api/v1/contributors/{credited}/articles")).ReadJson();
        Assert.True((int)theirs["total"]! >= 1);

        // The same count on another fresh database gives the same articles.
        using var other = new NewsApiFactoryOn(twin);
        static List<string> Rows(NewsApiFactory f) => f.Db(db => db.Articles.OrderBy(a => a.Id)
            .Select(a => a.Slug + "|" + a.Headline + "|" + a.Lead + "|" + a.SearchText + "|" + a.PublishedAt).ToList());
        Assert.Equal(Rows(app), Rows(other));
        var firstOther = await (await other.CreateClient().GetAsync("/api/v1/articles?pageSize=100")).ReadJson();
        Assert.Equal(Strip(list), Strip(firstOther));

        // `generate` and the API share their rules: a generated article's byline text and headline, written through the
        // API, give the same credits (names, roles, order, the same contributors) and the headline's next free slug.
        var writer = app.ClientWithScope(NewsApi.Keys.Scopes.ContentWrite);
        foreach (var item in items.Skip(1).Take(10))
        {
            var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
            {
                headline = (string)item!["headline"]!,
                lead = (string)item["lead"]!,
                byline = new { text = (string)item["byline"]!["text"]! },
            }));
            var created = await response.ReadJson();
            Assert.Equal(item["byline"]!["credits"]!.ToJsonString(), created["byline"]!["credits"]!.ToJsonString());
            var stem = NewsApi.Articles.ArticleWriter.SlugStem((string)item["headline"]!);
            Assert.StartsWith(stem + "-", (string)created["slug"]!);
            Assert.NotEqual((string)item["slug"]!, (string)created["slug"]!);
        }
    }

    /// <summary>A page without its links (the factories' hosts are the same) as text to compare.</summary>
    private static string Strip(JsonNode page) => page["items"]!.ToJsonString();

    public void Dispose()
    {
        database.Dispose();
        twin.Dispose();
    }
}
