using System.Buffers.Binary;

namespace NewsApi.Media;

/// <summary>The image formats accepted for upload, as sniffed from the bytes (never from the declared type).</summary>
public enum ImageKind { Jpeg, Png, WebP, Avif }

/// <summary>
/// What the bytes are, whatever the request said: the magic number at the start, then the container's own structure
/// walked to its end. Bytes after the image's end are refused, since that is where a polyglot (a JPEG that is also an
/// HTML page or a ZIP archive) keeps its second self. SVG, HTML and everything else is not an image here.
/// </summary>
public static class ImageSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static string ContentType(ImageKind kind) => kind switch
    {
        ImageKind.Jpeg => "image/jpeg",
        ImageKind.Png => "image/png",
        ImageKind.WebP => "image/webp",
        _ => "image/avif",
    };

    public static ImageKind? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ImageKind.Jpeg;
        }
        if (bytes.StartsWith(PngSignature))
        {
            return ImageKind.Png;
        }
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageKind.WebP;
        }
        if (bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8) && (bytes[8..12].SequenceEqual("avif"u8) || bytes[8..12].SequenceEqual("avis"u8)))
        {
            return ImageKind.Avif;
        }
        return null;
    }

    /// <summary>Null when the container is whole and nothing follows it; otherwise why not.</summary>
    public static string? StructureProblem(ImageKind kind, ReadOnlySpan<byte> bytes) => kind switch
    {
        ImageKind.Jpeg => JpegEnd(bytes) switch
        {
            null => "The JPEG ends before its end-of-image marker (truncated).",
            0 => "What follows the JPEG signature is not JPEG segments.",
            var end => Trailing(bytes, end.Value),
        },
        ImageKind.Png => PngEnd(bytes) is { } end ? Trailing(bytes, end) : "The PNG ends before its IEND chunk (truncated).",
        ImageKind.WebP => RiffEnd(bytes) is { } end ? Trailing(bytes, end) : "The WebP is shorter than its RIFF header says (truncated).",
        _ => BoxesEnd(bytes) is { } end ? Trailing(bytes, end) : "The AVIF's boxes run past its end (truncated).",
    };

    private static string? Trailing(ReadOnlySpan<byte> bytes, int end) =>
        end < bytes.Length && bytes[end..].ContainsAnyExcept((byte)0)
            ? $"{bytes.Length - end} bytes follow the end of the image; an upload is one image and nothing else."
            : null;

    /// <summary>The offset just past EOI (0 when the bytes are not marker segments, null when they end first), walking marker segments by their lengths and entropy-coded data to the next marker.</summary>
    private static int? JpegEnd(ReadOnlySpan<byte> b)
    {
        var i = 2;
        while (i + 1 < b.Length)
        {
            if (b[i] != 0xFF)
            {
                return 0;
            }
            var marker = b[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }
            if (marker == 0xD9)
            {
                return i + 2;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }
            if (marker < 0xC0)
            {
                return 0;
            }
            if (i + 3 >= b.Length)
            {
                return null;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
            if (length < 2)
            {
                return null;
            }
            i += 2 + length;
            if (marker == 0xDA)
            {
                // Entropy-coded data: FF 00 is a data byte and FF D0–D7 a restart; any other marker ends the scan.
                while (i + 1 < b.Length && !(b[i] == 0xFF && b[i + 1] != 0x00 && b[i + 1] is not (>= 0xD0 and <= 0xD7)))
                {
                    i++;
                }
            }
        }
        return null;
    }

    private static int? PngEnd(ReadOnlySpan<byte> b)
    {
        var i = 8;
        while (i + 12 <= b.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(b[i..]);
            if (length > int.MaxValue || i + 12 + (long)length > b.Length)
            {
                return null;
            }
            var type = b.Slice(i + 4, 4);
            i += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8))
            {
                return i;
            }
        }
        return null;
    }

    private static int? RiffEnd(ReadOnlySpan<byte> b)
    {
        var size = BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
        var end = 8 + (long)size + (size & 1);
        return end <= b.Length ? (int)end : null;
    }

    private static int? BoxesEnd(ReadOnlySpan<byte> b)
    {
        long i = 0;
        while (i + 8 <= b.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(b[(int)i..]);
            if (size == 1 && i + 16 <= b.Length)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(b[(int)(i + 8)..]);
            }
            else if (size == 0)
            {
                size = b.Length - i;
            }
            if (size < 8 || i + size > b.Length)
            {
                return null;
            }
            i += size;
        }
        return i == b.Length ? (int)i : null;
    }
}
