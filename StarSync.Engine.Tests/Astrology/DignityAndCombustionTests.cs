using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Tests.Astrology;

/// <summary>
/// Dignity (BPHS chapter 3: exaltation 3.49–50, moolatrikona 3.51–54, natural relationships 3.55) and
/// combustion orbs. Expected values come from the texts, not from the tables in the code.
/// </summary>
public sealed class DignityAndCombustionTests
{
    private const int Ar = 1, Ta = 2, Ge = 3, Cn = 4, Le = 5, Vi = 6, Li = 7, Sc = 8, Sg = 9, Cp = 10, Aq = 11, Pi = 12;

    private static double At(int sign, double degree) => (sign - 1) * 30 + degree;

    // Exaltation signs (BPHS 3.49): Sun Aries, Moon Taurus, Mars Capricorn, Mercury Virgo, Jupiter Cancer,
    // Venus Pisces, Saturn Libra; debilitation is the seventh sign from each.
    [Theory]
    [InlineData(Graha.Sun, Ar, Li)]
    [InlineData(Graha.Moon, Ta, Sc)]
    [InlineData(Graha.Mars, Cp, Cn)]
    [InlineData(Graha.Mercury, Vi, Pi)]
    [InlineData(Graha.Jupiter, Cn, Cp)]
    [InlineData(Graha.Venus, Pi, Vi)]
    [InlineData(Graha.Saturn, Li, Ar)]
    public void Exaltation_and_debilitation_hold_throughout_the_sign(Graha graha, int exaltation, int debilitation)
    {
        foreach (var degree in new[] { 0.0, 0.5, 15, 29.99 })
        {
            Assert.Equal(DignityKind.Exalted, Dignity.Of(graha, At(exaltation, degree)));
            Assert.Equal(DignityKind.Debilitated, Dignity.Of(graha, At(debilitation, degree)));
        }
    }

    [Theory]
    [InlineData(Graha.Sun, 10)]       // Aries 10°
    [InlineData(Graha.Moon, 33)]      // Taurus 3°
    [InlineData(Graha.Mars, 298)]     // Capricorn 28°
    [InlineData(Graha.Mercury, 165)]  // Virgo 15°
    [InlineData(Graha.Jupiter, 95)]   // Cancer 5°
    [InlineData(Graha.Venus, 357)]    // Pisces 27°
    [InlineData(Graha.Saturn, 200)]   // Libra 20°
    public void Deep_exaltation_points_are_those_of_BPHS(Graha graha, double longitude)
    {
        Assert.Equal(longitude, Dignity.DeepExaltation(graha));
    }

    [Theory]
    // Sun: Leo 0–20° moolatrikona, the rest own sign.
    [InlineData(Graha.Sun, Le, 0, DignityKind.Moolatrikona)]
    [InlineData(Graha.Sun, Le, 19.99, DignityKind.Moolatrikona)]
    [InlineData(Graha.Sun, Le, 20, DignityKind.Own)]
    [InlineData(Graha.Sun, Le, 25, DignityKind.Own)]
    // Moon: Taurus 3–30° is moolatrikona in BPHS, but Taurus is her exaltation sign and whole-sign exaltation wins.
    [InlineData(Graha.Moon, Ta, 1, DignityKind.Exalted)]
    [InlineData(Graha.Moon, Ta, 10, DignityKind.Exalted)]
    [InlineData(Graha.Moon, Cn, 10, DignityKind.Own)]
    // Mars: Aries 0–12° moolatrikona, then own; Scorpio own.
    [InlineData(Graha.Mars, Ar, 5, DignityKind.Moolatrikona)]
    [InlineData(Graha.Mars, Ar, 12, DignityKind.Own)]
    [InlineData(Graha.Mars, Ar, 20, DignityKind.Own)]
    [InlineData(Graha.Mars, Sc, 10, DignityKind.Own)]
    // Mercury: Virgo 15–20° moolatrikona in BPHS, but Virgo is also his exaltation sign: exalted throughout.
    [InlineData(Graha.Mercury, Vi, 17, DignityKind.Exalted)]
    [InlineData(Graha.Mercury, Vi, 25, DignityKind.Exalted)]
    [InlineData(Graha.Mercury, Ge, 10, DignityKind.Own)]
    // Jupiter: Sagittarius 0–10° moolatrikona, then own; Pisces own.
    [InlineData(Graha.Jupiter, Sg, 5, DignityKind.Moolatrikona)]
    [InlineData(Graha.Jupiter, Sg, 10, DignityKind.Own)]
    [InlineData(Graha.Jupiter, Pi, 10, DignityKind.Own)]
    // Venus: Libra 0–15° moolatrikona, then own; Taurus own.
    [InlineData(Graha.Venus, Li, 10, DignityKind.Moolatrikona)]
    [InlineData(Graha.Venus, Li, 15, DignityKind.Own)]
    [InlineData(Graha.Venus, Ta, 10, DignityKind.Own)]
    // Saturn: Aquarius 0–20° moolatrikona, then own; Capricorn own.
    [InlineData(Graha.Saturn, Aq, 10, DignityKind.Moolatrikona)]
    [InlineData(Graha.Saturn, Aq, 20, DignityKind.Own)]
    [InlineData(Graha.Saturn, Cp, 10, DignityKind.Own)]
    public void Moolatrikona_ranges_and_own_signs(Graha graha, int sign, double degree, DignityKind expected)
    {
        Assert.Equal(expected, Dignity.Of(graha, At(sign, degree)));
    }

