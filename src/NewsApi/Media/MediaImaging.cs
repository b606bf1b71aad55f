using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using NetVips;
using NewsApi.Text;

namespace NewsApi.Media;

/// <summary>What an accepted upload is: its sniffed kind, shown size and the caption and credit found in it.</summary>
public sealed record InspectedImage(ImageKind Kind, int Width, int Height, string? Caption, string? Credit);

/// <summary>Why an upload was refused, as the status and detail of its problem.</summary>
public sealed record RefusedImage(int Status, string Detail);

/// <summary>The rendition formats a client may ask for.</summary>
public enum RenditionFormat { Jpeg, Webp, Avif, Png }

/// <summary>
/// Every use of libvips (NetVips): checking an upload and making renditions. Chosen by measurement
/// (tests/NewsApi.Benchmarks/README.md).
/// </summary>
public static class MediaImaging
{
    static MediaImaging()
    {
        // Renditions are cached as files; libvips' own operation cache would only hold decoded images in memory.
        Cache.Max = 0;
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;
    }

    public static string Extension(RenditionFormat format) => format switch
    {
        RenditionFormat.Jpeg => "jpeg",
        RenditionFormat.Webp => "webp",
        RenditionFormat.Avif => "avif",
        _ => "png",
    };

    public static string ContentType(RenditionFormat format) => "image/" + Extension(format);

    /// <summary>
    /// Sniffs, walks the container, reads the header (no pixels), refuses more than <paramref name="maxPixels"/>, and
    /// only then decodes every pixel once, failing on a truncated or corrupt image.
    /// </summary>
    public static (InspectedImage? Image, RefusedImage? Refused) Inspect(byte[] bytes, long maxPixels)
    {
        if (ImageSniffer.Sniff(bytes) is not { } kind)
        {
            return Refuse(415, "The body is not a JPEG, PNG, WebP or AVIF image (sniffed from its bytes; SVG is not accepted).");
        }
        if (ImageSniffer.StructureProblem(kind, bytes) is { } structure)
        {
            return Refuse(structure.Contains("truncated", StringComparison.Ordinal) ? 400 : 415, structure);
        }
        int width, height;
        try
        {
            // libjpeg reports a scan cut short and ended with a forged end marker only as a warning.
            using var header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential,
                failOn: kind == ImageKind.Jpeg ? Enums.FailOn.Warning : Enums.FailOn.Error);
            (width, height) = (header.Width, header.Height);
            if ((long)width * height > maxPixels)
            {
                return Refuse(413, $"The image is {width} × {height} pixels; at most {maxPixels / 1_000_000.0:0.#} megapixels are accepted.");
            }
            if (header.Contains("orientation") && header.Get("orientation") is int orientation and >= 5 and <= 8)
            {
                (width, height) = (height, width);
            }
            // Decodes every pixel, streaming: a truncated or corrupt image fails here rather than in a rendition later.
            header.Avg();
        }
        catch (VipsException)
        {
            return Refuse(400, "The image could not be decoded: it is truncated or corrupt.");
        }
        var (caption, credit) = Describe(bytes);
        return (new InspectedImage(kind, width, height, caption, credit), null);
    }

    private static (InspectedImage?, RefusedImage?) Refuse(int status, string detail) => (null, new RefusedImage(status, detail));

    /// <summary>The IPTC caption and by-line, or else EXIF's description and artist, as the camera or desk wrote them.</summary>
    public static (string? Caption, string? Credit) Describe(byte[] bytes)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes, writable: false));
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            return (null, null);
        }
        string? Tag<T>(int tag) where T : MetadataExtractor.Directory =>
            directories.OfType<T>().Select(d => d.GetString(tag)).Select(Clean).FirstOrDefault(s => s is not null);
        var caption = Tag<IptcDirectory>(IptcDirectory.TagCaption) ?? Tag<ExifIfd0Directory>(ExifDirectoryBase.TagImageDescription);
        var credit = Tag<IptcDirectory>(IptcDirectory.TagByLine) ?? Tag<IptcDirectory>(IptcDirectory.TagCredit)
            ?? Tag<ExifIfd0Directory>(ExifDirectoryBase.TagArtist);
        return (Trim(caption, MediaLimits.Caption), Trim(credit, MediaLimits.Credit));
    }

    private static string? Clean(string? value) =>
        VietnameseText.NormalizeLine(value) is { Length: > 0 } line ? line : null;

    private static string? Trim(string? value, int max) => value is null || value.Length <= max ? value : value[..max].TrimEnd();

    /// <summary>
    /// A rendition at most <paramref name="width"/> wide (never wider than the original), upright, in sRGB, with no
    /// metadata at all: EXIF (GPS included), XMP and IPTC stay in the original.
    /// </summary>
    public static byte[] Render(byte[] original, int width, RenditionFormat format, MediaCrop? crop = null)
    {
        using var thumbnail = crop is null
            ? Image.ThumbnailBuffer(original, width, size: Enums.Size.Down)
            : Image.ThumbnailBuffer(original, width, height: crop.HeightFor(width), size: Enums.Size.Down, crop: Enums.Interesting.Attention);
        var image = thumbnail;
        try
        {
            if (format == RenditionFormat.Jpeg && image.HasAlpha())
            {
                image = image.Flatten(background: [255, 255, 255]);
            }
            return image.WriteToBuffer(format switch
            {
                RenditionFormat.Jpeg => ".jpg[Q=82,keep=none,optimize_coding=true,interlace=true]",
                RenditionFormat.Webp => ".webp[Q=80,keep=none]",
                RenditionFormat.Avif => ".avif[Q=50,keep=none]",
                _ => ".png[keep=none]",
            });
        }
        finally
        {
            if (!ReferenceEquals(image, thumbnail))
            {
                image.Dispose();
            }
        }
    }

    /// <summary>The size a rendition of this width has: the original's, scaled down, never up.</summary>
    public static (int Width, int Height) RenditionSize(int originalWidth, int originalHeight, int width) =>
        width >= originalWidth ? (originalWidth, originalHeight)
            : (width, Math.Max(1, (int)Math.Round(originalHeight * (double)width / originalWidth)));
}

/// <summary>A crop to a shape (16x9, 4x3, 1x1): the largest box of that shape the picture holds, around its most interesting part.</summary>
public sealed record MediaCrop(string Name, int Across, int Down)
{
    public static readonly IReadOnlyList<MediaCrop> All = [new("16x9", 16, 9), new("4x3", 4, 3), new("1x1", 1, 1)];

    public static MediaCrop? Parse(string value) => All.FirstOrDefault(c => c.Name == value);

    public int HeightFor(int width) => Math.Max(1, (int)Math.Round(width * (double)Down / Across));

    /// <summary>The largest box of this shape inside a picture of that size.</summary>
    public (int Width, int Height) Box(int width, int height) =>
        (long)width * Down > (long)height * Across
            ? (Math.Max(1, (int)((long)height * Across / Down)), height)
            : (width, HeightFor(width));
}
