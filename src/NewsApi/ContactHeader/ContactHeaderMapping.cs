using NewsApi.Http;
using NewsApi.Text;

namespace NewsApi.ContactHeader;

/// <summary>The contact header's rules: how a request (PUT, or a page's header on import) becomes the stored header, and how it is served.</summary>
public static class ContactHeaderMapping
{
    public static ContactHeaderResponse ToResponse(this SiteContact c, SiteTime site) =>
        new(c.Address, c.Phones.Select(p => new PhoneResponse(p.Display, p.E164)).ToList(), c.Email, site.ToSite(c.UpdatedAt), c.Version);

    public static void Apply(SiteContact contact, ContactHeaderRequest request, DateTime now)
    {
        contact.Address = VietnameseText.NormalizeLine(request.Address);
        contact.Phones = (request.Phones ?? [])
            .Select(p => new Phone(VietnameseText.NormalizeLine(p.Display), p.E164 ?? PhoneNumbers.ToE164(p.Display)!))
            .ToList();
        contact.Email = string.IsNullOrWhiteSpace(request.Email) ? null : VietnameseText.NormalizeLine(request.Email);
        contact.Version++;
        contact.UpdatedAt = now;
    }

    public static ContactHeaderRequest FromParsed(ParsedContactHeader parsed) =>
        new(parsed.Address, parsed.Phones.Select(p => new PhoneRequest(p.Display, p.E164)).ToList(), parsed.Email);
}
