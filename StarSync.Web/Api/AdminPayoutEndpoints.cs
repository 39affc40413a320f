using StarSync.Web.Admin;
using StarSync.Web.Auth;

namespace StarSync.Web.Api;

public sealed record PayoutsResponse(string Month, IReadOnlyList<AstrologerEarnings> Items);

public sealed record PayoutRequest(long Amount, string? BankReference);

public sealed record PayoutResponse(PayoutOutcome Outcome, long Unpaid, string Currency);

/// <summary>Astrologers' unpaid earnings, payout records and monthly statements (admin only; amounts in paise).</summary>
public static class AdminPayoutEndpoints
{
    public static IEndpointRouteBuilder MapAdminPayoutEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapGet("/payouts", ListAsync).Produces<PayoutsResponse>().ProducesValidationProblem()
            .WithSummary("Per astrologer: earned and paid out in the month (India Standard Time), and unpaid now.");
        admin.MapPost("/astrologers/{id}/payouts", RecordAsync).Accepts<PayoutRequest>("application/json")
            .Produces<PayoutResponse>(StatusCodes.Status201Created).Produces<PayoutResponse>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Record a bank transfer made outside the app: moves that much of the unpaid earnings to paid out. A repeated bank reference changes nothing (200).");
        admin.MapGet("/astrologers/{id}/statements/{month}", StatementAsync).Produces<string>(StatusCodes.Status200OK, "text/csv").Produces(StatusCodes.Status404NotFound)
            .WithSummary("The astrologer's earnings statement for a month (YYYY-MM) as CSV.");
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpContext context, Payouts payouts, TimeProvider clock)
    {
        var text = context.Request.Query["month"].ToString();
        var month = PayoutMonth.Containing(clock.GetUtcNow());
        if (text.Length > 0 && !PayoutMonth.TryParse(text, out month))
        {
            return Problems.Validation("month", "Use a month such as 2026-03.");
        }

        return Results.Ok(new PayoutsResponse(month.ToString(), await payouts.ListAsync(month, context.RequestAborted)));
    }

    private static async Task<IResult> RecordAsync(string id, HttpContext context, Payouts payouts)
    {
        var (body, problem) = await JsonBody.ReadAsync<PayoutRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var result = await payouts.RecordAsync(id, body!.Amount, body.BankReference, StarSyncClaims.AccountIdOf(context.User)!, context.RequestAborted);
        var response = new PayoutResponse(result.Outcome, result.Unpaid, Engine.Wallet.Money.DefaultCurrency);
        return result.Outcome switch
        {
            PayoutOutcome.NotFound => Results.NotFound(),
            PayoutOutcome.Invalid => Problems.Validation(result.Errors),
            PayoutOutcome.Recorded => Results.Json(response, statusCode: StatusCodes.Status201Created),
            _ => Results.Ok(response),
        };
    }

    private static async Task<IResult> StatementAsync(string id, string month, HttpContext context, Payouts payouts)
    {
        var name = month.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? month[..^4] : month;
        if (!PayoutMonth.TryParse(name, out var period))
        {
            return Problems.Validation("month", "Use a month such as 2026-03.");
        }

        var csv = await payouts.StatementCsvAsync(id, period, context.RequestAborted);
        if (csv is null)
        {
            return Results.NotFound();
        }

        return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"starsync-statement-{id}-{period}.csv");
    }
}
