using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NewsApi.Media;

/// <summary>A photo: what is known about it. Its bytes live in <see cref="MediaContent"/> or in Media:Folder.</summary>
public sealed class MediaItem
{
    public int Id { get; set; }
    /// <summary>
    /// SHA-256 of the original bytes, lower-case hex: the same bytes uploaded twice are one item. An imported item
    /// without bytes holds a placeholder of its own (<see cref="Imported"/>, not hex) until they arrive.
    /// </summary>
    public string Sha256 { get; set; } = "";
    public string ContentType { get; set; } = "";
    /// <summary>As shown: after the EXIF orientation is applied, which renditions also apply.</summary>
    public int Width { get; set; }
    public int Height { get; set; }
    public long Bytes { get; set; }
    public string? Caption { get; set; }
    public string? Alt { get; set; }
    public string? Credit { get; set; }
    /// <summary>Caption and credit folded (no tones, lower case), what q searches.</summary>
    public string SearchText { get; set; } = "";
    /// <summary>Where an imported photo was shown (never fetched from there); null for uploads.</summary>
    public string? SourceUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    /// <summary>Sets caption, alt text and credit (blank is none) and what q searches of them.</summary>
    public void Describe(string? caption, string? alt, string? credit)
    {
        Caption = Clean(caption);
        Alt = Clean(alt);
        Credit = Clean(credit);
        SearchText = NewsApi.Text.VietnameseText.Fold(string.Join(' ', new[] { Caption, Credit }.Where(s => s is not null)));
    }

    private static string? Clean(string? value) => NewsApi.Text.VietnameseText.NormalizeLine(value) is { Length: > 0 } line ? line : null;

    /// <summary>A photo an import found, known by its source alone: no bytes, no type, its size as the page gave it (or 0).</summary>
    public static MediaItem Imported(string sourceUrl, int width, int height, DateTime now) => new()
    {
        Sha256 = "none-" + Guid.NewGuid().ToString("N"),
        SourceUrl = sourceUrl,
        Width = width,
        Height = height,
        CreatedAt = now,
        UpdatedAt = now,
    };
}

/// <summary>The original bytes, in a table of their own so that lists and item reads never load them.</summary>
public sealed class MediaContent
{
    public int MediaId { get; set; }
    public byte[] Data { get; set; } = [];
}

public sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> media)
    {
        media.ToTable("media");
        media.Property(m => m.Sha256).HasMaxLength(64).IsRequired();
        media.HasIndex(m => m.Sha256).IsUnique();
        media.Property(m => m.ContentType).HasMaxLength(40).IsRequired();
        media.Property(m => m.Caption).HasMaxLength(MediaLimits.Caption);
        media.Property(m => m.Alt).HasMaxLength(MediaLimits.Alt);
        media.Property(m => m.Credit).HasMaxLength(MediaLimits.Credit);
        media.Property(m => m.SearchText).HasMaxLength(MediaLimits.Caption + MediaLimits.Credit + 1).IsRequired();
        media.Property(m => m.SourceUrl).HasMaxLength(MediaLimits.SourceUrl);
        // An import looks its photos up by source, to place one already imported instead of a copy.
        media.HasIndex(m => m.SourceUrl);
        media.Property(m => m.Version).IsConcurrencyToken();
    }
}

public sealed class MediaContentConfiguration : IEntityTypeConfiguration<MediaContent>
{
    public void Configure(EntityTypeBuilder<MediaContent> content)
    {
        content.ToTable("media_content");
        content.HasKey(c => c.MediaId);
        content.HasOne<MediaItem>().WithOne().HasForeignKey<MediaContent>(c => c.MediaId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class MediaLimits
{
    public const int Caption = 1000;
    public const int Alt = 500;
    public const int Credit = 200;
    public const int SourceUrl = 2000;
    public const int Query = 200;
}
