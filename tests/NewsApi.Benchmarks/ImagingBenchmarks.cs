using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ImageMagick;
using SkiaSharp;

namespace NewsApi.Benchmarks;

/// <summary>
/// What a newsroom's rendition costs: an 800 px WebP and an 800 px AVIF from a 12-megapixel camera JPEG, with each
/// imaging library the issue names that restores here. BenchmarkDotNet's allocation column counts managed memory
/// only, and all three libraries decode in native memory, so each benchmark process also records its peak resident
/// memory above what it held after setup (Linux: VmHWM reset through /proc/self/clear_refs) in the "Peak RSS" column.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PeakRssConfig))]
public class ImagingBenchmarks
{
    private const int Width = 800;
    private byte[] _jpeg = [];

    [GlobalSetup]
    public void MakeCameraJpeg()
    {
        _jpeg = CameraJpeg.Bytes();
        NetVips.Cache.Max = 0;
        NetVips.Cache.MaxMem = 0;
        NetVips.Cache.MaxFiles = 0;
        PeakRss.Reset();
    }

    [GlobalCleanup]
    public void RecordPeak() => PeakRss.Record(BenchmarkName);

    [ParamsAllValues]
    public Library Library { get; set; }

    [ParamsAllValues]
    public Format Format { get; set; }

    private string BenchmarkName => $"{Library}-{Format}";

    [Benchmark]
    public int Rendition() => (Library, Format) switch
    {
        (Library.NetVips, Format.Webp) => NetVipsRendition(".webp[Q=80,keep=none]"),
        (Library.NetVips, Format.Avif) => NetVipsRendition(".avif[Q=50,keep=none]"),
        (Library.SkiaSharp, Format.Webp) => SkiaRendition(SKEncodedImageFormat.Webp, 80),
        (Library.SkiaSharp, Format.Avif) => SkiaRendition(SKEncodedImageFormat.Avif, 50),
        (Library.MagickNet, Format.Webp) => MagickRendition(MagickFormat.WebP, 80),
        (Library.MagickNet, Format.Avif) => MagickRendition(MagickFormat.Avif, 50),
        _ => throw new ArgumentOutOfRangeException(),
    };

    private int NetVipsRendition(string format)
    {
        // thumbnail_buffer shrinks while the JPEG decodes (shrink-on-load), so the 12 MP frame is never held whole.
        using var thumbnail = NetVips.Image.ThumbnailBuffer(_jpeg, Width);
        return thumbnail.WriteToBuffer(format).Length;
    }

    private int SkiaRendition(SKEncodedImageFormat format, int quality)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(_jpeg));
        // The JPEG decoder scales by 1/2, 1/4 or 1/8 while decoding: ask for the smallest size still at least 800 wide.
        var scaled = codec.GetScaledDimensions((float)Math.Max(Width * 1.0 / codec.Info.Width, 1.0 / 8));
        using var decoded = new SKBitmap(new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        codec.GetPixels(decoded.Info, decoded.GetPixels());
        var height = (int)Math.Round(decoded.Height * (double)Width / decoded.Width);
        using var resized = decoded.Resize(new SKImageInfo(Width, height), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException("SkiaSharp did not resize.");
        using var image = SKImage.FromBitmap(resized);
        using var data = image.Encode(format, quality);
        // SkiaSharp's build has no AVIF encoder: Encode answers null, and the row says so instead of a time.
        return (int?)data?.Size ?? throw new NotSupportedException($"SkiaSharp cannot encode {format}.");
    }

    private int MagickRendition(MagickFormat format, uint quality)
    {
        var settings = new MagickReadSettings();
        // Lets the JPEG decoder scale down while decoding, as the other two do.
        settings.SetDefine(MagickFormat.Jpeg, "size", $"{Width * 2}x{Width * 2}");
        using var image = new MagickImage(_jpeg, settings);
        image.Thumbnail(Width, 0);
        image.Strip();
        image.Quality = quality;
        return image.ToByteArray(format).Length;
    }
}

public enum Library { NetVips, SkiaSharp, MagickNet }

public enum Format { Webp, Avif }

/// <summary>A 4000 × 3000 JPEG with a photo's mix of smooth areas and detail, made the same way on every run.</summary>
public static class CameraJpeg
{
    public static byte[] Bytes()
    {
        var path = Path.Combine(Path.GetTempPath(), "newsapi-bench-camera-4000x3000.jpg");
        if (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }
        const int w = 4000, h = 3000;
        var random = new Random(15);
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[w * h * 4];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w + x) * 4;
                var noise = random.Next(-12, 13);
                pixels[i] = (byte)Math.Clamp(x * 255 / w + noise, 0, 255);
                pixels[i + 1] = (byte)Math.Clamp(y * 255 / h + noise, 0, 255);
                pixels[i + 2] = (byte)Math.Clamp(128 + 100 * Math.Sin(x / 40.0) * Math.Cos(y / 55.0) + noise, 0, 255);
                pixels[i + 3] = 255;
            }
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        var bytes = data.ToArray();
        File.WriteAllBytes(path, bytes);
        return bytes;
    }
}

/// <summary>Peak resident memory of the benchmark process above its level after setup, passed to the host through a file.</summary>
public static class PeakRss
{
    private static long _baseline;
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "newsapi-bench-peak-rss");

    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        File.WriteAllText("/proc/self/clear_refs", "5");
        _baseline = Read("VmHWM:");
    }

    public static void Record(string name)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, name), (Read("VmHWM:") - _baseline).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static string? Recorded(string name) =>
        File.Exists(Path.Combine(Folder, name)) && long.TryParse(File.ReadAllText(Path.Combine(Folder, name)), out var kb)
            ? $"{kb / 1024.0:0.0} MB" : null;

    private static long Read(string field) =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => long.Parse(l[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).Single();
}

public sealed class PeakRssConfig : ManualConfig
{
    public PeakRssConfig() => AddColumn(new PeakRssColumn());

    private sealed class PeakRssColumn : IColumn
    {
        public string Id => "PeakRss";
        public string ColumnName => "Peak RSS";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Metric;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Peak resident memory of the benchmark process above its level after setup";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            PeakRss.Recorded($"{benchmarkCase.Parameters["Library"]}-{benchmarkCase.Parameters["Format"]}") ?? "-";
    }
}
