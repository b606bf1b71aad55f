using NetVips;
using NewsApi.Data;
using NewsApi.Media;
using NewsApi.Site;

namespace NewsApi.Cli;

/// <summary>
/// The few photos `generate` places in its articles: drawn here (deterministic, no download), stored as uploads are, so
/// the benchmarks read articles that embed photos and serve real renditions. Running generate again finds them again.
/// </summary>
public static class GeneratedPhotos
{
    private static readonly (string Caption, string Alt, int Width, int Height)[] Photos =
    [
        ("Cán bộ, chiến sĩ tham gia buổi huấn luyện trên thao trường", "Bộ đội luyện tập trên thao trường", 1600, 900),
        ("Quang cảnh hội nghị tổng kết công tác năm", "Hội trường với các đại biểu", 1600, 1067),
        ("Lực lượng vũ trang giúp nhân dân khắc phục hậu quả mưa lũ", "Bộ đội giúp dân sau lũ", 1400, 933),
        ("Các đại biểu dự lễ ra quân huấn luyện", "Đội hình ra quân", 1920, 1080),
        ("Tuổi trẻ đơn vị tham gia hoạt động tình nguyện", "Thanh niên làm tình nguyện", 1200, 900),
        ("Lãnh đạo địa phương thăm, tặng quà gia đình chính sách", "Trao quà cho gia đình chính sách", 1600, 900),
    ];

    /// <summary>The generated photos' media ids, stored on first use.</summary>
    public static async Task<IReadOnlyList<int>> EnsureAsync(NewsDbContext db, MediaStore store, SiteTime site, MediaOptions options, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        for (var i = 0; i < Photos.Length; i++)
        {
            var (caption, alt, width, height) = Photos[i];
            var bytes = Draw(i, width, height);
            var (image, refused) = MediaImaging.Inspect(bytes, options.MaxPixels);
            if (image is null)
            {
                throw new InvalidOperationException($"A generated photo was refused: {refused?.Detail}");
            }
            var (item, _, conflict) = await MediaEndpoints.AddAsync(db, store, site, bytes, image, new MediaRequest(caption, alt), cancellationToken);
            ids.Add(item?.Id ?? throw new InvalidOperationException($"A generated photo could not be stored: {conflict}"));
        }
        return ids;
    }

    /// <summary>A smooth picture of its own colours (gradients and waves), as a JPEG: renditions of it take real work.</summary>
    private static byte[] Draw(int index, int width, int height)
    {
        using var xyz = Image.Xyz(width, height);
        using var x = xyz[0];
        using var y = xyz[1];
        using var red = x * (200.0 / width) + 30 + 20 * index;
        using var green = ((y * (360.0 * (index + 1) / height)).Math(Enums.OperationMath.Sin) + 1) * 100 + 20;
        using var blue = (x + y) * (255.0 / (width + height));
        using var joined = red.Bandjoin(green, blue);
        using var picture = joined.Cast(Enums.BandFormat.Uchar);
        using var srgb = picture.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.WriteToBuffer(".jpg[Q=85]");
    }
}
