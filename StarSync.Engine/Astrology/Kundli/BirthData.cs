using NodaTime;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Engine.Astrology.Kundli;

/// <summary>What a chart is cast from.</summary>
/// <param name="Date">Local date of birth.</param>
/// <param name="Time">Local time of birth, or null when it is not known (the chart is then cast for local noon without lagna).</param>
/// <param name="Latitude">Degrees, north positive, [−90, 90].</param>
/// <param name="Longitude">Degrees, east positive, [−180, 180].</param>
/// <param name="TimeZone">IANA zone of the place.</param>
/// <param name="Offset">Which UTC offset to apply.</param>
/// <param name="Name">The person's name, if given.</param>
/// <param name="PlaceName">The place as shown to people, e.g. "New Delhi, Delhi, India".</param>
public sealed record BirthData(
    LocalDate Date,
    LocalTime? Time,
    double Latitude,
    double Longitude,
    string TimeZone,
    UtcOffsetChoice Offset,
    string? Name = null,
    string? PlaceName = null)
{
    /// <summary>Whether the birth time is known.</summary>
    public bool TimeKnown => Time is not null;
}
