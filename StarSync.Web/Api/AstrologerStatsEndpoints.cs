using System.Globalization;
using NodaTime.Text;
using StarSync.Web.Astrologers;
using StarSync.Web.Auth;

namespace StarSync.Web.Api;

/// <summary>One day of <see cref="AstrologerStatsResponse.Daily"/>: a date (YYYY-MM-DD, the astrologer's zone), earnings in paise, minutes.</summary>
public sealed record AstrologerStatsDay(string Date, long Earnings, int Minutes);

/// <summary>The signed-in astrologer's revenue over a range of days; money in paise. Definitions in docs/astrologers.md.</summary>
public sealed record AstrologerStatsResponse(
    string From,
    string To,
    string TimeZone,
    long Earnings,
    long Commission,
    int Minutes,
    int Consultations,
    long Unpaid,
    string Currency,
    IReadOnlyList<AstrologerStatsDay> Daily)
{
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    public static AstrologerStatsResponse Of(RevenueReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var totals = report.Totals;
        return new AstrologerStatsResponse(
            Iso.Format(report.From), Iso.Format(report.To), report.Zone.Id, totals.Earnings, totals.Commission, totals.Minutes, totals.Consultations,
            report.Unpaid, report.Currency, [.. report.Days.Select(d => new AstrologerStatsDay(Iso.Format(d.Date), d.Earnings, d.Minutes))]);
    }
}

/// <summary>The astrologer's own revenue figures (the same numbers as the Earnings page).</summary>
public static class AstrologerStatsEndpoints
{
    public static IEndpointRouteBuilder MapAstrologerStatsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/astrologer/stats", StatsAsync).WithTags("Astrologer").RequireAuthorization(Policies.Astrologer)
            .Produces<AstrologerStatsResponse>().ProducesValidationProblem()
            .WithSummary(string.Create(CultureInfo.InvariantCulture,
                $"Your earnings, commission, minutes, consultations and unpaid balance (paise) over from..to (YYYY-MM-DD, inclusive, your time zone; default the last {AstrologerRevenue.DefaultDays} days, at most {AstrologerRevenue.MaxDays}), with every day's earnings and minutes."));
        return routes;
    }

    private static async Task<IResult> StatsAsync(HttpContext context, AstrologerRevenue revenue, string? from, string? to)
    {
        var me = StarSyncClaims.AccountIdOf(context.User)!;
        var (zone, today) = await revenue.TodayForAsync(me, context.RequestAborted);
        var errors = new Dictionary<string, string[]>();
        if (AstrologerRevenue.ParseRange(from, to, today, errors) is not { } range)
        {
            return Problems.Validation(errors);
        }

        var report = await revenue.ReportAsync(me, range.From, range.To, zone, context.RequestAborted);
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.Ok(AstrologerStatsResponse.Of(report));
    }
}
