using System.Globalization;
using NodaTime;
using NodaTime.Text;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;
using StarSync.Engine.Places;

namespace StarSync.Web.Api;

/// <summary>The birth fields of an API request, as the client sent them (strings are parsed here, not by the serializer).</summary>
public interface IBirthFields
{
    string? Name { get; }
    string? Date { get; }
    string? Time { get; }
    bool? TimeKnown { get; }
    string? PlaceId { get; }
    double? Latitude { get; }
    double? Longitude { get; }
    string? TimeZone { get; }
    string? UtcOffset { get; }
}

/// <summary>The chart conventions of an API request.</summary>
public interface IChartOptions
{
    string? Ayanamsa { get; }
    string? Node { get; }
    string? DashaYear { get; }
    string? Sunrise { get; }
}

/// <summary>
/// Turns request fields into engine values, collecting every problem keyed by the field's JSON path
/// (the same messages the Kundli page shows beside its fields).
/// </summary>
public sealed class BirthInput(Gazetteer gazetteer, CivilTimeResolver timeResolver)
{
    private static readonly LocalTimePattern TimeWithSeconds = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");
    private static readonly LocalTimePattern TimeWithoutSeconds = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>Parses the birth fields; returns null and adds to <paramref name="errors"/> when they are invalid.</summary>
    public BirthData? Read(IBirthFields fields, Dictionary<string, string[]> errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        void Fail(string field, string message) => errors[prefix + field] = [message];

        LocalDate date = default;
        if (string.IsNullOrWhiteSpace(fields.Date))
        {
            Fail("date", "Date of birth is required (YYYY-MM-DD).");
        }
        else if (ParseDate(fields.Date) is not { } parsedDate)
        {
            Fail("date", $"'{fields.Date}' is not a real date in the form YYYY-MM-DD.");
        }
        else if (!SupportedDates.Contains(parsedDate))
        {
            Fail("date", SupportedDates.Description);
        }
        else
        {
            date = parsedDate;
        }

        LocalTime? time = null;
        var timeKnown = fields.TimeKnown ?? true;
        if (timeKnown)
        {
            if (string.IsNullOrWhiteSpace(fields.Time))
            {
                Fail("time", "Time of birth is required (HH:mm or HH:mm:ss), or set timeKnown to false.");
            }
            else if (ParseTime(fields.Time) is not { } parsedTime)
            {
                Fail("time", $"'{fields.Time}' is not a time between 00:00 and 23:59:59 (HH:mm or HH:mm:ss).");
            }
            else
            {
                time = parsedTime;
            }
        }

        UtcOffsetChoice offset = UtcOffsetChoice.FromZone;
        if (!string.IsNullOrWhiteSpace(fields.UtcOffset))
        {
            if (string.Equals(fields.UtcOffset.Trim(), "lmt", StringComparison.OrdinalIgnoreCase))
            {
                offset = UtcOffsetChoice.LocalMeanTime;
            }
            else if (CivilTimeResolver.ParseOffset(fields.UtcOffset.Trim()) is { } explicitOffset)
            {
                offset = UtcOffsetChoice.Fixed(explicitOffset);
            }
            else
            {
                Fail("utcOffset", $"'{fields.UtcOffset}' is not an offset like +05:30, -03:00 or +05:53:28 (at most ±14:00), nor \"lmt\".");
            }
        }

        double latitude = 0, longitude = 0;
        string zone = "Etc/UTC";
        string? placeName = null;
        if (!string.IsNullOrWhiteSpace(fields.PlaceId))
        {
            if (gazetteer.Find(fields.PlaceId.Trim()) is { } place)
            {
                (latitude, longitude, zone) = (place.Latitude, place.Longitude, place.TimeZone);
                placeName = $"{place.Name}, {place.Admin1}, {place.Country}";
            }
            else
            {
                Fail("placeId", $"No place has the id '{fields.PlaceId}'. Search places with GET /api/v1/places?q=…");
            }
        }
        else
        {
            if (fields.Latitude is not { } lat)
            {
                Fail("latitude", "Give placeId, or latitude, longitude and timeZone.");
            }
            else if (!double.IsFinite(lat) || lat is < -90 or > 90)
            {
                Fail("latitude", "Latitude must be between -90 and 90 degrees (north positive).");
            }
            else
            {
                latitude = lat;
            }

            if (fields.Longitude is not { } lon)
            {
                Fail("longitude", "Give placeId, or latitude, longitude and timeZone.");
            }
            else if (!double.IsFinite(lon) || lon is < -180 or > 180)
            {
                Fail("longitude", "Longitude must be between -180 and 180 degrees (east positive).");
            }
            else
            {
                longitude = lon;
            }

            if (string.IsNullOrWhiteSpace(fields.TimeZone))
            {
                if (offset.Source == OffsetSource.TimeZone)
                {
                    Fail("timeZone", "Give an IANA time zone such as Asia/Kolkata, or an explicit utcOffset.");
                }
            }
            else if (!timeResolver.IsKnownZone(fields.TimeZone.Trim()))
            {
                Fail("timeZone", $"Unknown time zone '{fields.TimeZone}'. Use an IANA zone id such as Asia/Kolkata.");
            }
            else
            {
                zone = fields.TimeZone.Trim();
            }
        }

        if (fields.Name is { Length: > 100 })
        {
            Fail("name", "Name must be at most 100 characters.");
        }

        if (errors.Count > before)
        {
            return null;
        }

        var birth = new BirthData(date, time, latitude, longitude, zone, offset, fields.Name?.Trim(), placeName);

        // Resolve now, so that a skipped or repeated local time is reported against the request's fields.
        try
        {
            timeResolver.Resolve(date + (time ?? new LocalTime(12, 0)), longitude, zone, offset);
        }
        catch (BirthDataException e)
        {
            Fail(e.Field, e.Message);
            return null;
        }

        return birth;
    }

