using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Horoscope;
using StarSync.Engine.Astrology.Time;
using StarSync.Web.Horoscope;

namespace StarSync.Web.Api;

/// <summary>GET /api/v1/horoscope/daily: a Moon sign's daily horoscope (a store lookup; computed and stored when missing).</summary>
public static class HoroscopeEndpoints
{
    public static IEndpointRouteBuilder MapHoroscopeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/horoscope/daily", DailyAsync)
            .WithName("DailyHoroscope")
            .WithTags("Horoscope")
            .WithSummary("The daily horoscope of a Moon sign (aries … pisces) for a date (default: today at New Delhi), from the sky at that date's sunrise at New Delhi: four scores, the text, and each statement with the transit behind it.")
            .Produces<DailyHoroscopeResponse>()
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<IResult> DailyAsync(HttpRequest request, DailyHoroscopes horoscopes)
    {
        // Read the query by hand so that every malformed parameter gets a problem naming it, not a bare 400.
        var errors = new Dictionary<string, string[]>();
        var signText = request.Query["sign"].ToString();
        var sign = HoroscopeSigns.FromSlug(signText);
        if (string.IsNullOrWhiteSpace(signText))
        {
            errors["sign"] = ["sign is required: a Moon sign such as aries, taurus … pisces."];
        }
        else if (sign is null)
        {
            errors["sign"] = [$"'{signText}' is not a Moon sign; use one of {string.Join(", ", Enumerable.Range(1, 12).Select(HoroscopeSigns.Slug))}."];
        }

        var date = horoscopes.Today;
        var dateText = request.Query["date"].ToString();
        if (!string.IsNullOrWhiteSpace(dateText))
        {
            if (BirthInput.ParseDate(dateText) is not { } parsed)
            {
                errors["date"] = [$"'{dateText}' is not a real date in the form YYYY-MM-DD."];
            }
            else if (!SupportedDates.Contains(parsed))
            {
                errors["date"] = [SupportedDates.Description];
            }
            else
            {
                date = parsed;
            }
        }

        if (errors.Count > 0 || sign is not { } s)
        {
            return Problems.Validation(errors);
        }

        try
        {
            return Results.Ok(DailyHoroscopeResponse.From(await horoscopes.GetAsync(s, date, request.HttpContext.RequestAborted)));
        }
        catch (EphemerisCalculationException e)
        {
            return Problems.Validation("date", $"{e.Message} {SupportedDates.Description}");
        }
    }
}
