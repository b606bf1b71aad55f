using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Keys;
using NewsApi.Text;

namespace NewsApi.ContactHeader;

public static class ContactHeaderEndpoints
{
    public static RouteGroupBuilder MapContactHeader(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/contact-header").WithTags("Contact header");

        group.MapGet("/", Get).WithName("GetContactHeader").WithETag()
            .WithSummary("Get the site's contact header")
            .WithDescription("The address and phones printed at the top of every page (\"address | phone\"), phones with their display form and E.164. 404 until a header is set.");

        group.Writes(Scopes.Admin).MapPut("/", Put).WithName("PutContactHeader").Validate<ContactHeaderRequest>()
            .WithSummary("Set the site's contact header")
            .WithDescription("Needs a key with scope admin. Phones given by display form alone get their E.164 worked out (\"(84).208.3844.179\" → \"+842083844179\"). If-Match is honoured (412 when stale).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return group;
    }

    private static async Task<Results<Ok<ContactHeaderResponse>, ProblemHttpResult>> Get(NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var contact = await db.ContactHeaders.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return contact is null ? Problems.NotFound("contact header", "site") : TypedResults.Ok(contact.ToResponse(site));
    }

    private static async Task<Results<Ok<ContactHeaderResponse>, ProblemHttpResult>> Put(
        ContactHeaderRequest request, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var contact = await db.ContactHeaders.FirstOrDefaultAsync(cancellationToken);
        if (ETags.IfMatchFails(http.Request, contact?.ToResponse(site)))
        {
            return Problems.PreconditionFailed();
        }
        if (contact is null)
        {
            contact = new SiteContact { Version = 0 };
            db.ContactHeaders.Add(contact);
        }
        ContactHeaderMapping.Apply(contact, request, site.UtcNow);
        if (await db.TrySaveAsync(cancellationToken) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }
        var response = contact.ToResponse(site);
        http.Response.Headers.ETag = ETags.Of(response);
        return TypedResults.Ok(response);
    }
}
