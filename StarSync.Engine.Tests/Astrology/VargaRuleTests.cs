using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Tests.Astrology;

/// <summary>
/// Divisional-chart placements checked by hand against the rules of BPHS chapter 6. Each case gives the sign
/// (1 = Aries … 12 = Pisces) and the degree within it; the comment beside it is the working.
/// Signs: odd = Ar Ge Le Li Sg Aq; movable = Ar Cn Li Cp, fixed = Ta Le Sc Aq, dual = Ge Vi Sg Pi;
/// fire = Ar Le Sg, earth = Ta Vi Cp, air = Ge Li Aq, water = Cn Sc Pi.
/// </summary>
public sealed class VargaRuleTests
{
    private const int Ar = 1, Ta = 2, Ge = 3, Cn = 4, Le = 5, Vi = 6, Li = 7, Sc = 8, Sg = 9, Cp = 10, Aq = 11, Pi = 12;

    public static TheoryData<Varga, int, double, int> Cases() => new()
    {
        // D1 (rasi): the sign itself.
        { Varga.D1, Ar, 0, Ar },
        { Varga.D1, Le, 15, Le },
        { Varga.D1, Pi, 29.99, Pi },

        // D2 (hora, 15° parts): odd signs Sun's hora (Leo) then Moon's (Cancer); even signs Moon's then Sun's.
        { Varga.D2, Ar, 10, Le },       // odd, first half
        { Varga.D2, Ar, 20, Cn },       // odd, second half
        { Varga.D2, Ta, 10, Cn },       // even, first half
        { Varga.D2, Ta, 20, Le },       // even, second half
        { Varga.D2, Ge, 15, Cn },       // 15° exactly starts the second half
        { Varga.D2, Cn, 14.99, Cn },    // even, still the first half

        // D3 (drekkana, 10° parts): the sign, the 5th from it, the 9th from it.
        { Varga.D3, Ar, 5, Ar },
        { Varga.D3, Ar, 15, Le },       // 5th from Ar
        { Varga.D3, Ar, 25, Sg },       // 9th from Ar
        { Varga.D3, Ta, 10, Vi },       // 10° exactly: second part, 5th from Ta
        { Varga.D3, Cn, 9.99, Cn },
        { Varga.D3, Pi, 29, Sc },       // 9th from Pi: Pi Ar Ta Ge Cn Le Vi Li Sc

        // D4 (chaturthamsa, 7°30′ parts): the sign, then the 4th, 7th and 10th from it.
        { Varga.D4, Ar, 3, Ar },
        { Varga.D4, Ar, 8, Cn },        // 4th from Ar
        { Varga.D4, Ge, 7.5, Vi },      // 7°30′ exactly: second part, 4th from Ge
        { Varga.D4, Ta, 20, Sc },       // third part, 7th from Ta
        { Varga.D4, Le, 29, Ta },       // fourth part, 10th from Le

        // D7 (saptamsa, 4°17′8.6″ parts): odd signs count from the sign, even signs from the 7th.
        { Varga.D7, Ar, 1, Ar },
        { Varga.D7, Ar, 29, Li },       // part 7 of an odd sign: 7th from Ar
        { Varga.D7, Ge, 5, Cn },        // part 2 of Ge
        { Varga.D7, Ta, 1, Sc },        // even: from the 7th (Sc)
        { Varga.D7, Ta, 10, Cp },       // 10/4.2857 = 2.33: part 3 from Sc
        { Varga.D7, Pi, 29, Pi },       // even: from Vi, part 7 = Vi Li Sc Sg Cp Aq Pi

        // D9 (navamsa, 3°20′ parts): movable from the sign, fixed from the 9th, dual from the 5th.
        { Varga.D9, Ar, 0, Ar },
        { Varga.D9, Ar, 3.33, Ar },     // just inside the first part
        { Varga.D9, Ar, 3.34, Ta },     // just inside the second
        { Varga.D9, Ar, 29.9, Sg },     // ninth navamsa of Ar
        { Varga.D9, Ta, 0, Cp },        // fixed: 9th from Ta
        { Varga.D9, Ge, 29.9, Ge },     // dual: from Li (5th), ninth part = Ge (vargottama)
        { Varga.D9, Cn, 0, Cn },        // movable: from itself
        { Varga.D9, Le, 5, Ta },        // fixed: from Ar (9th from Le), second part
        { Varga.D9, Vi, 15, Ta },       // dual: from Cp (5th from Vi), fifth part
        { Varga.D9, Pi, 11, Li },       // dual: from Cn, fourth part

        // D10 (dasamsa, 3° parts): odd signs from the sign, even signs from the 9th.
        { Varga.D10, Ar, 0, Ar },
        { Varga.D10, Ar, 29, Cp },      // tenth part from Ar
        { Varga.D10, Ge, 3, Cn },       // 3° exactly: second part
        { Varga.D10, Ta, 0, Cp },       // even: 9th from Ta
        { Varga.D10, Ta, 4, Aq },
        { Varga.D10, Pi, 29, Le },      // even: from Sc (9th from Pi), tenth part

        // D12 (dwadasamsa, 2°30′ parts): from the sign itself.
        { Varga.D12, Ar, 1, Ar },
        { Varga.D12, Ar, 29, Pi },      // twelfth part
        { Varga.D12, Ta, 2.5, Ge },     // 2°30′ exactly: second part
        { Varga.D12, Li, 16, Ar },      // 16/2.5 = 6.4: seventh part from Li
        { Varga.D12, Pi, 29, Aq },

        // D16 (shodasamsa, 1°52′30″ parts): movable from Ar, fixed from Le, dual from Sg.
        { Varga.D16, Ar, 0, Ar },
        { Varga.D16, Ar, 29, Cn },      // 29/1.875 = 15.5: sixteenth part from Ar
        { Varga.D16, Cn, 15, Sg },      // movable: ninth part from Ar
        { Varga.D16, Ta, 0, Le },       // fixed
        { Varga.D16, Ta, 10, Cp },      // 10/1.875 = 5.3: sixth part from Le
        { Varga.D16, Ge, 0, Sg },       // dual
        { Varga.D16, Ge, 2, Cp },
        { Varga.D16, Pi, 29.9, Pi },    // sixteenth part from Sg

        // D20 (vimsamsa, 1°30′ parts): movable from Ar, fixed from Sg, dual from Le.
        { Varga.D20, Cn, 0, Ar },
        { Varga.D20, Li, 29, Sc },      // 29/1.5 = 19.3: twentieth part from Ar
        { Varga.D20, Le, 0, Sg },       // fixed
        { Varga.D20, Le, 3, Aq },       // 3° exactly: third part from Sg
        { Varga.D20, Vi, 0, Le },       // dual
        { Varga.D20, Pi, 16, Ge },      // 16/1.5 = 10.7: eleventh part from Le

        // D24 (chaturvimsamsa, 1°15′ parts): odd signs from Le, even signs from Cn.
        { Varga.D24, Ar, 0, Le },
        { Varga.D24, Ar, 29.9, Cn },    // twenty-fourth part from Le
        { Varga.D24, Ge, 20, Sg },      // 20/1.25 = 16: seventeenth part from Le
        { Varga.D24, Ta, 0, Cn },
        { Varga.D24, Ta, 10, Pi },      // 10/1.25 = 8: ninth part from Cn

        // D27 (saptavimsamsa, 1°6′40″ parts): fire from Ar, earth from Cn, air from Li, water from Cp.
        { Varga.D27, Le, 0, Ar },
        { Varga.D27, Vi, 0, Cn },
        { Varga.D27, Aq, 0, Li },
        { Varga.D27, Sc, 0, Cp },
        { Varga.D27, Ar, 29.9, Ge },    // twenty-seventh part from Ar
        { Varga.D27, Ta, 15, Le },      // 15 × 27/30 = 13.5: fourteenth part from Cn
        { Varga.D27, Pi, 5, Ta },       // 4.5: fifth part from Cp

        // D30 (trimsamsa): odd signs 5° Mars (Ar), 5° Saturn (Aq), 8° Jupiter (Sg), 7° Mercury (Ge), 5° Venus (Li);
        // even signs the reverse: 5° Venus (Ta), 7° Mercury (Vi), 8° Jupiter (Pi), 5° Saturn (Cp), 5° Mars (Sc).
        { Varga.D30, Ar, 2, Ar },
        { Varga.D30, Ar, 4.99, Ar },
        { Varga.D30, Ar, 5, Aq },
        { Varga.D30, Ar, 7, Aq },
        { Varga.D30, Ar, 10, Sg },
        { Varga.D30, Ar, 14, Sg },
        { Varga.D30, Ar, 17.99, Sg },
        { Varga.D30, Ar, 18, Ge },
        { Varga.D30, Ar, 20, Ge },
        { Varga.D30, Ar, 25, Li },
        { Varga.D30, Ar, 27, Li },
        { Varga.D30, Sg, 14, Sg },      // another odd sign, Jupiter's part
        { Varga.D30, Ta, 2, Ta },
        { Varga.D30, Ta, 5, Vi },
        { Varga.D30, Ta, 7, Vi },
        { Varga.D30, Ta, 11.99, Vi },
        { Varga.D30, Ta, 12, Pi },
        { Varga.D30, Ta, 15, Pi },
        { Varga.D30, Ta, 20, Cp },
        { Varga.D30, Ta, 22, Cp },
        { Varga.D30, Ta, 25, Sc },
        { Varga.D30, Ta, 27, Sc },
        { Varga.D30, Pi, 27, Sc },      // another even sign, Mars's part

        // D40 (khavedamsa, 45′ parts): odd signs from Ar, even signs from Li.
        { Varga.D40, Ar, 0, Ar },
        { Varga.D40, Ar, 29.9, Cn },    // fortieth part from Ar: 39 signs on = 3 cycles + 3
        { Varga.D40, Ge, 1, Ta },       // second part from Ar
        { Varga.D40, Ta, 0, Li },
        { Varga.D40, Ta, 10, Sc },      // 10/0.75 = 13.3: fourteenth part from Li

        // D45 (akshavedamsa, 40′ parts): movable from Ar, fixed from Le, dual from Sg.
        { Varga.D45, Cn, 0, Ar },
        { Varga.D45, Cn, 29.9, Sg },    // forty-fifth part from Ar: 44 signs on = 3 cycles + 8
        { Varga.D45, Sc, 0, Le },
        { Varga.D45, Sc, 10, Sc },      // 10 × 1.5 = 15: sixteenth part from Le
        { Varga.D45, Pi, 0, Sg },
        { Varga.D45, Pi, 1, Cp },       // 1.5: second part from Sg

        // D60 (shashtiamsa, 30′ parts): degrees × 2, counted from the sign itself.
        { Varga.D60, Ar, 0, Ar },
        { Varga.D60, Ar, 0.5, Ta },     // 30′ exactly: second part
        { Varga.D60, Ar, 29.9, Pi },    // sixtieth part: 59 signs on = 4 cycles + 11
        { Varga.D60, Ta, 15.2, Sc },    // 30.4: thirty-first part from Ta
        { Varga.D60, Pi, 29.75, Aq },   // sixtieth part from Pi
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sign_in_divisional_chart_follows_the_Parashari_rule(Varga varga, int sign, double degree, int expected)
    {
        var longitude = (sign - 1) * 30 + degree;

        Assert.Equal(expected, Vargas.SignOf(varga, longitude));
    }

    [Fact]
    public void Every_one_of_the_sixteen_vargas_has_hand_checked_cases()
    {
        var covered = Cases().Select(row => (Varga)row[0]).ToHashSet();

        Assert.Equal(16, Vargas.All.Count);
        Assert.All(Vargas.All, varga => Assert.Contains(varga, covered));
    }

    [Theory]
    [InlineData(360.0, Ar)]
    [InlineData(-30.0, Pi)]
    [InlineData(725.0, Ar)]
    public void Longitudes_outside_0_to_360_are_normalised_first(double longitude, int expectedRasi)
    {
        Assert.Equal(expectedRasi, Vargas.SignOf(Varga.D1, longitude));
    }

    /// <summary>
    /// Navamsa and saptavimsamsa are continuous from 0° Aries: 9 and 27 parts per sign leave the count on the
    /// right element, so the n-th part of the zodiac is simply sign (n mod 12) + 1. An independent check of the
    /// movable/fixed/dual and fire/earth/air/water starting points at every part of every sign.
    /// </summary>
    [Theory]
    [InlineData(Varga.D9)]
    [InlineData(Varga.D27)]
    public void Navamsa_and_bhamsa_count_continuously_from_Aries(Varga varga)
    {
        var parts = (int)varga * 12;
        var width = 360.0 / parts;
        for (var n = 0; n < parts; n++)
        {
            var middle = (n + 0.5) * width;
            Assert.Equal(n % 12 + 1, Vargas.SignOf(varga, middle));
        }
    }

    [Theory]
    [InlineData("D9", Varga.D9)]
    [InlineData("d60", Varga.D60)]
    public void Varga_names_parse(string text, Varga expected)
    {
        Assert.Equal(expected, Vargas.Parse(text));
    }

    [Theory]
    [InlineData("D5")]
    [InlineData("D")]
    [InlineData("9")]
    [InlineData("D+9")]
    public void Unknown_varga_names_do_not_parse(string text)
    {
        Assert.Null(Vargas.Parse(text));
    }
}
