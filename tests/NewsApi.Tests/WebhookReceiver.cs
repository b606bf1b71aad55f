using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsApi.Tests;

/// <summary>One POST a receiver got: the Standard Webhooks headers, the body, and which attempt of its webhook-id it was.</summary>
public sealed record Received(string Id, long Timestamp, string Signature, string Body, int Attempt, string Path);

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a port of its own) that webhooks are delivered to. <see cref="Answer"/>
/// decides each response from the request and its attempt number: an HTTP status, after an optional wait (or never,
/// when it waits past the sender's timeout).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> attempts = new();

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Func<Received, CancellationToken, Task<int>> Answer { get; set; } = (_, _) => Task.FromResult(200);

    public string Url { get; }

    private WebhookReceiver(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var id = http.Request.Headers["webhook-id"].ToString();
            _ = long.TryParse(http.Request.Headers["webhook-timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture, out var timestamp);
            var received = new Received(id, timestamp,
                http.Request.Headers["webhook-signature"].ToString(), body, receiver!.attempts.AddOrUpdate(id, 1, (_, n) => n + 1), http.Request.Path);
            receiver.Requests.Enqueue(received);
            var status = await receiver.Answer(received, http.RequestAborted);
            if (status is >= 300 and < 400)
            {
                http.Response.Headers.Location = "/redirected";
            }
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, url + "/hook");
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> holds of what was received, or fails after <paramref name="seconds"/>.</summary>
    public async Task<List<Received>> WaitForAsync(Func<List<Received>, bool> condition, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var now = Requests.ToList();
            if (condition(now))
            {
                return now;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Not received in {seconds} s; got {now.Count}: {string.Join(", ", now.Select(r => r.Body.Length > 60 ? r.Body[..60] : r.Body))}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(TimeSpan.FromSeconds(2) is var t ? new CancellationTokenSource(t).Token : default);
        await app.DisposeAsync();
    }
}
