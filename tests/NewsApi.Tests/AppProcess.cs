using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NewsApi.Tests;

/// <summary>The app as a real process (the NewsApi.dll built beside the tests) on a real port, as an operator runs it.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;

    public int Port { get; }

    public int ProcessId => process.Id;

    /// <summary>A line of /proc/PID/status in kB, e.g. VmRSS (resident now) or VmHWM (peak resident).</summary>
    public long StatusKilobytes(string field) =>
        long.Parse(File.ReadLines($"/proc/{process.Id}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    public HttpClient Client { get; }

    private AppProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "NewsApi.dll");

    public static Task<AppProcess> StartAsync(IDictionary<string, string> environment, string workingDirectory)
    {
        var port = FreePort();
        return LaunchAsync("dotnet", [Dll, "--urls", $"http://127.0.0.1:{port}"], workingDirectory, environment, port);
    }

    /// <summary>Starts any server command (e.g. a Dockerfile's ENTRYPOINT) that will listen on the given port, and waits until it is ready.</summary>
    public static async Task<AppProcess> LaunchAsync(string file, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment, int port)
    {
        var process = Process.Start(Info(file, arguments, workingDirectory, environment))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, port);
        try
        {
            await app.WaitUntilReadyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Runs one of the executable's commands to the end and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunCommandAsync(IDictionary<string, string> environment, string workingDirectory, params string[] args) =>
        RunAsync("dotnet", [Dll, .. args], workingDirectory, environment);

    /// <summary>Runs any program to the end (at most 4 minutes) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment)
    {
        using var process = Process.Start(Info(file, arguments, workingDirectory, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo Info(string file, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited during start-up with code {process.ExitCode}.");
            }
            try
            {
                if ((await Client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The app did not become ready within 60 s.");
    }

    /// <summary>SIGKILL: no shutdown, no flush, as when a machine dies.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        Client.Dispose();
        process.Dispose();
        await Task.CompletedTask;
    }
}
