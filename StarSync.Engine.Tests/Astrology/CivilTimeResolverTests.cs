using NodaTime;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Engine.Tests.Astrology;

/// <summary>
/// Local birth time to UTC through NodaTime's TZDB. The offsets asserted here are what the TZDB history says
/// (Asia/Kolkata: +06:30 war time from 1941-10-01 to 1942-05-15 and again from 1942-09-01 to 1945-10-15,
/// standard time in between; LMT +05:53:28 before 1854; Europe/London LMT −00:01:15 until 1847-12-01).
/// </summary>
public sealed class CivilTimeResolverTests
{
    private const double DelhiLongitude = 77.2090;
    private readonly CivilTimeResolver _resolver = new();

    private ResolvedBirthTime Resolve(int year, int month, int day, int hour, int minute, string zone, double longitude = DelhiLongitude) =>
        _resolver.Resolve(new LocalDateTime(year, month, day, hour, minute), longitude, zone, UtcOffsetChoice.FromZone);

    [Theory]
    [InlineData(1941, 10, 1, 12)]   // first day of war time
    [InlineData(1942, 1, 15, 12)]
    [InlineData(1942, 5, 14, 22)]   // an hour before the first window closed
    [InlineData(1942, 9, 1, 12)]    // war time again
    [InlineData(1943, 6, 1, 12)]
    [InlineData(1945, 10, 14, 22)]  // an hour before the second window closed
    public void India_war_time_is_six_and_a_half_hours_ahead(int year, int month, int day, int hour)
    {
        var resolved = Resolve(year, month, day, hour, 0, "Asia/Kolkata");

        Assert.Equal(Offset.FromHoursAndMinutes(6, 30), resolved.Offset);
        Assert.Equal(new LocalDateTime(year, month, day, hour, 0).Minus(Period.FromMinutes(390)), resolved.Utc.InUtc().LocalDateTime);
        Assert.Contains("+06:30", resolved.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1941, 9, 30, 12)]   // the day before war time
    [InlineData(1942, 5, 15, 12)]   // the summer-1942 gap between the two windows
    [InlineData(1942, 7, 1, 12)]
    [InlineData(1942, 8, 31, 12)]
    [InlineData(1945, 10, 15, 12)]  // after the war
    public void India_is_on_standard_time_outside_the_war_time_windows(int year, int month, int day, int hour)
    {
        var resolved = Resolve(year, month, day, hour, 0, "Asia/Kolkata");

        Assert.Equal(Offset.FromHoursAndMinutes(5, 30), resolved.Offset);
        Assert.Contains("+05:30 (IST)", resolved.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hour_repeated_when_India_left_war_time_in_1945_is_ambiguous()
    {
        // At midnight +06:30 on 1945-10-15 clocks went back to 23:00 +05:30: 23:00–24:00 on the 14th ran twice.
        var e = Assert.Throws<BirthDataException>(() => Resolve(1945, 10, 14, 23, 30, "Asia/Kolkata"));

        Assert.Equal("time", e.Field);
        Assert.Contains("+06:30", e.Message, StringComparison.Ordinal);
        Assert.Contains("+05:30", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_skipped_by_daylight_saving_is_refused_naming_both_offsets()
    {
        var e = Assert.Throws<BirthDataException>(() => Resolve(2021, 3, 14, 2, 30, "America/New_York", -74.006));

        Assert.Equal("time", e.Field);
        Assert.Contains("did not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("-05:00", e.Message, StringComparison.Ordinal);
        Assert.Contains("-04:00", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_repeated_when_clocks_go_back_is_refused_as_ambiguous_naming_both_offsets()
    {
        var e = Assert.Throws<BirthDataException>(() => Resolve(2021, 11, 7, 1, 30, "America/New_York", -74.006));

        Assert.Equal("time", e.Field);
        Assert.Contains("happened twice", e.Message, StringComparison.Ordinal);
        Assert.Contains("-04:00", e.Message, StringComparison.Ordinal);
        Assert.Contains("-05:00", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Times_just_outside_the_daylight_saving_changes_resolve_normally()
    {
        Assert.Equal(Offset.FromHours(-5), Resolve(2021, 3, 14, 1, 59, "America/New_York", -74.006).Offset);
        Assert.Equal(Offset.FromHours(-4), Resolve(2021, 3, 14, 3, 0, "America/New_York", -74.006).Offset);
        Assert.Equal(Offset.FromHours(-5), Resolve(2021, 11, 7, 2, 0, "America/New_York", -74.006).Offset);
    }

    [Fact]
    public void Kolkata_in_1850_is_local_mean_time_with_seconds()
    {
        var resolved = Resolve(1850, 1, 1, 12, 0, "Asia/Kolkata");

        Assert.Equal(Offset.FromHoursAndMinutes(5, 53) + Offset.FromSeconds(28), resolved.Offset);
        Assert.Equal(Instant.FromUtc(1850, 1, 1, 6, 6, 32), resolved.Utc);
        Assert.Contains("+05:53:28 (LMT)", resolved.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void London_before_December_1847_is_local_mean_time_just_west_of_Greenwich()
    {
        var lmt = Resolve(1840, 1, 1, 12, 0, "Europe/London", -0.1278);
        var gmt = Resolve(1850, 1, 1, 12, 0, "Europe/London", -0.1278);

        Assert.Equal(Offset.FromSeconds(-75), lmt.Offset);
        Assert.Equal(Instant.FromUtc(1840, 1, 1, 12, 1, 15), lmt.Utc);
        Assert.Contains("-00:01:15", lmt.Explanation, StringComparison.Ordinal);
        Assert.Equal(Offset.Zero, gmt.Offset);
    }

    [Fact]
    public void Local_mean_time_for_Mumbai_is_4h51m31s_ahead()
    {
        // 72.8777° × 240 s/° = 17 490.6 s, rounded to 17 491 s = 4:51:31.
        var resolved = _resolver.Resolve(new LocalDateTime(1940, 3, 1, 10, 0), 72.8777, "Asia/Kolkata", UtcOffsetChoice.LocalMeanTime);

        Assert.Equal(Offset.FromSeconds(4 * 3600 + 51 * 60 + 31), resolved.Offset);
        Assert.Equal(OffsetSource.LocalMeanTime, resolved.Source);
        Assert.Equal(Instant.FromUtc(1940, 3, 1, 5, 8, 29), resolved.Utc);
        Assert.Contains("+04:51:31", resolved.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_mean_time_west_of_Greenwich_is_behind_UTC()
    {
        var resolved = _resolver.Resolve(new LocalDateTime(1900, 1, 1, 12, 0), -74.006, "America/New_York", UtcOffsetChoice.LocalMeanTime);

        // 74.006° × 240 = 17 761.4 s → 4:56:01 behind.
        Assert.Equal(Offset.FromSeconds(-(4 * 3600 + 56 * 60 + 1)), resolved.Offset);
    }

    [Fact]
    public void An_explicit_offset_with_seconds_is_used_as_given()
    {
        var offset = CivilTimeResolver.ParseOffset("+05:21:10");
        Assert.NotNull(offset);

        var resolved = _resolver.Resolve(new LocalDateTime(1900, 6, 1, 8, 0), DelhiLongitude, "Asia/Kolkata", UtcOffsetChoice.Fixed(offset.Value));

        Assert.Equal(Offset.FromSeconds(5 * 3600 + 21 * 60 + 10), resolved.Offset);
        Assert.Equal(Instant.FromUtc(1900, 6, 1, 2, 38, 50), resolved.Utc);
        Assert.Equal(OffsetSource.Explicit, resolved.Source);
        Assert.Contains("+05:21:10", resolved.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+05:30", 19800)]
    [InlineData("-03:30", -12600)]
    [InlineData("+05:53:28", 21208)]
    [InlineData("+09", 32400)]
    public void Offsets_parse(string text, int seconds)
    {
        Assert.Equal(Offset.FromSeconds(seconds), CivilTimeResolver.ParseOffset(text));
    }

    [Theory]
    [InlineData("IST")]
    [InlineData("+5:30")]
    [InlineData("+15:00")]
    [InlineData("")]
    public void Text_that_is_not_an_offset_does_not_parse(string text)
    {
        Assert.Null(CivilTimeResolver.ParseOffset(text));
    }

    [Theory]
    [InlineData(19800, "+05:30")]
    [InlineData(-18000, "-05:00")]
    [InlineData(21208, "+05:53:28")]
    [InlineData(-75, "-00:01:15")]
    public void Offsets_format_with_seconds_only_when_they_have_them(int seconds, string expected)
    {
        Assert.Equal(expected, CivilTimeResolver.Format(Offset.FromSeconds(seconds)));
    }

    [Fact]
    public void Indian_births_before_1955_carry_a_warning_about_local_clocks()
    {
        var resolved = Resolve(1950, 1, 1, 12, 0, "Asia/Kolkata");

        var warning = Assert.Single(resolved.Warnings);
        Assert.Contains("1955", warning, StringComparison.Ordinal);
        Assert.Contains("utcOffset", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Indian_births_from_1955_on_and_births_abroad_carry_no_warning()
    {
        Assert.Empty(Resolve(1960, 1, 1, 12, 0, "Asia/Kolkata").Warnings);
        Assert.Empty(Resolve(1950, 1, 1, 12, 0, "Asia/Karachi", 67.0).Warnings);
    }

    [Theory]
    [InlineData(1799, 12, 31)]
    [InlineData(2400, 1, 1)]
    public void Dates_outside_the_ephemeris_range_are_refused_on_the_date_field(int year, int month, int day)
    {
        var e = Assert.Throws<BirthDataException>(() => Resolve(year, month, day, 12, 0, "Asia/Kolkata"));

        Assert.Equal("date", e.Field);
        Assert.Contains("1800-01-01", e.Message, StringComparison.Ordinal);
        Assert.Contains("2399-12-31", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1800, 1, 1)]
    [InlineData(2399, 12, 31)]
    public void The_first_and_last_supported_dates_resolve(int year, int month, int day)
    {
        var resolved = Resolve(year, month, day, 12, 0, "Etc/UTC");

        Assert.Equal(Instant.FromUtc(year, month, day, 12, 0), resolved.Utc);
    }

    [Fact]
    public void Out_of_range_dates_are_refused_whatever_the_offset_choice()
    {
        var e = Assert.Throws<BirthDataException>(() =>
            _resolver.Resolve(new LocalDateTime(1799, 12, 31, 23, 0), DelhiLongitude, "Asia/Kolkata", UtcOffsetChoice.Fixed(Offset.Zero)));

        Assert.Equal("date", e.Field);
    }

    [Fact]
    public void An_unknown_zone_is_refused_on_the_time_zone_field()
    {
        var e = Assert.Throws<BirthDataException>(() => Resolve(2000, 1, 1, 12, 0, "Asia/Atlantis"));

        Assert.Equal("timeZone", e.Field);
        Assert.Contains("Asia/Atlantis", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_old_zone_name_Asia_Calcutta_is_the_same_zone()
    {
        Assert.True(_resolver.IsKnownZone("Asia/Calcutta"));
        var calcutta = Resolve(1943, 6, 1, 12, 0, "Asia/Calcutta");

        Assert.Equal(Offset.FromHoursAndMinutes(6, 30), calcutta.Offset);
        Assert.Single(calcutta.Warnings);
    }
}
