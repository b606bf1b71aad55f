using NewsApi.Data.Seed;
using NewsApi.Http;

namespace NewsApi.ContactHeader;

/// <summary>Examples of the contact header contracts: the seed page's "address | phone".</summary>
[ContractExamples]
public static class ContactHeaderExamples
{
    public static ContactHeaderResponse Response { get; } = new(SeedExample.Page.ContactHeader!.Address,
        SeedExample.Page.ContactHeader.Phones.Select(p => new PhoneResponse(p.Display, p.E164)).ToList(), SeedExample.Page.ContactHeader.Email,
        SeedExample.Published, 1);

    public static SiteContact Stored { get; } = new()
    {
        Address = Response.Address, Phones = Response.Phones.Select(p => new Phone(p.Display, p.E164)).ToList(), Email = Response.Email,
    };

    public static IEnumerable<KeyValuePair<Type, object>> All() =>
    [
        new(typeof(ContactHeaderResponse), Response),
        new(typeof(PhoneResponse), Response.Phones[0]),
        new(typeof(ContactHeaderRequest), new ContactHeaderRequest(Response.Address, Response.Phones.Select(p => new PhoneRequest(p.Display)).ToList())),
        new(typeof(PhoneRequest), new PhoneRequest(Response.Phones[0].Display)),
    ];
}
