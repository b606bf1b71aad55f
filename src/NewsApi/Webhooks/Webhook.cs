using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Data;

namespace NewsApi.Webhooks;

/// <summary>Someone to tell: a URL, the events it wants, the format of the article in them, and the key its deliveries are signed with.</summary>
public sealed class WebhookSubscription
{
    public int Id { get; set; }
    public string Url { get; set; } = "";
    public List<string> Events { get; set; } = [];
    public string Format { get; set; } = WebhookFormats.Json;
    /// <summary>The signing secret, whsec_ and base64: kept as it is (signing needs it), shown only in the creation's answer.</summary>
    public string Secret { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// The outbox: one row per change to an article, added in the change's own transaction (Revisions.Record), so a change
/// is never committed without its event nor an event sent for a change that was rolled back. The delivery worker turns
/// each into one delivery per subscription that wants it (DispatchedAt says it has), in order.
/// </summary>
public sealed class WebhookEvent
{
    public long Id { get; set; }
    /// <summary>No foreign key: the event of a deletion outlives its article.</summary>
    public int ArticleId { get; set; }
    /// <summary>article.deleted when known at once; null for a change, named at dispatch from the state before it.</summary>
    public string? Type { get; set; }
    public int Version { get; set; }
    /// <summary>The article's status after the change, to compare the next change of the same article with.</summary>
    public string Status { get; set; } = "";
    /// <summary>
    /// The article after the change as the API serves it (ArticleResponse JSON, the same text as its revision's), until
    /// the event is dispatched: then each delivery holds its own body and this is emptied.
    /// </summary>
    public string Snapshot { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? DispatchedAt { get; set; }
}

/// <summary>One message to one subscription, with its log: status, attempts, last response, and the lease of the replica sending it.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public int SubscriptionId { get; set; }
    public long? EventId { get; set; }
    /// <summary>Deliveries of one article to one subscription go out one at a time in this order (none for a ping).</summary>
    public int? ArticleId { get; set; }
    public string Type { get; set; } = "";
    /// <summary>webhook-id: the same on every attempt, so a receiver can drop a repeat.</summary>
    public string MessageId { get; set; } = "";
    /// <summary>The exact body sent, built once so that every attempt sends the same bytes.</summary>
    public string Body { get; set; } = "";
    public string Status { get; set; } = WebhookDeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public int? LastResponseCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class WebhookFormats
{
    public const string Json = "json";
    public const string Ninjs = "ninjs";
    public static readonly string[] All = [Json, Ninjs];
}

public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

public static class WebhookEventTypes
{
    public const string Created = "article.created";
    public const string Updated = "article.updated";
    public const string Published = "article.published";
    public const string Unpublished = "article.unpublished";
    public const string Deleted = "article.deleted";
    public const string Ping = "ping";

    /// <summary>What a subscription may ask for (every subscription gets pings).</summary>
    public static readonly string[] Subscribable = [Created, Updated, Published, Unpublished, Deleted];
}

public static class WebhookLimits
{
    public const int Url = 2_000;
    public const int Error = 500;
}

public sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> subscription)
    {
        subscription.ToTable("webhook_subscriptions");
        subscription.Property(s => s.Url).HasMaxLength(WebhookLimits.Url).IsRequired();
        subscription.Property(s => s.Events).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>()).IsRequired();
        subscription.Property(s => s.Format).HasMaxLength(8).IsRequired();
        subscription.Property(s => s.Secret).HasMaxLength(64).IsRequired();
    }
}

public sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> e)
    {
        e.ToTable("webhook_events");
        e.Property(x => x.Type).HasMaxLength(32);
        e.Property(x => x.Status).HasMaxLength(16).IsRequired();
        e.Property(x => x.Snapshot).IsRequired();
        // The worker looks for events not yet dispatched, oldest first, and for the one before an article's change.
        e.HasIndex(x => new { x.DispatchedAt, x.Id });
        e.HasIndex(x => new { x.ArticleId, x.Id });
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> d)
    {
        d.ToTable("webhook_deliveries");
        d.HasOne<WebhookSubscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        d.Property(x => x.Type).HasMaxLength(32).IsRequired();
        d.Property(x => x.MessageId).HasMaxLength(40).IsRequired();
        d.Property(x => x.Body).IsRequired();
        d.Property(x => x.Status).HasMaxLength(16).IsRequired();
        d.Property(x => x.LeaseOwner).HasMaxLength(64);
        d.Property(x => x.LastError).HasMaxLength(WebhookLimits.Error);
        d.HasIndex(x => new { x.Status, x.NextAttemptAt });
        d.HasIndex(x => new { x.SubscriptionId, x.ArticleId, x.Status });
        d.HasIndex(x => new { x.SubscriptionId, x.Id });
    }
}
