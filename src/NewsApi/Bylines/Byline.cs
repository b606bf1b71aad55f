using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Contributors;
using NewsApi.Data;
using NewsApi.Text;

namespace NewsApi.Bylines;

public sealed class Byline
{
    public int ArticleId { get; set; }
    /// <summary>The byline exactly as printed, e.g. "Tin, ảnh: HƯƠNG HỒNG THU (QĐND)".</summary>
    public string Text { get; set; } = "";
    public string? Source { get; set; }
    public List<BylineCredit> Credits { get; set; } = [];
}

public sealed class BylineCredit
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
    public int ContributorId { get; set; }
    public Contributor Contributor { get; set; } = null!;
    public List<CreditRole> Roles { get; set; } = [];
}

public sealed class BylineConfiguration : IEntityTypeConfiguration<Byline>
{
    public void Configure(EntityTypeBuilder<Byline> byline)
    {
        byline.ToTable("bylines");
        byline.HasKey(b => b.ArticleId);
        byline.Property(b => b.Text).HasMaxLength(BylineLimits.Text).IsRequired();
        byline.Property(b => b.Source).HasMaxLength(BylineLimits.Source);
        byline.HasMany(b => b.Credits).WithOne().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BylineCreditConfiguration : IEntityTypeConfiguration<BylineCredit>
{
    public void Configure(EntityTypeBuilder<BylineCredit> credit)
    {
        credit.ToTable("byline_credits");
        credit.Property(c => c.Roles).HasConversion(JsonColumn.Converter<List<CreditRole>>(), JsonColumn.Comparer<List<CreditRole>>()).IsRequired();
        credit.HasOne(c => c.Contributor).WithMany().HasForeignKey(c => c.ContributorId).OnDelete(DeleteBehavior.Restrict);
        credit.HasIndex(c => new { c.ContributorId, c.ArticleId });
    }
}

public static class BylineLimits
{
    public const int Text = 500;
    public const int Source = 100;
    public const int Credits = 20;
}
