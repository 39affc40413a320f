using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Panchang;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Engine.Tests.Astrology;

/// <summary>
/// Panchang elements with the real ephemeris: the reported end of each element is where the Moon−Sun,
/// Moon or Moon+Sun angle crosses the element's boundary; vara follows sunrise; sunrise agrees with swetest.
/// </summary>
[Collection(EphemerisCollection.Name)]
public sealed class PanchangTests(EphemerisFixture fixture)
{
    private const double NewDelhiLatitude = 28.6139;
    private const double NewDelhiLongitude = 77.2090;

    /// <summary>The angle each limb is counted in, computed here from the two longitudes.</summary>
    private static double AngleOf(EphemerisContext context, PanchangLimb limb, double julianDayUt)
    {
        var moon = context.Sidereal(julianDayUt, SwissEphemeris.Body.Moon, SiderealMode.Lahiri).Longitude;
        var sun = context.Sidereal(julianDayUt, SwissEphemeris.Body.Sun, SiderealMode.Lahiri).Longitude;
        return limb switch
        {
            PanchangLimb.Tithi or PanchangLimb.Karana => Angle.Normalize(moon - sun),
            PanchangLimb.Nakshatra => moon,
            PanchangLimb.Yoga => Angle.Normalize(moon + sun),
            _ => throw new ArgumentOutOfRangeException(nameof(limb)),
        };
    }

    private static double UnitOf(PanchangLimb limb) => limb switch
    {
        PanchangLimb.Tithi => 12.0,
        PanchangLimb.Karana => 6.0,
        _ => 360.0 / 27.0,
    };

    private static int CountOf(PanchangLimb limb) => limb switch
    {
        PanchangLimb.Tithi => 30,
        PanchangLimb.Karana => 60,
        _ => 27,
    };

    private static int NumberAt(double angle, PanchangLimb limb) => (int)(angle / UnitOf(limb)) + 1;

    /// <summary>Signed distance from <paramref name="angle"/> to <paramref name="boundary"/> in (−180, 180].</summary>
    private static double OffBoundary(double angle, double boundary)
    {
        var d = Angle.Normalize(angle - boundary);
        return d > 180 ? d - 360 : d;
    }

    public static TheoryData<PanchangLimb, string> LimbsAndInstants()
    {
        var data = new TheoryData<PanchangLimb, string>();
        foreach (var limb in Enum.GetValues<PanchangLimb>())
        {
            foreach (var instant in new[] { "1801-06-01T00:00:00Z", "1947-08-14T18:30:00Z", "2024-03-20T03:30:00Z", "2024-04-08T18:18:00Z", "2150-11-11T11:11:00Z", "2399-06-30T12:00:00Z" })
            {
                data.Add(limb, instant);
            }
        }

        return data;
    }

    private sealed record Crossing(int Number, double JulianDay, double End, double AngleAtStart, double AngleAtEnd, double AngleMinuteBefore, double AngleMinuteAfter);

    [Theory]
    [MemberData(nameof(LimbsAndInstants))]
    public void Element_ends_exactly_where_its_angle_crosses_into_the_next(PanchangLimb limb, string utc)
    {
        var instant = NodaTime.Text.InstantPattern.General.Parse(utc).Value;
        const double Minute = 1.0 / 1440;

        var c = fixture.Ephemeris.Run(context =>
        {
            var jd = KundliCalculator.JulianDay(context, instant);
            var at = PanchangElements.At(context, limb, jd, SiderealMode.Lahiri);
            return new Crossing(at.Number, jd, at.EndJulianDayUt,
                AngleOf(context, limb, jd),
                AngleOf(context, limb, at.EndJulianDayUt),
                AngleOf(context, limb, at.EndJulianDayUt - Minute),
                AngleOf(context, limb, at.EndJulianDayUt + Minute));
        });

        var count = CountOf(limb);
        Assert.Equal(NumberAt(c.AngleAtStart, limb), c.Number);
        Assert.InRange(c.End - c.JulianDay, 0, limb == PanchangLimb.Karana ? 0.6 : 1.2);
        var boundary = c.Number * UnitOf(limb) % 360;
        Assert.True(Math.Abs(OffBoundary(c.AngleAtEnd, boundary)) < 1e-6, $"{limb} {c.Number} ends at {c.AngleAtEnd:F8}°, boundary {boundary}°");
        Assert.Equal(c.Number, NumberAt(c.AngleMinuteBefore, limb));
        Assert.Equal(c.Number % count + 1, NumberAt(c.AngleMinuteAfter, limb));
    }