    [Theory]
    // Sun: friends Moon, Mars, Jupiter; neutral Mercury; enemies Venus, Saturn.
    [InlineData(Graha.Sun, Cn, DignityKind.Friend)]
    [InlineData(Graha.Sun, Sg, DignityKind.Friend)]
    [InlineData(Graha.Sun, Ge, DignityKind.Neutral)]
    [InlineData(Graha.Sun, Ta, DignityKind.Enemy)]
    [InlineData(Graha.Sun, Cp, DignityKind.Enemy)]
    // Moon: friends Sun, Mercury; everyone else neutral; no enemies.
    [InlineData(Graha.Moon, Le, DignityKind.Friend)]
    [InlineData(Graha.Moon, Ge, DignityKind.Friend)]
    [InlineData(Graha.Moon, Ar, DignityKind.Neutral)]
    [InlineData(Graha.Moon, Li, DignityKind.Neutral)]
    [InlineData(Graha.Moon, Cp, DignityKind.Neutral)]
    // Mars: friends Sun, Moon, Jupiter; neutral Venus, Saturn; enemy Mercury.
    [InlineData(Graha.Mars, Le, DignityKind.Friend)]
    [InlineData(Graha.Mars, Pi, DignityKind.Friend)]
    [InlineData(Graha.Mars, Li, DignityKind.Neutral)]
    [InlineData(Graha.Mars, Ge, DignityKind.Enemy)]
    // Mercury: friends Sun, Venus; neutral Mars, Jupiter, Saturn; enemy Moon.
    [InlineData(Graha.Mercury, Le, DignityKind.Friend)]
    [InlineData(Graha.Mercury, Li, DignityKind.Friend)]
    [InlineData(Graha.Mercury, Sg, DignityKind.Neutral)]
    [InlineData(Graha.Mercury, Cn, DignityKind.Enemy)]
    // Jupiter: friends Sun, Moon, Mars; neutral Saturn; enemies Mercury, Venus.
    [InlineData(Graha.Jupiter, Ar, DignityKind.Friend)]
    [InlineData(Graha.Jupiter, Aq, DignityKind.Neutral)]
    [InlineData(Graha.Jupiter, Ge, DignityKind.Enemy)]
    [InlineData(Graha.Jupiter, Ta, DignityKind.Enemy)]
    // Venus: friends Mercury, Saturn; neutral Mars, Jupiter; enemies Sun, Moon.
    [InlineData(Graha.Venus, Ge, DignityKind.Friend)]
    [InlineData(Graha.Venus, Aq, DignityKind.Friend)]
    [InlineData(Graha.Venus, Sg, DignityKind.Neutral)]
    [InlineData(Graha.Venus, Cn, DignityKind.Enemy)]
    [InlineData(Graha.Venus, Le, DignityKind.Enemy)]
    // Saturn: friends Mercury, Venus; neutral Jupiter; enemies Sun, Moon, Mars.
    [InlineData(Graha.Saturn, Ta, DignityKind.Friend)]
    [InlineData(Graha.Saturn, Sg, DignityKind.Neutral)]
    [InlineData(Graha.Saturn, Le, DignityKind.Enemy)]
    [InlineData(Graha.Saturn, Sc, DignityKind.Enemy)]
    public void Friend_neutral_and_enemy_signs_follow_the_natural_relationships(Graha graha, int sign, DignityKind expected)
    {
        Assert.Equal(expected, Dignity.Of(graha, At(sign, 15)));
    }

