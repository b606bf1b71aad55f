using System.Collections.Frozen;
using Microsoft.AspNetCore.Http.Features;

// Usage: dotnet Baseline.dll <manifest> --urls http://127.0.0.1:<port>
// The manifest has one line per URL: the request target exactly as sent (path and query), a tab, and the file holding
// the body the real app answered for it; beside it, <file>.headers holds the headers the app sent with it (curl -D).
// Every body is served from memory, status 200, with the app's own headers (ETag, Cache-Control, Vary, security
// headers…) but those Kestrel writes itself (Date, Content-Length, Server, Transfer-Encoding), so the comparison is of
// the same bytes on the wire.
var manifest = args.Length > 0 ? args[0] : throw new ArgumentException("Pass the manifest file of captured responses.");
var urlsAt = Array.IndexOf(args, "--urls");
var url = urlsAt >= 0 && urlsAt + 1 < args.Length ? args[urlsAt + 1] : "http://127.0.0.1:5099";
var folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
string[] kestrelOwn = ["date", "content-length", "server", "transfer-encoding", "connection", "keep-alive"];
(string Name, string Value)[] HeadersOf(string file) => !File.Exists(file) ? [] : File.ReadLines(file)
    .Skip(1)
    .Select(line => line.Split(':', 2))
    .Where(parts => parts.Length == 2 && !kestrelOwn.Contains(parts[0].Trim().ToLowerInvariant()))
    .Select(parts => (parts[0].Trim(), parts[1].Trim()))
    .ToArray();
var bodies = File.ReadLines(manifest)
    .Select(line => line.Split('\t'))
    .Where(parts => parts.Length == 2)
    .ToFrozenDictionary(parts => parts[0],
        parts => (Body: File.ReadAllBytes(Path.Combine(folder, parts[1])), Headers: HeadersOf(Path.Combine(folder, parts[1] + ".headers"))),
        StringComparer.Ordinal);

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.AddServerHeader = false);
var app = builder.Build();
app.Run(http =>
{
    var target = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
    if (!bodies.TryGetValue(target, out var captured))
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
    var (body, headers) = captured;
    foreach (var (name, value) in headers)
    {
        http.Response.Headers.Append(name, value);
    }
    if (headers.Length == 0)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
    }
    http.Response.ContentLength = body.Length;
    return http.Response.Body.WriteAsync(body).AsTask();
});
Console.WriteLine($"Serving {bodies.Count} captured responses.");
await app.RunAsync(url);
