namespace StarSync.Engine.Astrology.Charts;

/// <summary>
/// Combustion (astangata): a graha too close to the Sun. Orbs as in Surya Siddhanta 9.6–9 as commonly
/// quoted: Moon 12°, Mars 17°, Mercury 14° (12° when retrograde), Jupiter 11°, Venus 10° (8° when retrograde),
/// Saturn 15°. The Sun and the nodes are never combust.
/// </summary>
public static class Combustion
{
    /// <summary>The orb in degrees, or null for grahas that are never combust.</summary>
    public static double? Orb(Graha graha, bool retrograde) => graha switch
    {
        Graha.Moon => 12,
        Graha.Mars => 17,
        Graha.Mercury => retrograde ? 12 : 14,
        Graha.Jupiter => 11,
        Graha.Venus => retrograde ? 8 : 10,
        Graha.Saturn => 15,
        _ => null,
    };

    /// <summary>Whether a graha at <paramref name="longitude"/> is combust with the Sun at <paramref name="sunLongitude"/>.</summary>
    public static bool IsCombust(Graha graha, double longitude, bool retrograde, double sunLongitude) =>
        Orb(graha, retrograde) is { } orb && Angle.Separation(longitude, sunLongitude) < orb;
}
