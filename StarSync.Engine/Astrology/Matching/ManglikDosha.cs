using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Astrology.Matching;

/// <summary>Which houses from a reference point make Mars Manglik.</summary>
public enum ManglikHouses
{
    /// <summary>1, 4, 7, 8, 12 (common North Indian practice; the default).</summary>
    North,

    /// <summary>2, 4, 7, 8, 12 (common South Indian practice, the 2nd in place of the 1st).</summary>
    South,

    /// <summary>1, 2, 4, 7, 8, 12: the union of both.</summary>
    Both,
}

/// <summary>Mars counted from one reference point (the lagna, the Moon or Venus).</summary>
/// <param name="From">"Lagna", "Moon" or "Venus".</param>
/// <param name="MarsHouse">Whole-sign house of Mars counted from the reference (1–12).</param>
/// <param name="InManglikHouse">Whether that house is in the chosen house set.</param>
/// <param name="Exception">The exception that removes the dosha, or null.</param>
/// <param name="Manglik">In a Manglik house and no exception applies.</param>
public sealed record ManglikCheck(string From, int MarsHouse, bool InManglikHouse, string? Exception, bool Manglik);

/// <summary>Manglik (Kuja) dosha of one chart.</summary>
/// <param name="Manglik">The headline: Manglik counted from the lagna, or from the Moon when there is no lagna.</param>
/// <param name="HeadlineFrom">"Lagna" or "Moon".</param>
/// <param name="Checks">The check from each reference point; the lagna's is missing without a birth time.</param>
/// <param name="Note">Says when the headline uses the Moon because the birth time is unknown.</param>
public sealed record ManglikResult(
    bool Manglik,
    string HeadlineFrom,
    ManglikHouses Houses,
    IReadOnlyList<ManglikCheck> Checks,
    string? Note);

/// <summary>Manglik status of a couple.</summary>
/// <param name="DoshaPresent">At least one partner is Manglik.</param>
/// <param name="Cancelled">Both partners are Manglik, which cancels the dosha.</param>
/// <param name="Reason">One sentence.</param>
public sealed record ManglikPairing(bool DoshaPresent, bool Cancelled, string Reason);

/// <summary>
/// Manglik (Kuja) dosha: Mars in the 1st, 4th, 7th, 8th or 12th house (North) from the lagna; the Moon and Venus
/// are reported as detail. Houses are whole signs. Exceptions, as commonly printed in North Indian almanacs and
/// matching guides (after Muhurta Chintamani commentaries and BPHS's dignities): Mars in its own sign (Aries,
/// Scorpio) or its exaltation (Capricorn); in the 2nd in Gemini or Virgo; in the 4th in Aries or Scorpio (already
/// own sign); in the 7th in Cancer or Capricorn; in the 8th in Sagittarius or Pisces; in the 12th in Taurus or Libra.
/// </summary>
public static class ManglikDosha
{
    /// <summary>The houses of a house set.</summary>
    public static IReadOnlyList<int> HousesOf(ManglikHouses houses) => houses switch
    {
        ManglikHouses.North => [1, 4, 7, 8, 12],
        ManglikHouses.South => [2, 4, 7, 8, 12],
        ManglikHouses.Both => [1, 2, 4, 7, 8, 12],
        _ => throw new ArgumentOutOfRangeException(nameof(houses)),
    };

    /// <summary>Assesses a birth chart.</summary>
    public static ManglikResult Assess(Kundli.Kundli kundli, ManglikHouses houses = ManglikHouses.North)
    {
        ArgumentNullException.ThrowIfNull(kundli);
        return Assess(kundli.Lagna?.Sign, kundli[Graha.Moon].Point.Sign, kundli[Graha.Venus].Point.Sign,
            kundli[Graha.Mars].Point.Sign, houses);
    }

    /// <summary>Assesses from signs (1–12); <paramref name="lagnaSign"/> is null when the birth time is unknown.</summary>
    public static ManglikResult Assess(int? lagnaSign, int moonSign, int venusSign, int marsSign, ManglikHouses houses = ManglikHouses.North)
    {
        var set = HousesOf(houses);
        var checks = new List<ManglikCheck>();
        if (lagnaSign is { } lagna)
        {
            checks.Add(Check("Lagna", lagna, marsSign, set));
        }

        checks.Add(Check("Moon", moonSign, marsSign, set));
        checks.Add(Check("Venus", venusSign, marsSign, set));
        var headline = checks[0];
        var note = lagnaSign is null
            ? "The birth time is unknown, so there is no lagna: the headline counts Mars from the Moon."
            : null;
        return new ManglikResult(headline.Manglik, headline.From, houses, checks, note);
    }

    /// <summary>Mutual cancellation: when both partners are Manglik the dosha is cancelled.</summary>
    public static ManglikPairing Pair(ManglikResult groom, ManglikResult bride)
    {
        ArgumentNullException.ThrowIfNull(groom);
        ArgumentNullException.ThrowIfNull(bride);
        return (groom.Manglik, bride.Manglik) switch
        {
            (true, true) => new ManglikPairing(true, true, "Cancelled, because both partners are Manglik."),
            (true, false) => new ManglikPairing(true, false, "Present: the groom is Manglik and the bride is not."),
            (false, true) => new ManglikPairing(true, false, "Present: the bride is Manglik and the groom is not."),
            _ => new ManglikPairing(false, false, "Not present: neither partner is Manglik."),
        };
    }

    /// <summary>The exception that removes the dosha for Mars in <paramref name="marsSign"/> and house <paramref name="house"/>, or null.</summary>
    public static string? ExceptionFor(int marsSign, int house)
    {
        if (marsSign is 1 or 8)
        {
            return $"Mars is in its own sign, {Rashi.Name(marsSign)}.";
        }

        if (marsSign == 10)
        {
            return "Mars is exalted in Capricorn.";
        }

        return (house, marsSign) switch
        {
            (2, 3 or 6) or (7, 4) or (8, 9 or 12) or (12, 2 or 7) =>
                $"Mars in the {Ordinal(house)} house in {Rashi.Name(marsSign)} is a listed exception.",
            _ => null,
        };
    }

    private static ManglikCheck Check(string from, int referenceSign, int marsSign, IReadOnlyList<int> set)
    {
        var house = Ashtakoota.SignCount(referenceSign, marsSign);
        var inHouse = set.Contains(house);
        var exception = inHouse ? ExceptionFor(marsSign, house) : null;
        return new ManglikCheck(from, house, inHouse, exception, inHouse && exception is null);
    }

    private static string Ordinal(int n) => n switch
    {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        _ => $"{n}th",
    };
}
