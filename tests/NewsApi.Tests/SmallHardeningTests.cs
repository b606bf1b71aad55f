using System.Net;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>Key names, secrets in caches, hidden characters, duplicate members, and who is asked first: 401 before 400.</summary>
public class SmallHardeningTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("Editor")]
    [InlineData("a b")]
    [InlineData("a\r\nb")]
    [InlineData("evil\u202Etxt.exe")]
    [InlineData("-leading-dash")]
    [InlineData("biên-tập")]
    public async Task KeyNamesOutsideTheSlugAlphabetAre400AndCreateNothing(string name)
    {
        var admin = factory.ClientWithScope(Scopes.Admin);
        var before = factory.Db(db => db.ApiKeys.Count());
        var problem = await (await admin.PostAsync("/api/v1/keys", Http.JsonBody(new { name, scope = "content.read" }))).ProblemOf(400);
        Assert.NotNull(problem["errors"]!["name"]);
        Assert.Equal(before, factory.Db(db => db.ApiKeys.Count()));
    }

    [Fact]
    public async Task ANewKeyIsNeverCachedAndItsNameAddressesItForRevoking()
    {
        var admin = factory.ClientWithScope(Scopes.Admin);
        var created = await admin.PostAsync("/api/v1/keys", Http.JsonBody(new { name = "front-end.v2_a", scope = "content.read" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore, "The response carrying a key says Cache-Control: no-store.");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/keys/front-end.v2_a")).StatusCode);
    }

    [Fact]
    public async Task BidiAndControlCharactersAreStrippedFromEveryStoredField()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline = "Tin\u202E mới\u2066 nhất\u200F\u0000\u001B",
            lead = "Sáng 2-3,\u061C một\u202A sự kiện\u200E.",
            body = new[] { new { type = "paragraph", text = "Nội\u2067 dung\u202D." } },
            byline = new { text = "Bài\u202E: NGUYỄN VĂN HÙNG" },
            dateline = new { text = "Sáng 2-3\u2069" },
        }));
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, raw);
        var article = System.Text.Json.Nodes.JsonNode.Parse(raw)!;
        Assert.Equal("Tin mới nhất", (string?)article["headline"]);
        Assert.Equal("Sáng 2-3, một sự kiện.", (string?)article["lead"]);
        Assert.Equal("Nội dung.", (string?)article["body"]![0]!["text"]);
        Assert.Equal("Bài: NGUYỄN VĂN HÙNG", (string?)article["byline"]!["text"]);
        Assert.Equal("Sáng 2-3", (string?)article["dateline"]!["text"]);
        foreach (var hidden in "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C\u0000\u001B")
        {
            Assert.DoesNotContain(hidden, raw);
        }
        await (await factory.CreateClient().GetAsync("/api/v1/articles?source=QĐND\u202E")).ProblemOf(400);
    }

    [Theory]
    [InlineData("""{"headline":"Một","headline":"Hai","lead":"Sáng 2-3, tin."}""")]
    [InlineData("""{"headline":"Một","lead":"Sáng 2-3, tin.","byline":{"text":"Tin: AN","text":"Tin: BÌNH"}}""")]
    public async Task DuplicateJsonMembersAre400AndChangeNothing(string json)
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var before = factory.Db(db => db.Articles.Count());
        await (await writer.PostAsync("/api/v1/articles", Http.RawJson(json))).ProblemOf(400);
        Assert.Equal(before, factory.Db(db => db.Articles.Count()));
    }

    [Fact]
    public async Task DuplicateMembersInAMergePatchAre400()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        await (await writer.PatchAsync("/api/v1/articles/1", Http.RawJson("""{"headline":"Một","headline":"Hai"}""", "application/merge-patch+json"))).ProblemOf(400);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("draft")]
    [InlineData("draft&pageSize=100000")]
    public async Task AnonymousListingByStatusIs401WhateverElseIsWrong(string status)
    {
        await (await factory.CreateClient().GetAsync("/api/v1/articles?status=" + status)).ProblemOf(401);
    }

    [Fact]
    public async Task AKeyHolderStillGets400ForAnUnknownStatus()
    {
        var reader = factory.ClientWithScope(Scopes.ContentRead);
        var problem = await (await reader.GetAsync("/api/v1/articles?status=all")).ProblemOf(400);
        Assert.NotNull(problem["errors"]!["status"]);
    }
}
