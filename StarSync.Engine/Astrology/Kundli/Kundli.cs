using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Dasha;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Engine.Astrology.Kundli;

/// <summary>A sidereal point's place in the zodiac. Longitude in degrees [0, 360).</summary>
public sealed record ZodiacPoint(double Longitude)
{
    public int Sign => Rashi.FromLongitude(Longitude);
    public double DegreeInSign => Longitude - (Sign - 1) * 30.0;
    public int Nakshatra => Charts.Nakshatra.FromLongitude(Longitude);
    public int Pada => Charts.Nakshatra.Pada(Longitude);
    public Graha NakshatraLord => Charts.Nakshatra.Lord(Nakshatra);
}

/// <summary>A graha in the birth chart.</summary>
/// <param name="Latitude">Ecliptic latitude in degrees.</param>
/// <param name="Speed">Longitude speed in degrees per day (negative when retrograde).</param>
/// <param name="House">Whole-sign house from the lagna (1–12), or null when the birth time is unknown.</param>
public sealed record GrahaPosition(
    Graha Graha,
    ZodiacPoint Point,
    double Latitude,
    double Speed,
    int? House,
    DignityKind Dignity,
    bool Combust)
{
    public double Longitude => Point.Longitude;
    public bool Retrograde => Speed < 0;
}

/// <summary>Signs (1–12) in one divisional chart; a null sign means the birth time is unknown and the sign changes during that day.</summary>
public sealed record VargaChart(Varga Varga, int? Lagna, IReadOnlyDictionary<Graha, int?> Grahas);

/// <summary>A panchang element at birth: number, name, and the instant it ends.</summary>
public sealed record PanchangEntry(int Number, string Name, Instant End, string? Paksha = null);

/// <summary>The weekday of the Vedic day: 1 = Sunday (Ravivara).</summary>
public sealed record Vara(int Number, string Name, string English);

/// <summary>The panchang at birth for the Vedic day (sunrise to sunrise).</summary>
/// <param name="VedicDate">The civil date whose sunrise began the Vedic day of the birth.</param>
/// <param name="Sunrise">That sunrise, or null where the Sun did not rise that day (polar places).</param>
/// <param name="Sunset">The sunset after it, or null where the Sun did not set.</param>
/// <param name="Note">Explains a missing sunrise or sunset.</param>
public sealed record BirthPanchang(
    LocalDate VedicDate,
    Vara Vara,
    PanchangEntry Tithi,
    PanchangEntry Nakshatra,
    PanchangEntry Yoga,
    PanchangEntry Karana,
    Instant? Sunrise,
    Instant? Sunset,
    string? Note);

/// <summary>A full birth chart.</summary>
public sealed record Kundli(
    BirthData Birth,
    ChartSettings Settings,
    ResolvedBirthTime Time,
    double JulianDayUt,
    double Ayanamsa,
    ZodiacPoint? Lagna,
    IReadOnlyList<GrahaPosition> Grahas,
    IReadOnlyDictionary<Varga, VargaChart> Vargas,
    VimshottariSchedule Dasha,
    BirthPanchang Panchang,
    IReadOnlyList<string> Notes)
{
    public GrahaPosition this[Graha graha] => Grahas[(int)graha];
}