    /// <summary>Parses the chart conventions; unknown values are reported by field.</summary>
    public static ChartSettings ReadSettings(IChartOptions options, Dictionary<string, string[]> errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var settings = ChartSettings.Default;
        if (options.Ayanamsa is { } a)
        {
            if (ChartOptionNames.Ayanamsa(a) is { } mode)
            {
                settings = settings with { Ayanamsa = mode };
            }
            else
            {
                errors[prefix + "ayanamsa"] = ["Ayanamsa must be one of lahiri, raman, krishnamurti, true-chitra."];
            }
        }

        if (options.Node is { } n)
        {
            if (ChartOptionNames.Node(n) is { } node)
            {
                settings = settings with { Node = node };
            }
            else
            {
                errors[prefix + "node"] = ["Node must be mean or true."];
            }
        }

        if (options.DashaYear is { } y)
        {
            if (ChartOptionNames.DashaYear(y) is { } year)
            {
                settings = settings with { DashaYear = year };
            }
            else
            {
                errors[prefix + "dashaYear"] = ["dashaYear must be one of 365.25, 365.2564, 365.2422, 360."];
            }
        }

        if (options.Sunrise is { } s)
        {
            if (ChartOptionNames.Sunrise(s) is { } sunrise)
            {
                settings = settings with { Sunrise = sunrise };
            }
            else
            {
                errors[prefix + "sunrise"] = ["sunrise must be upper-limb or disc-centre."];
            }
        }

        return settings;
    }

    public static LocalDate? ParseDate(string text)
    {
        var result = LocalDatePattern.Iso.Parse(text.Trim());
        return result.Success ? result.Value : null;
    }

    public static LocalTime? ParseTime(string text)
    {
        var trimmed = text.Trim();
        var result = (trimmed.Length > 5 ? TimeWithSeconds : TimeWithoutSeconds).Parse(trimmed);
        return result.Success ? result.Value : null;
    }
}

/// <summary>The API's names for chart conventions (one table, used for parsing and for echoing settings).</summary>
public static class ChartOptionNames
{
    public static SiderealMode? Ayanamsa(string text) => text.Trim().ToLowerInvariant() switch
    {
        "lahiri" => SiderealMode.Lahiri,
        "raman" => SiderealMode.Raman,
        "krishnamurti" or "kp" => SiderealMode.Krishnamurti,
        "true-chitra" => SiderealMode.TrueChitra,
        _ => null,
    };

    public static string Name(SiderealMode mode) => mode switch
    {
        SiderealMode.Lahiri => "lahiri",
        SiderealMode.Raman => "raman",
        SiderealMode.Krishnamurti => "krishnamurti",
        SiderealMode.TrueChitra => "true-chitra",
        _ => mode.ToString().ToLowerInvariant(),
    };

    public static NodeKind? Node(string text) => text.Trim().ToLowerInvariant() switch
    {
        "mean" => NodeKind.Mean,
        "true" => NodeKind.True,
        _ => null,
    };

    public static DashaYear? DashaYear(string text) => text.Trim() switch
    {
        "365.25" => Engine.Astrology.Charts.DashaYear.Julian,
        "365.2564" => Engine.Astrology.Charts.DashaYear.Sidereal,
        "365.2422" => Engine.Astrology.Charts.DashaYear.Tropical,
        "360" => Engine.Astrology.Charts.DashaYear.Savana,
        _ => null,
    };

    public static string Name(DashaYear year) =>
        ChartSettings.DaysPerYear(year).ToString(CultureInfo.InvariantCulture);

    public static SunriseConvention? Sunrise(string text) => text.Trim().ToLowerInvariant() switch
    {
        "upper-limb" => SunriseConvention.UpperLimb,
        "disc-centre" or "disc-center" => SunriseConvention.DiscCentre,
        _ => null,
    };

    public static string Name(SunriseConvention sunrise) => sunrise == SunriseConvention.UpperLimb ? "upper-limb" : "disc-centre";
}