    [Theory]
    [InlineData(Graha.Mars, Graha.Moon, Relationship.Friend)]
    [InlineData(Graha.Moon, Graha.Mars, Relationship.Neutral)]
    [InlineData(Graha.Mercury, Graha.Moon, Relationship.Enemy)]
    [InlineData(Graha.Moon, Graha.Mercury, Relationship.Friend)]
    [InlineData(Graha.Saturn, Graha.Jupiter, Relationship.Neutral)]
    [InlineData(Graha.Jupiter, Graha.Saturn, Relationship.Neutral)]
    public void Natural_relationships_need_not_be_mutual(Graha graha, Graha other, Relationship expected)
    {
        Assert.Equal(expected, Grahas.NaturalRelationship(graha, other));
    }

    [Theory]
    [InlineData(Graha.Rahu)]
    [InlineData(Graha.Ketu)]
    public void The_nodes_have_no_dignity_anywhere(Graha node)
    {
        for (var longitude = 0.5; longitude < 360; longitude += 7.5)
        {
            Assert.Equal(DignityKind.None, Dignity.Of(node, longitude));
        }

        Assert.Null(Dignity.DeepExaltation(node));
        Assert.Null(Dignity.Moolatrikona(node));
    }

    [Theory]
    [InlineData(Graha.Moon, false, 12.0)]
    [InlineData(Graha.Mars, false, 17.0)]
    [InlineData(Graha.Mercury, false, 14.0)]
    [InlineData(Graha.Mercury, true, 12.0)]
    [InlineData(Graha.Jupiter, false, 11.0)]
    [InlineData(Graha.Jupiter, true, 11.0)]
    [InlineData(Graha.Venus, false, 10.0)]
    [InlineData(Graha.Venus, true, 8.0)]
    [InlineData(Graha.Saturn, false, 15.0)]
    public void Combustion_orbs_are_the_classical_ones(Graha graha, bool retrograde, double orb)
    {
        Assert.Equal(orb, Combustion.Orb(graha, retrograde));
    }

    [Theory]
    [InlineData(Graha.Sun)]
    [InlineData(Graha.Rahu)]
    [InlineData(Graha.Ketu)]
    public void The_Sun_and_the_nodes_are_never_combust(Graha graha)
    {
        Assert.Null(Combustion.Orb(graha, retrograde: false));
        Assert.Null(Combustion.Orb(graha, retrograde: true));
        Assert.False(Combustion.IsCombust(graha, 100.0, retrograde: false, sunLongitude: 100.0));
        Assert.False(Combustion.IsCombust(graha, 100.5, retrograde: true, sunLongitude: 100.0));
    }

    [Fact]
    public void Retrograde_Mercury_13_degrees_from_the_Sun_is_not_combust_but_direct_Mercury_is()
    {
        Assert.True(Combustion.IsCombust(Graha.Mercury, 113, retrograde: false, sunLongitude: 100));
        Assert.False(Combustion.IsCombust(Graha.Mercury, 113, retrograde: true, sunLongitude: 100));
        Assert.True(Combustion.IsCombust(Graha.Mercury, 111, retrograde: true, sunLongitude: 100));
    }

    [Fact]
    public void Retrograde_Venus_9_degrees_from_the_Sun_is_not_combust_but_direct_Venus_is()
    {
        Assert.True(Combustion.IsCombust(Graha.Venus, 91, retrograde: false, sunLongitude: 100));
        Assert.False(Combustion.IsCombust(Graha.Venus, 91, retrograde: true, sunLongitude: 100));
        Assert.True(Combustion.IsCombust(Graha.Venus, 92.5, retrograde: true, sunLongitude: 100));
    }

    [Fact]
    public void Combustion_distance_is_measured_across_0_degrees_Aries()
    {
        // Sun at 355°, Mars at 5°: 10° apart, inside Mars's 17°; Jupiter at 8° is 13° away, outside its 11°.
        Assert.True(Combustion.IsCombust(Graha.Mars, 5, retrograde: false, sunLongitude: 355));
        Assert.False(Combustion.IsCombust(Graha.Jupiter, 8, retrograde: false, sunLongitude: 355));
        Assert.True(Combustion.IsCombust(Graha.Saturn, 350, retrograde: false, sunLongitude: 2));
    }
}
