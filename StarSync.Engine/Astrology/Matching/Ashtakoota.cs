using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Astrology.Matching;

/// <summary>
/// Ashtakoota (Guna Milan, 36 points) from the two Moons. Tables: the "north-common" set, i.e. the tables printed
/// by common North Indian almanacs after Muhurta Chintamani, vivaha prakarana (the eight kootas varna, vashya,
/// tara, yoni, graha maitri, gana, bhakoot, nadi with maxima 1 to 8). Pure and thread-safe.
/// </summary>
public static class Ashtakoota
{
    /// <summary>The maximum total.</summary>
    public const double MaximumTotal = 36;

    // Vashya points, groom rows × bride columns in VashyaGroup order (Chatushpada, Manava, Jalachara, Vanachara, Keeta).
    private static readonly double[,] VashyaPoints =
    {
        { 2, 1, 1, 0.5, 1 },
        { 1, 2, 0.5, 0, 1 },
        { 1, 0.5, 2, 1, 1 },
        { 0.5, 0, 1, 2, 0 },
        { 1, 1, 1, 0, 2 },
    };

    // Yoni points in Yoni order (Horse … Lion); symmetric.
    private static readonly int[,] YoniPoints =
    {
        { 4, 2, 2, 3, 2, 2, 2, 1, 0, 1, 1, 3, 2, 1 },
        { 2, 4, 3, 3, 2, 2, 2, 2, 3, 1, 2, 3, 2, 0 },
        { 2, 3, 4, 2, 1, 2, 1, 3, 3, 1, 2, 0, 3, 1 },
        { 3, 3, 2, 4, 2, 1, 1, 1, 1, 2, 2, 2, 0, 2 },
        { 2, 2, 1, 2, 4, 2, 1, 2, 2, 1, 0, 2, 1, 1 },
        { 2, 2, 2, 1, 2, 4, 0, 2, 2, 1, 3, 3, 2, 1 },
        { 2, 2, 1, 1, 1, 0, 4, 2, 2, 2, 2, 2, 1, 2 },
        { 1, 2, 3, 1, 2, 2, 2, 4, 3, 0, 3, 2, 2, 1 },
        { 0, 3, 3, 1, 2, 2, 2, 3, 4, 1, 2, 2, 2, 1 },
        { 1, 1, 1, 2, 1, 1, 2, 0, 1, 4, 1, 1, 2, 1 },
        { 1, 2, 2, 2, 0, 3, 2, 3, 2, 1, 4, 2, 2, 1 },
        { 3, 3, 0, 2, 2, 3, 2, 2, 2, 1, 2, 4, 3, 2 },
        { 2, 2, 3, 0, 1, 2, 1, 2, 2, 2, 2, 3, 4, 2 },
        { 1, 0, 1, 2, 1, 1, 2, 1, 1, 1, 1, 2, 2, 4 },
    };

    // Gana points, groom rows × bride columns (Deva, Manushya, Rakshasa).
    private static readonly int[,] GanaPoints =
    {
        { 6, 5, 1 },
        { 6, 6, 0 },
        { 0, 0, 6 },
    };

    /// <summary>The Vashya points for a groom's and a bride's group (0 to 2 in halves).</summary>
    public static double VashyaScore(VashyaGroup groom, VashyaGroup bride) => VashyaPoints[(int)groom, (int)bride];

    /// <summary>The Yoni points for two yonis (0 to 4); the table is symmetric.</summary>
    public static int YoniScore(Yoni groom, Yoni bride) => YoniPoints[(int)groom, (int)bride];

    /// <summary>The Gana points for a groom's and a bride's gana (0 to 6).</summary>
    public static int GanaScore(Gana groom, Gana bride) => GanaPoints[(int)groom, (int)bride];

    /// <summary>The inclusive count from star <paramref name="from"/> to star <paramref name="to"/> (1–27).</summary>
    public static int StarCount(int from, int to) => ((to - from) % 27 + 27) % 27 + 1;

    /// <summary>The inclusive count from sign <paramref name="from"/> to sign <paramref name="to"/> (1–12).</summary>
    public static int SignCount(int from, int to) => ((to - from) % 12 + 12) % 12 + 1;

