namespace StarSync.Engine.Storage;

/// <summary>
/// Instants as both stores keep them: UTC <see cref="DateTime"/> truncated to whole milliseconds (BSON dates), so
/// what is read back equals what was written in either adapter.
/// </summary>
internal static class StoredTime
{
    public static DateTime From(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    public static DateTime? From(DateTimeOffset? instant) => instant is { } value ? From(value) : null;

    // LiteDB hands dates back in local time unless told otherwise; MongoDB in UTC. Both become the same instant.
    public static DateTimeOffset Read(DateTime stored) =>
        new(stored.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(stored, DateTimeKind.Utc) : stored.ToUniversalTime());

    public static DateTimeOffset? Read(DateTime? stored) => stored is { } value ? Read(value) : null;

    public static DateTimeOffset Now(TimeProvider clock) => Read(From(clock.GetUtcNow()));
}
