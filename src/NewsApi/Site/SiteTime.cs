namespace NewsApi.Site;

/// <summary>
/// Instants are stored in UTC and shown in the newsroom's zone (Site:TimeZone, default Asia/Ho_Chi_Minh),
/// because a Vietnamese reader's "10-12" is a local date.
/// </summary>
public sealed class SiteTime
{
    public const string DefaultZone = "Asia/Ho_Chi_Minh";

    private readonly TimeProvider clock;

    public TimeZoneInfo Zone { get; }

    /// <summary>Now, to the microsecond: what PostgreSQL stores, so a value read back equals the value written (and so do ETags).</summary>
    public DateTime UtcNow => Truncate(clock.GetUtcNow().UtcDateTime);

    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    public SiteTime(Microsoft.Extensions.Options.IOptions<SiteOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        var id = options.Value.TimeZone;
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            // Vietnam keeps no daylight saving, so a fixed offset is exact when the system has no tz database.
            : TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(7), id, id);
    }

    public DateTimeOffset ToSite(DateTime utc)
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(instant).ToOffset(Zone.GetUtcOffset(instant));
    }

    public DateTimeOffset? ToSite(DateTime? utc) => utc is { } value ? ToSite(value) : null;

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToSite(utc).DateTime);

    /// <summary>Midnight of a local date, as UTC.</summary>
    public DateTime StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }
}
