using NewsApi.Sections;

namespace NewsApi.Data.Seed;

/// <summary>
/// The section tree a fresh database starts with: the seed paper's own menu (a regional military newspaper), two levels.
/// An admin changes it through /sections like any other.
/// </summary>
public static class SeedSections
{
    public static readonly (string Name, string[] Subsections)[] Tree =
    [
        ("Tin tức", ["Thời sự", "Trong nước", "Quốc tế"]),
        ("Quốc phòng - An ninh", ["Huấn luyện", "Biển đảo", "Công nghiệp quốc phòng"]),
        ("Xây dựng Đảng", []),
        ("Hậu phương quân đội", []),
        ("Văn hóa - Xã hội", ["Văn hóa", "Thể thao"]),
    ];

    /// <summary>Where the seed article is placed, and its tags.</summary>
    public const string SeedArticleSection = "Công nghiệp quốc phòng";

    public static readonly string[] SeedArticleTags = ["Hội nghị Quân chính", "Công nghiệp quốc phòng"];

    /// <summary>
    /// The tags a section's articles usually carry, most used first (`generate` draws them with a Zipf-like skew, so the
    /// first few are common and the last rare). A few are shared between sections, as on a real site.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Tags = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Thời sự"] = ["Thời sự", "Hội nghị", "Phòng chống thiên tai", "Tìm kiếm cứu nạn", "Bão lũ", "Chuyển đổi số", "Cải cách hành chính",
            "An toàn giao thông", "Nông thôn mới", "Môi trường", "Kinh tế", "Chỉ đạo điều hành"],
        ["Trong nước"] = ["Dân vận", "Giúp dân", "Nông thôn mới", "Biên giới", "Nhà tình nghĩa", "Đồng bào dân tộc", "Miền núi", "Khám bệnh miễn phí",
            "Xóa đói giảm nghèo", "Y tế", "Giáo dục", "Khắc phục hậu quả bão lũ"],
        ["Quốc tế"] = ["Hợp tác quốc phòng", "Đối ngoại quốc phòng", "Gìn giữ hòa bình", "Lào", "Campuchia", "ASEAN", "Liên hợp quốc",
            "Hợp tác biên giới", "Giao lưu hữu nghị", "Trung Quốc"],
        ["Huấn luyện"] = ["Huấn luyện", "Chiến sĩ mới", "Diễn tập", "Bắn đạn thật", "Sẵn sàng chiến đấu", "Hội thao", "Kiểm tra huấn luyện",
            "Dân quân tự vệ", "Phòng thủ khu vực", "Huấn luyện đêm", "Điều lệnh", "Thể lực"],
        ["Biển đảo"] = ["Biển đảo", "Hải quân", "Chủ quyền biển đảo", "Trường Sa", "Cảnh sát biển", "Ngư dân", "Tuần tra", "Biên phòng",
            "Nhà giàn DK1", "Cảng Cam Ranh"],
        ["Công nghiệp quốc phòng"] = ["Công nghiệp quốc phòng", "Vũ khí trang bị", "Sản xuất quốc phòng", "Hội nghị Quân chính", "Nghiên cứu khoa học",
            "Kỹ thuật", "Sửa chữa khí tài", "Nhà máy", "Thiết bị quân sự", "Tự chủ công nghệ"],
        ["Xây dựng Đảng"] = ["Xây dựng Đảng", "Nghị quyết", "Công tác chính trị", "Giáo dục chính trị", "Thi đua quyết thắng", "Cuộc vận động 50",
            "Đại hội Đảng", "Học tập và làm theo Bác", "Đảng viên mới", "Kiểm tra giám sát"],
        ["Hậu phương quân đội"] = ["Hậu phương quân đội", "Gia đình chính sách", "Tri ân", "Đền ơn đáp nghĩa", "Nhà tình nghĩa", "Cựu chiến binh",
            "Thương binh liệt sĩ", "Quà Tết", "Mẹ Việt Nam anh hùng", "Sổ tiết kiệm"],
        ["Văn hóa"] = ["Văn hóa", "Văn nghệ", "Truyền thống", "Di tích lịch sử", "Bảo tàng", "Ngày hội văn hóa", "Lễ hội", "Âm nhạc", "Sách",
            "Điện ảnh"],
        ["Thể thao"] = ["Thể thao", "Hội thao quốc phòng", "Bóng đá", "Bắn súng", "Điền kinh", "Việt dã", "Võ thuật", "Bơi", "Bóng chuyền",
            "Giải thể thao"],
    };

    /// <summary>Creates the tree; the id of <see cref="SeedArticleSection"/>.</summary>
    public static async Task<int> CreateAsync(SectionWriter writer, CancellationToken cancellationToken)
    {
        var seedSection = 0;
        for (var i = 0; i < Tree.Length; i++)
        {
            var (name, subsections) = Tree[i];
            var (top, problem) = await writer.CreateAsync(new SectionRequest(name, Position: i), "seed", cancellationToken);
            if (top is null)
            {
                throw new InvalidOperationException($"The seed section {name} was refused: {problem}");
            }
            for (var j = 0; j < subsections.Length; j++)
            {
                var (sub, subProblem) = await writer.CreateAsync(new SectionRequest(subsections[j], ParentId: top.Id, Position: j), "seed", cancellationToken);
                if (sub is null)
                {
                    throw new InvalidOperationException($"The seed section {subsections[j]} was refused: {subProblem}");
                }
                if (subsections[j] == SeedArticleSection)
                {
                    seedSection = sub.Id;
                }
            }
        }
        return seedSection;
    }
}
