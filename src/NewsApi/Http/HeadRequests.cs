namespace NewsApi.Http;

public static class HeadRequests
{
    /// <summary>
    /// Every GET endpoint in the group answers HEAD too, with the same status and headers and no body (Kestrel leaves
    /// the body out of a HEAD response). The endpoints' own HTTP method metadata is widened, so routing, the output
    /// cache, ETags and the OpenAPI document all see HEAD as what it is: a GET without the body.
    /// </summary>
    public static TBuilder AnsweringHead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
            {
                endpoint.Metadata.Remove(methods);
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
            }
        });
        return builder;
    }

    /// <summary>
    /// Middleware that answers GET only (Swashbuckle's document and UI) answers HEAD too: the request goes through as
    /// a GET and what it writes is counted, not sent, so the headers (Content-Length included) are the GET's.
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app, PathString under) =>
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsHead(http.Request.Method) || !http.Request.Path.StartsWithSegments(under))
            {
                await next(http);
                return;
            }
            http.Request.Method = HttpMethods.Get;
            var body = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()!;
            var counter = new CountingStream();
            http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>(new Microsoft.AspNetCore.Http.StreamResponseBodyFeature(counter));
            try
            {
                await next(http);
                if (!http.Response.HasStarted && http.Response.ContentLength is null)
                {
                    http.Response.ContentLength = counter.Length;
                }
            }
            finally
            {
                http.Features.Set(body);
                http.Request.Method = HttpMethods.Head;
            }
        });

    /// <summary>A write-only stream that keeps nothing but the count of bytes written.</summary>
    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            length += count;
            return Task.CompletedTask;
        }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
