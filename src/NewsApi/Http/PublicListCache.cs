using System.Collections.Concurrent;

namespace NewsApi.Http;

/// <summary>
/// What a public list costs most to work out — its total, and the relevance ranking of a search — kept for at most
/// <see cref="CachedResponse.PublicMaxAgeSeconds"/>, like the output cache, so that every page of one list shares one
/// computation. Only anonymous reads use it (a key holder always reads the database), and any write on this instance
/// empties it, as it empties the output cache.
/// </summary>
public sealed class PublicListCache(TimeProvider clock)
{
    private const int MaxEntries = 10_000;
    private ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    private sealed record Entry(Lazy<Task<object>> Value, long ExpiresAt);

    /// <summary>The cached value for the key, or the one <paramref name="compute"/> gives (once, however many ask at the same time).</summary>
    public async Task<T> GetOrComputeAsync<T>(string key, Func<Task<T>> compute) where T : notnull
    {
        var now = clock.GetTimestamp();
        var current = entries;
        if (!current.TryGetValue(key, out var entry) || entry.ExpiresAt <= now)
        {
            if (current.Count >= MaxEntries)
            {
                current.Clear();
            }
            var fresh = new Entry(new Lazy<Task<object>>(async () => await compute()), now + (long)(clock.TimestampFrequency * CachedResponse.PublicMaxAgeSeconds));
            entry = current.AddOrUpdate(key, fresh, (_, old) => old.ExpiresAt <= now ? fresh : old);
        }
        try
        {
            return (T)await entry.Value.Value;
        }
        catch
        {
            current.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    /// <summary>Forgets everything: after a write, this instance's readers see the change at once.</summary>
    public void Clear() => entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
}
