using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Data;

namespace NewsApi.Media;

/// <summary>
/// Where originals live (Media:Store): in the database beside the content (the default: replicas share them and one
/// backup holds everything) or as files in Media:Folder, named by their SHA-256.
/// </summary>
public sealed class MediaStore(IOptions<MediaOptions> options)
{
    private readonly MediaOptions _options = options.Value;

    public async Task SaveAsync(NewsDbContext db, MediaItem item, byte[] bytes, CancellationToken cancellationToken)
    {
        if (_options.Store == MediaStoreKind.Database)
        {
            db.Set<MediaContent>().Add(new MediaContent { MediaId = item.Id, Data = bytes });
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        var path = PathOf(item.Sha256);
        if (File.Exists(path))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Gives an item its (new) bytes. In the database the old row goes in the same transaction; a file of old bytes is
    /// left for <see cref="Forget"/> once the change has committed.
    /// </summary>
    public async Task ReplaceAsync(NewsDbContext db, MediaItem item, byte[] bytes, CancellationToken cancellationToken)
    {
        if (_options.Store == MediaStoreKind.Database)
        {
            await db.Set<MediaContent>().Where(c => c.MediaId == item.Id).ExecuteDeleteAsync(cancellationToken);
        }
        await SaveAsync(db, item, bytes, cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(NewsDbContext db, MediaItem item, CancellationToken cancellationToken)
    {
        if (_options.Store == MediaStoreKind.Database)
        {
            return await db.Set<MediaContent>().AsNoTracking().Where(c => c.MediaId == item.Id).Select(c => c.Data).FirstOrDefaultAsync(cancellationToken);
        }
        var path = PathOf(item.Sha256);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    /// <summary>Called once the item's row is gone for good (the delete committed): the database's row went with it.</summary>
    public void Forget(string sha256)
    {
        if (_options.Store == MediaStoreKind.Folder)
        {
            File.Delete(PathOf(sha256));
        }
    }

    private string PathOf(string sha256) => Path.Combine(Path.GetFullPath(_options.Folder), sha256[..2], sha256);
}

/// <summary>
/// This instance's renditions, as files in a bounded folder (Media:CacheFolder, Media:CacheMaxBytes); the least
/// recently served are removed first. Concurrent first requests for one rendition wait for one making of it.
/// </summary>
public sealed class RenditionCache
{
    private readonly string _folder;
    private readonly long _maxBytes;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<byte[]>>> _making = new();
    private readonly SemaphoreSlim _encoders = new(Math.Max(1, Environment.ProcessorCount));
    private long _total;
    private long _made;

    public RenditionCache(IOptions<MediaOptions> options)
    {
        _folder = options.Value.CacheFolder is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(Path.GetTempPath(), "newsapi-renditions", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _maxBytes = options.Value.CacheMaxBytes;
        Directory.CreateDirectory(_folder);
        foreach (var file in new DirectoryInfo(_folder).EnumerateFiles())
        {
            if (file.Name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                file.Delete();
                continue;
            }
            _entries[file.Name] = new Entry(file.Length, file.LastWriteTimeUtc.Ticks);
            _total += file.Length;
        }
    }

    /// <summary>How many renditions this instance has made (not served from the cache) since it started.</summary>
    public long Made => Interlocked.Read(ref _made);

    public long TotalBytes
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    public async Task<byte[]> GetOrMakeAsync(string key, Func<byte[]> make, CancellationToken cancellationToken)
    {
        if (await TryReadAsync(key, cancellationToken) is { } cached)
        {
            return cached;
        }
        var making = _making.GetOrAdd(key, k => new Lazy<Task<byte[]>>(() => MakeAsync(k, make)));
        try
        {
            return await making.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            if (making.Value.IsCompleted)
            {
                _making.TryRemove(new KeyValuePair<string, Lazy<Task<byte[]>>>(key, making));
            }
        }
    }

    private async Task<byte[]> MakeAsync(string key, Func<byte[]> make)
    {
        // Not the caller's token: others may be waiting for this rendition after the first caller has gone.
        await _encoders.WaitAsync();
        byte[] bytes;
        try
        {
            bytes = await Task.Run(make);
            Interlocked.Increment(ref _made);
        }
        finally
        {
            _encoders.Release();
        }
        if (bytes.Length <= _maxBytes)
        {
            var temporary = Path.Combine(_folder, key + "." + Guid.NewGuid().ToString("N") + ".tmp");
            await File.WriteAllBytesAsync(temporary, bytes);
            File.Move(temporary, Path.Combine(_folder, key), overwrite: true);
            Add(key, bytes.Length);
        }
        return bytes;
    }

    private async Task<byte[]?> TryReadAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return null;
            }
            _entries[key] = entry with { LastUsed = DateTime.UtcNow.Ticks };
        }
        try
        {
            return await File.ReadAllBytesAsync(Path.Combine(_folder, key), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Evicted between the look-up and the read: made again.
            return null;
        }
    }

    private void Add(string key, long length)
    {
        var evicted = new List<string>();
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _total -= old.Length;
            }
            _entries[key] = new Entry(length, DateTime.UtcNow.Ticks);
            _total += length;
            foreach (var (name, entry) in _entries.OrderBy(e => e.Value.LastUsed).ToList())
            {
                if (_total <= _maxBytes)
                {
                    break;
                }
                if (name == key)
                {
                    continue;
                }
                _entries.Remove(name);
                _total -= entry.Length;
                evicted.Add(name);
            }
        }
        foreach (var name in evicted)
        {
            File.Delete(Path.Combine(_folder, name));
        }
    }

    /// <summary>Removes every rendition of an original (its key prefix), when the item is deleted.</summary>
    public void ForgetAll(string prefix)
    {
        List<string> names;
        lock (_lock)
        {
            names = _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            foreach (var name in names)
            {
                _total -= _entries[name].Length;
                _entries.Remove(name);
            }
        }
        foreach (var name in names)
        {
            File.Delete(Path.Combine(_folder, name));
        }
    }

    private sealed record Entry(long Length, long LastUsed);
}
