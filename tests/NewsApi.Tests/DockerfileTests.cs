using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
        var (exit, log) = await RunToEndAsync("dotnet", arguments, Fixtures.RepositoryRoot, new Dictionary<string, string>());
        Assert.True(exit == 0, log);

        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        var port = FreePort();
        var environment = Environment().ToDictionary(e => e.Key, e => e.Value.Replace("/data/", data + "/"));
        environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entrypoint = ExecForm(FinalStage.Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)));
        using var server = Start(entrypoint[0], entrypoint.Skip(1), output, environment);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilReadyAsync(client, server);
            var article = await client.GetStringAsync("/api/v1/articles/tong-cuc-cong-nghiep-quoc-phong-to-chuc-hoi-nghi-quan-chinh-nam-2020");
            Assert.Contains("Hội nghị Quân chính", article);
            Assert.True(File.Exists(Path.Combine(data, "newsapi.db")));

            var healthcheck = ExecForm(FinalStage.Single(l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal)));
            var (healthExit, healthLog) = await RunToEndAsync(healthcheck[0], healthcheck.Skip(1), output, environment);
            Assert.True(healthExit == 0, healthLog);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Start(string file, IEnumerable<string> arguments, string directory, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int ExitCode, string Log)> RunToEndAsync(string file, IEnumerable<string> arguments, string directory, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, "The server exited during start-up.");
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        Assert.Fail("The server did not become ready within 60 s.");
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
