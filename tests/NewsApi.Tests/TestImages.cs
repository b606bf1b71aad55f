using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NewsApi.Tests;

/// <summary>Images made for the tests: real encodings from libvips, and hostile ones built byte by byte.</summary>
public static class TestImages
{
    /// <summary>A photo-like JPEG (noise over a gradient), different for every seed.</summary>
    public static byte[] Jpeg(int width, int height, int seed = 1) => Encode(width, height, seed, ".jpg[Q=85]");

    public static byte[] Png(int width, int height, int seed = 1) => Encode(width, height, seed, ".png");

    private static byte[] Encode(int width, int height, int seed, string format)
    {
        using var noise = NetVips.Image.Gaussnoise(width, height, mean: 128, sigma: 40, seed: seed);
        using var grey = noise.Cast(NetVips.Enums.BandFormat.Uchar);
        using var rgb = grey.Bandjoin((grey * 0.5 + seed % 100).Cast(NetVips.Enums.BandFormat.Uchar), (255 - grey).Cast(NetVips.Enums.BandFormat.Uchar));
        return rgb.WriteToBuffer(format);
    }

    /// <summary>
    /// The JPEG with an EXIF block (Artist, and GPS latitude/longitude) and an IPTC block (caption and by-line, in
    /// UTF-8), as a camera and a photo desk would leave them: spliced in after the start-of-image marker.
    /// </summary>
    public static byte[] WithExifAndIptc(byte[] jpeg, string? artist, string? iptcCaption, string? iptcByLine)
    {
        var segments = new MemoryStream();
        if (artist is not null)
        {
            Segment(segments, 0xE1, [.. "Exif\0\0"u8, .. Exif(artist)]);
        }
        if (iptcCaption is not null || iptcByLine is not null)
        {
            Segment(segments, 0xED, Photoshop(Iptc(iptcCaption, iptcByLine)));
        }
        return [.. jpeg.AsSpan(0, 2), .. segments.ToArray(), .. jpeg.AsSpan(2)];
    }

    private static void Segment(Stream to, byte marker, byte[] payload)
    {
        to.WriteByte(0xFF);
        to.WriteByte(marker);
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        to.Write(length);
        to.Write(payload);
    }

    /// <summary>A little-endian TIFF: IFD0 with Artist and a GPS IFD pointer; the GPS IFD with N 21°, E 105°.</summary>
    private static byte[] Exif(string artist)
    {
        var ascii = Encoding.ASCII.GetBytes(artist + "\0");
        var b = new List<byte>();
        void U16(int v) { b.Add((byte)v); b.Add((byte)(v >> 8)); }
        void U32(long v) { U16((int)(v & 0xFFFF)); U16((int)(v >> 16)); }
        b.AddRange("II"u8.ToArray()); U16(42); U32(8);
        // IFD0 at 8: two entries (12 bytes each) + count + next = 2 + 24 + 4 = 30 → data at 38.
        const int ifd0 = 8, gps = ifd0 + 30, artistAt = gps + 2 + 4 * 12 + 4, rationals = artistAt + 64;
        U16(2);
        U16(0x013B); U16(2); U32(ascii.Length); U32(artistAt);
        U16(0x8825); U16(4); U32(1); U32(gps);
        U32(0);
        // GPS IFD: LatitudeRef, Latitude, LongitudeRef, Longitude.
        U16(4);
        U16(1); U16(2); U32(2); b.AddRange("N\0\0\0"u8.ToArray());
        U16(2); U16(5); U32(3); U32(rationals);
        U16(3); U16(2); U32(2); b.AddRange("E\0\0\0"u8.ToArray());
        U16(4); U16(5); U32(3); U32(rationals + 24);
        U32(0);
        b.AddRange(ascii);
        while (b.Count < rationals) b.Add(0);
        foreach (var degrees in new[] { 21, 105 })
        {
            U32(degrees); U32(1); U32(1); U32(1); U32(0); U32(1);
        }
        return [.. b];
    }

    private static byte[] Iptc(string? caption, string? byLine)
    {
        var b = new MemoryStream();
        void DataSet(byte record, byte tag, byte[] value)
        {
            b.WriteByte(0x1C); b.WriteByte(record); b.WriteByte(tag);
            b.WriteByte((byte)(value.Length >> 8)); b.WriteByte((byte)value.Length);
            b.Write(value);
        }
        DataSet(1, 90, [0x1B, 0x25, 0x47]); // coded character set: UTF-8
        if (byLine is not null) DataSet(2, 80, Encoding.UTF8.GetBytes(byLine));
        if (caption is not null) DataSet(2, 120, Encoding.UTF8.GetBytes(caption));
        return b.ToArray();
    }

    private static byte[] Photoshop(byte[] iptc)
    {
        var b = new MemoryStream();
        b.Write("Photoshop 3.0\0"u8);
        b.Write("8BIM"u8);
        b.Write([0x04, 0x04, 0x00, 0x00]);
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, (uint)iptc.Length);
        b.Write(size);
        b.Write(iptc);
        if (iptc.Length % 2 == 1) b.WriteByte(0);
        return b.ToArray();
    }

    /// <summary>A PNG of a few hundred bytes whose header declares width × height pixels of RGB.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8; ihdr[9] = 2;
        Chunk(png, "IHDR", ihdr);
        var zeros = new MemoryStream();
        using (var z = new ZLibStream(zeros, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write(new byte[1 << 20]);
        }
        Chunk(png, "IDAT", zeros.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(header, 4);
        png.Write(header);
        png.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. header.AsSpan(4), .. data]));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var x in bytes)
        {
            crc ^= x;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
