namespace StarSync.Engine.Astrology.Charts;

/// <summary>The 27 nakshatras of 13°20′ each, numbered 1 = Ashwini; each has four padas of 3°20′.</summary>
public static class Nakshatra
{
    /// <summary>Span of one nakshatra in degrees.</summary>
    public const double Span = 360.0 / 27.0;

    /// <summary>Span of one pada in degrees.</summary>
    public const double PadaSpan = Span / 4.0;

    private static readonly string[] Names =
    [
        "Ashwini", "Bharani", "Krittika", "Rohini", "Mrigashira", "Ardra", "Punarvasu", "Pushya", "Ashlesha",
        "Magha", "Purva Phalguni", "Uttara Phalguni", "Hasta", "Chitra", "Swati", "Vishakha", "Anuradha", "Jyeshtha",
        "Mula", "Purva Ashadha", "Uttara Ashadha", "Shravana", "Dhanishta", "Shatabhisha", "Purva Bhadrapada", "Uttara Bhadrapada", "Revati",
    ];

    /// <summary>Vimshottari lords in order from Ashwini; the cycle of nine repeats three times.</summary>
    private static readonly Graha[] LordCycle =
        [Graha.Ketu, Graha.Venus, Graha.Sun, Graha.Moon, Graha.Mars, Graha.Rahu, Graha.Jupiter, Graha.Saturn, Graha.Mercury];

    /// <summary>Name of nakshatra <paramref name="number"/> (1–27).</summary>
    public static string Name(int number) =>
        number is >= 1 and <= 27 ? Names[number - 1] : throw new ArgumentOutOfRangeException(nameof(number), number, "Nakshatras are numbered 1 to 27.");

    /// <summary>The Vimshottari lord of nakshatra <paramref name="number"/> (1–27).</summary>
    public static Graha Lord(int number) => LordCycle[(number - 1) % 9];

    /// <summary>The nakshatra (1–27) holding a sidereal longitude.</summary>
    public static int FromLongitude(double longitude) => Math.Min(27, (int)(Angle.Normalize(longitude) / Span) + 1);

    /// <summary>The pada (1–4) of a sidereal longitude within its nakshatra.</summary>
    public static int Pada(double longitude)
    {
        var within = Angle.Normalize(longitude) - (FromLongitude(longitude) - 1) * Span;
        return Math.Clamp((int)(within / PadaSpan) + 1, 1, 4);
    }

    /// <summary>How far through its nakshatra a longitude is, in [0, 1).</summary>
    public static double FractionTraversed(double longitude)
    {
        var within = Angle.Normalize(longitude) - (FromLongitude(longitude) - 1) * Span;
        return Math.Clamp(within / Span, 0, 1);
    }
}
