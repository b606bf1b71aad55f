using NewsApi.Http;

namespace NewsApi.Tests;

/// <summary>The 5-second cache of list totals and search rankings: shared, bounded in age, renewed ahead of expiry.</summary>
public class PublicListCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Now { get; set; } = 1_000_000;
        public override long TimestampFrequency => 1_000;
        public override long GetTimestamp() => Now;
        public void Advance(double seconds) => Now += (long)(seconds * TimestampFrequency);
    }

    [Fact]
    public async Task ConcurrentAsksShareOneComputation()
    {
        var cache = new PublicListCache(new ManualClock());
        var computed = 0;
        var gate = new TaskCompletionSource();
        async Task<int> Compute(CancellationToken _) { Interlocked.Increment(ref computed); await gate.Task; return 42; }
        var asks = Enumerable.Range(0, 8).Select(_ => cache.GetOrComputeAsync("k", Compute)).ToList();
        gate.SetResult();
        Assert.All(await Task.WhenAll(asks), v => Assert.Equal(42, v.Value));
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task NearExpiryOneAskerRecomputesWhileTheOthersKeepTheCurrentValue()
    {
        var clock = new ManualClock();
        var cache = new PublicListCache(clock);
        Assert.Equal(1, (await cache.GetOrComputeAsync("k", _ => Task.FromResult(1))).Value);

        clock.Advance(CachedResponse.PublicMaxAgeSeconds - PublicListCache.RefreshAheadSeconds + 0.1);
        var gate = new TaskCompletionSource<int>();
        var refresher = cache.GetOrComputeAsync("k", _ => gate.Task);
        // While the refresh runs, others get the current value at once, and start no computation of their own.
        var others = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => cache.GetOrComputeAsync("k", _ => Task.FromResult(-1))));
        Assert.All(others, v => Assert.Equal(1, v.Value));
        Assert.False(refresher.IsCompleted);
        gate.SetResult(2);
        Assert.Equal(2, (await refresher).Value);
        Assert.Equal(2, (await cache.GetOrComputeAsync("k", _ => Task.FromResult(-1))).Value);
    }

    [Fact]
    public async Task NothingOlderThanTheMaxAgeIsServedAndClearForgetsAtOnce()
    {
        var clock = new ManualClock();
        var cache = new PublicListCache(clock);
        Assert.Equal(1, (await cache.GetOrComputeAsync("k", _ => Task.FromResult(1))).Value);
        clock.Advance(CachedResponse.PublicMaxAgeSeconds);
        Assert.Equal(2, (await cache.GetOrComputeAsync("k", _ => Task.FromResult(2))).Value);
        cache.Clear();
        Assert.Equal(3, (await cache.GetOrComputeAsync("k", _ => Task.FromResult(3))).Value);
    }

    [Fact]
    public async Task AFailedComputationIsNotKept()
    {
        var cache = new PublicListCache(new ManualClock());
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrComputeAsync<int>("k", _ => throw new InvalidOperationException()));
        Assert.Equal(7, (await cache.GetOrComputeAsync("k", _ => Task.FromResult(7))).Value);
    }
}

/// <summary>A response built from shared list values is kept by the output cache only for what is left of their 5 s.</summary>
public class CachedAgeLimitTests
{
    private sealed class Feature(Microsoft.AspNetCore.Http.HttpContext http) : Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature
    {
        public Microsoft.AspNetCore.OutputCaching.OutputCacheContext Context { get; } = new() { HttpContext = http, AllowCacheStorage = true, ResponseExpirationTimeSpan = TimeSpan.FromSeconds(5) };
    }

    private static Microsoft.AspNetCore.OutputCaching.OutputCacheContext After(TimeSpan age)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var feature = new Feature(http);
        http.Features.Set<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>(feature);
        OutputCacheTags.LimitCachedAge(http, age);
        return feature.Context;
    }

    [Fact]
    public void TheOutputCacheKeepsOnlyWhatIsLeftOfTheMaxAge()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), After(TimeSpan.Zero).ResponseExpirationTimeSpan);
        Assert.Equal(TimeSpan.FromSeconds(1.5), After(TimeSpan.FromSeconds(3.5)).ResponseExpirationTimeSpan);
        Assert.True(After(TimeSpan.FromSeconds(3.5)).AllowCacheStorage);
        Assert.False(After(TimeSpan.FromSeconds(5.2)).AllowCacheStorage);
    }
}

