using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NewsApi.Sections;

/// <summary>
/// A section of the site (Tin tức, Quốc phòng - An ninh, …), in a tree: a parent, a position among its siblings, and a
/// path of slugs from the top ("quoc-phong-an-ninh/bien-dao"), kept by every move or rename so that "this section and
/// its subsections" is one indexed prefix match.
/// </summary>
public sealed class Section : NewsApi.Data.IHasIdAndSlug
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public int? ParentId { get; set; }
    public int Position { get; set; }
    public string Path { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
}

/// <summary>A slug a section used to have: links to it answer 308 to the section's current one.</summary>
public sealed class SectionSlug
{
    public string Slug { get; set; } = "";
    public int SectionId { get; set; }
    public DateTime RetiredAt { get; set; }
}

public sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> section)
    {
        section.ToTable("sections");
        section.Property(s => s.Slug).HasMaxLength(SectionLimits.Slug).IsRequired();
        section.HasIndex(s => s.Slug).IsUnique();
        section.Property(s => s.Name).HasMaxLength(SectionLimits.Name).IsRequired();
        section.Property(s => s.Path).HasMaxLength(SectionLimits.Path).IsRequired();
        section.HasIndex(s => s.Path).IsUnique();
        section.HasIndex(s => new { s.ParentId, s.Position });
        section.HasOne<Section>().WithMany().HasForeignKey(s => s.ParentId).OnDelete(DeleteBehavior.Restrict);
        section.Property(s => s.Version).IsConcurrencyToken();
    }
}

public sealed class SectionSlugConfiguration : IEntityTypeConfiguration<SectionSlug>
{
    public void Configure(EntityTypeBuilder<SectionSlug> slug)
    {
        slug.ToTable("section_slugs");
        slug.HasKey(s => s.Slug);
        slug.Property(s => s.Slug).HasMaxLength(SectionLimits.Slug);
        slug.HasIndex(s => s.SectionId);
        slug.HasOne<Section>().WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class SectionLimits
{
    public const int Name = 100;
    public const int Slug = 80;
    /// <summary>How deep the tree goes: a section, its subsections and theirs.</summary>
    public const int Depth = 3;
    public const int Path = (Slug + 1) * Depth;
    /// <summary>How many sections a site has at most (the tree is served whole).</summary>
    public const int Count = 500;
}
