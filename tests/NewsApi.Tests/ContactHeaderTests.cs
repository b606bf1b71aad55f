using System.Net;
using NewsApi.Keys;

namespace NewsApi.Tests;

public class ContactHeaderTests(NewsApiFactory factory) : IClassFixture<NewsApiFactory>
{
    [Fact]
    public async Task PutNeedsAdminAndWorksOutE164()
    {
        await (await factory.CreateClient().PutAsync("/api/v1/contact-header", Http.JsonBody(new { address = "x" }))).ProblemOf(401);
        await (await factory.ClientWithScope(Scopes.ContentWrite).PutAsync("/api/v1/contact-header", Http.JsonBody(new { address = "x" }))).ProblemOf(403);

        var admin = factory.ClientWithScope(Scopes.Admin);
        var before = await (await admin.GetAsync("/api/v1/contact-header")).ReadJson();
        var response = await admin.PutAsync("/api/v1/contact-header", Http.JsonBody(new
        {
            address = "Số 10 đường Hoàng Văn Thụ, Thành phố Lạng Sơn",
            phones = new[] { new { display = "(84).205.3870.456" } },
            email = "toasoan@example.vn",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contact = await response.ReadJson();
        Assert.Equal("+842053870456", (string)contact["phones"]![0]!["e164"]!);
        Assert.Equal((int)before["version"]! + 1, (int)contact["version"]!);
        var read = await (await factory.CreateClient().GetAsync("/api/v1/contact-header")).ReadJson();
        Assert.Equal("toasoan@example.vn", (string)read["email"]!);
    }

    [Theory]
    [InlineData("{\"address\":\"x\",\"phones\":[{\"display\":\"123\",\"e164\":\"0123\"}]}", "phones[0].e164")]
    [InlineData("{\"address\":\"x\",\"phones\":[{\"display\":\"gọi cho chúng tôi\"}]}", "phones[0].display")]
    [InlineData("{\"address\":\"\"}", "address")]
    [InlineData("{\"address\":\"x\",\"email\":\"not-an-email\"}", "email")]
    [InlineData("{\"address\":\"x\",\"fax\":\"1\"}", "fax")]
    public async Task InvalidContactHeadersAre400AndChangeNothing(string json, string field)
    {
        var admin = factory.ClientWithScope(Scopes.Admin);
        var before = await (await admin.GetAsync("/api/v1/contact-header")).Content.ReadAsStringAsync();
        var problem = await (await admin.PutAsync("/api/v1/contact-header", Http.RawJson(json))).ProblemOf(400);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(before, await (await admin.GetAsync("/api/v1/contact-header")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StaleIfMatchIs412()
    {
        var admin = factory.ClientWithScope(Scopes.Admin);
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/contact-header") { Content = Http.JsonBody(new { address = "y" }) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"old\""));
        await (await admin.SendAsync(request)).ProblemOf(412);
    }

    [Fact]
    public async Task TheContactHeaderHasAStrongETag()
    {
        var client = factory.CreateClient();
        var first = await client.GetAsync("/api/v1/contact-header");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contact-header");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(request)).StatusCode);
    }
}
