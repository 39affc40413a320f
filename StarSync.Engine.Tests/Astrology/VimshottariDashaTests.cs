using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Dasha;

namespace StarSync.Engine.Tests.Astrology;

/// <summary>
/// Vimshottari arithmetic (BPHS chapter 46): lords Ketu 7, Venus 20, Sun 6, Moon 10, Mars 7, Rahu 18,
/// Jupiter 16, Saturn 19, Mercury 17 years (120 in all); a sub-period lasts parent years × lord years / 120.
/// </summary>
public sealed class VimshottariDashaTests
{
    private static readonly Instant Birth = Instant.FromUtc(1990, 5, 17, 3, 21, 7);
    private const double JulianYear = 365.25;
    private const double NakshatraSpan = 360.0 / 27.0;

    private static Duration Years(double years, double daysPerYear = JulianYear) =>
        Duration.FromTicks((long)Math.Round(years * daysPerYear * NodaConstants.TicksPerDay));

    private static void AssertClose(Duration expected, Duration actual, Duration tolerance)
    {
        var difference = (expected - actual).TotalTicks;
        Assert.True(Math.Abs(difference) <= tolerance.TotalTicks, $"expected {expected}, got {actual} ({difference} ticks apart)");
    }

    private static void AssertClose(Instant expected, Instant actual, Duration tolerance)
    {
        var difference = (expected - actual).TotalTicks;
        Assert.True(Math.Abs(difference) <= tolerance.TotalTicks, $"expected {expected}, got {actual} ({difference} ticks apart)");
    }

    [Fact]
    public void Moon_at_the_start_of_Ashwini_gives_the_whole_7_years_of_Ketu()
    {
        var schedule = VimshottariDasha.Compute(Birth, 0.0, JulianYear);

        Assert.Equal(Graha.Ketu, schedule.BalanceLord);
        Assert.Equal(7.0, schedule.BalanceYears, 12);
        var first = schedule.Mahadashas[0];
        Assert.Equal(Graha.Ketu, first.Lord);
        Assert.Equal(Birth, first.Start);
        Assert.Equal(Birth + Duration.FromDays(7 * 365.25), first.End);
    }

    [Theory]
    [InlineData(365.25)]
    [InlineData(365.2564)]
    [InlineData(365.2422)]
    [InlineData(360.0)]
    public void Moon_halfway_through_Bharani_leaves_10_years_of_Venus_that_began_10_years_before_birth(double daysPerYear)
    {
        // Bharani is the second nakshatra (Venus): 13°20′ to 26°40′; its middle is 20°.
        var schedule = VimshottariDasha.Compute(Birth, 20.0, daysPerYear);

        Assert.Equal(Graha.Venus, schedule.BalanceLord);
        Assert.Equal(10.0, schedule.BalanceYears, 9);
        var venus = schedule.Mahadashas[0];
        Assert.Equal(Graha.Venus, venus.Lord);
        AssertClose(Birth - Years(10, daysPerYear), venus.Start, Duration.FromMilliseconds(1));
        AssertClose(Birth + Years(10, daysPerYear), venus.End, Duration.FromMilliseconds(1));
    }

    [Theory]
    [InlineData(1, Graha.Ketu)]
    [InlineData(2, Graha.Venus)]
    [InlineData(3, Graha.Sun)]
    [InlineData(4, Graha.Moon)]
    [InlineData(5, Graha.Mars)]
    [InlineData(6, Graha.Rahu)]
    [InlineData(7, Graha.Jupiter)]
    [InlineData(8, Graha.Saturn)]
    [InlineData(9, Graha.Mercury)]
    [InlineData(10, Graha.Ketu)]     // Magha starts the second round of nine
    [InlineData(19, Graha.Ketu)]     // Mula the third
    [InlineData(27, Graha.Mercury)]  // Revati
    public void The_balance_lord_is_the_lord_of_the_Moons_nakshatra(int nakshatra, Graha lord)
    {
        // A quarter of the way through the nakshatra: three quarters of the lord's years remain.
        var moon = (nakshatra - 1 + 0.25) * NakshatraSpan;

        var schedule = VimshottariDasha.Compute(Birth, moon, JulianYear);

        Assert.Equal(lord, schedule.BalanceLord);
        Assert.Equal(0.75 * VimshottariDasha.Years(lord), schedule.BalanceYears, 9);
    }

