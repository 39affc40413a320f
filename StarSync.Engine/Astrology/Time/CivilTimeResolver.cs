using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace StarSync.Engine.Astrology.Time;

/// <summary>
/// Turns a local birth date and time at a place into UTC with NodaTime's embedded TZDB, so historical offsets
/// (India's war time, DST abroad, pre-1900 local times) come from the zone's real history.
/// </summary>
public sealed class CivilTimeResolver(IDateTimeZoneProvider zones)
{
    public CivilTimeResolver()
        : this(DateTimeZoneProviders.Tzdb)
    {
    }

    private static readonly OffsetPattern OffsetText = OffsetPattern.CreateWithInvariantCulture("+HH:mm:ss");

    /// <summary>Formats an offset as <c>+05:30</c>, or <c>+05:53:28</c> when it has seconds.</summary>
    public static string Format(Offset offset) =>
        offset.Seconds % 60 == 0
            ? OffsetPattern.CreateWithInvariantCulture("+HH:mm").Format(offset)
            : OffsetText.Format(offset);

    /// <summary>Parses <c>+05:30</c>, <c>-03:00</c> or <c>+05:53:28</c>; null when it is not an offset.</summary>
    public static Offset? ParseOffset(string text)
    {
        foreach (var pattern in new[] { "+HH:mm:ss", "+HH:mm", "+HH" })
        {
            var result = OffsetPattern.CreateWithInvariantCulture(pattern).Parse(text);
            if (result.Success && Math.Abs(result.Value.Seconds) <= 14 * 3600)
            {
                return result.Value;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="zoneId"/> is a zone of the embedded TZDB.</summary>
    public bool IsKnownZone(string zoneId) => zones.GetZoneOrNull(zoneId) is not null;

    /// <summary>Resolves the local birth time.</summary>
    /// <param name="local">Local date and time of birth.</param>
    /// <param name="longitude">Degrees, east positive (used for local mean time).</param>
    /// <param name="zoneId">IANA zone of the place, e.g. <c>Asia/Kolkata</c>.</param>
    /// <param name="choice">Which offset to use.</param>
    /// <exception cref="BirthDataException">Unknown zone, a skipped or repeated local time, a date out of range.</exception>
    public ResolvedBirthTime Resolve(LocalDateTime local, double longitude, string zoneId, UtcOffsetChoice choice)
    {
        if (!SupportedDates.Contains(local.Date))
        {
            throw new BirthDataException("date", SupportedDates.Description);
        }

        var warnings = new List<string>();
        switch (choice.Source)
        {
            case OffsetSource.Explicit:
            {
                var offset = choice.Explicit ?? throw new ArgumentException("An explicit offset needs a value.", nameof(choice));
                return new ResolvedBirthTime(local, local.WithOffset(offset).ToInstant(), offset, OffsetSource.Explicit,
                    $"UTC offset {Format(offset)} as given.", warnings);
            }

            case OffsetSource.LocalMeanTime:
            {
                // Local mean time: the Sun's mean hour angle, 4 minutes of time per degree of longitude.
                var offset = Offset.FromSeconds((int)Math.Round(longitude * 240.0, MidpointRounding.AwayFromZero));
                return new ResolvedBirthTime(local, local.WithOffset(offset).ToInstant(), offset, OffsetSource.LocalMeanTime,
                    string.Create(CultureInfo.InvariantCulture, $"Local mean time for longitude {longitude:0.####}°: UTC{Format(offset)}."), warnings);
            }

            default:
            {
                var zone = zones.GetZoneOrNull(zoneId) ?? throw new BirthDataException("timeZone", $"Unknown time zone '{zoneId}'.");
                var mapping = zone.MapLocal(local);
                switch (mapping.Count)
                {
                    case 0:
                    {
                        var later = zone.GetZoneInterval(local.InZoneLeniently(zone).ToInstant());
                        var before = zone.GetZoneInterval(later.Start - Duration.Epsilon).WallOffset;
                        var after = later.WallOffset;
                        throw new BirthDataException("time",
                            $"{Text(local)} did not exist in {zoneId}: the clocks went from UTC{Format(before)} to UTC{Format(after)} then. " +
                            $"Check the time, or give utcOffset explicitly ({Format(before)} or {Format(after)}).");
                    }

                    case 2:
                    {
                        var first = mapping.First().Offset;
                        var second = mapping.Last().Offset;
                        throw new BirthDataException("time",
                            $"{Text(local)} happened twice in {zoneId} (clocks were turned back): at UTC{Format(first)} and again at UTC{Format(second)}. " +
                            $"Give utcOffset explicitly ({Format(first)} or {Format(second)}).");
                    }
                }

                var zoned = mapping.Single();
                var interval = zone.GetZoneInterval(zoned.ToInstant());
                if (zoneId is "Asia/Kolkata" or "Asia/Calcutta" && local.Year < 1955)
                {
                    warnings.Add(
                        "Before 1955 parts of India kept their own clocks (Bombay Time UTC+04:51 until 1955, Calcutta Time UTC+05:53:20 until 1948), " +
                        "and before 1906 the time-zone database puts all of India on Madras time (UTC+05:21:10). " +
                        "If the birth was recorded on such a clock, give utcOffset explicitly or use local mean time (\"lmt\").");
                }

                return new ResolvedBirthTime(local, zoned.ToInstant(), zoned.Offset, OffsetSource.TimeZone,
                    $"{zoneId} on that date: UTC{Format(zoned.Offset)} ({interval.Name}).", warnings);
            }
        }
    }

    private static string Text(LocalDateTime local) =>
        local.ToString("uuuu-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
