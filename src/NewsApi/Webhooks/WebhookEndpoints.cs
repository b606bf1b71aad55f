using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Keys;

using NewsApi.Site;

namespace NewsApi.Webhooks;

public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireScope(Scopes.Admin);

        group.MapGet("/", List).WithName("ListWebhooks").WithETag().WithSummary("List webhook subscriptions")
            .WithDescription("Every subscription with its URL, events and format; never its secret.");
        group.MapPost("/", Create).InWriteTransaction().WithName("CreateWebhook").Validate<WebhookRequest>().WithSummary("Subscribe to changes")
            .WithDescription("Events: article.created, article.updated, article.published, article.unpublished, article.deleted (a ping is sent whatever the events). "
                + "format: json (data.article is the article as GET serves it; the default) or ninjs (data.ninjs is its IPTC ninjs 3.1 form). "
                + "Each delivery is a POST of { type, timestamp, data: { article | ninjs, surrogateKeys } } signed as Standard Webhooks specify "
                + "(webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the secret in this answer, "
                + "which is shown only once. Only http(s) URLs; loopback, private and link-local addresses are refused (also after DNS resolution, "
                + "and redirects are not followed) unless Webhooks:AllowPrivateTargets is true. Deliveries are sent at least once, in order per article, "
                + "retried with exponential backoff (Webhooks:FirstRetrySeconds, doubling, with jitter) up to Webhooks:MaxAttempts, then failed (and retryable).");
        group.MapGet("/{id:int}", Get).WithName("GetWebhook").WithETag().WithSummary("Get a webhook subscription")
            .WithDescription("Its URL, events, format and creation time; never its secret.");
        group.MapDelete("/{id:int}", Delete).InWriteTransaction().WithName("DeleteWebhook").WithSummary("Delete a webhook subscription")
            .WithDescription("Nothing more is sent to it; its delivery log goes with it.");
        group.MapPost("/{id:int}/ping", Ping).InWriteTransaction().WithName("PingWebhook").WithSummary("Send a ping")
            .WithDescription("Queues a signed ping delivery ({ type: ping, data: { webhookId } }) and answers it; follow it in the delivery log.");
        group.MapGet("/{id:int}/deliveries", Deliveries).WithName("ListWebhookDeliveries").WithSummary("The delivery log of a subscription")
            .WithDescription("Newest first: each delivery's event, status (pending, delivered, failed), attempts, last response code or error, and times.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/{id:int}/deliveries/{deliveryId:long}/retry", Retry).InWriteTransaction().WithName("RetryWebhookDelivery")
            .WithSummary("Send a delivery again")
            .WithDescription("A failed (or delivered) delivery goes back to pending with a new allowance of attempts, due now; one still pending is a 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Ok<List<WebhookResponse>>> List(NewsDbContext db, SiteTime site, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .Select(s => s.ToResponse(site)).ToList());

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Get(int id, NewsDbContext db, SiteTime site, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } subscription
            ? TypedResults.Ok(subscription.ToResponse(site))
            : Problems.NotFound("webhook", id);

    public static async Task<Created<CreatedWebhookResponse>> Create(
        WebhookRequest request, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        // The answer carries the secret: no cache may keep it.
        http.Response.Headers.CacheControl = "no-store";
        var subscription = new WebhookSubscription
        {
            Url = request.Url,
            Events = [.. request.Events],
            Format = request.Format ?? WebhookFormats.Json,
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = site.UtcNow,
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        var created = subscription.ToResponse(site);
        return TypedResults.Created($"/api/v1/webhooks/{subscription.Id}",
            new CreatedWebhookResponse(created.Id, created.Url, created.Events, created.Format, created.CreatedAt, subscription.Secret));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, NewsDbContext db, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) == 1
            ? TypedResults.NoContent()
            : Problems.NotFound("webhook", id);

    public static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> Ping(
        int id, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return Problems.NotFound("webhook", id);
        }
        var now = site.UtcNow;
        var delivery = new WebhookDelivery
        {
            SubscriptionId = id,
            Type = WebhookEventTypes.Ping,
            MessageId = WebhookOutbox.NewMessageId(),
            Body = WebhookOutbox.PingBody(id, site.ToSite(now)),
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", delivery.ToResponse(site));
    }

    public static async Task<Results<Ok<WebhookDeliveryPage>, ProblemHttpResult, ValidationProblem>> Deliveries(
        int id, int? page, int? pageSize, HttpContext http, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (p, size) = Paging.Check(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return Problems.NotFound("webhook", id);
        }
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
        var total = await deliveries.CountAsync(cancellationToken);
        var items = await deliveries.OrderByDescending(d => d.Id).Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        var links = Paging.Links(http.Request, p, size, total);
        http.Response.Headers.Link = Paging.LinkHeader(links);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new WebhookDeliveryPage(items.Select(d => d.ToResponse(site)).ToList(), p, size, total, links));
    }

    public static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> Retry(
        int id, long deliveryId, NewsDbContext db, SiteTime site, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, cancellationToken);
        if (delivery is null)
        {
            return Problems.NotFound("delivery", $"{id}/{deliveryId}");
        }
        if (delivery.Status == WebhookDeliveryStatus.Pending)
        {
            return Problems.Conflict("This delivery is still pending: it is being sent or waits for its next attempt.");
        }
        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = site.UtcNow;
        delivery.DeliveredAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", delivery.ToResponse(site));
    }

    private static WebhookResponse ToResponse(this WebhookSubscription s, SiteTime site) =>
        new(s.Id, s.Url, s.Events, s.Format, site.ToSite(s.CreatedAt));

    private static WebhookDeliveryResponse ToResponse(this WebhookDelivery d, SiteTime site) =>
        new(d.Id, d.Type, d.ArticleId, d.MessageId, d.Status, d.Attempts, d.LastResponseCode, d.LastError, site.ToSite(d.CreatedAt),
            site.ToSite(d.LastAttemptAt), d.Status == WebhookDeliveryStatus.Pending ? site.ToSite(d.NextAttemptAt) : null, site.ToSite(d.DeliveredAt));
}
