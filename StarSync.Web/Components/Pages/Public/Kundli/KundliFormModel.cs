using System.Globalization;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Places;
using StarSync.Web.Api;

namespace StarSync.Web.Components.Pages.Public.Kundli;

/// <summary>Which UTC offset the birth time is read with.</summary>
public enum OffsetChoice
{
    /// <summary>The place's time-zone history (the default, and right for almost everyone).</summary>
    TimeZone,
    /// <summary>An offset the person gives, e.g. +05:30 (a time recorded on another clock).</summary>
    Explicit,
    /// <summary>Local mean time of the birth place's longitude.</summary>
    LocalMeanTime,
}

/// <summary>
/// The Kundli form's fields. It presents itself to <see cref="BirthInput"/> as the API's birth fields and chart
/// options, so the page rejects exactly what the API rejects, with the same messages, keyed by the same names.
/// It also round-trips through the page's query string, so a chart can be reloaded, shared and printed.
/// </summary>
public sealed class KundliFormModel : IBirthFields, IChartOptions
{
    public const string DefaultAyanamsa = "lahiri";
    public const string DefaultNode = "mean";
    public const string DefaultDashaYear = "365.25";
    public const string DefaultSunrise = "upper-limb";

    public string? Name { get; set; }

    public DateTime? DateOfBirth { get; set; }

    /// <summary>What was typed in the date field when it is not a date the picker could read.</summary>
    public string? DateText { get; set; }

    public TimeSpan? TimeOfBirth { get; set; }

    /// <summary>What was typed in the time field when it is not a time the picker could read.</summary>
    public string? TimeText { get; set; }

    public Place? Place { get; set; }

    public bool TimeUnknown { get; set; }

    public OffsetChoice Offset { get; set; }

    public string? ExplicitOffset { get; set; }

    public string Ayanamsa { get; set; } = DefaultAyanamsa;

    public string Node { get; set; } = DefaultNode;

    public string DashaYear { get; set; } = DefaultDashaYear;

    public string Sunrise { get; set; } = DefaultSunrise;

    /// <summary>Whether any birth field has been given (an empty page shows the form only).</summary>
    public bool HasBirthFields => DateOfBirth is not null || !string.IsNullOrWhiteSpace(DateText) || Place is not null;

    string? IBirthFields.Date => DateOfBirth is { } date
        ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : DateText;

    string? IBirthFields.Time => TimeUnknown ? null
        : TimeOfBirth is { } time ? FormatTime(time)
        : TimeText;

    bool? IBirthFields.TimeKnown => !TimeUnknown;

    string? IBirthFields.PlaceId => Place is { } place && !IsGivenCoordinates(place) ? place.Id : null;

    double? IBirthFields.Latitude => Place is { } place && IsGivenCoordinates(place) ? place.Latitude : null;

    double? IBirthFields.Longitude => Place is { } place && IsGivenCoordinates(place) ? place.Longitude : null;

    string? IBirthFields.TimeZone => Place is { } place && IsGivenCoordinates(place) ? place.TimeZone : null;

    string? IBirthFields.UtcOffset => Offset switch
    {
        OffsetChoice.Explicit => ExplicitOffset,
        OffsetChoice.LocalMeanTime => "lmt",
        _ => null,
    };

    /// <summary>The query string that reproduces this form (defaults are left out to keep links short).</summary>
    public Dictionary<string, object?> ToQuery(ChartStyle style, Varga varga)
    {
        var birth = (IBirthFields)this;
        return new Dictionary<string, object?>
        {
            ["name"] = string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(),
            ["date"] = birth.Date,
            ["time"] = birth.Time,
            ["unknown"] = TimeUnknown ? "true" : null,
            ["place"] = birth.PlaceId,
            ["lat"] = birth.Latitude?.ToString("R", CultureInfo.InvariantCulture),
            ["lon"] = birth.Longitude?.ToString("R", CultureInfo.InvariantCulture),
            ["zone"] = birth.TimeZone,
            ["offset"] = birth.UtcOffset,
            ["ayanamsa"] = Ayanamsa == DefaultAyanamsa ? null : Ayanamsa,
            ["node"] = Node == DefaultNode ? null : Node,
            ["year"] = DashaYear == DefaultDashaYear ? null : DashaYear,
            ["sunrise"] = Sunrise == DefaultSunrise ? null : Sunrise,
            ["style"] = style == ChartStyle.North ? null : "south",
            ["varga"] = varga == Varga.D1 ? null : varga.ToString(),
        };
    }

