using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsApi.Keys;

namespace NewsApi.Tests;

/// <summary>
/// Search:MaxConcurrent bounds the rankings worked out at once, not the pages read from a ranking already shared: with
/// the only slot held by a slow ranking, the next page of another search answers at once.
/// </summary>
public class SearchGateTests(SearchGateTests.Factory factory) : IClassFixture<SearchGateTests.Factory>
{
    /// <summary>The folded word whose searches are made slow (a few seconds) on the real database.</summary>
    private const string SlowWord = "chamchap";

    public sealed class Factory : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Search:MaxConcurrent"] = "1" };

        protected override Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor Interceptor => new SlowWordSearch();
    }

    /// <summary>Holds a search statement for the slow word for 4 s before it runs.</summary>
    private sealed class SlowWordSearch : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.Parameters.Cast<DbParameter>().Any(p => p.Value is string s && s.Contains(SlowWord, StringComparison.Ordinal)))
            {
                await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
            }
            return result;
        }
    }

    [Fact]
    public async Task APageOfASharedRankingDoesNotWaitBehindAnotherRanking()
    {
        var writer = factory.ClientWithScope(Scopes.ContentWrite);
        for (var i = 1; i <= 3; i++)
        {
            await writer.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = $"Chim sếu về Tràm Chim lần {i}", lead = "Sáng 2-3, đàn sếu xuất hiện.", status = "published" }));
        }
        var reader = factory.CreateClient();
        // Ranked once, shared by its pages.
        var first = await (await reader.GetAsync("/api/v1/articles?q=sếu&pageSize=1")).ReadJson();
        Assert.Equal(3, (int)first["total"]!);

        // The only search slot is taken by a ranking that takes 4 s.
        var slow = reader.GetAsync($"/api/v1/articles?q={SlowWord}");
        await Task.Delay(500);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var second = await reader.GetAsync("/api/v1/articles?q=sếu&pageSize=1&page=2");
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), $"The page waited {clock.Elapsed.TotalSeconds:0.0} s for the search slot.");
        Assert.False(slow.IsCompleted, "the slow search was meant to hold the slot while the page was read");
        Assert.Equal(System.Net.HttpStatusCode.OK, second.StatusCode);
        Assert.Single((await second.ReadJson())["items"]!.AsArray());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await slow).StatusCode);
    }
}
