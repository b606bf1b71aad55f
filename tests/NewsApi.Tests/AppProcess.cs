using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NewsApi.Tests;

/// <summary>The app as a real process (the NewsApi.dll built beside the tests) on a real port, as an operator runs it.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;

    public int Port { get; }

    public HttpClient Client { get; }

    private AppProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "NewsApi.dll");

    public static async Task<AppProcess> StartAsync(IDictionary<string, string> environment, string workingDirectory)
    {
        var port = FreePort();
        var start = Info(workingDirectory, environment, "--urls", $"http://127.0.0.1:{port}");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, port);
        await app.WaitUntilReadyAsync();
        return app;
    }

    /// <summary>Runs one of the executable's commands to the end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunCommandAsync(IDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        using var process = Process.Start(Info(workingDirectory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo Info(string workingDirectory, IDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
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
