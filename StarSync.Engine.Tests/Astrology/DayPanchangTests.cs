using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Panchang;

namespace StarSync.Engine.Tests.Astrology;

/// <summary>A day's panchang with the real ephemeris: lists start at sunrise, run past the next sunrise, and every end sits on its boundary.</summary>
[Collection(EphemerisCollection.Name)]
public sealed class DayPanchangTests(EphemerisFixture fixture)
{
    private static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    private static double AngleOf(EphemerisContext context, PanchangLimb limb, double julianDayUt)
    {
        var moon = context.Sidereal(julianDayUt, SwissEphemeris.Body.Moon, SiderealMode.Lahiri).Longitude;
        var sun = context.Sidereal(julianDayUt, SwissEphemeris.Body.Sun, SiderealMode.Lahiri).Longitude;
        return limb switch
        {
            PanchangLimb.Tithi or PanchangLimb.Karana => Angle.Normalize(moon - sun),
            PanchangLimb.Nakshatra => moon,
            _ => Angle.Normalize(moon + sun),
        };
    }

    private static IReadOnlyList<DayPanchangElement> ListOf(DayPanchang day, PanchangLimb limb) => limb switch
    {
        PanchangLimb.Tithi => day.Tithi,
        PanchangLimb.Nakshatra => day.Nakshatra,
        PanchangLimb.Yoga => day.Yoga,
        _ => day.Karana,
    };

    [Theory]
    [InlineData("2024-03-20", 28.6139, 77.2090, "Asia/Kolkata")]
    [InlineData("2024-04-08", 28.6139, 77.2090, "Asia/Kolkata")]
    [InlineData("2025-10-26", 51.5074, -0.1278, "Europe/London")]
    [InlineData("1947-08-15", 13.0827, 80.2707, "Asia/Kolkata")]
    public void Lists_start_at_sunrise_run_past_the_next_sunrise_and_end_on_boundaries(string date, double latitude, double longitude, string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var local = NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value;
        var day = new DayPanchangCalculator(fixture.Ephemeris).Calculate(local, latitude, longitude, zone);
        var next = new DayPanchangCalculator(fixture.Ephemeris).Calculate(local.PlusDays(1), latitude, longitude, zone);

        Assert.NotNull(day.Sunrise);
        Assert.NotNull(day.Sunset);
        Assert.Null(day.Note);
        Assert.Equal(local, day.Sunrise!.Value.InZone(zone).Date);
        Assert.True(day.Sunset > day.Sunrise);
        Assert.Equal((int)local.DayOfWeek % 7 + 1, day.Vara.Number);

        fixture.Ephemeris.Run(context =>
        {
            var rise = KundliCalculator.JulianDay(context, day.Sunrise.Value);
            var nextRise = KundliCalculator.JulianDay(context, next.Sunrise!.Value);
            foreach (var limb in Enum.GetValues<PanchangLimb>())
            {
                var list = ListOf(day, limb);
                var (unit, count) = PanchangElements.Measure(limb);
                Assert.Equal(PanchangElements.At(context, limb, rise, SiderealMode.Lahiri).Number, list[0].Number);
                Assert.True(list[^1].EndJulianDayUt > nextRise, $"{limb}: the last end must be after the next sunrise");
                Assert.True(list.Count < 2 || list[^2].EndJulianDayUt <= nextRise + 1.0 / 86400, $"{limb}: no element may start after the next sunrise");
                for (var i = 0; i < list.Count; i++)
                {
                    var e = list[i];
                    Assert.InRange(e.Number, 1, count);
                    Assert.Equal(PanchangElements.Name(limb, e.Number), e.Name);
                    Assert.Equal(limb == PanchangLimb.Tithi, e.Paksha is not null);
                    if (i > 0)
                    {
                        Assert.True(e.EndJulianDayUt > list[i - 1].EndJulianDayUt);
                        Assert.True(e.End > list[i - 1].End);
                        Assert.Equal(list[i - 1].Number % count + 1, e.Number);
                    }

                    var off = Angle.Normalize(AngleOf(context, limb, e.EndJulianDayUt) - e.Number * unit % 360.0);
                    Assert.True(Math.Min(off, 360 - off) < 1e-4, $"{limb} {e.Number} ends {off}° off its boundary");
                }
            }

            return 0;
        });
    }

    [Fact]
    public void A_date_in_the_polar_night_has_no_sunrise_and_says_why()
    {
        var day = new DayPanchangCalculator(fixture.Ephemeris).Calculate(new LocalDate(2024, 12, 21), 78.2232, 15.6267, DateTimeZoneProviders.Tzdb["Arctic/Longyearbyen"]);

        Assert.Null(day.Sunrise);
        Assert.Null(day.Sunset);
        Assert.NotNull(day.Note);
        Assert.NotEmpty(day.Tithi);
        Assert.NotEmpty(day.Nakshatra);
    }

    [Fact]
    public void A_date_in_the_midnight_sun_has_no_sunrise_and_says_why()
    {
        var day = new DayPanchangCalculator(fixture.Ephemeris).Calculate(new LocalDate(2024, 6, 21), 78.2232, 15.6267, DateTimeZoneProviders.Tzdb["Arctic/Longyearbyen"]);

        Assert.Null(day.Sunrise);
        Assert.Null(day.Sunset);
        Assert.NotNull(day.Note);
    }

    [Fact]
    public void Vara_follows_the_local_date()
    {
        // 2024-03-20 was a Wednesday: Budhavara.
        var day = new DayPanchangCalculator(fixture.Ephemeris).Calculate(new LocalDate(2024, 3, 20), 28.6139, 77.2090, Kolkata);
        Assert.Equal("Budhavara", day.Vara.Name);
        Assert.Equal("Wednesday", day.Vara.English);
    }
}
