using System.Globalization;
using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Panchang;
using StarSync.Engine.Astrology.Time;
using StarSync.Engine.Astrology.Transits;
using StarSync.Engine.Places;

namespace StarSync.Web.Api;

/// <summary>GET /api/v1/panchang (a day's panchang at a place) and GET /api/v1/transits (the sky's events in a date range).</summary>
public static class SkyEndpoints
{
    /// <summary>Longest transit range, in days: a year (leap years included) keeps one request to a few hundred milliseconds.</summary>
    public const int MaxTransitDays = 366;

    /// <summary>Range used when <c>from</c> and <c>to</c> are both omitted.</summary>
    public const int DefaultTransitDays = 90;

    public static IEndpointRouteBuilder MapSkyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/panchang", Panchang)
            .WithName("DayPanchang")
            .WithTags("Sky")
            .WithSummary("The panchang of a local date at a place: sunrise, sunset, vara and every tithi, nakshatra, yoga and karana from sunrise to the next sunrise.")
            .Produces<DayPanchangResponse>()
            .ProducesValidationProblem();
        routes.MapGet("/api/v1/transits", Transits)
            .WithName("Transits")
            .WithTags("Sky")
            .WithSummary("Sign ingresses, stations and the Moon's nakshatra changes from 00:00 UTC on `from` up to 00:00 UTC on `to` (at most 366 days; default today for 90 days).")
            .Produces<IReadOnlyList<TransitEventDto>>()
            .ProducesValidationProblem();
        return routes;
    }

    /// <summary>The query's chart options, read through the same table as the Kundli request body.</summary>
    private sealed record QueryOptions(string? Ayanamsa, string? Node, string? DashaYear, string? Sunrise) : IChartOptions
    {
        public static QueryOptions Of(HttpRequest request) =>
            new(Value(request, "ayanamsa"), Value(request, "node"), null, Value(request, "sunrise"));
    }

    /// <summary>A query value, or null when absent or empty so that "?ayanamsa=" means the default.</summary>
    private static string? Value(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static IResult Panchang(HttpRequest request, Gazetteer gazetteer, SwissEphemeris ephemeris)
    {
        // Read the query by hand so that every malformed parameter gets a problem naming it, not a bare 400.
        var errors = new Dictionary<string, string[]>();
        var date = ReadDate(request, "date", errors, required: true);
        var settings = BirthInput.ReadSettings(QueryOptions.Of(request), errors);

        double latitude = 0, longitude = 0;
        DateTimeZone? zone = null;
        if (Value(request, "placeId") is { } placeId)
        {
            if (gazetteer.Find(placeId.Trim()) is { } place)
            {
                (latitude, longitude, zone) = (place.Latitude, place.Longitude, DateTimeZoneProviders.Tzdb.GetZoneOrNull(place.TimeZone));
            }
            else
            {
                errors["placeId"] = [$"No place has the id '{placeId}'. Search places with GET /api/v1/places?q=…"];
            }
        }
        else
        {
            latitude = ReadCoordinate(request, "latitude", 90, "Latitude must be between -90 and 90 degrees (north positive).", errors);
            longitude = ReadCoordinate(request, "longitude", 180, "Longitude must be between -180 and 180 degrees (east positive).", errors);
            zone = ReadZone(request, "timeZone", required: true, errors);
        }

        if (errors.Count > 0 || date is not { } day || zone is null)
        {
            if (errors.Count == 0)
            {
                errors["placeId"] = ["The place's time zone is not known to this server."];
            }

            return Problems.Validation(errors);
        }

        try
        {
            return Results.Ok(DayPanchangResponse.From(new DayPanchangCalculator(ephemeris).Calculate(day, latitude, longitude, zone, settings)));
        }
        catch (EphemerisCalculationException e)
        {
            return Problems.Validation("date", $"{e.Message} {SupportedDates.Description}");
        }
    }

    private static IResult Transits(HttpRequest request, SwissEphemeris ephemeris, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var from = ReadDate(request, "from", errors, required: false);
        var to = ReadDate(request, "to", errors, required: false);
        var settings = BirthInput.ReadSettings(QueryOptions.Of(request), errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var start = from ?? (to is { } given ? given.PlusDays(-DefaultTransitDays) : LocalDate.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var end = to ?? start.PlusDays(DefaultTransitDays);
        var days = Period.DaysBetween(start, end);
        if (days <= 0)
        {
            errors["to"] = ["to must be after from."];
        }
        else if (days > MaxTransitDays)
        {
            errors["to"] = [$"The range may span at most {MaxTransitDays} days."];
        }
        else if (!SupportedDates.Contains(start) || !SupportedDates.Contains(end))
        {
            errors[SupportedDates.Contains(start) ? "to" : "from"] = [SupportedDates.Description];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        try
        {
            var events = new TransitFinder(ephemeris).Find(start.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), end.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), settings);
            return Results.Ok(events.Select(TransitEventDto.Create).ToList());
        }
        catch (EphemerisCalculationException e)
        {
            return Problems.Validation("from", $"{e.Message} {SupportedDates.Description}");
        }
    }

    private static LocalDate? ReadDate(HttpRequest request, string name, Dictionary<string, string[]> errors, bool required)
    {
        if (Value(request, name) is not { } text)
        {
            if (required)
            {
                errors[name] = [$"{name} is required (YYYY-MM-DD)."];
            }

            return null;
        }

        if (BirthInput.ParseDate(text) is not { } date)
        {
            errors[name] = [$"'{text}' is not a real date in the form YYYY-MM-DD."];
            return null;
        }

        if (!SupportedDates.Contains(date))
        {
            errors[name] = [SupportedDates.Description];
            return null;
        }

        return date;
    }

    private static double ReadCoordinate(HttpRequest request, string name, double limit, string message, Dictionary<string, string[]> errors)
    {
        if (Value(request, name) is not { } text)
        {
            errors[name] = ["Give placeId, or latitude, longitude and timeZone."];
            return 0;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || Math.Abs(value) > limit)
        {
            errors[name] = [message];
            return 0;
        }

        return value;
    }

    private static DateTimeZone? ReadZone(HttpRequest request, string name, bool required, Dictionary<string, string[]> errors)
    {
        if (Value(request, name) is not { } text)
        {
            if (required)
            {
                errors[name] = ["Give placeId, or latitude, longitude and timeZone."];
            }

            return null;
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(text.Trim()) is { } zone)
        {
            return zone;
        }

        errors[name] = [$"'{text}' is not an IANA time zone such as Asia/Kolkata."];
        return null;
    }
}
