using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Dasha;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Engine.Tests.Astrology;

/// <summary>Whole-chart behaviour of <see cref="KundliCalculator"/> with the real ephemeris.</summary>
[Collection(EphemerisCollection.Name)]
public sealed class KundliCalculatorTests(EphemerisFixture fixture)
{
    private static BirthData Delhi(LocalDate date, LocalTime? time) =>
        new(date, time, 28.6139, 77.2090, "Asia/Kolkata", UtcOffsetChoice.FromZone, PlaceName: "New Delhi, Delhi, India");

    private static BirthData Utc(int year, int month, int day, int hour, int minute) =>
        new(new LocalDate(year, month, day), new LocalTime(hour, minute), 0, 0, "Etc/UTC", UtcOffsetChoice.Fixed(Offset.Zero));

    [Fact]
    public void Unknown_birth_time_gives_no_lagna_no_houses_and_says_so()
    {
        var kundli = fixture.Calculator.Calculate(Delhi(new LocalDate(2024, 3, 20), null));

        Assert.Null(kundli.Lagna);
        Assert.All(kundli.Grahas, g => Assert.Null(g.House));
        Assert.All(kundli.Vargas.Values, chart => Assert.Null(chart.Lagna));
        Assert.Contains(kundli.Notes, n => n.Contains("Birth time unknown", StringComparison.Ordinal));
        // Cast for local noon.
        Assert.Equal(new LocalDateTime(2024, 3, 20, 12, 0), kundli.Time.Local);
    }

    [Fact]
    public void Known_birth_time_has_lagna_houses_and_no_unknown_time_note()
    {
        var kundli = fixture.Calculator.Calculate(Delhi(new LocalDate(2024, 3, 20), new LocalTime(9, 0)));

        Assert.NotNull(kundli.Lagna);
        Assert.All(kundli.Grahas, g => Assert.InRange(g.House!.Value, 1, 12));
        Assert.DoesNotContain(kundli.Notes, n => n.Contains("unknown", StringComparison.OrdinalIgnoreCase));
        // Whole-sign houses: a graha's house counts signs from the lagna's sign.
        var lagnaSign = kundli.Lagna.Sign;
        Assert.All(kundli.Grahas, g => Assert.Equal((g.Point.Sign - lagnaSign + 12) % 12 + 1, g.House));
    }

    [Fact]
    public void Unknown_birth_time_leaves_out_the_Moons_navamsa_but_keeps_slow_planets()
    {
        // The Moon moves 12–15° a day, crossing three or four navamsas of 3°20′: its D9 sign is never certain.
        var kundli = fixture.Calculator.Calculate(Delhi(new LocalDate(2024, 3, 20), null));
        var d9 = kundli.Vargas[Varga.D9];

        Assert.Null(d9.Grahas[Graha.Moon]);
        foreach (var slow in new[] { Graha.Jupiter, Graha.Saturn, Graha.Rahu, Graha.Ketu })
        {
            Assert.Equal(Vargas.SignOf(Varga.D9, kundli[slow].Longitude), d9.Grahas[slow]);
            Assert.Equal(Vargas.SignOf(Varga.D1, kundli[slow].Longitude), kundli.Vargas[Varga.D1].Grahas[slow]);
        }
    }

    [Theory]
    [InlineData(2024, 3, 20)]  // Moon about 12°/day, from 5° to 17° Cancer
    [InlineData(2024, 4, 8)]   // Moon near perigee, about 15°/day
    [InlineData(1990, 5, 17)]
    public void Unknown_birth_time_gives_a_varga_sign_only_when_it_holds_all_day(int year, int month, int day)
    {
        var date = new LocalDate(year, month, day);
        var noon = fixture.Calculator.Calculate(Delhi(date, null));

        // The nine grahas every 5 minutes of the local day (00:00 to 23:59:59 IST): the Moon moves under 0.06°
        // in 5 minutes, far less than the 0.5° of the finest varga, so every sign it passes through is seen.
        var midnight = date.AtMidnight().WithOffset(Offset.FromHoursAndMinutes(5, 30)).ToInstant();
        var samples = Enumerable.Range(0, 288).Select(i => midnight + Duration.FromMinutes(5 * i))
            .Append(midnight + Duration.FromDays(1) - Duration.FromSeconds(1))
            .Select(instant => fixture.Ephemeris.Run(context =>
            {
                var jd = KundliCalculator.JulianDay(context, instant);
                var longitudes = new double[9];
                for (var g = 0; g < 7; g++)
                {
                    longitudes[g] = context.Sidereal(jd, Bodies[g], SiderealMode.Lahiri).Longitude;
                }

                longitudes[(int)Graha.Rahu] = context.Sidereal(jd, SwissEphemeris.Body.MeanNode, SiderealMode.Lahiri).Longitude;
                longitudes[(int)Graha.Ketu] = Angle.Normalize(longitudes[(int)Graha.Rahu] + 180);
                return longitudes;
            }))
            .ToList();

        foreach (var (varga, chart) in noon.Vargas)
        {
            foreach (var graha in Grahas.All)
            {
                var signsDuringTheDay = samples.Select(s => Vargas.SignOf(varga, s[(int)graha])).Distinct().ToList();
                if (chart.Grahas[graha] is { } sign)
                {
                    Assert.True(signsDuringTheDay.Count == 1 && signsDuringTheDay[0] == sign,
                        $"{graha} in {varga} is given as {sign} but passes through {string.Join(", ", signsDuringTheDay)} that day");
                }
                else
                {
                    Assert.True(signsDuringTheDay.Count > 1, $"{graha} in {varga} stays in {signsDuringTheDay[0]} all day but was left out");
                }
            }
        }

        // The Moon never keeps one navamsa or finer sign for a whole day; Saturn keeps its rasi.
        foreach (var fine in new[] { Varga.D9, Varga.D27, Varga.D40, Varga.D45, Varga.D60 })
        {
            Assert.Null(noon.Vargas[fine].Grahas[Graha.Moon]);
        }

        Assert.NotNull(noon.Vargas[Varga.D1].Grahas[Graha.Saturn]);
    }

