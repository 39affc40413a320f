namespace StarSync.Engine.Astrology.Charts;

/// <summary>A graha's dignity in the sign it occupies.</summary>
public enum DignityKind
{
    /// <summary>Rahu and Ketu get no dignity by default (texts disagree on their signs).</summary>
    None,
    Exalted,
    Moolatrikona,
    Own,
    Friend,
    Neutral,
    Enemy,
    Debilitated,
}

/// <summary>
/// Dignity rules. Conventions: exaltation and debilitation by whole sign (the exaltation sign is "exalted"
/// throughout, and it wins over moolatrikona and own sign); the deep-exaltation degree as in BPHS 3.49–50;
/// moolatrikona ranges of BPHS 3.51–54; friend, neutral and enemy from the natural relationship of the graha
/// with the lord of the sign it occupies (BPHS 3.55).
/// </summary>
public static class Dignity
{
    /// <summary>Sidereal longitude in degrees of the deep-exaltation point, or null for the nodes.</summary>
    public static double? DeepExaltation(Graha graha) => graha switch
    {
        Graha.Sun => 10,            // Aries 10°
        Graha.Moon => 33,           // Taurus 3°
        Graha.Mars => 298,          // Capricorn 28°
        Graha.Mercury => 165,       // Virgo 15°
        Graha.Jupiter => 95,        // Cancer 5°
        Graha.Venus => 357,         // Pisces 27°
        Graha.Saturn => 200,        // Libra 20°
        _ => null,
    };

    /// <summary>The moolatrikona sign and degree range (start inclusive, end exclusive), BPHS 3.51–54.</summary>
    public static (int Sign, double From, double To)? Moolatrikona(Graha graha) => graha switch
    {
        Graha.Sun => (5, 0, 20),      // Leo 0–20°
        Graha.Moon => (2, 3, 30),     // Taurus 3–30°
        Graha.Mars => (1, 0, 12),     // Aries 0–12°
        Graha.Mercury => (6, 15, 20), // Virgo 15–20°
        Graha.Jupiter => (9, 0, 10),  // Sagittarius 0–10°
        Graha.Venus => (7, 0, 15),    // Libra 0–15°
        Graha.Saturn => (11, 0, 20),  // Aquarius 0–20°
        _ => null,
    };

    /// <summary>The dignity of <paramref name="graha"/> at a sidereal <paramref name="longitude"/> in degrees.</summary>
    public static DignityKind Of(Graha graha, double longitude)
    {
        if (graha is Graha.Rahu or Graha.Ketu)
        {
            return DignityKind.None;
        }

        var sign = Rashi.FromLongitude(longitude);
        var degree = Angle.Normalize(longitude) - (sign - 1) * 30;
        var exaltationSign = Rashi.FromLongitude(DeepExaltation(graha)!.Value);
        if (sign == exaltationSign)
        {
            return DignityKind.Exalted;
        }

        if (sign == Rashi.CountFrom(exaltationSign, 7))
        {
            return DignityKind.Debilitated;
        }

        if (Moolatrikona(graha) is { } mt && mt.Sign == sign && degree >= mt.From && degree < mt.To)
        {
            return DignityKind.Moolatrikona;
        }

        var lord = Rashi.Lord(sign);
        if (lord == graha)
        {
            return DignityKind.Own;
        }

        return Grahas.NaturalRelationship(graha, lord) switch
        {
            Relationship.Friend => DignityKind.Friend,
            Relationship.Enemy => DignityKind.Enemy,
            _ => DignityKind.Neutral,
        };
    }
}
