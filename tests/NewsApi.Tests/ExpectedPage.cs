using System.Text.Json.Nodes;

namespace NewsApi.Tests;

/// <summary>Checks an API article (and contact header) against a fixture's .expected.json.</summary>
public static class ExpectedPage
{
    public static void AssertArticle(JsonNode expected, JsonNode article)
    {
        Assert.Equal((string)expected["headline"]!, (string)article["headline"]!);
        Assert.StartsWith((string)expected["leadStartsWith"]!, (string)article["lead"]!);
        var body = article["body"]!.AsArray();
        var paragraphs = body.Where(b => (string)b!["type"]! == "paragraph").ToList();
        Assert.Equal((int)expected["bodyParagraphs"]!, paragraphs.Count);
        Assert.StartsWith((string)expected["bodyFirstStartsWith"]!, (string)paragraphs[0]!["text"]!);
        Assert.DoesNotContain(paragraphs, b => (string)b!["text"]! == (string)article["lead"]!);
        Photos(expected, article);

        var byline = article["byline"];
        var expectedByline = expected["byline"];
        if (expectedByline is null)
        {
            Assert.Null(byline);
        }
        else
        {
            AssertByline(expectedByline, byline);
        }

        var dateline = article["dateline"];
        var expectedDateline = expected["dateline"];
        if (expectedDateline is null)
        {
            Assert.Null(dateline);
            return;
        }
        Assert.NotNull(dateline);
        Assert.Equal((string)expectedDateline["text"]!, (string)dateline["text"]!);
        Assert.Equal((string?)expectedDateline["partOfDay"], (string?)dateline["partOfDay"]);
        Assert.Equal((string?)expectedDateline["place"], (string?)dateline["place"]);
        var date = DateOnly.Parse((string)dateline["date"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((int)expectedDateline["day"]!, date.Day);
        Assert.Equal((int)expectedDateline["month"]!, date.Month);
    }

    /// <summary>
    /// Checks the article's feature image and image blocks against the fixture's photos (a page without the member
    /// has none): places, captions, alt texts, credits where the page prints one. Returns each photo's place, media id
    /// and expected source, for the caller to read the media items.
    /// </summary>
    public static List<(string Place, int MediaId, string SourceUrl)> Photos(JsonNode expected, JsonNode article)
    {
        var want = expected["photos"]?.AsArray().Select(p => p!).ToList() ?? [];
        var body = article["body"]!.AsArray();
        var places = body.Select((b, i) => (Block: b!, Place: $"body[{i}]")).Where(b => (string)b.Block["type"]! == "image").ToList();
        var feature = article["featureImage"];
        var got = (feature is null ? [] : new[] { (Block: feature, Place: "featureImage") }).Concat(places).ToList();
        Assert.Equal(want.Select(p => (string)p["place"]!), got.Select(g => g.Place));
        var found = new List<(string, int, string)>();
        foreach (var (photo, (block, place)) in want.Zip(got))
        {
            Assert.Equal((string?)photo["caption"], (string?)block["caption"]);
            Assert.Equal((string?)photo["alt"], (string?)block["alt"]);
            if ((string?)photo["credit"] is { } credit)
            {
                Assert.Equal(credit, (string?)block["credit"]?["text"]);
            }
            found.Add((place, (int)block["mediaId"]!, (string)photo["sourceUrl"]!));
        }
        return found;
    }

    private static void AssertByline(JsonNode expectedByline, JsonNode? byline)
    {
        Assert.NotNull(byline);
        Assert.Equal((string)expectedByline["text"]!, (string)byline["text"]!);
        Assert.Equal((string?)expectedByline["source"], (string?)byline["source"]);
        var credits = byline["credits"]!.AsArray();
        var expectedCredits = expectedByline["credits"]!.AsArray();
        Assert.Equal(expectedCredits.Count, credits.Count);
        for (var i = 0; i < credits.Count; i++)
        {
            Assert.Equal((string)expectedCredits[i]!["name"]!, (string)credits[i]!["name"]!);
            Assert.Equal(expectedCredits[i]!["roles"]!.AsArray().Select(r => (string)r!), credits[i]!["roles"]!.AsArray().Select(r => (string)r!));
            Assert.True((int)credits[i]!["contributorId"]! >= 0);
        }
    }

    public static void AssertContactHeader(JsonNode expected, JsonNode? contact)
    {
        var expectedContact = expected["contactHeader"];
        if (expectedContact is null)
        {
            Assert.Null(contact);
            return;
        }
        Assert.NotNull(contact);
        Assert.Equal((string)expectedContact["address"]!, (string)contact["address"]!);
        var phone = contact["phones"]!.AsArray().Single()!;
        Assert.Equal((string)expectedContact["phoneDisplay"]!, (string)phone["display"]!);
        Assert.Equal((string)expectedContact["phoneE164"]!, (string)phone["e164"]!);
    }
}
