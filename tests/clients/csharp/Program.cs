using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using NewsApi.Client;
using NewsApi.Client.Models;

// A front end's C# code, written against the client Kiota generated from openapi.json, run against the live app:
// every check prints "ok <name>" or "FAILED <name>: <why>", and the exit code is the number that failed.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: NewsApi.KiotaClientCheck <base-url, e.g. a validating proxy> <the app's own url> <content.write key>");
    return 2;
}
var (baseUrl, appUrl, key) = (args[0].TrimEnd('/'), args[1].TrimEnd('/'), args[2]);

// PATCH sends application/merge-patch+json (RFC 7396): Kiota writes it with its JSON writer, as any +json type.
NewsApiClient Client(IAuthenticationProvider authentication, string url) =>
    new(new HttpClientRequestAdapter(authentication) { BaseUrl = url });
var reader = Client(new AnonymousAuthenticationProvider(), baseUrl);
var editor = Client(new BearerKey(key), baseUrl);
// HEAD goes to the app itself: Prism's proxy reads a HEAD answer's (absent) body as JSON and fails on it.
var headReader = Client(new AnonymousAuthenticationProvider(), appUrl);

const string SeedSlug = "tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020";
var failed = 0;
async Task Check(string name, Func<Task<string?>> check)
{
    string? problem;
    try
    {
        problem = await check();
    }
    catch (Exception e)
    {
        problem = e is ProblemDetails p ? $"{p.Status} {p.Title}: {p.Detail}" : $"{e.GetType().Name}: {e.Message}";
    }
    if (problem is null)
    {
        Console.WriteLine($"ok {name}");
    }
    else
    {
        failed++;
        Console.WriteLine($"FAILED {name}: {problem}");
    }
}
static string? Expect<T>(T actual, T expected, string what) =>
    EqualityComparer<T>.Default.Equals(actual, expected) ? null : $"{what}: expected '{expected}', got '{actual}'";

await Check("the seed article by its slug", async () =>
{
    var seed = await reader.Api.V1.Articles[SeedSlug].GetAsync();
    return Expect(seed?.Headline, "Tổng cục Công nghiệp Quốc phòng tổ chức Hội nghị Quân chính năm 2020", "headline")
        ?? Expect(seed?.Status, ArticleStatus.Published, "status");
});
await Check("the seed's byline: she wrote it and took the photos", async () =>
{
    var byline = await reader.Api.V1.Articles[SeedSlug].Byline.GetAsync();
    var credit = byline?.Credits?.SingleOrDefault();
    return Expect(credit?.Name, "Hương Hồng Thu", "name") ?? Expect(byline?.Source, "QĐND", "source")
        ?? Expect(string.Join(",", credit?.Roles ?? []), "Text,Photo", "roles");
});
await Check("the seed's dateline", async () =>
{
    var dateline = await reader.Api.V1.Articles[SeedSlug].Dateline.GetAsync();
    return Expect(dateline?.Text, "Sáng 10-12", "text") ?? Expect(dateline?.PartOfDay, PartOfDay.Morning, "partOfDay")
        ?? Expect(dateline?.Date?.ToString(), "2020-12-10", "date");
});
await Check("the contact header", async () =>
{
    var contact = await reader.Api.V1.ContactHeader.GetAsync();
    return Expect(contact?.Phones?.FirstOrDefault()?.E164, "+842083844179", "first phone");
});
await Check("a search without tones finds the seed", async () =>
{
    var page = await reader.Api.V1.Articles.GetAsync(r => r.QueryParameters.Q = "hoi nghi quan chinh");
    return page?.Items?.Any(a => a.Slug == SeedSlug) == true ? null : $"not among {page?.Total} results";
});
await Check("a write without a key is refused as a problem", async () =>
{
    try
    {
        await reader.Api.V1.Articles.PostAsync(new ArticleRequest { Headline = "Không có khóa", Lead = "Sáng 1-1, thử." });
        return "no error";
    }
    catch (ProblemDetails problem)
    {
        return Expect(problem.Status, 401, "status");
    }
});
var slug = "";
await Check("create, patch and publish an article with a key", async () =>
{
    var created = await editor.Api.V1.Articles.PostAsync(new ArticleRequest
    {
        Headline = "Khách hàng C# tạo bài viết",
        Lead = "Chiều 18-4, tại thao trường huấn luyện, đơn vị tổ chức kiểm tra.",
        Byline = new BylineRequest { Text = "Bài và ảnh: NGUYỄN VĂN HÙNG" },
    });
    slug = created?.Slug ?? "";
    var patched = await editor.Api.V1.Articles[slug].PatchAsync(new ArticlePatchRequest { Headline = "Khách hàng C# sửa bài viết" });
    var published = await editor.Api.V1.Articles[slug].Publish.PostAsync(new PublishRequest());
    var read = await reader.Api.V1.Articles[slug].GetAsync();
    return Expect(created?.Status, ArticleStatus.Draft, "created status")
        ?? Expect(patched?.Headline, "Khách hàng C# sửa bài viết", "patched headline")
        ?? Expect(published?.Status, ArticleStatus.Published, "published status")
        ?? Expect(read?.Byline?.Credits?.FirstOrDefault()?.Name, "Nguyễn Văn Hùng", "public read's credit");
});
await Check("HEAD of the new article", async () =>
{
    if (slug.Length == 0)
    {
        return "no article was created";
    }
    await headReader.Api.V1.Articles[slug].HeadAsync();
    return null;
});
Console.WriteLine($"Kiota C# client: {(failed == 0 ? "all checks passed" : $"{failed} failed")}");
return failed;

/// <summary>
/// The API key as a bearer token. Kiota's own API-key provider sends keys over https only; this check talks to the app
/// on 127.0.0.1 over plain http, as a front end's tests would.
/// </summary>
internal sealed class BearerKey(string key) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        request.Headers.Add("Authorization", "Bearer " + key);
        return Task.CompletedTask;
    }
}
