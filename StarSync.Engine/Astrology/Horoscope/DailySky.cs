using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Panchang;

namespace StarSync.Engine.Astrology.Horoscope;

/// <summary>The sky a day's horoscope is read from: the nine grahas at that date's sunrise at the reference place.</summary>
/// <param name="Date">The local date at the reference place.</param>
/// <param name="Sunrise">The sunrise the positions are taken at (UTC).</param>
/// <param name="Longitudes">Sidereal longitudes in degrees, indexed by <see cref="Graha"/> (Lahiri, mean node; Ketu opposite Rahu).</param>
public sealed record DailySky(LocalDate Date, Instant Sunrise, IReadOnlyList<double> Longitudes)
{
    /// <summary>The sign (1–12) of each graha, indexed by <see cref="Graha"/>.</summary>
    public IReadOnlyList<int> Signs => [.. Longitudes.Select(Rashi.FromLongitude)];

    /// <summary>The day's nakshatra: the Moon's at sunrise (1–27).</summary>
    public int Nakshatra => Charts.Nakshatra.FromLongitude(Longitudes[(int)Graha.Moon]);

    /// <summary>The sign (1–12) the Moon occupies at sunrise.</summary>
    public int MoonSign => Rashi.FromLongitude(Longitudes[(int)Graha.Moon]);
}

/// <summary>
/// Computes the <see cref="DailySky"/> of a date: sunrise at New Delhi (upper limb with refraction, as the panchang
/// computes it) and the sidereal positions there and then, with the engine's default conventions (Lahiri ayanamsa,
/// mean node). One place for everyone, so that a sign's reading for a date is the same for every reader.
/// </summary>
public sealed class DailySkyCalculator(SwissEphemeris ephemeris)
{
    /// <summary>New Delhi, degrees north.</summary>
    public const double Latitude = 28.6139;

    /// <summary>New Delhi, degrees east.</summary>
    public const double Longitude = 77.2090;

    /// <summary>The zone whose local date the sky belongs to.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    /// <summary>Computes the sky of <paramref name="date"/>.</summary>
    /// <exception cref="EphemerisCalculationException">The date is outside the ephemeris files.</exception>
    public DailySky Calculate(LocalDate date) => ephemeris.Run(context => Calculate(context, date));

    /// <summary>As <see cref="Calculate(LocalDate)"/>, on an ephemeris thread already held.</summary>
    public static DailySky Calculate(EphemerisContext context, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = ChartSettings.Default;
        var day = DayPanchangCalculator.Calculate(context, date, Latitude, Longitude, Zone, settings);
        // The Sun rises every day at New Delhi; local midnight is only a guard for an impossible case.
        var sunrise = day.Sunrise ?? date.AtStartOfDayInZone(Zone).ToInstant();
        var positions = KundliCalculator.Positions(context, KundliCalculator.JulianDay(context, sunrise), settings);
        return new DailySky(date, sunrise, [.. positions.Select(p => p.Longitude)]);
    }
}
