using Microsoft.Extensions.Options;

namespace NewsApi.Tests;

/// <summary>Every setting is typed and checked when the app starts: a wrong value stops it, naming the key and the reason.</summary>
public class SettingsTests
{
    private sealed class Factory(string key, string value) : NewsApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { [key] = value };
    }

    [Theory]
    [InlineData("Search:MaxResults", "0", "MaxResults")]
    [InlineData("Search:MaxConcurrent", "100000", "MaxConcurrent")]
    [InlineData("Imports:MaxConcurrent", "0", "MaxConcurrent")]
    [InlineData("Publishing:SchedulerIntervalSeconds", "0", "SchedulerIntervalSeconds")]
    [InlineData("Limits:QueryTimeoutSeconds", "-1", "QueryTimeoutSeconds")]
    [InlineData("RateLimiting:AnonymousPermitsPerMinute", "0", "AnonymousPermitsPerMinute")]
    [InlineData("Sitemap:UrlsPerFile", "50001", "UrlsPerFile")]
    [InlineData("Site:BaseUrl", "ftp://example.vn", "Site:BaseUrl")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    public void AWrongSettingStopsTheAppAtStartNamingIt(string key, string value, string named)
    {
        using var factory = new Factory(key, value);
        var error = Record.Exception(() => factory.CreateClient());
        Assert.NotNull(error);
        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        var message = validation?.Message ?? error.ToString();
        Assert.Contains(named, message);
    }

    [Fact]
    public void TheSameKeysStillBind()
    {
        using var factory = new Factory("Search:MaxResults", "123");
        factory.CreateClient();
        var options = factory.Services.GetService(typeof(IOptions<NewsApi.Articles.SearchOptions>)) as IOptions<NewsApi.Articles.SearchOptions>;
        Assert.Equal(123, options!.Value.MaxResults);
    }
}

/// <summary>PostgreSQL statements are prepared once they repeat, unless the connection string says otherwise.</summary>
public class NpgsqlConnectionStringTests
{
    [Theory]
    [InlineData("Host=db;Database=news", 64)]
    [InlineData("Host=db;Database=news;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=news;maxautoprepare=10", 10)]
    public void MaxAutoPrepareIsSixtyFourUnlessTheStringSetsIt(string given, int expected) =>
        Assert.Equal(expected, new Npgsql.NpgsqlConnectionStringBuilder(NewsApi.Data.DatabaseOptions.NpgsqlConnectionString(given)).MaxAutoPrepare);
}
