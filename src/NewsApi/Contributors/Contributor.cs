using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NewsApi.Contributors;

public sealed class Contributor : NewsApi.Data.IHasIdAndSlug
{
    public int Id { get; set; }
    /// <summary>Proper case, e.g. "Hương Hồng Thu", even when the paper printed it in capitals.</summary>
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
}

public sealed class ContributorConfiguration : IEntityTypeConfiguration<Contributor>
{
    public void Configure(EntityTypeBuilder<Contributor> contributor)
    {
        contributor.ToTable("contributors");
        contributor.Property(c => c.Name).HasMaxLength(ContributorLimits.Name).IsRequired();
        contributor.Property(c => c.Slug).HasMaxLength(ContributorLimits.Slug).IsRequired();
        contributor.HasIndex(c => c.Slug).IsUnique();
        contributor.Property(c => c.Version).IsConcurrencyToken();
    }
}

public static class ContributorLimits
{
    public const int Name = 120;
    public const int Slug = 120;
}