    /// <summary>Matches two Moons given as sidereal longitudes in degrees.</summary>
    public static MatchResult Match(double groomMoon, double brideMoon, KootaRules rules = KootaRules.NorthCommon) =>
        Match(MoonProfile.Of(groomMoon), MoonProfile.Of(brideMoon), rules);

    /// <summary>Matches two birth charts by their Moons.</summary>
    public static MatchResult Match(Kundli.Kundli groom, Kundli.Kundli bride, KootaRules rules = KootaRules.NorthCommon)
    {
        ArgumentNullException.ThrowIfNull(groom);
        ArgumentNullException.ThrowIfNull(bride);
        return Match(groom[Graha.Moon].Longitude, bride[Graha.Moon].Longitude, rules);
    }

    /// <summary>Matches two Moon profiles.</summary>
    public static MatchResult Match(MoonProfile groom, MoonProfile bride, KootaRules rules = KootaRules.NorthCommon)
    {
        ArgumentNullException.ThrowIfNull(groom);
        ArgumentNullException.ThrowIfNull(bride);
        if (rules != KootaRules.NorthCommon)
        {
            throw new ArgumentOutOfRangeException(nameof(rules), rules, "Only the north-common tables exist.");
        }

        var tara = Tara(groom, bride);
        var maitri = GrahaMaitri(groom, bride);
        var gana = GanaKoota(groom, bride);
        var bhakoot = Bhakoot(groom, bride);
        var nadi = NadiKoota(groom, bride);
        KootaScore[] kootas = [Varna(groom, bride), Vashya(groom, bride), tara, Yoni(groom, bride), maitri, gana, bhakoot, nadi];
        var total = kootas.Sum(k => k.Points);
        Dosha[] doshas =
        [
            NadiDosha(groom, bride, nadi),
            BhakootDosha(groom, bride, bhakoot),
            GanaDosha(groom, bride, gana, bhakoot),
        ];
        return new MatchResult(rules, total, MaximumTotal, kootas, doshas, VerdictFor(total));
    }

    /// <summary>Verdict bands: below 18 not recommended; 18 to below 25 average; 25 to 32 good; above 32 excellent.</summary>
    public static MatchVerdict VerdictFor(double total) => total switch
    {
        < 18 => MatchVerdict.NotRecommended,
        < 25 => MatchVerdict.Average,
        <= 32 => MatchVerdict.Good,
        _ => MatchVerdict.Excellent,
    };

    private static KootaScore Varna(MoonProfile groom, MoonProfile bride)
    {
        var points = groom.Varna >= bride.Varna ? 1 : 0;
        var explanation = points == 1
            ? $"The groom's varna ({groom.Varna}) is the same as or higher than the bride's ({bride.Varna}), so Varna gives 1."
            : $"The groom's varna ({groom.Varna}) is lower than the bride's ({bride.Varna}), so Varna gives 0.";
        return new KootaScore("Varna", points, 1, groom.Varna.ToString(), bride.Varna.ToString(), explanation);
    }

    private static KootaScore Vashya(MoonProfile groom, MoonProfile bride)
    {
        var points = VashyaScore(groom.Vashya, bride.Vashya);
        return new KootaScore("Vashya", points, 2, groom.Vashya.ToString(), bride.Vashya.ToString(),
            $"A {groom.Vashya} groom with a {bride.Vashya} bride gives {Format(points)} of 2 in the Vashya table.");
    }

    // Tara: count inclusively from each star to the other; a count whose remainder by 9 is 3 (vipat), 5 (pratyak)
    // or 7 (naidhana) is inauspicious, any other gives 1½. Two counts always add to 29 (≡ 2 mod 9), so both can
    // never be inauspicious and the koota is 3 or 1½.
    private static KootaScore Tara(MoonProfile groom, MoonProfile bride)
    {
        var fromGroom = StarCount(groom.Nakshatra, bride.Nakshatra);
        var fromBride = StarCount(bride.Nakshatra, groom.Nakshatra);
        var points = TaraHalf(fromGroom) + TaraHalf(fromBride);
        return new KootaScore("Tara", points, 3, Charts.Nakshatra.Name(groom.Nakshatra), Charts.Nakshatra.Name(bride.Nakshatra),
            $"Counting from the groom's star the bride's is {fromGroom} (tara {Remainder(fromGroom)}) and from the bride's the groom's is {fromBride} (tara {Remainder(fromBride)}), giving {Format(points)} of 3.");
    }