    [Theory]
    [InlineData("1947-08-14T18:30:00Z")]
    [InlineData("2024-03-20T03:30:00Z")]
    [InlineData("2150-11-11T11:11:00Z")]
    public void Ends_reported_in_the_kundli_sit_on_the_boundary_to_the_second(string utc)
    {
        var instant = NodaTime.Text.InstantPattern.General.Parse(utc).Value;
        var at = instant.InUtc();
        var birth = new BirthData(at.Date, at.TimeOfDay, NewDelhiLatitude, NewDelhiLongitude, "Etc/UTC", UtcOffsetChoice.Fixed(Offset.Zero));

        var panchang = fixture.Calculator.Calculate(birth).Panchang;

        foreach (var (limb, entry) in new[]
                 {
                     (PanchangLimb.Tithi, panchang.Tithi), (PanchangLimb.Nakshatra, panchang.Nakshatra),
                     (PanchangLimb.Yoga, panchang.Yoga), (PanchangLimb.Karana, panchang.Karana),
                 })
        {
            var angle = fixture.Ephemeris.Run(context => AngleOf(context, limb, KundliCalculator.JulianDay(context, entry.End)));
            var boundary = entry.Number * UnitOf(limb) % 360;
            // The end is rounded to the second: the Moon moves about 1.5e-4° a second, so half a second is < 1e-4°.
            Assert.True(Math.Abs(OffBoundary(angle, boundary)) < 1e-4, $"{limb} {entry.Name} ends at {angle:F7}°, boundary {boundary}°");
            Assert.Equal(PanchangElements.Name(limb, entry.Number), entry.Name);
        }
    }

    [Fact]
    public void New_moon_of_8_April_2024_is_Amavasya_in_Naga_karana_ending_at_the_published_conjunction()
    {
        // The total solar eclipse: the published new moon is 2024-04-08 18:21 UTC.
        var birth = new BirthData(new LocalDate(2024, 4, 8), new LocalTime(18, 18), 0, 0, "Etc/UTC", UtcOffsetChoice.Fixed(Offset.Zero));

        var panchang = fixture.Calculator.Calculate(birth).Panchang;

        Assert.Equal(30, panchang.Tithi.Number);
        Assert.Equal("Amavasya", panchang.Tithi.Name);
        Assert.Equal("Krishna", panchang.Tithi.Paksha);
        Assert.Equal(60, panchang.Karana.Number);
        Assert.Equal("Naga", panchang.Karana.Name);
        Assert.Equal(panchang.Tithi.End, panchang.Karana.End);
        Assert.InRange(panchang.Tithi.End, Instant.FromUtc(2024, 4, 8, 18, 19), Instant.FromUtc(2024, 4, 8, 18, 23));
    }

    [Fact]
    public void Hours_before_the_full_moon_of_25_March_2024_are_Purnima_ending_at_the_published_opposition()
    {
        // The published full moon is 2024-03-25 07:00 UTC. At 00:00 Moon − Sun is about 177°: tithi 15,
        // second half, so karana 30 = the 29th movable karana = Bava (29 − 1 = 28 = 4 × 7).
        var birth = new BirthData(new LocalDate(2024, 3, 25), new LocalTime(0, 0), 0, 0, "Etc/UTC", UtcOffsetChoice.Fixed(Offset.Zero));

        var panchang = fixture.Calculator.Calculate(birth).Panchang;

        Assert.Equal(15, panchang.Tithi.Number);
        Assert.Equal("Purnima", panchang.Tithi.Name);
        Assert.Equal("Shukla", panchang.Tithi.Paksha);
        Assert.Equal(30, panchang.Karana.Number);
        Assert.Equal("Bava", panchang.Karana.Name);
        Assert.InRange(panchang.Tithi.End, Instant.FromUtc(2024, 3, 25, 6, 58), Instant.FromUtc(2024, 3, 25, 7, 2));
    }

