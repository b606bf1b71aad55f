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
