using System.Globalization;
using NodaTime;
using NodaTime.Text;
using StarSync.Engine.Wallet;
using StarSync.Web.Api;
using StarSync.Web.Auth;

namespace StarSync.Web.Payouts;

public sealed record PayoutRequest(long? Amount, string? Reference);

public sealed record PayoutRecorded(string AstrologerId, long Amount, string Reference, long Unpaid, string Currency);

public sealed record PayoutReportRow(string AstrologerId, string Name, string Status, long Earned, long PaidOut, long Unpaid, string Currency);

/// <summary>The admin payouts API: the per-period report, recording a payout, and monthly statements as CSV.</summary>
public static class PayoutEndpoints
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;
    private static readonly YearMonthPattern Month = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    public static IEndpointRouteBuilder MapPayoutEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapGet("/payouts", ReportAsync)
            .WithSummary("Every astrologer's earnings, payouts and unpaid balance over a period of days (India time); default: this month so far.")
            .Produces<IReadOnlyList<PayoutReportRow>>()
            .ProducesValidationProblem();
        admin.MapPost("/astrologers/{id}/payouts", RecordAsync)
            .WithSummary("Record a bank transfer made to an astrologer: moves that much of their unpaid earnings to paid out.")
            .Accepts<PayoutRequest>("application/json")
            .Produces<PayoutRecorded>(StatusCodes.Status201Created)
            .Produces<PayoutRecorded>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/astrologers/{id}/statement", StatementAsync)
            .WithSummary("One astrologer's earnings statement for a month (YYYY-MM, India time) as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> ReportAsync(string? from, string? to, PayoutService payouts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(AstrologerPayouts.PlatformZone).Date;
        var errors = new Dictionary<string, string[]>();
        var start = ParseDate(from, "from", today.With(DateAdjusters.StartOfMonth), errors);
        var end = ParseDate(to, "to", today, errors);
        if (errors.Count == 0 && end < start)
        {
            errors["to"] = ["The period ends before it starts."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var rows = await payouts.ReportAsync(start, end, cancellationToken);
        return Results.Ok(rows.Select(r => new PayoutReportRow(r.AstrologerId, r.Name, r.Status.ToString().ToLowerInvariant(), r.Summary.Earned, r.Summary.PaidOut, r.Summary.Unpaid, Money.DefaultCurrency)));
    }

    private static async Task<IResult> RecordAsync(string id, HttpRequest request, PayoutService payouts, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PayoutRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (body?.Amount is not { } amount || amount <= 0)
        {
            errors["amount"] = ["Give the amount paid, in paise, greater than zero."];
        }

        string? reference = null;
        try
        {
            reference = AstrologerPayouts.NormalizeReference(body?.Reference);
        }
        catch (ArgumentException e)
        {
            errors["reference"] = [e.Message];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var admin = StarSyncClaims.AccountIdOf(request.HttpContext.User)!;
        var (outcome, unpaid) = await payouts.RecordAsync(admin, id, body!.Amount!.Value, reference, cancellationToken);
        var recorded = new PayoutRecorded(id, body.Amount.Value, reference!, unpaid, Money.DefaultCurrency);
        return outcome switch
        {
            PayoutOutcome.Recorded => Results.Created($"/api/v1/admin/astrologers/{id}/statement", recorded),
            PayoutOutcome.AlreadyRecorded => Results.Ok(recorded),
            PayoutOutcome.MoreThanUnpaid => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "More than the unpaid earnings.", detail: $"Unpaid earnings are {Money.Format(unpaid)}."),
            _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No astrologer has this id."),
        };
    }

    private static async Task<IResult> StatementAsync(string id, string? month, PayoutService payouts, TimeProvider clock, CancellationToken cancellationToken)
    {
        YearMonth period;
        if (month is null)
        {
            period = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(AstrologerPayouts.PlatformZone).Date.ToYearMonth();
        }
        else if (Month.Parse(month) is { Success: true } parsed)
        {
            period = parsed.Value;
        }
        else
        {
            return Problems.Validation("month", "Give the month as YYYY-MM.");
        }

        return await payouts.StatementAsync(id, period, cancellationToken) is { } statement
            ? Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(statement.Csv)).ToArray(), "text/csv; charset=utf-8", statement.FileName)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No astrologer has this id.");
    }

    private static LocalDate ParseDate(string? text, string field, LocalDate fallback, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        var parsed = Date.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        errors[field] = [string.Format(CultureInfo.InvariantCulture, "Give the date as YYYY-MM-DD (got '{0}').", text)];
        return fallback;
    }
}
