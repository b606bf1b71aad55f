namespace NewsApi.Imports;

/// <summary>
/// Imports:MaxConcurrent (default 1) pages are read, parsed and stored at once; the others wait, their bodies still
/// unread in the connection (on SQLite they would wait for the write lock anyway). A 2 MB page costs tens of MB while
/// it is parsed and stored (DOM, folded search text, revision, response), and none of it is collected while the server
/// is idle: ten parallel imports left the process at its peak (over 400 MB) for minutes. So memory is given back at three
/// moments: after each import, before the next starts (its DOM and text are dead by then); once its answer has gone out
/// (the JSON of up to 2 MB of text is written after the endpoint returns); and after a quiet minute, for what the shared
/// array pool still holds. The pool drops a buffer only during a full collection at least a minute after the collection
/// that first found it unused, one or two of a size at a time, so a few more collections follow, 15 s apart. Most large
/// rentals are gone (JSON is written into buffers of its own: see Json.Utf8); AngleSharp's tokenizer still rents a
/// buffer the size of the page. Imports are rare; each collection costs milliseconds.
/// </summary>
public sealed class ImportGate(Microsoft.Extensions.Options.IOptions<ImportOptions> options) : IEndpointFilter, IDisposable
{
    private static readonly TimeSpan QuietMinute = TimeSpan.FromSeconds(61);
    private static readonly TimeSpan Then = TimeSpan.FromSeconds(15);
    private const int CollectionsAfterQuiet = 5;
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrent);
    // One for the process, like the heap it collects (test hosts run several apps in one process).
    private static readonly Timer AfterQuietMinute = new(AfterQuiet, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    private static int quietCollections;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        await slots.WaitAsync(context.HttpContext.RequestAborted);
        context.HttpContext.Response.OnCompleted(() =>
        {
            Collect();
            // Counted from here: this collection is the one that finds the pool's buffers unused.
            lock (AfterQuietMinute)
            {
                quietCollections = 0;
                AfterQuietMinute.Change(QuietMinute, Then);
            }
            return Task.CompletedTask;
        });
        try
        {
            return await next(context);
        }
        finally
        {
            // Before the next import may start: its garbage (the DOM, the text in its several forms) is dead by now.
            Collect();
            slots.Release();
        }
    }

    private static void AfterQuiet(object? _)
    {
        Collect();
        lock (AfterQuietMinute)
        {
            if (++quietCollections >= CollectionsAfterQuiet)
            {
                AfterQuietMinute.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>One blocking, compacting collection of every generation, large objects included.</summary>
    public static void Collect()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
    }

    public void Dispose()
    {
        slots.Dispose();
    }
}

/// <summary>
/// The C library's heap (SQLite's page cache and statements, libvips, the compressors) keeps what it freed for reuse
/// instead of handing it back to the system; glibc's malloc_trim returns the free pages at the top of each arena and the
/// whole free pages inside them. Without it, ten 2 MB imports left the process some 90 MB larger for good.
/// Elsewhere (musl, macOS, Windows) there is nothing to call, and nothing is done.
/// </summary>
internal static class NativeHeap
{
    private static bool unavailable = !OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (unavailable)
        {
            return;
        }
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            unavailable = true;
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}

/// <summary>Imports: how many pages are imported at once.</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int MaxConcurrent { get; set; } = 1;
}