    /// <summary>Rebuilds the form from the query string; text that does not parse is kept, so the message can quote it.</summary>
    public static KundliFormModel FromQuery(KundliQuery query, Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(gazetteer);
        var model = new KundliFormModel
        {
            Name = query.Name,
            TimeUnknown = string.Equals(query.Unknown, "true", StringComparison.OrdinalIgnoreCase),
            Place = string.IsNullOrWhiteSpace(query.Place)
                ? CoordinatesFromQuery(query.Latitude, query.Longitude, query.Zone)
                : gazetteer.Find(query.Place.Trim()),
            Ayanamsa = query.Ayanamsa ?? DefaultAyanamsa,
            Node = query.Node ?? DefaultNode,
            DashaYear = query.Year ?? DefaultDashaYear,
            Sunrise = query.Sunrise ?? DefaultSunrise,
        };

        if (query.Date is { } dateText)
        {
            if (BirthInput.ParseDate(dateText) is { } date)
            {
                model.DateOfBirth = date.ToDateTimeUnspecified();
            }
            else
            {
                model.DateText = dateText;
            }
        }

        if (query.Time is { } timeText)
        {
            if (BirthInput.ParseTime(timeText) is { } time)
            {
                model.TimeOfBirth = time.ToTimeOnly().ToTimeSpan();
            }
            else
            {
                model.TimeText = timeText;
            }
        }

        if (query.Offset is { } offset)
        {
            if (string.Equals(offset.Trim(), "lmt", StringComparison.OrdinalIgnoreCase))
            {
                model.Offset = OffsetChoice.LocalMeanTime;
            }
            else
            {
                model.Offset = OffsetChoice.Explicit;
                model.ExplicitOffset = offset;
            }
        }

        return model;
    }

    /// <summary>
    /// A birthplace known only by its coordinates and zone (a saved profile made through the API without a gazetteer
    /// place). It stands in the place field like a gazetteer place, with an empty id and its coordinates as its name.
    /// </summary>
    public static Place GivenCoordinates(double latitude, double longitude, string timeZone)
    {
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{Math.Abs(latitude):0.0000}°{(latitude >= 0 ? "N" : "S")}, {Math.Abs(longitude):0.0000}°{(longitude >= 0 ? "E" : "W")}");
        return new Place("", name, "", "", "", latitude, longitude, timeZone, 0);
    }

    /// <summary>Whether the place is <see cref="GivenCoordinates"/> rather than a gazetteer place.</summary>
    public static bool IsGivenCoordinates(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return place.Id.Length == 0;
    }

    // Numbers that do not parse leave the place empty, so the form asks for one; range and zone are checked by BirthInput.
    private static Place? CoordinatesFromQuery(string? latitude, string? longitude, string? zone) =>
        double.TryParse(latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
        && double.TryParse(longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
        && !string.IsNullOrWhiteSpace(zone)
            ? GivenCoordinates(lat, lon, zone.Trim())
            : null;

    private static string FormatTime(TimeSpan time) => time.Seconds == 0
        ? time.ToString(@"hh\:mm", CultureInfo.InvariantCulture)
        : time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
}

/// <summary>
/// The Kundli page's query string, as given (every value is checked by <see cref="BirthInput"/>). A birthplace is a
/// gazetteer id (<c>place</c>), or, for a saved profile without one, <c>lat</c>, <c>lon</c> and <c>zone</c>.
/// </summary>
public sealed record KundliQuery(
    string? Name,
    string? Date,
    string? Time,
    string? Unknown,
    string? Place,
    string? Offset,
    string? Ayanamsa,
    string? Node,
    string? Year,
    string? Sunrise,
    string? Latitude = null,
    string? Longitude = null,
    string? Zone = null);
