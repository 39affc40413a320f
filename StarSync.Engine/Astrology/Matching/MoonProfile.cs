using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Astrology.Matching;

/// <summary>The four varnas, in ascending rank (Brahmin highest), as used by the Varna koota.</summary>
public enum Varna
{
    Shudra,
    Vaishya,
    Kshatriya,
    Brahmin,
}

/// <summary>The five Vashya groups of the Moon sign.</summary>
public enum VashyaGroup
{
    /// <summary>Four-footed: Aries, Taurus, Sagittarius 15°–30°, Capricorn 0°–15°.</summary>
    Chatushpada,

    /// <summary>Human: Gemini, Virgo, Libra, Aquarius, Sagittarius 0°–15°.</summary>
    Manava,

    /// <summary>Water-dwelling: Cancer, Pisces, Capricorn 15°–30°.</summary>
    Jalachara,

    /// <summary>Forest-dwelling: Leo.</summary>
    Vanachara,

    /// <summary>Insect: Scorpio.</summary>
    Keeta,
}

/// <summary>The fourteen yoni animals of the nakshatras.</summary>
public enum Yoni
{
    Horse,
    Elephant,
    Sheep,
    Serpent,
    Dog,
    Cat,
    Rat,
    Cow,
    Buffalo,
    Tiger,
    Deer,
    Monkey,
    Mongoose,
    Lion,
}

/// <summary>The three ganas (temperaments) of the nakshatras.</summary>
public enum Gana
{
    Deva,
    Manushya,
    Rakshasa,
}

/// <summary>The three nadis of the nakshatras.</summary>
public enum Nadi
{
    Adi,
    Madhya,
    Antya,
}

/// <summary>Everything the Ashtakoota reads from one Moon.</summary>
/// <param name="Longitude">Sidereal longitude of the Moon in degrees [0, 360).</param>
/// <param name="Sign">Moon sign, 1 = Aries to 12 = Pisces.</param>
/// <param name="Nakshatra">Moon nakshatra, 1 = Ashwini to 27 = Revati.</param>
/// <param name="SignLord">Lord of the Moon sign.</param>
public sealed record MoonProfile(
    double Longitude,
    int Sign,
    int Nakshatra,
    Graha SignLord,
    Varna Varna,
    VashyaGroup Vashya,
    Yoni Yoni,
    Gana Gana,
    Nadi Nadi)
{
    // Yoni by nakshatra (common North Indian almanac table, as in Muhurta Chintamani, vivaha prakarana).
    private static readonly Yoni[] YoniByNakshatra =
    [
        Yoni.Horse, Yoni.Elephant, Yoni.Sheep, Yoni.Serpent, Yoni.Serpent, Yoni.Dog, Yoni.Cat, Yoni.Sheep, Yoni.Cat,
        Yoni.Rat, Yoni.Rat, Yoni.Cow, Yoni.Buffalo, Yoni.Tiger, Yoni.Buffalo, Yoni.Tiger, Yoni.Deer, Yoni.Deer,
        Yoni.Dog, Yoni.Monkey, Yoni.Mongoose, Yoni.Monkey, Yoni.Lion, Yoni.Horse, Yoni.Lion, Yoni.Cow, Yoni.Elephant,
    ];

    private static readonly int[] DevaStars = [1, 5, 7, 8, 13, 15, 17, 22, 27];
    private static readonly int[] ManushyaStars = [2, 4, 6, 11, 12, 20, 21, 25, 26];
    private static readonly int[] AdiStars = [1, 6, 7, 12, 13, 18, 19, 24, 25];
    private static readonly int[] MadhyaStars = [2, 5, 8, 11, 14, 17, 20, 23, 26];

    /// <summary>The profile of a Moon at a sidereal longitude in degrees.</summary>
    public static MoonProfile Of(double longitude)
    {
        var normalized = Angle.Normalize(longitude);
        var sign = Rashi.FromLongitude(normalized);
        var star = Charts.Nakshatra.FromLongitude(normalized);
        var degreeInSign = normalized - (sign - 1) * 30.0;
        return new MoonProfile(
            normalized,
            sign,
            star,
            Rashi.Lord(sign),
            VarnaOf(sign),
            VashyaOf(sign, degreeInSign),
            YoniByNakshatra[star - 1],
            DevaStars.Contains(star) ? Gana.Deva : ManushyaStars.Contains(star) ? Gana.Manushya : Gana.Rakshasa,
            AdiStars.Contains(star) ? Nadi.Adi : MadhyaStars.Contains(star) ? Nadi.Madhya : Nadi.Antya);
    }

    /// <summary>Varna of a Moon sign: water signs Brahmin, fire Kshatriya, earth Vaishya, air Shudra.</summary>
    public static Varna VarnaOf(int sign) => Rashi.Element(sign) switch
    {
        SignElement.Water => Varna.Brahmin,
        SignElement.Fire => Varna.Kshatriya,
        SignElement.Earth => Varna.Vaishya,
        _ => Varna.Shudra,
    };

    /// <summary>Vashya group of a Moon sign; Sagittarius and Capricorn change group at 15° of the sign.</summary>
    /// <param name="sign">1–12.</param>
    /// <param name="degreeInSign">Degrees within the sign, [0, 30).</param>
    public static VashyaGroup VashyaOf(int sign, double degreeInSign) => sign switch
    {
        1 or 2 => VashyaGroup.Chatushpada,
        3 or 6 or 7 or 11 => VashyaGroup.Manava,
        4 or 12 => VashyaGroup.Jalachara,
        5 => VashyaGroup.Vanachara,
        8 => VashyaGroup.Keeta,
        9 => degreeInSign < 15 ? VashyaGroup.Manava : VashyaGroup.Chatushpada,
        10 => degreeInSign < 15 ? VashyaGroup.Chatushpada : VashyaGroup.Jalachara,
        _ => throw new ArgumentOutOfRangeException(nameof(sign), sign, "Signs are numbered 1 to 12."),
    };
}
