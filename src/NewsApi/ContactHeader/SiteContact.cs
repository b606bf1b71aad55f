using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Data;

namespace NewsApi.ContactHeader;

public sealed record Phone(string Display, string E164);

/// <summary>The site-wide contact header ("address | phone"), a singleton row.</summary>
public sealed class SiteContact
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public string Address { get; set; } = "";
    public List<Phone> Phones { get; set; } = [];
    public string? Email { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
}

public sealed class SiteContactConfiguration : IEntityTypeConfiguration<SiteContact>
{
    public void Configure(EntityTypeBuilder<SiteContact> contact)
    {
        contact.ToTable("contact_header");
        contact.Property(c => c.Id).ValueGeneratedNever();
        contact.Property(c => c.Address).HasMaxLength(ContactLimits.Address).IsRequired();
        contact.Property(c => c.Phones).HasConversion(JsonColumn.Converter<List<Phone>>(), JsonColumn.Comparer<List<Phone>>()).IsRequired();
        contact.Property(c => c.Email).HasMaxLength(ContactLimits.Email);
        contact.Property(c => c.Version).IsConcurrencyToken();
    }
}

public static class ContactLimits
{
    public const int Address = 300;
    public const int Email = 254;
    public const int Phones = 10;
    public const int PhoneDisplay = 40;
}
