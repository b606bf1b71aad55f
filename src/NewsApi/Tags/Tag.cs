using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NewsApi.Tags;

/// <summary>
/// A keyword articles are tagged with, created on first use from its name. One tag per folded name: "Huấn luyện" and
/// "huan luyen" are the same tag (the first spelling used is its name until an admin renames it).
/// </summary>
public sealed class Tag : NewsApi.Data.IHasIdAndSlug
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The name folded (no tones, lower case, single spaces): unique.</summary>
    public string Folded { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
}

/// <summary>That an article carries a tag, at a position in its list of tags.</summary>
public sealed class ArticleTag
{
    public int ArticleId { get; set; }
    public int TagId { get; set; }
    public int Position { get; set; }
    public Tag Tag { get; set; } = null!;
}

/// <summary>A slug a tag used to have, or the slug of a tag merged into this one: links to it answer 308.</summary>
public sealed class TagSlug
{
    public string Slug { get; set; } = "";
    public int TagId { get; set; }
    public DateTime RetiredAt { get; set; }
}

public sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> tag)
    {
        tag.ToTable("tags");
        tag.Property(t => t.Slug).HasMaxLength(TagLimits.Slug).IsRequired();
        tag.HasIndex(t => t.Slug).IsUnique();
        tag.Property(t => t.Name).HasMaxLength(TagLimits.Name).IsRequired();
        tag.Property(t => t.Folded).HasMaxLength(TagLimits.Name).IsRequired();
        tag.HasIndex(t => t.Folded).IsUnique();
        tag.Property(t => t.Version).IsConcurrencyToken();
    }
}

public sealed class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> use)
    {
        use.ToTable("article_tags");
        use.HasKey(t => new { t.ArticleId, t.TagId });
        // A tag's articles (tag pages, the tag filter, related articles) come from this index.
        use.HasIndex(t => new { t.TagId, t.ArticleId });
        use.HasOne<NewsApi.Articles.Article>().WithMany(a => a.Tags).HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        use.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TagSlugConfiguration : IEntityTypeConfiguration<TagSlug>
{
    public void Configure(EntityTypeBuilder<TagSlug> slug)
    {
        slug.ToTable("tag_slugs");
        slug.HasKey(s => s.Slug);
        slug.Property(s => s.Slug).HasMaxLength(TagLimits.Slug);
        slug.HasIndex(s => s.TagId);
        slug.HasOne<Tag>().WithMany().HasForeignKey(s => s.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class TagLimits
{
    public const int Name = 60;
    public const int Slug = 80;
    /// <summary>How many tags one article carries at most.</summary>
    public const int PerArticle = 20;
    public const int Query = 60;
}