    private static readonly SwissEphemeris.Body[] Bodies =
    [
        SwissEphemeris.Body.Sun, SwissEphemeris.Body.Moon, SwissEphemeris.Body.Mars, SwissEphemeris.Body.Mercury,
        SwissEphemeris.Body.Jupiter, SwissEphemeris.Body.Venus, SwissEphemeris.Body.Saturn,
    ];

    [Fact]
    public void Unknown_birth_time_notes_that_dasha_dates_are_approximate()
    {
        var kundli = fixture.Calculator.Calculate(Delhi(new LocalDate(2024, 3, 20), null));

        Assert.Contains(kundli.Notes, n => n.Contains("Dasha", StringComparison.Ordinal));
    }

    [Fact]
    public void At_the_eclipse_of_8_April_2024_the_Moon_and_retrograde_Mercury_are_combust()
    {
        // swetest -b8.4.2024 -ut18 -p0123456 -fPls -sid1: Sun 355.19 (0.98°/day), Moon 354.99, Mercury 0.61
        // (−0.64°/day, 5.4° from the Sun, inside the 12° retrograde orb), Venus 340.23 (15.0° away, outside 10°),
        // Mars 318.85, Jupiter 24.85, Saturn 320.26 (all far from the Sun). The mean node is about 3.8° from the Sun.
        var kundli = fixture.Calculator.Calculate(Utc(2024, 4, 8, 18, 18));

        Assert.True(kundli[Graha.Moon].Combust);
        Assert.True(kundli[Graha.Mercury].Combust);
        Assert.True(kundli[Graha.Mercury].Retrograde);
        Assert.False(kundli[Graha.Venus].Combust);
        Assert.False(kundli[Graha.Mars].Combust);
        Assert.False(kundli[Graha.Jupiter].Combust);
        Assert.False(kundli[Graha.Saturn].Combust);
        Assert.False(kundli[Graha.Sun].Combust);
        Assert.True(Angle.Separation(kundli[Graha.Rahu].Longitude, kundli[Graha.Sun].Longitude) < 5);
        Assert.False(kundli[Graha.Rahu].Combust);
        Assert.False(kundli[Graha.Ketu].Combust);
    }

    [Fact]
    public void Jupiter_and_Saturn_are_retrograde_in_October_2023_and_direct_in_April_2023()
    {
        // swetest -ut6:30 -p56 -fPls -sid1: 15.10.2023 Jupiter −0.118°/day, Saturn −0.033°/day;
        // 15.4.2023 Jupiter +0.241°/day, Saturn +0.091°/day.
        var october = fixture.Calculator.Calculate(Utc(2023, 10, 15, 6, 30));
        var april = fixture.Calculator.Calculate(Utc(2023, 4, 15, 6, 30));

        Assert.True(october[Graha.Jupiter].Retrograde);
        Assert.True(october[Graha.Saturn].Retrograde);
        Assert.Equal(-0.1183344, october[Graha.Jupiter].Speed, 5);
        Assert.Equal(-0.0333402, october[Graha.Saturn].Speed, 5);
        Assert.False(april[Graha.Jupiter].Retrograde);
        Assert.False(april[Graha.Saturn].Retrograde);
        Assert.Equal(0.2411903, april[Graha.Jupiter].Speed, 5);
        Assert.False(april[Graha.Sun].Retrograde);
        Assert.False(april[Graha.Moon].Retrograde);
    }

