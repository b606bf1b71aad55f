using System.Net;

namespace NewsApi.Tests;

/// <summary>The executable's commands, run as a real process over a real database file, as an operator would.</summary>
public class CommandLineTests : IDisposable
{
    private readonly TestDatabase database = new();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        AppProcess.RunCommandAsync(database.Environment, database.Folder, args);

    [Fact]
    public async Task KeysCreatePrintsTheKeyAloneOnItsLastLineAndItWorks()
    {
        var (exit, output, error) = await RunAsync("keys", "create", "--name", "editor", "--scope", "content.write");
        Assert.True(exit == 0, error);
        var key = output.TrimEnd().Split('\n')[^1];
        Assert.Matches("^nk_[A-Za-z0-9_-]{43}$", key);

        using var app = new NewsApiFactoryOn(database);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var created = await client.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = "Từ dòng lệnh", lead = "Dẫn." }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task KeysListShowsNamesAndRevokeStopsTheKey()
    {
        var (_, output, _) = await RunAsync("keys", "create", "--name", "tam-thoi", "--scope", "admin");
        var key = output.TrimEnd().Split('\n')[^1];
        var list = await RunAsync("keys", "list");
        Assert.Contains("tam-thoi", list.Output);
        Assert.Contains("admin", list.Output);
        Assert.DoesNotContain(key, list.Output);

        var revoke = await RunAsync("keys", "revoke", "tam-thoi");
        Assert.Equal(0, revoke.ExitCode);
        using var app = new NewsApiFactoryOn(database);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        await (await client.GetAsync("/api/v1/keys")).ProblemOf(401);
        Assert.NotEqual(0, (await RunAsync("keys", "revoke", "khong-co")).ExitCode);
    }

    [Fact]
    public async Task KeysCreateRejectsAnUnknownScope()
    {
        var (exit, _, _) = await RunAsync("keys", "create", "--name", "x", "--scope", "root");
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public async Task ImportCommandImportsTheFixturesFolderOnceWithASummary()
    {
        var first = await RunAsync("import", Fixtures.PagesFolder);
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var pages = Fixtures.Pages.Count();
        // The seed page is already in a fresh database (it was seeded from it), so it counts as already there.
        Assert.Contains($"{pages} pages: {pages - 1} imported, 1 already there, 0 failed.", first.Output);
        var second = await RunAsync("import", Fixtures.PagesFolder);
        Assert.Contains($"{pages} pages: 0 imported, {pages} already there, 0 failed.", second.Output);
        Assert.NotEqual(0, (await RunAsync("import", Path.Combine(database.Folder, "missing.txt"))).ExitCode);
    }

    [Fact]
    public async Task MigrateBringsAnEmptyDatabaseUpToDate()
    {
        var (exit, output, error) = await RunAsync("migrate");
        Assert.True(exit == 0, error);
        Assert.Contains("up to date", output);
        using var app = new NewsApiFactoryOn(database);
        Assert.Equal(1, app.Db(db => db.Articles.Count()));
    }

    public void Dispose() => database.Dispose();
}
