using System.Globalization;
using System.Text.Json;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Wallet;
using StarSync.Web.Astrologers;
using StarSync.Web.Auth;

namespace StarSync.Web.Api;

/// <summary>One astrologer in the public directory. Money in paise per minute; rating null and reviewCount 0 until reviews exist.</summary>
public sealed record AstrologerListing(
    string Id,
    string Name,
    string? PhotoUrl,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Expertise,
    long RatePerMinute,
    string Currency,
    PresenceStatus Status,
    double? Rating,
    int ReviewCount,
    int ExperienceYears)
{
    public static AstrologerListing From(DirectoryEntry e) =>
        new(e.Id, e.Name, e.PhotoUrl, e.Languages, e.Expertise, e.RatePerMinute, Money.DefaultCurrency, e.Status, e.Rating, e.ReviewCount, e.ExperienceYears);
}

/// <summary>One astrologer's public profile.</summary>
public sealed record AstrologerPublicProfile(AstrologerListing Astrologer, string Bio);

/// <summary>The signed-in astrologer's own profile, with the rate range they may choose from.</summary>
public sealed record OwnProfileResponse(
    string Id,
    string Name,
    string Bio,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Expertise,
    int ExperienceYears,
    long RatePerMinute,
    long MinRatePerMinute,
    long MaxRatePerMinute,
    string Currency,
    PresenceStatus Status);

public sealed record OwnProfileRequest(string? Bio, IReadOnlyList<string>? Languages, IReadOnlyList<string>? Expertise, JsonElement? RatePerMinute);

public sealed record PresenceRequest(string? Status);

public sealed record PresenceResponse(PresenceStatus Status);

/// <summary>The public directory and the astrologer's own profile, switch and heartbeat.</summary>
public static class AstrologerEndpoints
{
    public static IEndpointRouteBuilder MapAstrologerEndpoints(this IEndpointRouteBuilder routes)
    {
        var directory = routes.MapGroup("/api/v1/astrologers").WithTags("Astrologers").AllowAnonymous();
        directory.MapGet("/", ListAsync).Produces<AstrologerListing[]>().ProducesValidationProblem()
            .WithSummary("Active astrologers, online first then by rating and name. Filters: status (online, busy, offline), language, expertise, maxRate (paise per minute).");
        directory.MapGet("/{id}", GetAsync).Produces<AstrologerPublicProfile>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("One active astrologer's public profile.");

        var own = routes.MapGroup("/api/v1/astrologer").WithTags("Astrologer").RequireAuthorization(Policies.Astrologer);
        own.MapGet("/profile", OwnProfileAsync).Produces<OwnProfileResponse>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Your profile and the rate range you may choose from.");
        own.MapPut("/profile", UpdateProfileAsync).Accepts<OwnProfileRequest>("application/json").Produces<OwnProfileResponse>()
            .ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Change bio, languages, expertise and ratePerMinute (paise, within the range an admin allowed); omitted fields stay.");
        own.MapPut("/status", SetStatus).Accepts<PresenceRequest>("application/json").Produces<PresenceResponse>().ProducesValidationProblem()
            .WithSummary("Turn yourself online or offline. Online needs a connection: a browser tab, or heartbeats at least every 30 s.");
        own.MapPost("/heartbeat", Heartbeat).Produces<PresenceResponse>()
            .WithSummary("Keeps an API-only astrologer online for 30 s; returns the status now.");
        return routes;
    }

    private static string Me(HttpContext context) => StarSyncClaims.AccountIdOf(context.User)!;

    private static async Task<IResult> ListAsync(HttpContext context, AstrologerDirectory directory, string? status, string? language, string? expertise, string? maxRate)
    {
        var errors = new Dictionary<string, string[]>();
        PresenceStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (ParseStatus(status) is { } parsed)
            {
                wanted = parsed;
            }
            else
            {
                errors["status"] = ["status must be online, busy or offline."];
            }
        }

        long? max = null;
        if (!string.IsNullOrWhiteSpace(maxRate))
        {
            if (long.TryParse(maxRate, NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                max = m;
            }
            else
            {
                errors["maxRate"] = ["maxRate must be a whole number of paise per minute."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var entries = await directory.ListAsync(new DirectoryFilter { Status = wanted, Language = language, Expertise = expertise, MaxRate = max }, context.RequestAborted);
        return Results.Ok(entries.Select(AstrologerListing.From).ToArray());
    }

    private static async Task<IResult> GetAsync(HttpContext context, AstrologerDirectory directory, string id)
    {
        var entry = await directory.FindAsync(id, context.RequestAborted);
        return entry is null ? Results.NotFound() : Results.Ok(new AstrologerPublicProfile(AstrologerListing.From(entry), entry.Bio));
    }

    private static async Task<IResult> OwnProfileAsync(HttpContext context, Engine.Storage.IAstrologerProfileStore profiles, AstrologerPresence presence)
    {
        var profile = await profiles.FindAsync(Me(context), context.RequestAborted);
        return profile is null ? Results.NotFound() : Results.Ok(Own(profile, presence));
    }

    private static async Task<IResult> UpdateProfileAsync(HttpContext context, AstrologerProfileEditor editor, AstrologerPresence presence)
    {
        var (body, problem) = await JsonBody.ReadAsync<OwnProfileRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        long? rate = null;
        if (body!.RatePerMinute is { ValueKind: not JsonValueKind.Null } r)
        {
            if (r.ValueKind != JsonValueKind.Number || !r.TryGetInt64(out var parsed))
            {
                return Problems.Validation("ratePerMinute", "ratePerMinute must be a whole number of paise.");
            }

            rate = parsed;
        }

        var (errors, profile) = await editor.UpdateAsync(Me(context), new OwnProfileChange(body.Bio, body.Languages, body.Expertise, rate), context.RequestAborted);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return profile is null ? Results.NotFound() : Results.Ok(Own(profile, presence));
    }

    private static async Task<IResult> SetStatus(HttpContext context, AstrologerPresence presence)
    {
        var (body, problem) = await JsonBody.ReadAsync<PresenceRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var online = body!.Status?.Trim().ToLowerInvariant() switch
        {
            "online" => true,
            "offline" => false,
            _ => (bool?)null,
        };
        if (online is null)
        {
            return Problems.Validation("status", "status must be \"online\" or \"offline\".");
        }

        var me = Me(context);
        if (online.Value)
        {
            // The request itself shows the client is there: count it as a heartbeat.
            presence.Heartbeat(me);
        }

        return Results.Ok(new PresenceResponse(presence.Switch(me, online.Value)));
    }

    private static IResult Heartbeat(HttpContext context, AstrologerPresence presence) =>
        Results.Ok(new PresenceResponse(presence.Heartbeat(Me(context))));

    private static PresenceStatus? ParseStatus(string value) => value.Trim().ToLowerInvariant() switch
    {
        "online" => PresenceStatus.Online,
        "busy" => PresenceStatus.Busy,
        "offline" => PresenceStatus.Offline,
        _ => null,
    };

    private static OwnProfileResponse Own(AstrologerProfile p, AstrologerPresence presence) => new(
        p.AccountId, p.Details.DisplayName, p.Details.Bio, p.Details.Languages, p.Details.Expertise, p.Details.YearsOfExperience,
        p.Details.RatePerMinute, p.Details.MinRatePerMinute, p.Details.MaxRatePerMinute, Money.DefaultCurrency, presence.StatusOf(p.AccountId));
}
