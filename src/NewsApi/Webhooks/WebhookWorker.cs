using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Feeds;
using NewsApi.Http;

using NewsApi.Site;

namespace NewsApi.Webhooks;

/// <summary>
/// Delivers webhooks, on every replica. Each round it dispatches new outbox events (one delivery per subscription that
/// wants the event; a conditional update lets exactly one replica dispatch an event), then claims due deliveries with
/// a lease and sends them. At least once: a delivery is marked delivered only after a 2xx, and one whose replica died
/// mid-attempt is claimed again when its lease runs out. In order per article: a delivery waits while an earlier one
/// of the same article to the same subscription is pending (being sent or waiting for its retry); one that failed for
/// good no longer holds the others back.
/// </summary>
public sealed class WebhookWorker : BackgroundService
{
    private const int EventBatch = 50;
    private readonly IServiceScopeFactory scopes;
    private readonly WebhookOptions options;
    private readonly IOptions<SiteOptions> siteOptions;
    private readonly TimeProvider time;
    private readonly ILogger<WebhookWorker> logger;
    private readonly HttpClient client;
    /// <summary>This replica's name on the leases it takes (its process and a random part, as one host may run several).</summary>
    private readonly string owner = $"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}" is var name && name.Length > 64 ? name[..64] : name;

    public WebhookWorker(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, IOptions<SiteOptions> siteOptions, TimeProvider time, ILogger<WebhookWorker> logger)
    {
        this.scopes = scopes;
        this.options = options.Value;
        this.siteOptions = siteOptions;
        this.time = time;
        this.logger = logger;
        client = new HttpClient(WebhookTargets.Handler(this.options.AllowPrivateTargets)) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("NewsApi-Webhooks/1.0");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.DeliveryEnabled)
        {
            return;
        }
        var idle = TimeSpan.FromMilliseconds(options.PollIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var work = await DispatchEventsAsync(stoppingToken) + await DeliverDueAsync(stoppingToken);
                if (work == 0)
                {
                    await Task.Delay(idle, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A webhook round failed; trying again in {Interval}", idle);
                await Task.Delay(idle, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public override void Dispose()
    {
        client.Dispose();
        base.Dispose();
    }

    /// <summary>Turns undispatched outbox events, oldest first, into deliveries. Returns how many it dispatched.</summary>
    public async Task<int> DispatchEventsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var site = scope.ServiceProvider.GetRequiredService<SiteTime>();
        // Without the snapshots: an imported page's can be megabytes, read below only when a subscriber wants the event.
        var events = await db.WebhookEvents.AsNoTracking().Where(e => e.DispatchedAt == null).OrderBy(e => e.Id).Take(EventBatch)
            .Select(e => new WebhookEvent { Id = e.Id, ArticleId = e.ArticleId, Type = e.Type, Version = e.Version, Status = e.Status, CreatedAt = e.CreatedAt })
            .ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().ToListAsync(cancellationToken);
        var links = SiteLinks.From(siteOptions.Value);
        var dispatched = 0;
        foreach (var change in events)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = site.UtcNow;
            var won = await db.WebhookEvents.Where(e => e.Id == change.Id && e.DispatchedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.DispatchedAt, now), cancellationToken);
            // An earlier event of the same article still undispatched (another replica holds it): wait for it, so that
            // the deliveries of one article are created, and numbered, in the order of its changes.
            if (won == 0 || await db.WebhookEvents.AnyAsync(e => e.ArticleId == change.ArticleId && e.Id < change.Id && e.DispatchedAt == null, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }
            var types = await WebhookOutbox.TypesOfAsync(db, change, cancellationToken);
            var wanted = types.SelectMany(type => subscriptions.Where(s => s.Events.Contains(type)).Select(s => (Type: type, Subscription: s))).ToList();
            if (wanted.Count > 0)
            {
                var snapshot = await db.WebhookEvents.Where(e => e.Id == change.Id).Select(e => e.Snapshot).FirstAsync(cancellationToken);
                var article = JsonSerializer.Deserialize<ArticleResponse>(snapshot, Json.Options)!;
                var at = site.ToSite(change.CreatedAt);
                foreach (var (type, subscription) in wanted)
                {
                    db.WebhookDeliveries.Add(new WebhookDelivery
                    {
                        SubscriptionId = subscription.Id,
                        EventId = change.Id,
                        ArticleId = change.ArticleId,
                        Type = type,
                        MessageId = WebhookOutbox.NewMessageId(),
                        Body = WebhookOutbox.Body(type, at, article, subscription.Format, links),
                        NextAttemptAt = now,
                        CreatedAt = now,
                    });
                }
            }
            // Each delivery holds its own body now; the article's state stays in its revision, so the outbox keeps no copy.
            await db.WebhookEvents.Where(e => e.Id == change.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Snapshot, ""), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            dispatched++;
        }
        return dispatched;
    }

    /// <summary>Claims the deliveries that are due (up to Concurrency) and sends them. Returns how many it sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        List<long> claimed = [];
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            var site = scope.ServiceProvider.GetRequiredService<SiteTime>();
            var now = site.UtcNow;
            var due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
                .Where(d => d.ArticleId == null || !db.WebhookDeliveries.Any(e => e.SubscriptionId == d.SubscriptionId && e.ArticleId == d.ArticleId
                    && e.Status == WebhookDeliveryStatus.Pending && e.Id < d.Id))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(options.Concurrency).ToListAsync(cancellationToken);
            var until = now.AddSeconds(options.LeaseSeconds);
            foreach (var id in due)
            {
                // The lease: of the replicas that saw this delivery due, the one whose update matches it sends it.
                if (await db.WebhookDeliveries.Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Pending && (d.LeaseUntil == null || d.LeaseUntil < now))
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, owner).SetProperty(d => d.LeaseUntil, until), cancellationToken) == 1)
                {
                    claimed.Add(id);
                }
            }
        }
        await Task.WhenAll(claimed.Select(id => SendAsync(id, cancellationToken)));
        return claimed.Count;
    }

    private async Task SendAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var site = scope.ServiceProvider.GetRequiredService<SiteTime>();
        var work = await db.WebhookDeliveries.AsNoTracking().Where(d => d.Id == id)
            .Join(db.WebhookSubscriptions, d => d.SubscriptionId, s => s.Id, (d, s) => new { d.MessageId, d.Body, d.Attempts, s.Url, s.Secret })
            .FirstOrDefaultAsync(cancellationToken);
        if (work is null)
        {
            return;
        }
        int? code = null;
        string? error = null;
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, work.Url)
        {
            Content = new StringContent(work.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", work.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(work.Secret, work.MessageId, timestamp, work.Body));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            code = (int)response.StatusCode;
            if (code is < 200 or >= 300)
            {
                error = code is >= 300 and < 400 ? "The target answered a redirect, which webhooks do not follow." : $"The target answered {code}.";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"No answer within {options.TimeoutSeconds} s.";
        }
        catch (HttpRequestException e)
        {
            error = (e.InnerException as RefusedTargetException)?.Message ?? e.Message;
        }
        var now = site.UtcNow;
        var attempts = work.Attempts + 1;
        var mine = db.WebhookDeliveries.Where(d => d.Id == id && d.LeaseOwner == owner);
        int updated;
        if (error is null)
        {
            updated = await mine.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Delivered)
                .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastResponseCode, code).SetProperty(d => d.LastError, (string?)null)
                .SetProperty(d => d.LastAttemptAt, now).SetProperty(d => d.DeliveredAt, now)
                .SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }
        else
        {
            var status = attempts >= options.MaxAttempts ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
            var next = now + Backoff(attempts);
            var message = error.Length > WebhookLimits.Error ? error[..WebhookLimits.Error] : error;
            updated = await mine.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastResponseCode, code).SetProperty(d => d.LastError, message)
                .SetProperty(d => d.LastAttemptAt, now).SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }
        if (updated == 0)
        {
            logger.LogWarning("Webhook delivery {Id}: the lease ran out during the attempt; another replica may send it again", id);
        }
    }

    /// <summary>FirstRetrySeconds, doubling with each failed attempt up to MaxRetrySeconds, times a random 0.75–1.25 so that retries spread out.</summary>
    public TimeSpan Backoff(int failedAttempts)
    {
        var seconds = Math.Min(options.MaxRetrySeconds, options.FirstRetrySeconds * Math.Pow(2, Math.Min(failedAttempts - 1, 30)));
        return TimeSpan.FromSeconds(seconds * (0.75 + Random.Shared.NextDouble() * 0.5));
    }
}