    private static int Remainder(int count) => count % 9 == 0 ? 9 : count % 9;

    private static double TaraHalf(int count) => (count % 9) is 3 or 5 or 7 ? 0 : 1.5;

    private static KootaScore Yoni(MoonProfile groom, MoonProfile bride)
    {
        var points = YoniScore(groom.Yoni, bride.Yoni);
        return new KootaScore("Yoni", points, 4, groom.Yoni.ToString(), bride.Yoni.ToString(),
            $"The {groom.Yoni} and {bride.Yoni} yonis give {points} of 4.");
    }

    private static KootaScore GrahaMaitri(MoonProfile groom, MoonProfile bride)
    {
        var points = MaitriPoints(groom.SignLord, bride.SignLord);
        var explanation = groom.SignLord == bride.SignLord
            ? $"Both Moon signs are ruled by {groom.SignLord}, giving 5 of 5."
            : $"{groom.SignLord} counts {bride.SignLord} as {Relation(groom.SignLord, bride.SignLord)} and {bride.SignLord} counts {groom.SignLord} as {Relation(bride.SignLord, groom.SignLord)}, giving {Format(points)} of 5.";
        return new KootaScore("Graha Maitri", points, 5, groom.SignLord.ToString(), bride.SignLord.ToString(), explanation);
    }

    /// <summary>Graha Maitri points from each lord's natural view of the other (BPHS 3.55).</summary>
    public static double MaitriPoints(Graha groomLord, Graha brideLord)
    {
        var a = Grahas.NaturalRelationship(groomLord, brideLord);
        var b = Grahas.NaturalRelationship(brideLord, groomLord);
        var friends = (a == Relationship.Friend ? 1 : 0) + (b == Relationship.Friend ? 1 : 0);
        var enemies = (a == Relationship.Enemy ? 1 : 0) + (b == Relationship.Enemy ? 1 : 0);
        return (friends, enemies) switch
        {
            (2, 0) => 5,
            (1, 0) => 4,
            (0, 0) => 3,
            (1, 1) => 1,
            (0, 1) => 0.5,
            _ => 0,
        };
    }

    private static string Relation(Graha graha, Graha other) => Grahas.NaturalRelationship(graha, other) switch
    {
        Relationship.Friend => "a friend",
        Relationship.Enemy => "an enemy",
        _ => "neutral",
    };

    private static bool LordsFriendly(MoonProfile groom, MoonProfile bride) =>
        MaitriPoints(groom.SignLord, bride.SignLord) == 5;

    private static KootaScore GanaKoota(MoonProfile groom, MoonProfile bride)
    {
        var points = GanaScore(groom.Gana, bride.Gana);
        return new KootaScore("Gana", points, 6, groom.Gana.ToString(), bride.Gana.ToString(),
            $"A {groom.Gana} groom with a {bride.Gana} bride gives {points} of 6.");
    }

    // Bhakoot: count from the bride's Moon sign to the groom's; 2/12 (dwirdwadasha), 5/9 (navapanchama) and
    // 6/8 (shadashtaka) are the faulty pairs.
    private static KootaScore Bhakoot(MoonProfile groom, MoonProfile bride)
    {
        var count = SignCount(bride.Sign, groom.Sign);
        var faulty = count is 2 or 12 or 5 or 9 or 6 or 8;
        var points = faulty ? 0 : 7;
        var pair = count switch
        {
            2 or 12 => "2/12",
            5 or 9 => "5/9",
            6 or 8 => "6/8",
            _ => $"{count}/{SignCount(groom.Sign, bride.Sign)}",
        };
        return new KootaScore("Bhakoot", points, 7, Rashi.Name(groom.Sign), Rashi.Name(bride.Sign),
            $"The groom's Moon sign is {count} from the bride's (a {pair} pair), giving {points} of 7.");
    }

