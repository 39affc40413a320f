using NodaTime;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Horoscope;
using StarSync.Engine.Astrology.Time;
using StarSync.Engine.Storage;
using StarSync.Web.Auth;
using StarSync.Web.Horoscope;

namespace StarSync.Web.Api;

/// <summary>
/// GET /api/v1/horoscope/daily: a Moon sign's daily horoscope (a store lookup; computed and stored when missing); and
/// GET /api/v1/me/horoscope: the signed-in person's personal reading from a saved birth profile.
/// </summary>
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
        routes.MapGet("/api/v1/me/horoscope", PersonalAsync)
            .RequireAuthorization(Policies.User)
            .WithName("PersonalHoroscope")
            .WithTags("Horoscope")
            .WithSummary("The signed-in person's reading for a date (default: today in their account's time zone) from a saved birth profile (default: the oldest): their own Moon sign, birth nakshatra and running dasha.")
            .Produces<PersonalHoroscopeResponse>()
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

        var date = ReadDate(request, horoscopes.Today, errors);

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

    private static async Task<IResult> PersonalAsync(HttpContext context, DailyHoroscopes horoscopes, IBirthProfileStore profiles, IAccountStore accounts)
    {
        var accountId = StarSyncClaims.AccountIdOf(context.User)!;
        var zone = await accounts.FindByIdAsync(accountId, context.RequestAborted) is { } account && DateTimeZoneProviders.Tzdb.GetZoneOrNull(account.TimeZone) is { } z
            ? z
            : DateTimeZoneProviders.Tzdb[Account.DefaultTimeZone];
        var errors = new Dictionary<string, string[]>();
        var date = ReadDate(context.Request, horoscopes.TodayIn(zone), errors);
        var profileId = context.Request.Query["profileId"].ToString();
        BirthProfile? profile;
        if (string.IsNullOrWhiteSpace(profileId))
        {
            var saved = await profiles.ListAsync(accountId, context.RequestAborted);
            profile = saved.Count > 0 ? saved[0] : null;
            if (profile is null)
            {
                errors["profileId"] = ["No saved birth profile yet: save one with POST /api/v1/me/birth-profiles."];
            }
        }
        else
        {
            profile = await profiles.FindAsync(accountId, profileId.Trim(), context.RequestAborted);
            if (profile is null)
            {
                errors["profileId"] = [$"You have no saved profile with the id '{profileId}'."];
            }
        }

        if (errors.Count > 0 || profile is null)
        {
            return Problems.Validation(errors);
        }

        try
        {
            return Results.Ok(PersonalHoroscopeResponse.From(profile, await horoscopes.PersonalAsync(profile.Details, date)));
        }
        catch (BirthDataException e)
        {
            return Problems.Validation("profileId", $"This profile's birth details cannot be read: {e.Message}");
        }
        catch (EphemerisCalculationException e)
        {
            return Problems.Validation("date", $"{e.Message} {SupportedDates.Description}");
        }
    }

    /// <summary>The optional <c>date</c> query value, or <paramref name="fallback"/>; adds a problem when malformed or unsupported.</summary>
    private static LocalDate ReadDate(HttpRequest request, LocalDate fallback, Dictionary<string, string[]> errors)
    {
        var text = request.Query["date"].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (BirthInput.ParseDate(text) is not { } parsed)
        {
            errors["date"] = [$"'{text}' is not a real date in the form YYYY-MM-DD."];
            return fallback;
        }

        if (!SupportedDates.Contains(parsed))
        {
            errors["date"] = [SupportedDates.Description];
            return fallback;
        }

        return parsed;
    }
}
