using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>Text an article carries (an imported lead may hold markup) never becomes markup where it is embedded.</summary>
public class OutputSafetyTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    private const string Hostile = "Sáng 2-3, </script><img src=x onerror=alert(1)> & \"quoted\"";

    private async Task<string> PublishHostileAsync()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        var response = await writer.PostAsync("/api/v1/articles", Http.JsonBody(new
        {
            headline = "Tin có <b>thẻ</b> & ký tự " + Guid.NewGuid().ToString("N")[..6],
            lead = Hostile,
            status = "published",
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (string)(await response.ReadJson())["slug"]!;
    }

    [Fact]
    public async Task JsonLdEscapesAngleBracketsAndAmpersandsSoItCannotCloseAScriptElement()
    {
        var slug = await PublishHostileAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/" + slug);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
        var response = await factory.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<", raw);
        Assert.DoesNotContain(">", raw);
        Assert.DoesNotContain("&", raw);
        Assert.Contains("\\u003C/script\\u003E\\u003Cimg", raw);
        // Still the same text once parsed, and Vietnamese stays readable.
        var parsed = System.Text.Json.Nodes.JsonNode.Parse(raw)!;
        Assert.Equal(Hostile, (string?)parsed["description"]);
        Assert.Contains("Sáng", raw);
    }

    [Fact]
    public async Task RssDescriptionsAreTextEvenForReadersThatTreatThemAsHtml()
    {
        await PublishHostileAsync();
        var xml = XDocument.Parse(await factory.CreateClient().GetStringAsync("/feeds/rss.xml"));
        var descriptions = xml.Descendants("item").Select(i => (string)i.Element("description")!).ToList();
        // What the XML holds is HTML; as HTML it shows the lead, markup characters and all, and contains no tag.
        var hostile = Assert.Single(descriptions, d => d.Contains("script", StringComparison.Ordinal));
        Assert.DoesNotContain("<", hostile);
        Assert.Equal(Hostile, WebUtility.HtmlDecode(hostile));
    }

    [Fact]
    public void TheReaderPageWritesTextNeverHtml()
    {
        var scripts = Directory.EnumerateFiles(Path.Combine(Fixtures.RepositoryRoot, "src", "NewsApi", "wwwroot"), "*.js", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var code = File.ReadAllText(script);
            foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "createContextualFragment", "DOMParser" })
            {
                Assert.False(code.Contains(sink, StringComparison.Ordinal), $"{Path.GetFileName(script)} uses {sink}");
            }
        }
        Assert.Contains("textContent", string.Concat(scripts.Select(File.ReadAllText)));
    }
}