    [Theory]
    [InlineData(1, "Pratipada", "Shukla")]
    [InlineData(11, "Ekadashi", "Shukla")]
    [InlineData(14, "Chaturdashi", "Shukla")]
    [InlineData(15, "Purnima", "Shukla")]
    [InlineData(16, "Pratipada", "Krishna")]
    [InlineData(26, "Ekadashi", "Krishna")]
    [InlineData(29, "Chaturdashi", "Krishna")]
    [InlineData(30, "Amavasya", "Krishna")]
    public void Tithi_names_and_paksha(int tithi, string name, string paksha)
    {
        Assert.Equal(name, PanchangNames.Tithi(tithi));
        Assert.Equal(paksha, PanchangNames.Paksha(tithi));
    }

    [Theory]
    [InlineData(1, "Kimstughna")]   // first half of Shukla Pratipada
    [InlineData(2, "Bava")]         // second half of Shukla Pratipada starts the movable cycle
    [InlineData(3, "Balava")]
    [InlineData(8, "Vishti")]
    [InlineData(9, "Bava")]         // the cycle of seven restarts
    [InlineData(50, "Vishti")]
    [InlineData(57, "Vishti")]      // 2–57 is the movable seven eight times over: 57 is the 56th, a Vishti
    [InlineData(58, "Shakuni")]     // second half of Krishna Chaturdashi
    [InlineData(59, "Chatushpada")] // first half of Amavasya
    [InlineData(60, "Naga")]        // second half of Amavasya
    public void Karana_names(int karana, string name)
    {
        Assert.Equal(name, PanchangNames.Karana(karana));
    }

