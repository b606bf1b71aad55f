namespace NewsApi.Webhooks;

/// <summary>Settings under Webhooks: in appsettings, the environment (Webhooks__MaxAttempts) or switches.</summary>
public sealed class WebhookOptions
{
    /// <summary>Lets targets on loopback, private and link-local addresses through (tests, a receiver beside the API).</summary>
    public bool AllowPrivateTargets { get; set; }
    /// <summary>Whether this instance delivers (every replica may; each event is sent by one).</summary>
    public bool DeliveryEnabled { get; set; } = true;
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The wait after the first failed attempt, doubling after each further one (with jitter), up to MaxRetrySeconds.</summary>
    public double FirstRetrySeconds { get; set; } = 30;
    public double MaxRetrySeconds { get; set; } = 3_600;
    /// <summary>How long one attempt may take, connecting and answering.</summary>
    public double TimeoutSeconds { get; set; } = 10;
    /// <summary>How long a replica holds a delivery it is sending; a replica that dies gives it back when this runs out.</summary>
    public double LeaseSeconds { get; set; } = 60;
    public int PollIntervalMilliseconds { get; set; } = 1_000;
    /// <summary>How many deliveries one replica sends at a time.</summary>
    public int Concurrency { get; set; } = 8;

    public bool IsValid() =>
        MaxAttempts is >= 1 and <= 100 && FirstRetrySeconds is > 0 and <= 86_400 && MaxRetrySeconds >= FirstRetrySeconds
        && TimeoutSeconds is > 0 and <= 300 && LeaseSeconds > TimeoutSeconds && PollIntervalMilliseconds is >= 10 and <= 60_000
        && Concurrency is >= 1 and <= 64;
}