    private static KootaScore NadiKoota(MoonProfile groom, MoonProfile bride)
    {
        var points = groom.Nadi == bride.Nadi ? 0 : 8;
        return new KootaScore("Nadi", points, 8, groom.Nadi.ToString(), bride.Nadi.ToString(),
            groom.Nadi == bride.Nadi
                ? $"Both stars are of the {groom.Nadi} nadi, giving 0 of 8."
                : $"The {groom.Nadi} and {bride.Nadi} nadis differ, giving 8 of 8.");
    }

    // Nadi dosha exceptions (common North Indian almanac practice, after Muhurta Chintamani, vivaha prakarana):
    // the same Moon sign with different stars, or the same star with different Moon signs.
    private static Dosha NadiDosha(MoonProfile groom, MoonProfile bride, KootaScore nadi)
    {
        const string Name = "Nadi dosha";
        if (nadi.Points > 0)
        {
            return new Dosha(Name, false, false, "Not present: the two stars are of different nadis.");
        }

        if (groom.Sign == bride.Sign && groom.Nakshatra != bride.Nakshatra)
        {
            return new Dosha(Name, true, true,
                $"Cancelled, because both Moons are in {Rashi.Name(groom.Sign)} but in different stars ({Charts.Nakshatra.Name(groom.Nakshatra)} and {Charts.Nakshatra.Name(bride.Nakshatra)}).");
        }

        if (groom.Nakshatra == bride.Nakshatra && groom.Sign != bride.Sign)
        {
            return new Dosha(Name, true, true,
                $"Cancelled, because both Moons are in {Charts.Nakshatra.Name(groom.Nakshatra)} but in different signs ({Rashi.Name(groom.Sign)} and {Rashi.Name(bride.Sign)}).");
        }

        return new Dosha(Name, true, false, $"Present: both stars are of the {groom.Nadi} nadi and no exception applies.");
    }

    // Bhakoot dosha exceptions (common North Indian almanac practice, after Muhurta Chintamani, vivaha prakarana):
    // the two Moon signs have the same lord, or their lords are mutual natural friends.
    private static Dosha BhakootDosha(MoonProfile groom, MoonProfile bride, KootaScore bhakoot)
    {
        const string Name = "Bhakoot dosha";
        if (bhakoot.Points > 0)
        {
            return new Dosha(Name, false, false, "Not present: the Moon signs are not 2/12, 5/9 or 6/8 from each other.");
        }

        if (groom.SignLord == bride.SignLord)
        {
            return new Dosha(Name, true, true, $"Cancelled, because both Moon signs are ruled by {groom.SignLord}.");
        }

        if (LordsFriendly(groom, bride))
        {
            return new Dosha(Name, true, true,
                $"Cancelled, because the Moon-sign lords {groom.SignLord} and {bride.SignLord} are mutual friends.");
        }

        return new Dosha(Name, true, false, $"Present: {bhakoot.Explanation[..^1]}, and the Moon-sign lords are neither the same nor mutual friends.");
    }

    // Gana dosha exceptions (common North Indian almanac practice, after Muhurta Chintamani, vivaha prakarana):
    // the same or mutually friendly Moon-sign lords, or a favourable Bhakoot (7 points).
    private static Dosha GanaDosha(MoonProfile groom, MoonProfile bride, KootaScore gana, KootaScore bhakoot)
    {
        const string Name = "Gana dosha";
        if (gana.Points > 0)
        {
            return new Dosha(Name, false, false, $"Not present: a {groom.Gana} groom with a {bride.Gana} bride scores {gana.Points}.");
        }

        if (LordsFriendly(groom, bride))
        {
            return new Dosha(Name, true, true, groom.SignLord == bride.SignLord
                ? $"Cancelled, because both Moon signs are ruled by {groom.SignLord}."
                : $"Cancelled, because the Moon-sign lords {groom.SignLord} and {bride.SignLord} are mutual friends.");
        }

        if (bhakoot.Points > 0)
        {
            return new Dosha(Name, true, true, "Cancelled, because the Bhakoot is favourable (7 points).");
        }

        return new Dosha(Name, true, false,
            $"Present: a {groom.Gana} groom with a {bride.Gana} bride scores 0, the Moon-sign lords are not mutual friends and the Bhakoot is faulty.");
    }

    private static string Format(double points) =>
        points % 1 == 0 ? ((int)points).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : points.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
