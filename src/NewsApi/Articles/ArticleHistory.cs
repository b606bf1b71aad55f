using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NewsApi.Articles;

/// <summary>A slug an article used to have; it answers 308 to the current one forever.</summary>
public sealed class ArticleSlug
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public string Slug { get; set; } = "";
    public DateTime RetiredAt { get; set; }
}

/// <summary>One stored state of an article: who changed it, when, and the article as it then was.</summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Number { get; set; }
    public string Actor { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>The article's JSON representation at this revision.</summary>
    public string Snapshot { get; set; } = "";
}

public sealed class ArticleSlugConfiguration : IEntityTypeConfiguration<ArticleSlug>
{
    public void Configure(EntityTypeBuilder<ArticleSlug> slug)
    {
        slug.ToTable("article_slugs");
        slug.Property(s => s.Slug).HasMaxLength(ArticleLimits.Slug).IsRequired();
        slug.HasIndex(s => s.Slug).IsUnique();
        slug.HasOne<Article>().WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.ToTable("article_revisions");
        revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        revision.Property(r => r.Actor).HasMaxLength(100).IsRequired();
        revision.Property(r => r.Snapshot).IsRequired();
        revision.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