/// <summary>A shared computation runs with its requester's cancellation; the others do not inherit it.</summary>
public class PublicListCacheCancellationTests
{
    [Fact]
    public async Task TheSharedComputationGoesOnWhileAnotherStillWaits()
    {
        var cache = new PublicListCache(TimeProvider.System);
        using var abandoned = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource();
        var stopped = false;
        var first = cache.GetOrComputeAsync("k", async stop =>
        {
            started.SetResult();
            using (stop.Register(() => stopped = true))
            {
                await finish.Task;
            }
            return 1;
        }, abandoned.Token);
        await started.Task;
        var computedAgain = false;
        var second = cache.GetOrComputeAsync("k", _ => { computedAgain = true; return Task.FromResult(2); }, CancellationToken.None);
        // The request that started it goes away: the other one still waits, so the work goes on and is not started again.
        await abandoned.CancelAsync();
        finish.SetResult();

        Assert.Equal(1, (await second.WaitAsync(TimeSpan.FromSeconds(10))).Value);
        Assert.False(computedAgain);
        Assert.False(stopped);
        await first.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WhenTheLastWaiterGoesTheComputationIsStopped()
    {
        var cache = new PublicListCache(TimeProvider.System);
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource();
        var asked = cache.GetOrComputeAsync("k", async stop =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
                stopped.TrySetResult();
                throw;
            }
            return 1;
        }, first.Token);
        await started.Task;
        var waiting = cache.GetOrComputeAsync("k", _ => Task.FromResult(2), second.Token);
        await first.CancelAsync();
        await Task.Delay(100);
        Assert.False(stopped.Task.IsCompleted);
        await second.CancelAsync();

        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asked.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AComputationIsStoppedAtTheBudgetWhoeverWaits()
    {
        var cache = new PublicListCache(TimeProvider.System, TimeSpan.FromMilliseconds(200));
        var computations = 0;
        var asked = cache.GetOrComputeAsync("k", async stop =>
        {
            Interlocked.Increment(ref computations);
            await Task.Delay(Timeout.Infinite, stop);
            return 1;
        }, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asked.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.InRange(computations, 1, 2);
    }

    [Fact]
    public async Task AnAskerStillWaitingComputesAgainWhenTheSharedComputationIsInterrupted()
    {
        // On SQLite a stopped statement surfaces as SQLITE_INTERRUPT, not as a cancellation: the asker, whose own budget
        // and client are still there, must get a value, not the interrupted statement's error.
        var cache = new PublicListCache(TimeProvider.System, TimeSpan.FromMilliseconds(300));
        var calls = 0;
        async Task<int> Compute(CancellationToken stop)
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, stop);
                }
                catch (OperationCanceledException)
                {
                    throw new Microsoft.Data.Sqlite.SqliteException("interrupted", 9);
                }
            }
            return 7;
        }

        Assert.Equal(7, (await cache.GetOrComputeAsync("k", Compute, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10))).Value);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task AWaiterThatGoesAwayStopsWaiting()
    {
        var cache = new PublicListCache(TimeProvider.System);
        var never = new TaskCompletionSource<int>();
        _ = cache.GetOrComputeAsync("k", _ => never.Task);
        using var gone = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.GetOrComputeAsync("k", _ => Task.FromResult(0), gone.Token).WaitAsync(TimeSpan.FromSeconds(10)));
        never.SetResult(1);
    }

    [Fact]
    public async Task AWaiterThatGoesAwayLeavesTheComputationToTheOthers()
    {
        var cache = new PublicListCache(TimeProvider.System);
        var shared = new TaskCompletionSource<int>();
        var first = cache.GetOrComputeAsync("k", _ => shared.Task);
        using var gone = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.GetOrComputeAsync("k", _ => Task.FromResult(2), gone.Token).WaitAsync(TimeSpan.FromSeconds(10)));

        // The one that went away did not make the next asker start the same work again.
        var computedAgain = false;
        var third = cache.GetOrComputeAsync("k", _ => { computedAgain = true; return Task.FromResult(3); });
        shared.SetResult(1);
        Assert.Equal(1, (await third.WaitAsync(TimeSpan.FromSeconds(10))).Value);
        Assert.Equal(1, (await first.WaitAsync(TimeSpan.FromSeconds(10))).Value);
        Assert.False(computedAgain);
    }
}
