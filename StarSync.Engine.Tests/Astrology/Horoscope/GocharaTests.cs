using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Horoscope;

namespace StarSync.Engine.Tests.Astrology.Horoscope;

/// <summary>
/// Gochara, vedha and tara worked by hand from swetest's positions at one sunrise, and the rules' exemptions on
/// skies made up to need them.
/// </summary>
public sealed class GocharaTests
{
    /// <summary>
    /// 2024-03-20, sunrise at New Delhi, from swetest (Swiss Ephemeris 2.10.03), not from the code under test:
    /// <c>swetest -b19.3.2024 -ut18:30 -p0 -rise -geopos77.2090,28.6139,0 -at0,10 -n1 -head</c> → rise 20.03.2024 00:54:51.2 UT
    /// (upper limb with refraction; pressure from the altitude and 10 °C, the engine's sunrise convention);
    /// <c>swetest -b20.3.2024 -ut00:54:51.2 -p0123456m -sid1 -fPl -head -eswe</c> → sidereal (Lahiri) longitudes below.
    /// </summary>
    internal static readonly Instant SwetestSunrise = Instant.FromUtc(2024, 3, 20, 0, 54, 51) + Duration.FromMilliseconds(200);

    /// <summary>Sun, Moon, Mars, Mercury, Jupiter, Venus, Saturn, Rahu (mean node), Ketu (opposite), in Graha order.</summary>
    internal static readonly double[] SwetestLongitudes =
    [
        335.7150861, // Sun: Pisces
        98.5189888,  // Moon: Cancer, Pushya (98.52 / 13.333 = 7.39 → 8th nakshatra)
        303.5084111, // Mars: Aquarius
        353.1140319, // Mercury: Pisces
        20.6731970,  // Jupiter: Aries
        315.8644781, // Venus: Aquarius
        318.0205115, // Saturn: Aquarius
        352.4976635, // Rahu: Pisces
        172.4976635, // Ketu: Virgo
    ];

    internal static DailySky SwetestSky => new(new LocalDate(2024, 3, 20), SwetestSunrise, SwetestLongitudes);

    private static GocharaPosition Of(IReadOnlyList<GocharaPosition> read, Graha graha) => read.Single(p => p.Graha == graha);

    [Fact]
    public void Aries_on_2024_03_20_is_worked_by_hand_from_swetest_positions()
    {
        var read = Gochara.Read(1, SwetestSky.Signs);

        // Houses from Aries: Pisces is the 12th, Cancer the 4th, Aquarius the 11th, Aries the 1st, Virgo the 6th.
        Assert.Equal((12, GocharaEffect.Unfavourable), (Of(read, Graha.Sun).House, Of(read, Graha.Sun).Effect));
        Assert.Equal((4, GocharaEffect.Unfavourable), (Of(read, Graha.Moon).House, Of(read, Graha.Moon).Effect));
        Assert.Equal((12, GocharaEffect.Unfavourable), (Of(read, Graha.Mercury).House, Of(read, Graha.Mercury).Effect));
        Assert.Equal((1, GocharaEffect.Unfavourable), (Of(read, Graha.Jupiter).House, Of(read, Graha.Jupiter).Effect));
        Assert.Equal((12, GocharaEffect.Unfavourable), (Of(read, Graha.Rahu).House, Of(read, Graha.Rahu).Effect));
        // Mars and Saturn in the 11th: good, and their vedha point (the 5th, Leo) is empty.
        Assert.Equal((11, GocharaEffect.Favourable), (Of(read, Graha.Mars).House, Of(read, Graha.Mars).Effect));
        Assert.Equal((11, GocharaEffect.Favourable), (Of(read, Graha.Saturn).House, Of(read, Graha.Saturn).Effect));
        Assert.Equal(5, Of(read, Graha.Saturn).VedhaHouse);
        // Ketu in the 6th: good; its vedha point, the 9th (Sagittarius), is empty.
        Assert.Equal((6, GocharaEffect.Favourable), (Of(read, Graha.Ketu).House, Of(read, Graha.Ketu).Effect));
        // Venus in the 11th is good, but its vedha point is the 6th, where Ketu stands.
        var venus = Of(read, Graha.Venus);
        Assert.Equal((11, GocharaEffect.Obstructed, 6), (venus.House, venus.Effect, venus.VedhaHouse));
        Assert.Equal([Graha.Ketu], venus.ObstructedBy);
    }

    [Fact]
    public void The_same_sky_read_from_Sagittarius_puts_the_Moon_in_the_eighth()
    {
        var moon = Of(Gochara.Read(9, SwetestSky.Signs), Graha.Moon);

        Assert.Equal(8, moon.House);
        Assert.Equal(GocharaEffect.Unfavourable, moon.Effect);
        var reading = HoroscopeRules.Read(SwetestSky, 9);
        Assert.Contains("Chandrashtama", reading.Reasons[0].Statement, StringComparison.Ordinal);
        Assert.Equal("Moon in Cancer, the 8th from Sagittarius (unfavourable: Moon gives good results in the 1st, 3rd, 6th, 7th, 10th and 11th)", reading.Reasons[0].Because);
    }

    [Fact]
    public void Saturn_is_not_obstructed_by_the_Sun_nor_the_Moon_by_Mercury()
    {
        // Made-up sky read from Aries: Saturn in the 3rd (Gemini) with the Sun in its vedha point, the 12th (Pisces);
        // the Moon in the 3rd with Mercury in its vedha point, the 9th (Sagittarius).
        int[] signs = [12, 3, 7, 9, 4, 4, 3, 8, 2];

        var read = Gochara.Read(1, signs);

        Assert.Equal(GocharaEffect.Favourable, Of(read, Graha.Saturn).Effect);
        Assert.Equal(GocharaEffect.Favourable, Of(read, Graha.Moon).Effect);
        var reading = HoroscopeRules.Read(new DailySky(new LocalDate(2024, 3, 20), SwetestSunrise, [.. signs.Select(s => (s - 1) * 30 + 10.0)]), 1);
        Assert.Contains(reading.Reasons, r => r.Because == "Saturn in Gemini, the 3rd from Aries (favourable; no vedha: nothing in the 12th but Sun, which never obstructs Saturn)");
    }

