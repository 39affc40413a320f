using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Astrology.Horoscope;

/// <summary>How a graha's transit from the Moon sign works out.</summary>
public enum GocharaEffect
{
    /// <summary>In one of its favourable houses and not obstructed.</summary>
    Favourable,

    /// <summary>In a favourable house, but another graha stands in that house's vedha point and cancels the good.</summary>
    Obstructed,

    /// <summary>In any other house.</summary>
    Unfavourable,
}

/// <summary>One graha's transit counted from a Moon sign.</summary>
/// <param name="Graha">The transiting graha.</param>
/// <param name="House">The sign it occupies counted from the Moon sign, 1–12 (the Moon sign itself is 1).</param>
/// <param name="Effect">Favourable, obstructed or unfavourable.</param>
/// <param name="ObstructedBy">For <see cref="GocharaEffect.Obstructed"/>: the grahas standing in the vedha house, in <see cref="Graha"/> order.</param>
/// <param name="VedhaHouse">For a favourable house: its vedha point (1–12); null otherwise.</param>
public sealed record GocharaPosition(Graha Graha, int House, GocharaEffect Effect, IReadOnlyList<Graha> ObstructedBy, int? VedhaHouse);

/// <summary>
/// Gochara: the results of the grahas' transits counted from the natal (or, for a sign reading, the given) Moon sign,
/// with vedha (obstruction).
/// </summary>
/// <remarks>
/// Favourable houses and their vedha points follow Phaladeepika chapter 26 (Gocharaphala), as tabulated in the
/// common manuals (e.g. B. V. Raman, "Hindu Predictive Astrology", chapter on transits). A graha in a favourable house
/// gives its good result unless another graha transits the paired vedha house at the same time. Two classical
/// exemptions: the Sun and Saturn (father and son) never obstruct each other, nor do the Moon and Mercury (mother and
/// son). The nodes are not given separate tables in Phaladeepika; this engine lets Rahu and Ketu follow Saturn's houses
/// and vedha points, as most modern manuals do, and lets every graha (the nodes included) cast vedha. The converse rule
/// (vipareeta vedha, a graha in a bad house relieved by one in the paired good house) is not applied.
/// </remarks>
public static class Gochara
{
    /// <summary>The grahas read in a horoscope, in <see cref="Graha"/> order.</summary>
    public static IReadOnlyList<Graha> Grahas { get; } = Charts.Grahas.All;

    /// <summary>Favourable house → its vedha house, for each graha (Phaladeepika 26).</summary>
    private static readonly Dictionary<Graha, Dictionary<int, int>> Table = new()
    {
        [Graha.Sun] = Pairs((3, 9), (6, 12), (10, 4), (11, 5)),
        [Graha.Moon] = Pairs((1, 5), (3, 9), (6, 12), (7, 2), (10, 4), (11, 8)),
        [Graha.Mars] = Pairs((3, 12), (6, 9), (11, 5)),
        [Graha.Mercury] = Pairs((2, 5), (4, 3), (6, 9), (8, 1), (10, 8), (11, 12)),
        [Graha.Jupiter] = Pairs((2, 12), (5, 4), (7, 3), (9, 10), (11, 8)),
        [Graha.Venus] = Pairs((1, 8), (2, 7), (3, 1), (4, 10), (5, 9), (8, 5), (9, 11), (11, 6), (12, 3)),
        [Graha.Saturn] = Pairs((3, 12), (6, 9), (11, 5)),
        [Graha.Rahu] = Pairs((3, 12), (6, 9), (11, 5)),
        [Graha.Ketu] = Pairs((3, 12), (6, 9), (11, 5)),
    };

    /// <summary>The houses (1–12 from the Moon sign) in which <paramref name="graha"/> gives good results, ascending.</summary>
    public static IReadOnlyList<int> FavourableHouses(Graha graha) => [.. Table[graha].Keys.Order()];

    /// <summary>The vedha point of a favourable house, or null when <paramref name="house"/> is not favourable for <paramref name="graha"/>.</summary>
    public static int? VedhaHouse(Graha graha, int house) => Table[graha].TryGetValue(house, out var v) ? v : null;

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> never obstruct each other (Sun–Saturn, Moon–Mercury).</summary>
    public static bool Exempt(Graha a, Graha b) =>
        (a, b) is (Graha.Sun, Graha.Saturn) or (Graha.Saturn, Graha.Sun) or (Graha.Moon, Graha.Mercury) or (Graha.Mercury, Graha.Moon);

    /// <summary>The house (1–12) of <paramref name="sign"/> counted from <paramref name="moonSign"/>, which is the 1st.</summary>
    public static int HouseFrom(int moonSign, int sign) => ((sign - moonSign) % 12 + 12) % 12 + 1;

    /// <summary>Reads every graha's transit from <paramref name="moonSign"/>.</summary>
    /// <param name="moonSign">The Moon sign counted from, 1–12.</param>
    /// <param name="signs">The sign (1–12) each graha occupies, indexed by <see cref="Graha"/>.</param>
    public static IReadOnlyList<GocharaPosition> Read(int moonSign, IReadOnlyList<int> signs)
    {
        ArgumentNullException.ThrowIfNull(signs);
        ArgumentOutOfRangeException.ThrowIfLessThan(moonSign, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(moonSign, 12);
        if (signs.Count != 9)
        {
            throw new ArgumentException("Give the sign of each of the nine grahas.", nameof(signs));
        }

        var houses = signs.Select(s => HouseFrom(moonSign, s)).ToArray();
        var result = new List<GocharaPosition>(9);
        foreach (var graha in Grahas)
        {
            var house = houses[(int)graha];
            if (VedhaHouse(graha, house) is not { } vedha)
            {
                result.Add(new GocharaPosition(graha, house, GocharaEffect.Unfavourable, [], null));
                continue;
            }

            Graha[] obstructing = [.. Grahas.Where(other => other != graha && houses[(int)other] == vedha && !Exempt(graha, other))];
            result.Add(new GocharaPosition(graha, house, obstructing.Length == 0 ? GocharaEffect.Favourable : GocharaEffect.Obstructed, obstructing, vedha));
        }

        return result;
    }

    private static Dictionary<int, int> Pairs(params (int Good, int Vedha)[] pairs) => pairs.ToDictionary(p => p.Good, p => p.Vedha);
}
