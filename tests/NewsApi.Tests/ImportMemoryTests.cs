using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NewsApi.Keys;
using Xunit.Abstractions;

namespace NewsApi.Tests;

/// <summary>
/// Measured alone (no other test class runs beside it): memory is what is measured, and a process starved of CPU by a
/// dozen other test hosts collects its garbage late, which is the machine's load, not the app's footprint.
/// </summary>
[CollectionDefinition(nameof(MeasuredAlone), DisableParallelization = true)]
public sealed class MeasuredAlone;

/// <summary>Ten parallel 2 MB imports against the app as a real process: bounded peak memory, and it is given back.</summary>
[Collection(nameof(MeasuredAlone))]
public class ImportMemoryTests(ITestOutputHelper output)
{
    private const long PeakLimitKb = 400 * 1024;
    private const long SettledLimitKb = 250 * 1024;

    private static string Page(int seed)
    {
        var template = File.ReadAllText(Path.Combine(Fixtures.PagesFolder, "tin-anh-html.html"));
        string[] words = ["Sáng", "nay", "tại", "thao", "trường", "Lữ", "đoàn", "tổ", "chức", "huấn", "luyện", "kiểm", "tra", "bắn", "đạn", "thật", "chiến", "sĩ", "mới"];
        var random = new Random(seed);
        var paragraphs = new StringBuilder();
        for (var p = 0; p < 395; p++)
        {
            paragraphs.Append("<p>");
            for (var w = 0; w < 820; w++)
            {
                paragraphs.Append(words[random.Next(words.Length)]).Append(' ');
            }
            paragraphs.Append(seed).Append('-').Append(p).Append(".</p>\n");
        }
        return template.Replace("</article>", paragraphs + "</article>", StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenParallelTwoMegabyteImportsPeakUnder400MbAndSettleUnder250Mb()
    {
        using var database = new TestDatabase();
        var environment = database.Environment;
        environment["RateLimiting__Enabled"] = "false";
        var (_, created, _) = await AppProcess.RunCommandAsync(environment, database.Folder, "keys", "create", "--name", "importer", "--scope", Scopes.ContentWrite);
        var key = created.Trim().Split('\n')[^1].Trim();
        await using var app = await AppProcess.StartAsync(environment, database.Folder);
        using var client = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        output.WriteLine($"before the imports: {app.StatusKilobytes("VmRSS") / 1024} MB");
        var pages = Enumerable.Range(0, 10).Select(Page).ToList();
        Assert.All(pages, p => Assert.InRange(Encoding.UTF8.GetByteCount(p), 1_800_000, 2 * 1024 * 1024));
        var responses = await Task.WhenAll(pages.Select(p => client.PostAsync("/api/v1/imports", new StringContent(p, Encoding.UTF8, "text/html"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var peak = app.StatusKilobytes("VmHWM");
        Assert.True(peak <= PeakLimitKb, $"Peak resident memory {peak / 1024} MB during the imports.");
        var settled = app.StatusKilobytes("VmRSS");
        output.WriteLine($"peak {peak / 1024} MB, right after {settled / 1024} MB");
        for (var waited = 0; waited < 60 && settled >= SettledLimitKb; waited++)
        {
            await Task.Delay(1000);
            settled = app.StatusKilobytes("VmRSS");
            if (waited % 10 == 9)
            {
                output.WriteLine($"{waited + 1} s after: {settled / 1024} MB");
            }
        }
        output.WriteLine($"settled: {settled / 1024} MB");
        Assert.True(settled < SettledLimitKb, $"Resident memory still {settled / 1024} MB a minute after the imports.");
    }
}