    [Fact]
    public void Any_other_graha_in_the_vedha_point_obstructs()
    {
        // As above, with Mars joining Mercury in the 9th and Venus joining the Sun in the 12th.
        int[] signs = [12, 3, 9, 9, 4, 12, 3, 8, 2];

        var read = Gochara.Read(1, signs);

        Assert.Equal(GocharaEffect.Obstructed, Of(read, Graha.Moon).Effect);
        Assert.Equal([Graha.Mars], Of(read, Graha.Moon).ObstructedBy);
        Assert.Equal(GocharaEffect.Obstructed, Of(read, Graha.Saturn).Effect);
        Assert.Equal([Graha.Venus], Of(read, Graha.Saturn).ObstructedBy);
    }

    [Fact]
    public void The_favourable_houses_are_the_classical_ones()
    {
        Assert.Equal([3, 6, 10, 11], Gochara.FavourableHouses(Graha.Sun));
        Assert.Equal([1, 3, 6, 7, 10, 11], Gochara.FavourableHouses(Graha.Moon));
        Assert.Equal([3, 6, 11], Gochara.FavourableHouses(Graha.Mars));
        Assert.Equal([2, 4, 6, 8, 10, 11], Gochara.FavourableHouses(Graha.Mercury));
        Assert.Equal([2, 5, 7, 9, 11], Gochara.FavourableHouses(Graha.Jupiter));
        Assert.Equal([1, 2, 3, 4, 5, 8, 9, 11, 12], Gochara.FavourableHouses(Graha.Venus));
        Assert.Equal([3, 6, 11], Gochara.FavourableHouses(Graha.Saturn));
        Assert.Equal(12, Gochara.VedhaHouse(Graha.Jupiter, 2));
        Assert.Equal(8, Gochara.VedhaHouse(Graha.Jupiter, 11));
        Assert.Null(Gochara.VedhaHouse(Graha.Jupiter, 1));
    }

    [Theory]
    [InlineData(2, 8, TaraKind.Naidhana)] // Bharani → Pushya: 7th
    [InlineData(2, 2, TaraKind.Janma)]
    [InlineData(2, 3, TaraKind.Sampat)]
    [InlineData(27, 1, TaraKind.Sampat)] // Revati → Ashwini wraps: 2nd
    [InlineData(4, 12, TaraKind.ParamaMitra)] // Rohini → Uttara Phalguni: 9th
    [InlineData(4, 13, TaraKind.Janma)] // 10th: the second round starts again at Janma
    public void Tara_counts_from_the_birth_nakshatra_inclusively(int janma, int day, TaraKind expected) =>
        Assert.Equal(expected, Tara.Of(janma, day));

    [Fact]
    public void Each_sign_is_read_from_the_nakshatra_wholly_inside_it()
    {
        string[] expected = ["Bharani", "Rohini", "Ardra", "Pushya", "Purva Phalguni", "Hasta", "Swati", "Anuradha", "Purva Ashadha", "Shravana", "Shatabhisha", "Uttara Bhadrapada"];
        Assert.Equal(expected, Enumerable.Range(1, 12).Select(s => Nakshatra.Name(Tara.SignNakshatra(s))));
    }

    [Fact]
    public void Aries_scores_on_2024_03_20_follow_the_documented_weights()
    {
        // By hand from the positions above, with the tara Naidhana (−1, weight 1 everywhere):
        // love   = Moon −1 + Mars +1 + Jupiter −1 + Venus 2×0 − 1 = −2 of 6  → −0.33 → 2
        // career = Sun 2×−1 + Mars +1 + Mercury −1 + Jupiter −1 + Saturn 2×+1 − 1 = −2 of 8 → −0.25 (not above) → 2
        // money  = Moon −1 + Mercury −1 + Jupiter 2×−1 + Venus 0 + Rahu −1 − 1 = −6 of 7 → −0.86 → 1
        // health = Sun −1 + Moon 2×−1 + Mars +1 + Saturn +1 + Ketu +1 − 1 = −1 of 7 → −0.14 → 3
        var reading = HoroscopeRules.Read(SwetestSky, 1);

        Assert.Equal(new HoroscopeScores(2, 2, 1, 3), reading.Scores);
        Assert.Equal("The day's nakshatra Pushya is the 7th from Bharani, the nakshatra of Aries, Naidhana tara (\"destruction\")", reading.Reasons[1].Because);
        Assert.Equal(
            "Venus in Aquarius, the 11th from Aries (a favourable house, but vedha from Ketu in the 6th)",
            reading.Reasons.Single(r => r.Because.StartsWith("Venus", StringComparison.Ordinal)).Because);
    }

    [Theory]
    [InlineData(4, 8, 5)]
    [InlineData(2, 8, 4)]
    [InlineData(1, 8, 3)]
    [InlineData(-2, 8, 2)]
    [InlineData(-5, 8, 1)]
    [InlineData(-4, 8, 2)]
    [InlineData(6, 6, 5)]
    [InlineData(-6, 6, 1)]
    public void Scores_cut_the_ratio_at_the_documented_points(int net, int total, int expected) =>
        Assert.Equal(expected, HoroscopeRules.Score(net, total));
}
