namespace NewsApi.Imports;

/// <summary>
/// Imports:MaxConcurrent (default 1) pages are read, parsed and stored at once; the others wait, their bodies still
/// unread in the connection (on SQLite they would wait for the write lock anyway). A 2 MB page costs tens of MB while
/// it is parsed and stored (DOM, folded search text, revision, response), and none of it is collected while the server
/// is idle: ten parallel imports left the process at its peak (over 400 MB) for minutes. So after each import, before the next
/// starts, one compacting collection gives that memory back, and one more runs after a quiet minute, once the shared array pool
/// has let go of the large buffers the serializer rented (it trims only what has gone unused for a minute, and only
/// during a full collection). Imports are rare; each collection costs milliseconds.
/// </summary>
public sealed class ImportGate(Microsoft.Extensions.Options.IOptions<ImportOptions> options) : IEndpointFilter, IDisposable
{
    private static readonly TimeSpan QuietMinute = TimeSpan.FromSeconds(62);
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrent);
    private readonly Timer afterQuietMinute = new(_ => Collect(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        await slots.WaitAsync(context.HttpContext.RequestAborted);
        try
        {
            return await next(context);
        }
        finally
        {
            // Before the next import may start: its garbage (the DOM, the text in its several forms) is dead by now.
            Collect();
            slots.Release();
            afterQuietMinute.Change(QuietMinute, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>One blocking, compacting collection of every generation, large objects included.</summary>
    public static void Collect()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public void Dispose()
    {
        afterQuietMinute.Dispose();
        slots.Dispose();
    }
}

/// <summary>Imports: how many pages are imported at once.</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int MaxConcurrent { get; set; } = 1;
}
