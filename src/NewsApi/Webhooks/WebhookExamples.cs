using NewsApi.Data.Seed;
using NewsApi.Http;

namespace NewsApi.Webhooks;

/// <summary>Examples of the webhook contracts: a partner paper subscribed to publications.</summary>
[ContractExamples]
public static class WebhookExamples
{
    /// <summary>A subscriber's URL in examples: example.com is reserved for documentation and reaches no one.</summary>
    private const string ExampleHook = "https://hooks.example.com/newsapi";

    public static IEnumerable<KeyValuePair<Type, object>> All()
    {
        var published = SeedExample.Published;
        var delivery = new WebhookDeliveryResponse(1, WebhookEventTypes.Published, 1, "msg_2b1b5d0c8f9e4a7bb3f0c1d2e3f4a5b6", WebhookDeliveryStatus.Delivered, 1, 200, null,
            published, published, null, published);
        const string Self = "/api/v1/webhooks/1/deliveries?page=1&pageSize=20";
        return
        [
            new(typeof(WebhookRequest), new WebhookRequest(ExampleHook, [WebhookEventTypes.Published, WebhookEventTypes.Updated, WebhookEventTypes.Unpublished], WebhookFormats.Json)),
            new(typeof(WebhookResponse), new WebhookResponse(1, ExampleHook, [WebhookEventTypes.Published, WebhookEventTypes.Updated, WebhookEventTypes.Unpublished], WebhookFormats.Json, published)),
            // The Standard Webhooks specification's own example secret.
            new(typeof(CreatedWebhookResponse), new CreatedWebhookResponse(1, ExampleHook, [WebhookEventTypes.Published], WebhookFormats.Json, published, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")),
            new(typeof(WebhookDeliveryResponse), delivery),
            new(typeof(WebhookDeliveryPage), new WebhookDeliveryPage([delivery], 1, 20, 1, new PageLinks(Self, null, null, Self, Self))),
        ];
    }
}
