using System.Text.RegularExpressions;

namespace NewsApi.Tests;

/// <summary>
/// No Docker engine runs here, so this publishes the app exactly as the Dockerfile's build stage does and starts it
/// with the final stage's environment (the /data volume mapped to a temporary folder), then checks it serves and is healthy.
/// </summary>
public partial class DockerfileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("newsapi-docker-").FullName;
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(Fixtures.RepositoryRoot, "Dockerfile"));

    private static IEnumerable<string> FinalStage => Lines.SkipWhile((_, i) => i <= Array.FindLastIndex(Lines, l => l.StartsWith("FROM ", StringComparison.Ordinal)));

    [Fact]
    public void TheImageRunsAsNonRootOnPort8080WithADataVolumeAndAHealthcheck()
    {
        Assert.Equal(2, Lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains(FinalStage, l => l.Trim() == "USER app");
        Assert.Contains(FinalStage, l => l.Trim() == "EXPOSE 8080");
        Assert.Contains(FinalStage, l => l.Trim() == "VOLUME /data");
        Assert.Contains(FinalStage, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.Contains("/data/", Environment()["ConnectionStrings__NewsDb"]);
    }

    [Fact]
    public async Task ThePublishedAppStartsWithTheDockerfileEnvironmentAndServesTheSeed()
    {
        var publish = Lines.Single(l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal))["RUN dotnet ".Length..];
        var output = Path.Combine(folder, "app");
        var arguments = OutputOption().Replace(publish, "").Replace("--no-restore", "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.EndsWith(".csproj", StringComparison.Ordinal) ? Path.Combine(Fixtures.RepositoryRoot, a) : a)
            .Concat(["-o", output]);
        var (exit, log, errors) = await AppProcess.RunAsync("dotnet", arguments, Fixtures.RepositoryRoot, new Dictionary<string, string>());
        Assert.True(exit == 0, log + errors);

        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        var port = AppProcess.FreePort();
        var environment = Environment().ToDictionary(e => e.Key, e => e.Value.Replace("/data/", data + "/"));
        environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entrypoint = ExecForm(FinalStage.Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)));
        await using var server = await AppProcess.LaunchAsync(entrypoint[0], entrypoint.Skip(1), output, environment, port);
        var article = await server.Client.GetStringAsync("/api/v1/articles/tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020");
        Assert.Contains("Hội nghị Quân chính", article);
        Assert.True(File.Exists(Path.Combine(data, "newsapi.db")));

        var healthcheck = ExecForm(FinalStage.Single(l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal)));
        var (healthExit, healthOutput, healthErrors) = await AppProcess.RunAsync(healthcheck[0], healthcheck.Skip(1), output, environment);
        Assert.True(healthExit == 0, healthOutput + healthErrors);
    }

    private static Dictionary<string, string> Environment() =>
        FinalStage.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal))
            .Select(l => l["ENV ".Length..].Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'));

    private static string[] ExecForm(string instruction)
    {
        var json = instruction[instruction.IndexOf('[', StringComparison.Ordinal)..];
        return System.Text.Json.JsonSerializer.Deserialize<string[]>(json)!;
    }

    [GeneratedRegex(@"-o\s+\S+")]
    private static partial Regex OutputOption();

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
