namespace NewsApi.Media;

public enum MediaStoreKind { Database, Folder }

/// <summary>The Media section of the configuration.</summary>
public sealed class MediaOptions
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;
    public const long DefaultMaxPixels = 50_000_000;

    /// <summary>Where originals live: beside the content (Database) or in <see cref="Folder"/>.</summary>
    public MediaStoreKind Store { get; set; } = MediaStoreKind.Database;
    public string Folder { get; set; } = "media";
    public long MaxBytes { get; set; } = DefaultMaxBytes;
    /// <summary>Width × height read from the header; anything larger is refused before a pixel is decoded.</summary>
    public long MaxPixels { get; set; } = DefaultMaxPixels;
    public int[] Widths { get; set; } = [320, 640, 960, 1280, 1920];
    /// <summary>This instance's rendition cache; by default a folder of its own under the temporary folder.</summary>
    public string? CacheFolder { get; set; }
    public long CacheMaxBytes { get; set; } = 512L * 1024 * 1024;

    public bool IsValid() =>
        MaxBytes is > 0 and <= int.MaxValue - 1024 * 1024 && MaxPixels > 0 && Widths.Length > 0 && Widths.All(w => w is > 0 and <= 10_000)
        && CacheMaxBytes > 0 && (Store != MediaStoreKind.Folder || !string.IsNullOrWhiteSpace(Folder));
}
