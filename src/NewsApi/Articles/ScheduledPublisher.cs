using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>
/// Stores the publication of scheduled articles whose time has come. Reads already treat them as published at that
/// instant; this makes it durable and records the revision. The conditional update lets exactly one replica win.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Publishing:SchedulerIntervalSeconds", 5)));
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await PublishDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Publishing scheduled articles failed; retrying in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ArticleStore>();
        var (db, site) = (store.Db, store.Site);
        var now = site.UtcNow;
        var due = await db.Articles.Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
            .OrderBy(a => a.PublishedAt).Select(a => a.Id).Take(100).ToListAsync(cancellationToken);
        var published = 0;
        foreach (var id in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var won = await db.Articles.Where(a => a.Id == id && a.Status == ArticleStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Published), cancellationToken);
            if (won == 1)
            {
                var article = await store.LoadForChangeAsync(a => a.Id == id, cancellationToken) ?? throw new InvalidOperationException($"Article {id} is gone.");
                article.Touch(now);
                await store.RecordChangeAsync(article, "scheduler", cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                published++;
            }
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return published;
    }
}
