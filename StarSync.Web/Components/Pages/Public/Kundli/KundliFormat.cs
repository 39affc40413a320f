using System.Globalization;
using NodaTime;
using NodaTime.Text;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Places;

namespace StarSync.Web.Components.Pages.Public.Kundli;

/// <summary>How the Kundli page writes angles, dates and places (one place, so the chart, tables and print agree).</summary>
public static class KundliFormat
{
    private static readonly LocalDatePattern DayMonthYear = LocalDatePattern.CreateWithInvariantCulture("d MMM uuuu");
    private static readonly LocalDateTimePattern DayMonthYearTime = LocalDateTimePattern.CreateWithInvariantCulture("d MMM uuuu, HH:mm");
    private static readonly LocalTimePattern HoursMinutes = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>Degrees within a sign as D°M′S″ (rounded to the second, never showing 60″).</summary>
    public static string Dms(double degrees)
    {
        var totalSeconds = (long)Math.Round(degrees * 3600, MidpointRounding.AwayFromZero);
        var (d, rest) = Math.DivRem(totalSeconds, 3600);
        var (m, s) = Math.DivRem(rest, 60);
        return string.Create(CultureInfo.InvariantCulture, $"{d}°{m:00}′{s:00}″");
    }

    /// <summary>Degrees within a sign as D°M′ (for labels where seconds would be noise).</summary>
    public static string DegreesMinutes(double degrees)
    {
        var totalMinutes = (long)Math.Round(degrees * 60, MidpointRounding.AwayFromZero);
        var (d, m) = Math.DivRem(totalMinutes, 60);
        return string.Create(CultureInfo.InvariantCulture, $"{d}°{m:00}′");
    }

    /// <summary>"Leo 12°03′45″" for a sidereal longitude.</summary>
    public static string SignAndDegree(double longitude)
    {
        var sign = Rashi.FromLongitude(longitude);
        return $"{Rashi.Name(sign)} {Dms(Angle.Normalize(longitude) - (sign - 1) * 30)}";
    }

    /// <summary>
    /// "New Delhi, Delhi, India"; the state is left out when the gazetteer has none (it then repeats the country).
    /// A place known only by its coordinates is written as them.
    /// </summary>
    public static string PlaceLabel(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        if (KundliFormModel.IsGivenCoordinates(place))
        {
            return place.Name;
        }

        return string.Equals(place.Admin1, place.Country, StringComparison.Ordinal) || string.IsNullOrWhiteSpace(place.Admin1)
            ? $"{place.Name}, {place.Country}"
            : $"{place.Name}, {place.Admin1}, {place.Country}";
    }

    /// <summary>The zone dates are shown in: the birth place's own zone (falls back to UTC for an unknown id).</summary>
    public static DateTimeZone Zone(string zoneId) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;

    public static string Date(Instant instant, DateTimeZone zone) => DayMonthYear.Format(instant.InZone(zone).Date);

    public static string DateTime(Instant instant, DateTimeZone zone) => DayMonthYearTime.Format(instant.InZone(zone).LocalDateTime);

    public static string Time(Instant instant, DateTimeZone zone) => HoursMinutes.Format(instant.InZone(zone).TimeOfDay);

    public static string Date(LocalDate date) => DayMonthYear.Format(date);

    public static string Time(LocalTime time) => HoursMinutes.Format(time);

    /// <summary>A span of years as "13 y 6 m 11 d" (months of 1/12 year, days of 365.25/12/… as the remainder).</summary>
    public static string Years(double years)
    {
        var whole = (int)years;
        var monthsExact = (years - whole) * 12;
        var months = (int)monthsExact;
        var days = (int)Math.Round((monthsExact - months) * 365.25 / 12);
        return whole > 0 ? $"{whole} y {months} m {days} d" : months > 0 ? $"{months} m {days} d" : $"{days} d";
    }

    /// <summary>A dasha period's length, to the day, e.g. "2 y 8 m" or "5 m 12 d" (Julian years of 365.25 days).</summary>
    public static string Span(Duration length)
    {
        var years = length.TotalDays / 365.25;
        var whole = (int)years;
        var monthsExact = (years - whole) * 12;
        var months = (int)monthsExact;
        var days = (int)Math.Round((monthsExact - months) * 365.25 / 12);
        return whole > 0 ? (months > 0 ? $"{whole} y {months} m" : $"{whole} y")
            : months > 0 ? $"{months} m {days} d"
            : $"{days} d";
    }

    /// <summary>The graha's English name with its Sanskrit one, e.g. "Sun (Surya)".</summary>
    public static string GrahaName(Graha graha) => $"{graha} ({Grahas.Sanskrit(graha)})";

    /// <summary>How the dignity reads in a table.</summary>
    public static string Dignity(DignityKind dignity) => dignity switch
    {
        DignityKind.None => "—",
        DignityKind.Moolatrikona => "Moolatrikona",
        DignityKind.Own => "Own sign",
        DignityKind.Friend => "Friendly",
        DignityKind.Enemy => "Enemy",
        _ => dignity.ToString(),
    };
}
