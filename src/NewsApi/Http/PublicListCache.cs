using System.Collections.Concurrent;

namespace NewsApi.Http;

/// <summary>
/// What a public list costs most to work out — its total, and the relevance ranking of a search — kept for at most
/// <see cref="CachedResponse.PublicMaxAgeSeconds"/>, like the output cache, so that every page of one list shares one
/// computation. Only anonymous reads use it (a key holder always reads the database), and any write on this instance
/// empties it, as it empties the output cache.
/// <para>
/// In the last <see cref="RefreshAheadSeconds"/> of an entry's life, the first request to ask recomputes it while the
/// others keep the current value, so a busy list never has every reader waiting on one recomputation at expiry.
/// </para>
/// </summary>
public sealed class PublicListCache(TimeProvider clock)
{
    private const int MaxEntries = 10_000;
    public const double RefreshAheadSeconds = 1.0;
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(CachedResponse.PublicMaxAgeSeconds);
    private ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    private sealed class Entry(Lazy<Task<object>> value, long createdAt)
    {
        public Lazy<Task<object>> Value { get; } = value;
        /// <summary>When the computation began: the value is at most as old as that.</summary>
        public long CreatedAt { get; } = createdAt;
        private int refreshing;

        public bool Ready => Value.IsValueCreated && Value.Value.IsCompletedSuccessfully;

        /// <summary>True for exactly one caller: the one that recomputes this entry ahead of its expiry.</summary>
        public bool ClaimRefresh() => Interlocked.Exchange(ref refreshing, 1) == 0;
    }

    /// <summary>
    /// The cached value for the key, or the one <paramref name="compute"/> gives (once, however many ask at the same time),
    /// with how old it is (from when its computation began).
    /// </summary>
    /// <remarks>
    /// <paramref name="compute"/> runs with its caller's cancellation (so an abandoned request stops its query). Another
    /// request waiting on that computation when it is cancelled computes the value itself instead of failing.
    /// </remarks>
    public async Task<(T Value, TimeSpan Age)> GetOrComputeAsync<T>(string key, Func<Task<T>> compute, CancellationToken cancellationToken = default)
        where T : notnull
    {
        try
        {
            return await GetOrComputeOnceAsync(key, compute, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Someone else's computation was cancelled (its request went away or ran out of time), not ours.
            return await GetOrComputeOnceAsync(key, compute, cancellationToken);
        }
    }

    private async Task<(T Value, TimeSpan Age)> GetOrComputeOnceAsync<T>(string key, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : notnull
    {
        var now = clock.GetTimestamp();
        var current = entries;
        if (current.TryGetValue(key, out var entry) && clock.GetElapsedTime(entry.CreatedAt, now) is var age && age < MaxAge)
        {
            if (age >= MaxAge - TimeSpan.FromSeconds(RefreshAheadSeconds) && entry.Ready && entry.ClaimRefresh())
            {
                // This request pays for the recomputation (with its own database context); the others keep the current value.
                var renewed = New(compute, now);
                var value = (T)await renewed.Value.Value;
                current.TryUpdate(key, renewed, entry);
                return (value, clock.GetElapsedTime(renewed.CreatedAt));
            }
            return (await ValueOf<T>(current, key, entry, cancellationToken), clock.GetElapsedTime(entry.CreatedAt));
        }
        if (current.Count >= MaxEntries)
        {
            current.Clear();
        }
        var fresh = New(compute, now);
        entry = current.AddOrUpdate(key, fresh, (_, old) => clock.GetElapsedTime(old.CreatedAt, now) >= MaxAge ? fresh : old);
        return (await ValueOf<T>(current, key, entry, cancellationToken), clock.GetElapsedTime(entry.CreatedAt));
    }

    private static async Task<T> ValueOf<T>(ConcurrentDictionary<string, Entry> current, string key, Entry entry, CancellationToken cancellationToken)
    {
        try
        {
            return (T)await entry.Value.Value.WaitAsync(cancellationToken);
        }
        catch when (entry.Value.Value.IsFaulted || entry.Value.Value.IsCanceled)
        {
            // The computation failed: the next request computes afresh. A caller that only stopped waiting (its client
            // left, its budget ran out) leaves the computation to the others still waiting on it: forgetting it there made
            // the next request start the same work again beside it, and under overload (clients giving up after 2 s)
            // the same ranking ran several times at once.
            current.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    private static Entry New<T>(Func<Task<T>> compute, long now) where T : notnull =>
        new(new Lazy<Task<object>>(async () => await compute()), now);

    /// <summary>Forgets everything: after a write, this instance's readers see the change at once.</summary>
    public void Clear() => entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
}
