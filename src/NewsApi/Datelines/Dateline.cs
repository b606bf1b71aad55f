using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Text;

namespace NewsApi.Datelines;

public sealed class Dateline
{
    public int ArticleId { get; set; }
    /// <summary>The dateline as printed at the head of the lead, e.g. "Sáng 10-12".</summary>
    public string Text { get; set; } = "";
    public DateOnly? Date { get; set; }
    public PartOfDay? PartOfDay { get; set; }
    public string? Place { get; set; }
}

public sealed class DatelineConfiguration : IEntityTypeConfiguration<Dateline>
{
    public void Configure(EntityTypeBuilder<Dateline> dateline)
    {
        dateline.ToTable("datelines");
        dateline.HasKey(d => d.ArticleId);
        dateline.Property(d => d.Text).HasMaxLength(DatelineLimits.Text).IsRequired();
        dateline.Property(d => d.PartOfDay).HasConversion<string>().HasMaxLength(16);
        dateline.Property(d => d.Place).HasMaxLength(DatelineLimits.Place);
    }
}

public static class DatelineLimits
{
    public const int Text = 300;
    public const int Place = 200;
}
