using System.Collections.Frozen;
using Microsoft.AspNetCore.Http.Features;

// Usage: dotnet Baseline.dll <manifest> --urls http://127.0.0.1:<port>
// The manifest has one line per URL: the request target exactly as sent (path and query), a tab, and the file holding
// the body the real app answered for it. Every body is served from memory as application/json, status 200.
var manifest = args.Length > 0 ? args[0] : throw new ArgumentException("Pass the manifest file of captured responses.");
var urlsAt = Array.IndexOf(args, "--urls");
var url = urlsAt >= 0 && urlsAt + 1 < args.Length ? args[urlsAt + 1] : "http://127.0.0.1:5099";
var folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
var bodies = File.ReadLines(manifest)
    .Select(line => line.Split('\t'))
    .Where(parts => parts.Length == 2)
    .ToFrozenDictionary(parts => parts[0], parts => File.ReadAllBytes(Path.Combine(folder, parts[1])), StringComparer.Ordinal);

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.AddServerHeader = false);
var app = builder.Build();
app.Run(http =>
{
    var target = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
    if (!bodies.TryGetValue(target, out var body))
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
    http.Response.ContentType = "application/json; charset=utf-8";
    http.Response.ContentLength = body.Length;
    return http.Response.Body.WriteAsync(body).AsTask();
});
Console.WriteLine($"Serving {bodies.Count} captured responses.");
await app.RunAsync(url);
