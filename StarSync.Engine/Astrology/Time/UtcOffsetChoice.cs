using NodaTime;

namespace StarSync.Engine.Astrology.Time;

/// <summary>Where a birth's UTC offset comes from.</summary>
public enum OffsetSource
{
    /// <summary>The IANA time zone's rules (TZDB) for that local date and time.</summary>
    TimeZone,
    /// <summary>An offset the user gave explicitly.</summary>
    Explicit,
    /// <summary>Local mean time: 4 minutes per degree of longitude east of Greenwich.</summary>
    LocalMeanTime,
}

/// <summary>The user's choice of offset: the zone's rules (default), an explicit offset, or local mean time.</summary>
public readonly record struct UtcOffsetChoice(OffsetSource Source, Offset? Explicit = null)
{
    public static UtcOffsetChoice FromZone => new(OffsetSource.TimeZone);
    public static UtcOffsetChoice LocalMeanTime => new(OffsetSource.LocalMeanTime);
    public static UtcOffsetChoice Fixed(Offset offset) => new(OffsetSource.Explicit, offset);
}
