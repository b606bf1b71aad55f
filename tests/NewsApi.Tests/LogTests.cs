using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using NewsApi.Keys;

namespace NewsApi.Tests;

public class LogTests(LogTests.Factory factory) : IClassFixture<LogTests.Factory>
{
    /// <summary>The app with every log line, at every level, captured with its scopes.</summary>
    public sealed class Factory : NewsApiFactory
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.ConfigureLogging(logging => logging.AddProvider(new Capture(Lines)));
        }
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(lines, () => scopes);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines, Func<IExternalScopeProvider> scopes) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => scopes().Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new List<string>();
                scopes().ForEachScope((s, list) => list.Add(s is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}")) : s?.ToString() ?? ""), scope);
                lines.Enqueue($"{formatter(state, exception)} {exception} [{string.Join(" | ", scope)}]");
            }
        }
    }

    [Fact]
    public async Task LogsCarryTheRequestIdAndNeverTheKeyOrTheBody()
    {
        var key = factory.CreateKey(Scopes.ContentWrite, "log-check");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        const string secretBody = "Nội dung mật không được ghi vào nhật ký";
        await client.PostAsync("/api/v1/articles", Http.JsonBody(new { headline = secretBody, lead = secretBody }));
        await client.PostAsync("/api/v1/articles", Http.RawJson("{\"headline\": \"" + secretBody));
        var bad = factory.CreateClient();
        bad.DefaultRequestHeaders.Authorization = new("Bearer", key + "x");
        await bad.GetAsync("/api/v1/articles");

        var lines = factory.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("RequestId=", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(secretBody, StringComparison.Ordinal));
    }
}