    [Fact]
    public void Ketu_is_opposite_Rahu_and_the_mean_nodes_move_backwards()
    {
        var kundli = fixture.Calculator.Calculate(Utc(2024, 4, 8, 18, 18));

        Assert.Equal(180.0, Angle.Separation(kundli[Graha.Rahu].Longitude, kundli[Graha.Ketu].Longitude), 9);
        Assert.True(kundli[Graha.Rahu].Retrograde);
        Assert.True(kundli[Graha.Ketu].Retrograde);
        Assert.Equal(DignityKind.None, kundli[Graha.Rahu].Dignity);
    }

    [Fact]
    public void Graha_dignities_in_the_chart_follow_the_dignity_rules()
    {
        // 15 April 2023: Sun at about 0.5° Aries (exalted), Saturn in Aquarius (moolatrikona below 20°).
        var kundli = fixture.Calculator.Calculate(Utc(2023, 4, 15, 6, 30));

        Assert.Equal(1, kundli[Graha.Sun].Point.Sign);
        Assert.Equal(DignityKind.Exalted, kundli[Graha.Sun].Dignity);
        Assert.Equal(11, kundli[Graha.Saturn].Point.Sign);
        Assert.Equal(DignityKind.Moolatrikona, kundli[Graha.Saturn].Dignity);
        Assert.All(kundli.Grahas, g => Assert.Equal(Dignity.Of(g.Graha, g.Longitude), g.Dignity));
    }

    [Fact]
    public void Dasha_starts_from_the_lord_of_the_Moons_nakshatra_with_the_chosen_year()
    {
        var birth = Delhi(new LocalDate(1990, 5, 17), new LocalTime(8, 51));
        var julian = fixture.Calculator.Calculate(birth);
        var savana = fixture.Calculator.Calculate(birth, new ChartSettings { DashaYear = DashaYear.Savana });

        var moon = julian[Graha.Moon];
        Assert.Equal(moon.Point.NakshatraLord, julian.Dasha.BalanceLord);
        Assert.Equal(VimshottariDasha.Years(moon.Point.NakshatraLord) * (1 - Nakshatra.FractionTraversed(moon.Longitude)), julian.Dasha.BalanceYears, 12);
        var cycle = julian.Dasha.Mahadashas[^1].End - julian.Dasha.Mahadashas[0].Start;
        var savanaCycle = savana.Dasha.Mahadashas[^1].End - savana.Dasha.Mahadashas[0].Start;
        Assert.Equal(120 * 365.25, cycle.TotalDays, 6);
        Assert.Equal(120 * 360.0, savanaCycle.TotalDays, 6);
        Assert.Equal(3, VimshottariDasha.RunningAt(julian.Dasha, julian.Time.Utc).Count);
    }

    [Fact]
    public void Dashayear_lengths_are_the_four_documented_ones()
    {
        Assert.Equal(365.25, ChartSettings.DaysPerYear(DashaYear.Julian));
        Assert.Equal(365.2564, ChartSettings.DaysPerYear(DashaYear.Sidereal));
        Assert.Equal(365.2422, ChartSettings.DaysPerYear(DashaYear.Tropical));
        Assert.Equal(360.0, ChartSettings.DaysPerYear(DashaYear.Savana));
    }

    [Fact]
    public void Indian_birth_before_1955_carries_the_clock_warning_into_the_chart_notes()
    {
        var kundli = fixture.Calculator.Calculate(Delhi(new LocalDate(1950, 1, 26), new LocalTime(10, 0)));

        Assert.Contains(kundli.Notes, n => n.Contains("1955", StringComparison.Ordinal));
    }

    [Fact]
    public void Skipped_local_time_is_refused_before_any_calculation()
    {
        var birth = new BirthData(new LocalDate(2021, 3, 14), new LocalTime(2, 30), 40.7128, -74.006, "America/New_York", UtcOffsetChoice.FromZone);

        var e = Assert.Throws<BirthDataException>(() => fixture.Calculator.Calculate(birth));

        Assert.Equal("time", e.Field);
    }

    [Fact]
    public void Only_the_requested_vargas_are_computed()
    {
        var kundli = fixture.Calculator.Calculate(Delhi(new LocalDate(2024, 3, 20), new LocalTime(9, 0)), vargas: [Varga.D1, Varga.D9]);

        Assert.Equal([Varga.D1, Varga.D9], kundli.Vargas.Keys.Order());
        Assert.Equal(kundli.Lagna!.Sign, kundli.Vargas[Varga.D1].Lagna);
        Assert.Equal(Vargas.SignOf(Varga.D9, kundli.Lagna.Longitude), kundli.Vargas[Varga.D9].Lagna);
    }
}
