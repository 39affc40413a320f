using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Astrology.Matching;

/// <summary>
/// The 38 Moon classes that decide every Ashtakoota outcome: each nakshatra split by the signs it touches
/// (36 pieces: nine nakshatras straddle a sign boundary), with Purva Ashadha split at Sagittarius 15° and
/// Shravana at Capricorn 15°, where the Vashya group changes. Numbered 0–37 in zodiac order from Ashwini.
/// </summary>
/// <param name="Number">0–37.</param>
/// <param name="Start">Sidereal longitude in degrees where the class begins (inclusive).</param>
/// <param name="End">Sidereal longitude in degrees where it ends (exclusive).</param>
public sealed record MoonClass(int Number, double Start, double End, MoonProfile Representative)
{
    /// <summary>The number of classes.</summary>
    public const int Count = 38;

    /// <summary>All classes in zodiac order.</summary>
    public static readonly IReadOnlyList<MoonClass> All = Build();

    private static readonly Dictionary<(int Nakshatra, int Sign, VashyaGroup Vashya), int> ByKey =
        All.ToDictionary(c => Key(c.Representative), c => c.Number);

    /// <summary>The class (0–37) of a Moon at a sidereal longitude in degrees.</summary>
    /// <remarks>Built from the same primitives as <see cref="MoonProfile.Of"/> but without creating a profile: ranking
    /// calls this once per candidate, a million times per search.</remarks>
    public static int Of(double longitude)
    {
        var normalized = Angle.Normalize(longitude);
        var sign = Rashi.FromLongitude(normalized);
        return ByKey[(Charts.Nakshatra.FromLongitude(normalized), sign, MoonProfile.VashyaOf(sign, normalized - (sign - 1) * 30.0))];
    }

    private static (int, int, VashyaGroup) Key(MoonProfile moon) => (moon.Nakshatra, moon.Sign, moon.Vashya);

    private static MoonClass[] Build()
    {
        var edges = Enumerable.Range(0, 27).Select(i => i * Nakshatra.Span)
            .Concat(Enumerable.Range(0, 12).Select(i => i * 30.0))
            .Concat([255.0, 285.0]) // Sagittarius 15°, Capricorn 15°
            .Select(e => Math.Round(e, 9))
            .Distinct()
            .Order()
            .Append(360.0)
            .ToArray();
        return [.. edges.Zip(edges.Skip(1), (start, end) => (start, end))
            .Select((span, i) => new MoonClass(i, span.start, span.end, MoonProfile.Of((span.start + span.end) / 2)))];
    }
}

/// <summary>
/// Ashtakoota totals for every pair of Moon classes, computed once, so ranking one person against many
/// candidates is a table lookup.
/// </summary>
public static class MoonClassTable
{
    // Totals in half points, [groom class, bride class].
    private static readonly int[,] HalfPoints = Build();

    /// <summary>The Ashtakoota total (0–36, a multiple of ½) for a groom's and a bride's Moon class.</summary>
    public static double Total(int groomClass, int brideClass) => HalfPoints[groomClass, brideClass] / 2.0;

    /// <summary>The Ashtakoota total for two Moons given as sidereal longitudes in degrees.</summary>
    public static double Total(double groomMoon, double brideMoon) => Total(MoonClass.Of(groomMoon), MoonClass.Of(brideMoon));

    private static int[,] Build()
    {
        var table = new int[MoonClass.Count, MoonClass.Count];
        foreach (var groom in MoonClass.All)
        {
            foreach (var bride in MoonClass.All)
            {
                table[groom.Number, bride.Number] =
                    (int)(Ashtakoota.Match(groom.Representative, bride.Representative).Total * 2);
            }
        }

        return table;
    }
}
