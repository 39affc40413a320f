namespace StarSync.Engine.Astrology.Charts;

/// <summary>The twelve signs (rashis), numbered 1 = Aries/Mesha to 12 = Pisces/Meena.</summary>
public static class Rashi
{
    private static readonly string[] English =
        ["Aries", "Taurus", "Gemini", "Cancer", "Leo", "Virgo", "Libra", "Scorpio", "Sagittarius", "Capricorn", "Aquarius", "Pisces"];

    private static readonly string[] SanskritNames =
        ["Mesha", "Vrishabha", "Mithuna", "Karka", "Simha", "Kanya", "Tula", "Vrishchika", "Dhanu", "Makara", "Kumbha", "Meena"];

    private static readonly string[] Abbreviations =
        ["Ar", "Ta", "Ge", "Cn", "Le", "Vi", "Li", "Sc", "Sg", "Cp", "Aq", "Pi"];

    private static readonly Graha[] Lords =
    [
        Graha.Mars, Graha.Venus, Graha.Mercury, Graha.Moon, Graha.Sun, Graha.Mercury,
        Graha.Venus, Graha.Mars, Graha.Jupiter, Graha.Saturn, Graha.Saturn, Graha.Jupiter,
    ];

    /// <summary>English name of sign <paramref name="number"/> (1–12).</summary>
    public static string Name(int number) => English[Index(number)];

    /// <summary>Sanskrit name of sign <paramref name="number"/> (1–12).</summary>
    public static string Sanskrit(int number) => SanskritNames[Index(number)];

    /// <summary>Two-letter abbreviation of sign <paramref name="number"/> (1–12).</summary>
    public static string Abbreviation(int number) => Abbreviations[Index(number)];

    /// <summary>The lord of sign <paramref name="number"/> (1–12).</summary>
    public static Graha Lord(int number) => Lords[Index(number)];

    /// <summary>The sign holding a sidereal longitude in degrees.</summary>
    public static int FromLongitude(double longitude) => (int)(Angle.Normalize(longitude) / 30.0) + 1;

    /// <summary>The sign <paramref name="count"/> signs on from <paramref name="sign"/>, counting the sign itself as 1.</summary>
    public static int CountFrom(int sign, int count) => ((sign - 1 + count - 1) % 12 + 12) % 12 + 1;

    /// <summary>Odd signs (Aries, Gemini, …) are masculine; even signs feminine.</summary>
    public static bool IsOdd(int sign) => sign % 2 == 1;

    /// <summary>Movable (chara), fixed (sthira) or dual (dvisvabhava).</summary>
    public static SignModality Modality(int sign) => (SignModality)((sign - 1) % 3);

    /// <summary>Fire, earth, air or water.</summary>
    public static SignElement Element(int sign) => (SignElement)((sign - 1) % 4);

    private static int Index(int number) =>
        number is >= 1 and <= 12 ? number - 1 : throw new ArgumentOutOfRangeException(nameof(number), number, "Signs are numbered 1 to 12.");
}

/// <summary>A sign's modality.</summary>
public enum SignModality
{
    Movable,
    Fixed,
    Dual,
}

/// <summary>A sign's element.</summary>
public enum SignElement
{
    Fire,
    Earth,
    Air,
    Water,
}

/// <summary>Angles in degrees.</summary>
public static class Angle
{
    /// <summary>Into [0, 360).</summary>
    public static double Normalize(double degrees)
    {
        var result = degrees % 360.0;
        if (result < 0)
        {
            result += 360.0;
        }

        return result >= 360.0 ? 0 : result;
    }

    /// <summary>The smaller angle between two longitudes, in [0, 180].</summary>
    public static double Separation(double a, double b)
    {
        var d = Math.Abs(Normalize(a) - Normalize(b));
        return d > 180 ? 360 - d : d;
    }
}
