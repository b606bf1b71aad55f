using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NewsApi.Text;

namespace NewsApi.Tests;

/// <summary>`generate --articles n`, run as a real process over a real database, then read back through the API.</summary>
public class GenerateCommandTests : IDisposable
{
    private const int Count = 300;
    private const string SeedSlug = "tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020";
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
        foreach (var item in items.Where(i => (string)i!["slug"]! != SeedSlug))
        {
            Assert.NotNull(item!["section"]);
            Assert.InRange(item["tags"]!.AsArray().Count, 1, 5);
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

        // Most generated articles lead with one of a few generated photos, embedded as the API embeds any photo (its
        // renditions served for real), credited to the byline's photographer when it has one.
        var withPhotos = items.Where(i => i!["featureImage"] is not null).ToList();
        Assert.InRange(withPhotos.Count, 50, 90);
        var photo = withPhotos[0]!["featureImage"]!;
        Assert.NotNull((string?)photo["caption"]);
        var rendition = photo["image"]!["renditions"]!.AsArray().First(r => (string)r!["format"]! == "webp")!;
        var served = await client.GetAsync((string)rendition["url"]!);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        // A quarter show three different photos through the body, never two in a row ("Tin, ảnh": a photo story).
        var photoStories = 0;
        foreach (var item in items.Take(40))
        {
            var body = (await (await client.GetAsync($"/api/v1/articles/{item!["slug"]}")).ReadJson())["body"]!.AsArray();
            var shown = body.Where(b => (string)b!["type"]! == "image" && b["image"]!["url"] is not null).Select(b => (int)b!["mediaId"]!).ToList();
            Assert.True(shown.Count is 0 or 3, $"{shown.Count} figures in {item["slug"]}");
            Assert.Equal(shown.Count, shown.Distinct().Count());
            Assert.DoesNotContain(body.Zip(body.Skip(1)), pair => (string)pair.First!["type"]! == "image" && (string)pair.Second!["type"]! == "image");
            photoStories += shown.Count == 3 ? 1 : 0;
        }
        Assert.InRange(photoStories, 3, 20);
        var photographed = withPhotos.FirstOrDefault(i => i!["byline"]!["credits"]!.AsArray().Any(c => c!["roles"]!.AsArray().Any(r => (string)r! == "photo")));
        if (photographed is not null)
        {
            Assert.NotNull(photographed["featureImage"]!["credit"]!["contributorId"]);
        }
        // Generated articles record the photos they place, as the API's writes do: a placed photo cannot be deleted.
        var admin = app.ClientWithScope(NewsApi.Keys.Scopes.Admin);
        await (await admin.DeleteAsync($"/api/v1/media/{photo["mediaId"]}")).ProblemOf(409);

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

        // Every generated article is placed in a section of the two-level tree and carries 1-5 tags of that section's
        // vocabulary (some far more used than others), made as the API makes tags.
        var tree = (await client.GetFromJsonAsync<NewsApi.Sections.SectionTree>("/api/v1/sections", NewsApi.Http.Json.Options))!.Items;
        Assert.InRange(tree.Count, 10, 30);
        Assert.All(tree, s => Assert.True(s.ParentId is null || tree.Single(p => p.Id == s.ParentId).ParentId is null));
        var placed = app.Db(db => db.Articles.Where(a => a.Slug != SeedSlug).Select(a => new { a.Id, a.SectionId, Tags = a.Tags.Count }).ToList());
        Assert.Equal(Count, placed.Count);
        Assert.All(placed, a =>
        {
            Assert.NotNull(a.SectionId);
            Assert.InRange(a.Tags, 1, 5);
        });
        var uses = app.Db(db => db.ArticleTags.GroupBy(t => t.TagId).Select(g => g.Count()).ToList()).OrderDescending().ToList();
        Assert.True(uses.Count >= 30, $"{uses.Count} tags used");
        Assert.True(uses[0] >= 5 * uses[uses.Count / 2], $"the most used tag {uses[0]} times, the median {uses[uses.Count / 2]}");
        var tags = app.Db(db => db.Tags.Select(t => new { t.Id, t.Name, t.Slug, t.Folded }).ToList());
        Assert.All(tags, t =>
        {
            Assert.Equal(NewsApi.Tags.ArticleTagging.FoldedOf(t.Name), t.Folded);
            Assert.Matches("^" + NewsApi.Tags.ArticleTagging.SlugStem(t.Name) + "(-[0-9]+)?$", t.Slug);
        });
        Assert.Equal(tags.Count, tags.Select(t => t.Folded).Distinct().Count());
        var firstTag = FirstTag(items);
        var tagPage = await (await client.GetAsync($"/api/v1/tags/{firstTag.Slug}/articles")).ReadJson();
        Assert.True((int)tagPage["total"]! >= 1);
        var related = await (await client.GetAsync($"/api/v1/articles/{(string)items[0]!["slug"]!}/related")).ReadJson();
        Assert.Equal(5, related["items"]!.AsArray().Count);

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
                tags = item["tags"]!.AsArray().Select(t => VietnameseText.Fold((string)t!["name"]!)).ToArray(),
            }));
            var created = await response.ReadJson();
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal(item["byline"]!["credits"]!.ToJsonString(), created["byline"]!["credits"]!.ToJsonString());
            // Tags named without their tones are the generated tags, as "huan luyen" is "Huấn luyện" through the API.
            Assert.Equal(item["tags"]!.ToJsonString(), created["tags"]!.ToJsonString());
            var stem = NewsApi.Articles.ArticleWriter.SlugStem((string)item["headline"]!);
            Assert.StartsWith(stem + "-", (string)created["slug"]!);
            Assert.NotEqual((string)item["slug"]!, (string)created["slug"]!);
        }
    }

    private static (int Id, string Slug) FirstTag(JsonArray items) =>
        ((int)items[0]!["tags"]![0]!["id"]!, (string)items[0]!["tags"]![0]!["slug"]!);

    /// <summary>A page without its links (the factories' hosts are the same) as text to compare.</summary>
    private static string Strip(JsonNode page) => page["items"]!.ToJsonString();

    public void Dispose()
    {
        database.Dispose();
        twin.Dispose();
    }
}