    [Fact]
    public void Nine_mahadashas_follow_the_fixed_order_and_total_120_years()
    {
        // Moon in Rohini (Moon's nakshatra): Moon, Mars, Rahu, Jupiter, Saturn, Mercury, Ketu, Venus, Sun.
        var schedule = VimshottariDasha.Compute(Birth, 3 * NakshatraSpan + 5, JulianYear);

        Assert.Equal(
            [Graha.Moon, Graha.Mars, Graha.Rahu, Graha.Jupiter, Graha.Saturn, Graha.Mercury, Graha.Ketu, Graha.Venus, Graha.Sun],
            schedule.Mahadashas.Select(m => m.Lord));
        Assert.Equal(120, schedule.Mahadashas.Sum(m => VimshottariDasha.Years(m.Lord)));
        Assert.Equal(Duration.FromDays(120 * 365.25), schedule.Mahadashas[^1].End - schedule.Mahadashas[0].Start);
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(Years(VimshottariDasha.Years(schedule.Mahadashas[i].Lord)), schedule.Mahadashas[i].End - schedule.Mahadashas[i].Start);
        }
    }

    [Theory]
    [InlineData(Graha.Venus, 20.0 * 20 / 120)]    // 3 years 4 months
    [InlineData(Graha.Sun, 6.0 * 6 / 120)]        // 0.3 years
    [InlineData(Graha.Moon, 10.0 * 10 / 120)]     // 10 months
    [InlineData(Graha.Ketu, 7.0 * 7 / 120)]       // 4 months 27 days
    [InlineData(Graha.Saturn, 19.0 * 19 / 120)]   // 3.0083 years: 3 years and about 3 days
    public void A_mahadasha_opens_with_its_own_antardasha_of_parent_times_lord_over_120_years(Graha lord, double years)
    {
        var schedule = VimshottariDasha.Compute(Birth, 100.0, JulianYear);
        var maha = schedule.Mahadashas.Single(m => m.Lord == lord);

        var own = maha.SubPeriods[0];

        Assert.Equal(lord, own.Lord);
        AssertClose(Years(years), own.End - own.Start, Duration.FromTicks(1));
    }

    [Fact]
    public void Venus_Venus_lasts_3_years_4_months_and_Sun_Sun_lasts_0_3_years()
    {
        var schedule = VimshottariDasha.Compute(Birth, 100.0, JulianYear);
        var venusVenus = schedule.Mahadashas.Single(m => m.Lord == Graha.Venus).SubPeriods[0];
        var sunSun = schedule.Mahadashas.Single(m => m.Lord == Graha.Sun).SubPeriods[0];

        // 3 1/3 Julian years = 1217.5 days; 0.3 Julian years = 109.575 days.
        Assert.Equal(Duration.FromDays(1217.5), venusVenus.End - venusVenus.Start);
        Assert.Equal(Duration.FromDays(109.575), sunSun.End - sunSun.Start);
        // Venus/Venus/Venus: 20 × 20 × 20 / 120² = 5/9 year.
        var venus3 = venusVenus.SubPeriods[0];
        Assert.Equal(Graha.Venus, venus3.Lord);
        AssertClose(Years(20.0 * 20 * 20 / (120 * 120)), venus3.End - venus3.Start, Duration.FromTicks(1));
    }

    [Fact]
    public void Antardashas_run_in_the_fixed_order_from_the_mahadasha_lord()
    {
        var schedule = VimshottariDasha.Compute(Birth, 100.0, JulianYear);
        var jupiter = schedule.Mahadashas.Single(m => m.Lord == Graha.Jupiter);

        Assert.Equal(
            [Graha.Jupiter, Graha.Saturn, Graha.Mercury, Graha.Ketu, Graha.Venus, Graha.Sun, Graha.Moon, Graha.Mars, Graha.Rahu],
            jupiter.SubPeriods.Select(p => p.Lord));
        Assert.Equal(
            [Graha.Saturn, Graha.Mercury, Graha.Ketu, Graha.Venus, Graha.Sun, Graha.Moon, Graha.Mars, Graha.Rahu, Graha.Jupiter],
            jupiter.SubPeriods[1].SubPeriods.Select(p => p.Lord));
    }

    public static TheoryData<double, double> MoonsAndYears()
    {
        var data = new TheoryData<double, double>();
        foreach (var days in new[] { 365.25, 365.2564, 365.2422, 360.0 })
        {
            for (var moon = 0.123; moon < 360; moon += 7.77)
            {
                data.Add(moon, days);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MoonsAndYears))]
    public void Sub_periods_tile_their_parent_exactly_at_every_level(double moon, double daysPerYear)
    {
        var schedule = VimshottariDasha.Compute(Birth, moon, daysPerYear);

        for (var i = 1; i < schedule.Mahadashas.Count; i++)
        {
            Assert.Equal(schedule.Mahadashas[i - 1].End, schedule.Mahadashas[i].Start);
        }

        foreach (var maha in schedule.Mahadashas)
        {
            AssertTiles(maha);
            foreach (var antar in maha.SubPeriods)
            {
                AssertTiles(antar);
                Assert.All(antar.SubPeriods, p => Assert.Empty(p.SubPeriods));
            }
        }

        static void AssertTiles(DashaPeriod parent)
        {
            Assert.Equal(9, parent.SubPeriods.Count);
            Assert.Equal(parent.Start, parent.SubPeriods[0].Start);
            for (var i = 1; i < 9; i++)
            {
                Assert.Equal(parent.SubPeriods[i - 1].End, parent.SubPeriods[i].Start);
            }

            Assert.True(parent.End == parent.SubPeriods[^1].End,
                $"{parent.Lord} ends at {parent.End.ToUnixTimeTicks()} but its last sub-period ({parent.SubPeriods[^1].Lord}) at {parent.SubPeriods[^1].End.ToUnixTimeTicks()}");
        }
    }

    [Theory]
    [InlineData(365.2564)]
    [InlineData(365.2422)]
    [InlineData(360.0)]
    public void The_year_length_scales_every_span(double daysPerYear)
    {
        var julian = VimshottariDasha.Compute(Birth, 123.4, JulianYear);
        var other = VimshottariDasha.Compute(Birth, 123.4, daysPerYear);
        var ratio = daysPerYear / JulianYear;

        Assert.Equal(julian.BalanceYears, other.BalanceYears, 12);
        Assert.Equal(Duration.FromDays(120 * daysPerYear).TotalDays, (other.Mahadashas[^1].End - other.Mahadashas[0].Start).TotalDays, 6);
        for (var i = 0; i < 9; i++)
        {
            var julianAntar = julian.Mahadashas[i].SubPeriods[3];
            var otherAntar = other.Mahadashas[i].SubPeriods[3];
            Assert.Equal(julianAntar.Lord, otherAntar.Lord);
            Assert.Equal((julianAntar.End - julianAntar.Start).TotalDays * ratio, (otherAntar.End - otherAntar.Start).TotalDays, 6);
        }

        // The balance is a fixed number of years, so the first mahadasha ends later (or earlier) after birth.
        Assert.Equal((julian.Mahadashas[0].End - Birth).TotalDays * ratio, (other.Mahadashas[0].End - Birth).TotalDays, 6);
    }

    [Fact]
    public void Running_period_has_three_levels_worked_out_by_hand()
    {
        // Moon at 0° Ashwini: Ketu 0–7, Venus 7–27, Sun 27–33, Moon 33–43, Mars 43–50, Rahu 50–68 years.
        // At 51 years: Rahu mahadasha, 1 year in. Rahu/Rahu lasts 18 × 18 / 120 = 2.7 years, so still Rahu/Rahu.
        // Its pratyantardashas: Rahu 2.7 × 18/120 = 0.405, Jupiter 2.7 × 16/120 = 0.36 (to 0.765),
        // Saturn 2.7 × 19/120 = 0.4275 (to 1.1925): at 1 year, Saturn.
        var schedule = VimshottariDasha.Compute(Birth, 0.0, JulianYear);

        var running = VimshottariDasha.RunningAt(schedule, Birth + Years(51));

        Assert.Equal([Graha.Rahu, Graha.Rahu, Graha.Saturn], running.Select(p => p.Lord));
        AssertClose(Birth + Years(50), running[0].Start, Duration.FromMilliseconds(1));
        AssertClose(Birth + Years(50 + 0.765), running[2].Start, Duration.FromMilliseconds(1));
        AssertClose(Birth + Years(50 + 1.1925), running[2].End, Duration.FromMilliseconds(1));
    }

    [Fact]
    public void Running_period_at_birth_is_the_balance_lord_and_outside_the_cycle_there_is_none()
    {
        var schedule = VimshottariDasha.Compute(Birth, 20.0, JulianYear);

        var atBirth = VimshottariDasha.RunningAt(schedule, Birth);
        Assert.Equal(3, atBirth.Count);
        Assert.Equal(Graha.Venus, atBirth[0].Lord);
        Assert.All(atBirth, p => Assert.True(p.Start <= Birth && Birth < p.End));

        Assert.Empty(VimshottariDasha.RunningAt(schedule, schedule.Mahadashas[0].Start - Duration.FromSeconds(1)));
        Assert.Empty(VimshottariDasha.RunningAt(schedule, schedule.Mahadashas[^1].End));
    }

    [Fact]
    public void Every_instant_of_the_cycle_has_a_running_period_at_all_three_levels()
    {
        var schedule = VimshottariDasha.Compute(Birth, 0.123, 365.2422);
        var start = schedule.Mahadashas[0].Start;
        var end = schedule.Mahadashas[^1].End;

        // The boundaries themselves are the instants most likely to fall into a gap.
        foreach (var maha in schedule.Mahadashas)
        {
            foreach (var antar in maha.SubPeriods)
            {
                foreach (var instant in new[] { antar.Start, antar.End - Duration.Epsilon })
                {
                    Assert.Equal(3, VimshottariDasha.RunningAt(schedule, instant).Count);
                }
            }
        }

        Assert.Equal(3, VimshottariDasha.RunningAt(schedule, end - Duration.Epsilon).Count);
        Assert.Equal(3, VimshottariDasha.RunningAt(schedule, start).Count);
    }
}