    [Fact]
    public void Each_movable_karana_occurs_eight_times_a_month_and_each_fixed_one_once()
    {
        var counts = Enumerable.Range(1, 60).GroupBy(PanchangNames.Karana).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(11, counts.Count);
        foreach (var movable in new[] { "Bava", "Balava", "Kaulava", "Taitila", "Gara", "Vanija", "Vishti" })
        {
            Assert.Equal(8, counts[movable]);
        }

        foreach (var fixedKarana in new[] { "Kimstughna", "Shakuni", "Chatushpada", "Naga" })
        {
            Assert.Equal(1, counts[fixedKarana]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void Karana_numbers_outside_1_to_60_are_refused(int karana)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PanchangNames.Karana(karana));
    }

    [Theory]
    [InlineData(1, "Vishkambha")]
    [InlineData(17, "Vyatipata")]
    [InlineData(27, "Vaidhriti")]
    public void Yoga_names(int yoga, string name)
    {
        Assert.Equal(name, PanchangNames.Yoga(yoga));
    }

    private Kundli DelhiOn20March2024(int hour, int minute, SunriseConvention sunrise = SunriseConvention.UpperLimb) =>
        fixture.Calculator.Calculate(
            new BirthData(new LocalDate(2024, 3, 20), new LocalTime(hour, minute), NewDelhiLatitude, NewDelhiLongitude, "Asia/Kolkata", UtcOffsetChoice.FromZone),
            new ChartSettings { Sunrise = sunrise });

    [Fact]
    public void Birth_before_sunrise_belongs_to_the_previous_vara()
    {
        // Wednesday 20 March 2024, 04:00 IST in New Delhi: the Sun rises about 06:25, so the Vedic day is still Tuesday's.
        var panchang = DelhiOn20March2024(4, 0).Panchang;

        Assert.Equal(new LocalDate(2024, 3, 19), panchang.VedicDate);
        Assert.Equal(3, panchang.Vara.Number);
        Assert.Equal("Mangalavara", panchang.Vara.Name);
        Assert.Equal("Tuesday", panchang.Vara.English);
        // The sunrise reported is the one that began that Vedic day: swetest -b19.3.2024 -rise -at0,10 gives 00:56:00.6 UT.
        AssertNear(Instant.FromUtc(2024, 3, 19, 0, 56, 0) + Duration.FromMilliseconds(600), panchang.Sunrise, 2);
        AssertNear(Instant.FromUtc(2024, 3, 19, 13, 2, 5) + Duration.FromMilliseconds(100), panchang.Sunset, 2);
    }

    [Fact]
    public void Birth_after_sunrise_belongs_to_the_same_days_vara()
    {
        var panchang = DelhiOn20March2024(9, 0).Panchang;

        Assert.Equal(new LocalDate(2024, 3, 20), panchang.VedicDate);
        Assert.Equal(4, panchang.Vara.Number);
        Assert.Equal("Budhavara", panchang.Vara.Name);
        Assert.Equal("Wednesday", panchang.Vara.English);
    }

    [Fact]
    public void Sunrise_at_New_Delhi_matches_swetest_for_the_upper_limb_with_refraction()
    {
        // swetest -b20.3.2024 -ut0 -p0 -rise -at0,10 -geopos77.2090,28.6139,0: rise 00:54:51.2, set 13:02:39.1 UT,
        // i.e. 06:24:51 IST (almanacs print 06:25 for that day).
        var panchang = DelhiOn20March2024(9, 0).Panchang;

        AssertNear(Instant.FromUtc(2024, 3, 20, 0, 54, 51) + Duration.FromMilliseconds(200), panchang.Sunrise, 2);
        AssertNear(Instant.FromUtc(2024, 3, 20, 13, 2, 39) + Duration.FromMilliseconds(100), panchang.Sunset, 2);
        Assert.Null(panchang.Note);
    }

    [Fact]
    public void Disc_centre_sunrise_is_later_than_upper_limb_and_matches_swetest()
    {
        // swetest -b20.3.2024 -ut0 -p0 -rise -disccenter -norefrac -geopos77.2090,28.6139,0: rise 00:58:41.8 UT.
        var upperLimb = DelhiOn20March2024(9, 0).Panchang.Sunrise;
        var discCentre = DelhiOn20March2024(9, 0, SunriseConvention.DiscCentre).Panchang.Sunrise;

        Assert.NotNull(upperLimb);
        Assert.NotNull(discCentre);
        AssertNear(Instant.FromUtc(2024, 3, 20, 0, 58, 41) + Duration.FromMilliseconds(800), discCentre, 2);
        Assert.InRange((discCentre.Value - upperLimb.Value).TotalMinutes, 3, 5);
    }

    [Fact]
    public void Between_the_two_sunrises_the_vara_depends_on_the_convention()
    {
        // 06:26 IST: after the upper limb rose (06:24:51) but before the centre of the disc did (06:28:42).
        var upperLimb = DelhiOn20March2024(6, 26).Panchang;
        var discCentre = DelhiOn20March2024(6, 26, SunriseConvention.DiscCentre).Panchang;
        var justBefore = DelhiOn20March2024(6, 24).Panchang;

        Assert.Equal("Wednesday", upperLimb.Vara.English);
        Assert.Equal("Tuesday", discCentre.Vara.English);
        Assert.Equal("Tuesday", justBefore.Vara.English);
    }

    [Theory]
    [InlineData(2023, 12, 21, "Thursday")] // polar night
    [InlineData(2023, 6, 21, "Wednesday")] // midnight sun
    public void Polar_place_has_no_sunrise_or_sunset_and_says_why(int year, int month, int day, string weekday)
    {
        // Longyearbyen, Svalbard (78.22° N 15.65° E): swetest -rise prints "-" for both events on these days.
        var birth = new BirthData(new LocalDate(year, month, day), new LocalTime(12, 0), 78.22, 15.65, "Arctic/Longyearbyen", UtcOffsetChoice.FromZone);

        var kundli = fixture.Calculator.Calculate(birth);

        Assert.Null(kundli.Panchang.Sunrise);
        Assert.Null(kundli.Panchang.Sunset);
        Assert.False(string.IsNullOrWhiteSpace(kundli.Panchang.Note));
        Assert.Contains("did not rise", kundli.Panchang.Note, StringComparison.Ordinal);
        Assert.Equal(new LocalDate(year, month, day), kundli.Panchang.VedicDate);
        Assert.Equal(weekday, kundli.Panchang.Vara.English);
        Assert.InRange(kundli.Panchang.Tithi.Number, 1, 30);
        Assert.NotNull(kundli.Lagna);
    }

    private static void AssertNear(Instant expected, Instant? actual, double seconds)
    {
        Assert.NotNull(actual);
        var difference = Math.Abs((actual.Value - expected).TotalSeconds);
        Assert.True(difference <= seconds, $"expected {expected}, got {actual} ({difference:F1} s apart)");
    }
}
