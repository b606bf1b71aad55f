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
public sealed class PublicListCache(TimeProvider clock, TimeSpan? budget = null)
{
    private const int MaxEntries = 10_000;
    public const double RefreshAheadSeconds = 1.0;
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(CachedResponse.PublicMaxAgeSeconds);
    private ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The cache the app uses: a shared computation is stopped at the query budget (Limits:QueryTimeoutSeconds) at the latest.</summary>
    public PublicListCache(TimeProvider clock, Microsoft.Extensions.Options.IOptions<LimitsOptions> limits)
        : this(clock, limits.Value.QueryTimeoutSeconds > 0 ? TimeSpan.FromSeconds(limits.Value.QueryTimeoutSeconds) : null)
    {
    }

    private sealed class Entry
    {
        private readonly CancellationTokenSource stop;
        private int waiters;
        private int refreshing;

        public Entry(Func<CancellationToken, Task<object>> compute, long createdAt, TimeSpan? budget)
        {
            stop = budget is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
            Value = new Lazy<Task<object>>(() => RunAsync(compute));
            CreatedAt = createdAt;
        }

        private async Task<object> RunAsync(Func<CancellationToken, Task<object>> compute)
        {
            try
            {
                return await compute(stop.Token);
            }
            finally
            {
                // Its budget timer goes with it (an entry that lost the race to be added is never run; its timer fires once).
                stop.Dispose();
            }
        }

        public Lazy<Task<object>> Value { get; }
        /// <summary>When the computation began: the value is at most as old as that.</summary>
        public long CreatedAt { get; }

        public bool Ready => Value.IsValueCreated && Value.Value.IsCompletedSuccessfully;

        /// <summary>True for exactly one caller: the one that recomputes this entry ahead of its expiry.</summary>
        public bool ClaimRefresh() => Interlocked.Exchange(ref refreshing, 1) == 0;

        /// <summary>One more request waits on the computation until it ends or the request goes away.</summary>
        public void Join() => Interlocked.Increment(ref waiters);

        /// <summary>A request stopped waiting: when it was the last, the computation is stopped (its statement cancelled).</summary>
        public void Leave()
        {
            if (Interlocked.Decrement(ref waiters) == 0 && !(Value.IsValueCreated && Value.Value.IsCompleted))
            {
                try
                {
                    stop.Cancel();
                }
                catch (AggregateException)
                {
                    // A registration of the computation's own threw while cancelling; the computation ends either way.
                }
                catch (ObjectDisposedException)
                {
                    // The computation ended just now.
                }
            }
        }
    }

    /// <summary>
    /// The cached value for the key, or the one <paramref name="compute"/> gives (once, however many ask at the same time),
    /// with how old it is (from when its computation began).
    /// </summary>
    /// <remarks>
    /// A computation goes on while any request still waits on it, and is cancelled (its statement stopped) when the last
    /// one has gone, or at the query budget. It is given its own cancellation token for that. Tying it to the request
    /// that started it made every other request waiting on it start over when that one went away: under overload, with
    /// clients giving up after 2 s, the same ranking was started again and again and none finished (PostgreSQL, 100k
    /// articles, one search slot: 35 req/s, 31 clients timed out in 5 s). The request that starts a computation waits for
    /// its end even after its own client has gone, since the computation runs on its database context.
    /// </remarks>
    public async Task<(T Value, TimeSpan Age)> GetOrComputeAsync<T>(string key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken = default)
        where T : notnull
    {
        try
        {
            return await GetOrComputeOnceAsync(key, compute, cancellationToken);
        }
        catch (Exception stopped) when (QueryBudget.IsCancellation(stopped) && !cancellationToken.IsCancellationRequested)
        {
            // The shared computation was stopped (its budget ran out, or everyone else went away just as this asked):
            // a cancellation, or on SQLite the interrupted statement's error. This request still wants the value.
            return await GetOrComputeOnceAsync(key, compute, cancellationToken);
        }
    }

    private async Task<(T Value, TimeSpan Age)> GetOrComputeOnceAsync<T>(string key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
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
                var value = await ValueOf<T>(current, key, renewed, owner: true, cancellationToken);
                current.TryUpdate(key, renewed, entry);
                return (value, clock.GetElapsedTime(renewed.CreatedAt));
            }
            return (await ValueOf<T>(current, key, entry, owner: false, cancellationToken), clock.GetElapsedTime(entry.CreatedAt));
        }
        if (current.Count >= MaxEntries)
        {
            current.Clear();
        }
        var fresh = New(compute, now);
        entry = current.AddOrUpdate(key, fresh, (_, old) => clock.GetElapsedTime(old.CreatedAt, now) >= MaxAge ? fresh : old);
        return (await ValueOf<T>(current, key, entry, owner: ReferenceEquals(entry, fresh), cancellationToken), clock.GetElapsedTime(entry.CreatedAt));
    }

    private static async Task<T> ValueOf<T>(ConcurrentDictionary<string, Entry> current, string key, Entry entry, bool owner, CancellationToken cancellationToken)
    {
        entry.Join();
        var left = 0;
        void Leave()
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
            {
                entry.Leave();
            }
        }
        var registration = cancellationToken.Register(Leave);
        try
        {
            // The owner's computation runs on its context, so it waits for the end; the others stop waiting when they go.
            return (T)await (owner ? entry.Value.Value : entry.Value.Value.WaitAsync(cancellationToken));
        }
        catch when (entry.Value.Value.IsFaulted || entry.Value.Value.IsCanceled)
        {
            // The computation failed or was stopped: the next request computes afresh. One that only stopped waiting
            // leaves the computation to the others still waiting on it.
            current.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
        finally
        {
            await registration.DisposeAsync();
            Leave();
        }
    }

    private Entry New<T>(Func<CancellationToken, Task<T>> compute, long now) where T : notnull =>
        new(async token => await compute(token), now, budget);

    /// <summary>Forgets everything: after a write, this instance's readers see the change at once.</summary>
    public void Clear() => entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
}
