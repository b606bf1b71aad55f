using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NewsApi.Keys;

public sealed class ApiKey
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>SHA-256 of the key, hex. Keys are 256 random bits, so a fast hash is enough and the key itself is never stored.</summary>
    public string KeyHash { get; set; } = "";
    public string Scope { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public const string Prefix = "nk_";

    /// <summary>
    /// Key names are slugs: they appear in URLs (DELETE /api/v1/keys/{name}), logs and rate-limit partitions, so no
    /// slash, space, line break or bidi control may hide in one.
    /// </summary>
    public const int NameMaxLength = 64;
    public const string NamePattern = "^[a-z0-9][a-z0-9._-]{0,63}$";

    public static bool IsValidName(string? name) => name is not null && System.Text.RegularExpressions.Regex.IsMatch(name, NamePattern);

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("api_keys");
        key.Property(k => k.Name).HasMaxLength(100).IsRequired();
        key.HasIndex(k => k.Name).IsUnique();
        key.Property(k => k.KeyHash).HasMaxLength(64).IsRequired();
        key.HasIndex(k => k.KeyHash).IsUnique();
        key.Property(k => k.Scope).HasMaxLength(32).IsRequired();
    }
}

public static class Scopes
{
    public const string ContentRead = "content.read";
    public const string ContentWrite = "content.write";
    public const string Admin = "admin";

    public static readonly string[] All = [ContentRead, ContentWrite, Admin];

    /// <summary>Scopes nest: admin may do everything content.write may, which may do everything content.read may.</summary>
    public static IEnumerable<string> Granting(string required) => required switch
    {
        ContentRead => [ContentRead, ContentWrite, Admin],
        ContentWrite => [ContentWrite, Admin],
        _ => [Admin],
    };
}
