namespace StarSync.Engine.Astrology.Charts;

/// <summary>The sixteen Parashari divisional charts (shodasavarga) of BPHS chapter 6.</summary>
public enum Varga
{
    D1 = 1,
    D2 = 2,
    D3 = 3,
    D4 = 4,
    D7 = 7,
    D9 = 9,
    D10 = 10,
    D12 = 12,
    D16 = 16,
    D20 = 20,
    D24 = 24,
    D27 = 27,
    D30 = 30,
    D40 = 40,
    D45 = 45,
    D60 = 60,
}

/// <summary>Sign placement in each divisional chart, following BPHS chapter 6 (Parashari rules).</summary>
public static class Vargas
{
    public static readonly IReadOnlyList<Varga> All = Enum.GetValues<Varga>();

    /// <summary>Conventional names, e.g. D9 "Navamsa".</summary>
    public static string Name(Varga varga) => varga switch
    {
        Varga.D1 => "Rasi",
        Varga.D2 => "Hora",
        Varga.D3 => "Drekkana",
        Varga.D4 => "Chaturthamsa",
        Varga.D7 => "Saptamsa",
        Varga.D9 => "Navamsa",
        Varga.D10 => "Dasamsa",
        Varga.D12 => "Dwadasamsa",
        Varga.D16 => "Shodasamsa",
        Varga.D20 => "Vimsamsa",
        Varga.D24 => "Chaturvimsamsa",
        Varga.D27 => "Saptavimsamsa",
        Varga.D30 => "Trimsamsa",
        Varga.D40 => "Khavedamsa",
        Varga.D45 => "Akshavedamsa",
        Varga.D60 => "Shashtiamsa",
        _ => throw new ArgumentOutOfRangeException(nameof(varga)),
    };

    /// <summary>Parses "D9" (case-insensitive); null when it is not one of the sixteen.</summary>
    public static Varga? Parse(string text) =>
        text is { Length: >= 2 } && (text[0] is 'D' or 'd') && int.TryParse(text.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && Enum.IsDefined(typeof(Varga), n) ? (Varga)n : null;

    /// <summary>The sign (1–12) a sidereal longitude falls in, in the given divisional chart.</summary>
    public static int SignOf(Varga varga, double longitude)
    {
        longitude = Angle.Normalize(longitude);
        var sign = Rashi.FromLongitude(longitude);
        var degree = longitude - (sign - 1) * 30;
        var n = (int)varga;
        var part = Math.Min(n - 1, (int)(degree * n / 30.0));
        var odd = Rashi.IsOdd(sign);
        var modality = Rashi.Modality(sign);
        switch (varga)
        {
            case Varga.D1:
                return sign;

            case Varga.D2:
                // Parashari hora: odd signs Sun's hora (Leo) then Moon's (Cancer); even signs the reverse.
                return (part == 0) == odd ? 5 : 4;

            case Varga.D3:
                // Drekkana: the sign itself, then the 5th and the 9th from it.
                return Rashi.CountFrom(sign, 1 + 4 * part);

            case Varga.D4:
                // Chaturthamsa: the sign, then the 4th, 7th and 10th from it.
                return Rashi.CountFrom(sign, 1 + 3 * part);

            case Varga.D7:
                // Saptamsa: odd signs from the sign itself, even signs from the 7th.
                return Rashi.CountFrom(odd ? sign : Rashi.CountFrom(sign, 7), 1 + part);

            case Varga.D9:
                // Navamsa: movable signs from themselves, fixed from the 9th, dual from the 5th
                // (equivalently fire from Aries, earth from Capricorn, air from Libra, water from Cancer).
                return Rashi.CountFrom(modality switch
                {
                    SignModality.Movable => sign,
                    SignModality.Fixed => Rashi.CountFrom(sign, 9),
                    _ => Rashi.CountFrom(sign, 5),
                }, 1 + part);

            case Varga.D10:
                // Dasamsa: odd signs from the sign itself, even signs from the 9th.
                return Rashi.CountFrom(odd ? sign : Rashi.CountFrom(sign, 9), 1 + part);

            case Varga.D12:
                // Dwadasamsa: from the sign itself.
                return Rashi.CountFrom(sign, 1 + part);

            case Varga.D16:
                // Shodasamsa: movable from Aries, fixed from Leo, dual from Sagittarius.
                return Rashi.CountFrom(modality switch { SignModality.Movable => 1, SignModality.Fixed => 5, _ => 9 }, 1 + part);

            case Varga.D20:
                // Vimsamsa: movable from Aries, fixed from Sagittarius, dual from Leo.
                return Rashi.CountFrom(modality switch { SignModality.Movable => 1, SignModality.Fixed => 9, _ => 5 }, 1 + part);

            case Varga.D24:
                // Chaturvimsamsa (siddhamsa): odd signs from Leo, even signs from Cancer.
                return Rashi.CountFrom(odd ? 5 : 4, 1 + part);

            case Varga.D27:
                // Saptavimsamsa (bhamsa): fire from Aries, earth from Cancer, air from Libra, water from Capricorn.
                return Rashi.CountFrom(Rashi.Element(sign) switch
                {
                    SignElement.Fire => 1,
                    SignElement.Earth => 4,
                    SignElement.Air => 7,
                    _ => 10,
                }, 1 + part);

            case Varga.D30:
                return Trimsamsa(odd, degree);

            case Varga.D40:
                // Khavedamsa: odd signs from Aries, even signs from Libra.
                return Rashi.CountFrom(odd ? 1 : 7, 1 + part);

            case Varga.D45:
                // Akshavedamsa: movable from Aries, fixed from Leo, dual from Sagittarius.
                return Rashi.CountFrom(modality switch { SignModality.Movable => 1, SignModality.Fixed => 5, _ => 9 }, 1 + part);

            case Varga.D60:
                // Shashtiamsa: counted from the sign itself.
                return Rashi.CountFrom(sign, 1 + part);

            default:
                throw new ArgumentOutOfRangeException(nameof(varga));
        }
    }

    /// <summary>
    /// Parashari trimsamsa: odd signs 5° Mars (Aries), 5° Saturn (Aquarius), 8° Jupiter (Sagittarius),
    /// 7° Mercury (Gemini), 5° Venus (Libra); even signs the reverse order of lords and lengths:
    /// 5° Venus (Taurus), 7° Mercury (Virgo), 8° Jupiter (Pisces), 5° Saturn (Capricorn), 5° Mars (Scorpio).
    /// </summary>
    private static int Trimsamsa(bool odd, double degree) => odd
        ? degree switch { < 5 => 1, < 10 => 11, < 18 => 9, < 25 => 3, _ => 7 }
        : degree switch { < 5 => 2, < 12 => 6, < 20 => 12, < 25 => 10, _ => 8 };
}
