using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Bylines;
using NewsApi.Data;
using NewsApi.Datelines;
using NewsApi.Text;

namespace NewsApi.Articles;

public enum ArticleStatus { Draft, Scheduled, Published }

/// <summary>
/// One block of an article's body, as written and stored: a paragraph (text) or an image (mediaId, and this use's own
/// caption, alt text and credit). Members it does not have are left out, so a paragraph is stored as { type, text }.
/// </summary>
[NewsApi.Http.RequestContract]
public sealed record BodyBlock(
    string Type,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? MediaId = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Caption = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Alt = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Credit = null)
{
    public const string Paragraph = "paragraph";
    public const string Image = "image";
}

/// <summary>
/// A body block as served: a paragraph is { type, text }; an image is { type, mediaId, caption, alt, credit, image }
/// (see <see cref="FeatureImageResponse"/> for what caption, alt and credit are).
/// </summary>
public sealed record BodyBlockResponse(
    string Type,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Text,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? MediaId = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Caption = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Alt = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] NewsApi.Media.MediaCredit? Credit = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] NewsApi.Media.MediaSummary? Image = null);

public sealed class Article : NewsApi.Data.IHasIdAndSlug
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Headline { get; set; } = "";
    public string Lead { get; set; } = "";
    public List<BodyBlock> Body { get; set; } = [];
    /// <summary>The photo at the head of the article, with this use's own caption, alt text and credit.</summary>
    public FeatureImageRequest? FeatureImage { get; set; }
    /// <summary>What the photos it places show, loaded with the article when it is rendered (not a column).</summary>
    public IReadOnlyDictionary<int, ArticlePhoto> Photos { get; set; } = ArticlePhotos.Empty;
    public ArticleStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
    public string Language { get; set; } = "vi";
    /// <summary>The headline folded (no tones, lower case), indexed apart so that it weighs more in search.</summary>
    public string SearchHeadline { get; set; } = "";
    /// <summary>Lead, body and byline names, folded (no tones, lower case) for tone-insensitive search.</summary>
    public string SearchText { get; set; } = "";
    /// <summary>SHA-256 of the imported page, so importing the same page twice finds the first article.</summary>
    public string? ContentHash { get; set; }
    public Byline? Byline { get; set; }
    public Dateline? Dateline { get; set; }
    /// <summary>The article's primary section, if it is placed in one.</summary>
    public int? SectionId { get; set; }
    public NewsApi.Sections.Section? Section { get; set; }
    /// <summary>Its tags, in the order the editor gave them (see ArticleTag.Position).</summary>
    public List<NewsApi.Tags.ArticleTag> Tags { get; set; } = [];

    /// <summary>A change to the article or one of its parts: a new version, so ETags and caches move on.</summary>
    public void Touch(DateTime now)
    {
        Version++;
        UpdatedAt = now;
        SearchHeadline = VietnameseText.Fold(Headline);
        SearchText = ArticleWriter.SearchTextOf(this);
    }
}

public sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.ToTable("articles");
        article.Property(a => a.Slug).HasMaxLength(ArticleLimits.Slug).IsRequired();
        article.HasIndex(a => a.Slug).IsUnique();
        article.Property(a => a.Headline).HasMaxLength(ArticleLimits.Headline).IsRequired();
        article.Property(a => a.Lead).HasMaxLength(ArticleLimits.Lead).IsRequired();
        article.Property(a => a.Body).HasConversion(JsonColumn.Converter<List<BodyBlock>>(), JsonColumn.Comparer<List<BodyBlock>>()).IsRequired();
        article.Property(a => a.FeatureImage).HasConversion(JsonColumn.NullableConverter<FeatureImageRequest>()!);
        article.Ignore(a => a.Photos);
        article.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        article.Property(a => a.Version).IsConcurrencyToken();
        article.Property(a => a.Language).HasMaxLength(8);
        article.Property(a => a.ContentHash).HasMaxLength(64);
        article.HasIndex(a => a.ContentHash).IsUnique();
        article.HasIndex(a => new { a.Status, a.PublishedAt, a.Id });
        // sort=-updatedAt pages through this index instead of sorting every published article.
        article.HasIndex(a => new { a.Status, a.UpdatedAt, a.Id });
        article.HasOne(a => a.Byline).WithOne().HasForeignKey<Byline>(b => b.ArticleId).OnDelete(DeleteBehavior.Cascade);
        article.HasOne(a => a.Dateline).WithOne().HasForeignKey<Dateline>(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // A section's pages and the section filter page through this index, newest first; a section with articles cannot be deleted.
        article.HasOne(a => a.Section).WithMany().HasForeignKey(a => a.SectionId).OnDelete(DeleteBehavior.Restrict);
        article.HasIndex(a => new { a.SectionId, a.Status, a.PublishedAt, a.Id });
    }
}

public static class ArticleLimits
{
    public const int Slug = 120;
    public const int Headline = 300;
    public const int Lead = 2_000;
    public const int BodyBlocks = 500;
    public const int BlockText = 20_000;
}

/// <summary>The longest values the article list's query parameters take.</summary>
public static class ArticleListLimits
{
    public const int Query = 200;
    public const int Contributor = 120;
    public const int Source = 100;
}
