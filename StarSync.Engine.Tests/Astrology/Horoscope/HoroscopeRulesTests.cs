using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Horoscope;

namespace StarSync.Engine.Tests.Astrology.Horoscope;

/// <summary>Daily horoscopes from the real sky: the sky matches swetest, readings are repeatable and differ between signs.</summary>
[Collection(EphemerisCollection.Name)]
public sealed class HoroscopeRulesTests(EphemerisFixture fixture)
{
    private HoroscopeCalculator Calculator => new(fixture.Ephemeris);

    [Fact]
    public void The_sky_is_taken_at_New_Delhi_sunrise_as_swetest_finds_it()
    {
        var sky = new DailySkyCalculator(fixture.Ephemeris).Calculate(new LocalDate(2024, 3, 20));

        // swetest's rise is in UT1; the engine works in UTC. In 2024 they differ by well under a second.
        Assert.InRange((sky.Sunrise - GocharaTests.SwetestSunrise).TotalSeconds, -1, 1);
        for (var i = 0; i < 9; i++)
        {
            Assert.InRange(Angle.Separation(sky.Longitudes[i], GocharaTests.SwetestLongitudes[i]), 0, 0.0005);
        }

        Assert.Equal(8, sky.Nakshatra);
        Assert.Equal(GocharaTests.SwetestSky.Signs, sky.Signs);
    }

    [Fact]
    public void A_rerun_gives_the_same_text_word_for_word()
    {
        var date = new LocalDate(2026, 11, 25);

        var first = Calculator.CalculateDay(date);
        var second = Calculator.CalculateDay(date);

        for (var sign = 0; sign < 12; sign++)
        {
            Assert.Equal(first[sign].Text, second[sign].Text);
            Assert.Equal(first[sign].Scores, second[sign].Scores);
            Assert.Equal(first[sign].Reasons, second[sign].Reasons);
        }

        Assert.Equal(first[4].Text, Calculator.Calculate(5, date).Text);
    }

    [Theory]
    [InlineData(2024, 3, 20)]
    [InlineData(2026, 11, 25)]
    [InlineData(2031, 7, 4)]
    public void The_twelve_signs_read_differently_on_the_same_day(int year, int month, int day)
    {
        var readings = Calculator.CalculateDay(new LocalDate(year, month, day));

        Assert.Equal(12, readings.Select(r => r.Text).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 12), readings.Select(r => r.Sign));
    }

    [Fact]
    public void Every_reading_has_scores_in_range_and_its_text_quotes_its_first_reasons()
    {
        foreach (var reading in Calculator.CalculateDay(new LocalDate(2026, 11, 25)))
        {
            foreach (var score in new[] { reading.Scores.Love, reading.Scores.Career, reading.Scores.Money, reading.Scores.Health })
            {
                Assert.InRange(score, 1, 5);
            }

            Assert.StartsWith(reading.Headline, reading.Text, StringComparison.Ordinal);
            foreach (var reason in reading.Reasons.Take(reading.TextStatements))
            {
                Assert.Contains(reason.Statement, reading.Text, StringComparison.Ordinal);
            }

            // The Moon, the tara, then one statement for each of the eight other grahas.
            Assert.Equal(10, reading.Reasons.Count);
            Assert.All(reading.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Because)));
        }
    }

    [Fact]
    public void The_weekday_lord_speaks_first_after_the_Moon_and_the_tara()
    {
        // 2024-03-20 was a Wednesday: Mercury's day.
        var reading = HoroscopeRules.Read(GocharaTests.SwetestSky, 1);

        Assert.StartsWith("Mercury in Pisces, the 12th from Aries", reading.Reasons[2].Because, StringComparison.Ordinal);
    }

    [Fact]
    public void A_personal_reading_counts_the_tara_from_the_birth_nakshatra_and_names_the_running_periods()
    {
        // A birth in Mumbai; the chart comes from the engine, the day's sky from the swetest positions above.
        var kundli = fixture.Calculator.Calculate(new Engine.Astrology.Kundli.BirthData(
            new LocalDate(1990, 8, 15), new LocalTime(6, 30), 19.0760, 72.8777, "Asia/Kolkata", Engine.Astrology.Time.UtcOffsetChoice.FromZone));
        var moon = kundli[Graha.Moon].Longitude;

        var personal = PersonalHoroscopeRules.Read(GocharaTests.SwetestSky, moon, kundli.Dasha);

        Assert.Equal(Rashi.FromLongitude(moon), personal.Reading.Sign);
        Assert.Equal(Nakshatra.FromLongitude(moon), personal.JanmaNakshatra);
        Assert.Contains($"from your birth nakshatra {Nakshatra.Name(personal.JanmaNakshatra)}", personal.Reading.Reasons[1].Because, StringComparison.Ordinal);
        var running = Engine.Astrology.Dasha.VimshottariDasha.RunningAt(kundli.Dasha, GocharaTests.SwetestSunrise);
        Assert.Equal(running[0].Lord, personal.Mahadasha?.Lord);
        Assert.Equal(running[1].Lord, personal.Antardasha?.Lord);
        Assert.StartsWith($"{running[0].Lord} mahadasha runs until", personal.Reading.Reasons[^2].Because, StringComparison.Ordinal);
        Assert.StartsWith($"{running[1].Lord} antardasha runs until", personal.Reading.Reasons[^1].Because, StringComparison.Ordinal);
    }
}
