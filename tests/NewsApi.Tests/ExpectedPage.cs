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
        Assert.Equal((int)expected["bodyParagraphs"]!, body.Count);
        Assert.StartsWith((string)expected["bodyFirstStartsWith"]!, (string)body[0]!["text"]!);
        Assert.All(body, b => Assert.Equal("paragraph", (string)b!["type"]!));
        Assert.DoesNotContain(body, b => (string)b!["text"]! == (string)article["lead"]!);

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
