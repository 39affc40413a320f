using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Astrology.Horoscope;

/// <summary>The nine taras, counted from the birth (janma) nakshatra to the day's nakshatra.</summary>
public enum TaraKind
{
    Janma = 1,
    Sampat,
    Vipat,
    Kshema,
    Pratyak,
    Sadhana,
    Naidhana,
    Mitra,
    ParamaMitra,
}

/// <summary>
/// Tara bala (Muhurta Chintamani, the nakshatra strength used for choosing a day): count from the janma nakshatra to
/// the day's nakshatra, both included, and take the count modulo 9 (a remainder of 0 is the 9th tara). Sampat, Kshema,
/// Sadhana, Mitra and Parama Mitra are favourable; Vipat, Pratyak and Naidhana are not; Janma, the day of one's own
/// nakshatra, is mixed (taken as neutral here).
/// </summary>
public static class Tara
{
    /// <summary>The tara of <paramref name="dayNakshatra"/> for someone born in <paramref name="janmaNakshatra"/> (both 1–27).</summary>
    public static TaraKind Of(int janmaNakshatra, int dayNakshatra)
    {
        _ = Nakshatra.Name(janmaNakshatra);
        _ = Nakshatra.Name(dayNakshatra);
        var count = ((dayNakshatra - janmaNakshatra) % 27 + 27) % 27 + 1;
        return (TaraKind)((count - 1) % 9 + 1);
    }

    /// <summary>+1 favourable, 0 mixed (Janma), −1 unfavourable.</summary>
    public static int Value(TaraKind tara) => tara switch
    {
        TaraKind.Sampat or TaraKind.Kshema or TaraKind.Sadhana or TaraKind.Mitra or TaraKind.ParamaMitra => 1,
        TaraKind.Janma => 0,
        _ => -1,
    };

    /// <summary>The tara's name as almanacs print it.</summary>
    public static string Name(TaraKind tara) => tara == TaraKind.ParamaMitra ? "Parama Mitra" : tara.ToString();

    /// <summary>What the name means, for readers.</summary>
    public static string Meaning(TaraKind tara) => tara switch
    {
        TaraKind.Janma => "birth",
        TaraKind.Sampat => "wealth",
        TaraKind.Vipat => "danger",
        TaraKind.Kshema => "well-being",
        TaraKind.Pratyak => "obstacle",
        TaraKind.Sadhana => "achievement",
        TaraKind.Naidhana => "destruction",
        TaraKind.Mitra => "friend",
        _ => "best friend",
    };

    /// <summary>
    /// The nakshatra a Moon sign is read from when no birth nakshatra is known: the one nakshatra lying wholly inside
    /// the sign (the nakshatra holding the sign's 15th degree): Bharani for Aries, Rohini for Taurus, Ardra for Gemini,
    /// and so on.
    /// </summary>
    public static int SignNakshatra(int sign)
    {
        _ = Rashi.Name(sign);
        return Nakshatra.FromLongitude((sign - 1) * 30 + 15);
    }
}
