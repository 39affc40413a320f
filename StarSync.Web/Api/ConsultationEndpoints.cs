using System.Globalization;
using System.Text.Json;
using StarSync.Engine.Accounts;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Auth;
using StarSync.Web.Consultations;

namespace StarSync.Web.Api;

/// <summary>The body of a consultation request.</summary>
public sealed record ConsultationRequestBody(string? AstrologerId, string? BirthProfileId);

/// <summary>A consultation as either party sees it. Money in minor units of <see cref="Currency"/>; instants UTC.</summary>
/// <param name="StartedAt">When it went live (the astrologer accepted; minute 1 starts here).</param>
/// <param name="Charged">Taken from the user's wallet so far (free minutes are not in it).</param>
/// <param name="Refunded">Given back to the user's wallet (the first-minute refund).</param>
public sealed record ConsultationResponse(
    string Id,
    ConsultationState State,
    string UserId,
    string AstrologerId,
    string? BirthProfileId,
    long RatePerMinute,
    string Currency,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int BilledMinutes,
    long Charged,
    long Refunded,
    ConsultationParty? EndedBy,
    ConsultationEndReason? EndReason)
{
    public static ConsultationResponse Of(Consultation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.State, c.UserId, c.AstrologerId, c.BirthProfileId, c.RatePerMinute, c.Currency, c.RequestedAt, c.AcceptedAt, c.EndedAt,
            c.BilledMinutes, c.Charged, c.Refunded, c.EndedBy, c.EndReason);
    }
}

/// <summary>A consultation's call log as admins see it: every timestamp, the money and who ended it.</summary>
public sealed record AdminConsultationResponse(
    string Id,
    ConsultationState State,
    string UserId,
    string AstrologerId,
    long RatePerMinute,
    int CommissionBasisPoints,
    string Currency,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long? DurationSeconds,
    int BilledMinutes,
    int PromotionalMinutes,
    long Charged,
    long Refunded,
    FirstMinuteOutcome FirstMinute,
    ConsultationParty? EndedBy,
    ConsultationEndReason? EndReason)
{
    public static AdminConsultationResponse Of(Consultation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        long? duration = c is { AcceptedAt: { } from, EndedAt: { } to } ? (long)(to - from).TotalSeconds : null;
        return new(c.Id, c.State, c.UserId, c.AstrologerId, c.RatePerMinute, c.CommissionBasisPoints, c.Currency, c.RequestedAt, c.AcceptedAt, c.EndedAt,
            duration, c.BilledMinutes, c.PromotionalMinutes, c.Charged, c.Refunded, c.FirstMinute, c.EndedBy, c.EndReason);
    }
}

public sealed record ConsultationListResponse<T>(IReadOnlyList<T> Items, long Total);

/// <summary>
/// Consultations over HTTP: users request and cancel, astrologers accept and decline, either party ends and reads;
/// admins list every consultation's call log. Only the two parties see a consultation: anyone else gets 404.
/// Lifecycle and money rules: docs/consultations.md.
/// </summary>
public static class ConsultationEndpoints
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapConsultationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/consultations").WithTags("Consultations").RequireAuthorization(Policies.User);
        group.MapPost("/", RequestAsync).RequireAuthorization(p => p.RequireRole(nameof(AccountRole.User)))
            .Accepts<ConsultationRequestBody>("application/json").Produces<ConsultationResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Ask an astrologer for a consultation. 402 (amountToAdd, requiredBalance) when the wallet does not cover the minimum minutes; 409 when one is already requested or live.");
        group.MapGet("/", ListAsync).Produces<ConsultationListResponse<ConsultationResponse>>().ProducesValidationProblem()
            .WithSummary("Your consultations, as user or astrologer, newest first (page from 1, pageSize 1–100, default 20).");
        group.MapGet("/{id}", GetAsync).Produces<ConsultationResponse>().Produces(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/cancel", (string id, HttpContext context, ConsultationService service) =>
                ActAsync(context, () => service.CancelAsync(Me(context), id, context.RequestAborted)))
            .RequireAuthorization(p => p.RequireRole(nameof(AccountRole.User))).WithSummary("Withdraw a request not answered yet.");
        group.MapPost("/{id}/accept", (string id, HttpContext context, ConsultationService service) =>
                ActAsync(context, () => service.AcceptAsync(Me(context), id, context.RequestAborted)))
            .RequireAuthorization(Policies.Astrologer).WithSummary("Accept a request: it goes live and minute 1 is billed at once.");
        group.MapPost("/{id}/decline", (string id, HttpContext context, ConsultationService service) =>
                ActAsync(context, () => service.DeclineAsync(Me(context), id, context.RequestAborted)))
            .RequireAuthorization(Policies.Astrologer).WithSummary("Turn a request down; nothing is charged.");
        group.MapPost("/{id}/end", (string id, HttpContext context, ConsultationService service) =>
                ActAsync(context, () => service.EndAsync(Me(context), id, context.RequestAborted)))
            .WithSummary("End a live consultation (either party); the answer carries the final charges.");
        routes.MapGet("/api/v1/admin/consultations", AdminListAsync).WithTags("Admin").RequireAuthorization(Policies.Admin)
            .Produces<ConsultationListResponse<AdminConsultationResponse>>().ProducesValidationProblem()
            .WithSummary("Every consultation's call log, newest first, filtered by userId, astrologerId and state (page, pageSize).");
        return routes;
    }

    private static string Me(HttpContext context) => StarSyncClaims.AccountIdOf(context.User)!;

    private static async Task<IResult> RequestAsync(HttpContext context, ConsultationService service, IBirthProfileStore birthProfiles, ILedgerStore ledger)
    {
        var (body, problem) = await JsonBody.ReadAsync<ConsultationRequestBody>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var me = Me(context);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body!.AstrologerId) || body.AstrologerId.Length > 100)
        {
            errors["astrologerId"] = ["The astrologer's id is required."];
        }

        if (body.BirthProfileId is not null
            && (string.IsNullOrWhiteSpace(body.BirthProfileId) || body.BirthProfileId.Length > 100 || await birthProfiles.FindAsync(me, body.BirthProfileId, context.RequestAborted) is null))
        {
            errors["birthProfileId"] = ["No saved birth profile of yours has this id."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await service.RequestAsync(me, body.AstrologerId!, body.BirthProfileId, context.RequestAborted);
        switch (result.Outcome)
        {
            case ConsultationOutcome.Done:
                return Results.Created($"/api/v1/consultations/{result.Consultation!.Id}", ConsultationResponse.Of(result.Consultation));
            case ConsultationOutcome.InsufficientBalance:
                var balance = await ledger.GetBalanceAsync(LedgerAccounts.Wallet(me), context.RequestAborted);
                return Results.Problem(statusCode: StatusCodes.Status402PaymentRequired, title: "Not enough balance",
                    detail: string.Create(CultureInfo.InvariantCulture,
                        $"A consultation needs a balance of {result.RequiredBalance} (the minimum minutes at this astrologer's rate); add {result.AmountToAdd}."),
                    extensions: new Dictionary<string, object?>
                    {
                        ["amountToAdd"] = result.AmountToAdd,
                        ["requiredBalance"] = result.RequiredBalance,
                        ["balance"] = balance.Balance,
                        ["currency"] = balance.Currency,
                    });
            case ConsultationOutcome.AlreadyOpen:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A consultation is already open",
                    detail: "You already have a consultation requested or live; end or cancel it first.");
            default:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Astrologer not available",
                    detail: "No active astrologer has this id.");
        }
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ConsultationService service)
    {
        var c = await service.GetForPartyAsync(Me(context), id, context.RequestAborted);
        return c is null ? Results.NotFound() : Results.Ok(ConsultationResponse.Of(c));
    }

    private static async Task<IResult> ListAsync(HttpContext context, IConsultationStore store)
    {
        var errors = new Dictionary<string, string[]>();
        var (skip, take) = PageOf(context.Request.Query, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // The caller is the user or the astrologer of each consultation (never both: one role per account).
        var me = Me(context);
        var query = context.User.IsInRole(nameof(AccountRole.Astrologer))
            ? new ConsultationQuery { AstrologerId = me, Skip = skip, Take = take }
            : new ConsultationQuery { UserId = me, Skip = skip, Take = take };
        var page = await store.QueryAsync(query, context.RequestAborted);
        return Results.Ok(new ConsultationListResponse<ConsultationResponse>([.. page.Items.Select(ConsultationResponse.Of)], page.Total));
    }

    private static async Task<IResult> AdminListAsync(HttpContext context, IConsultationStore store)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var (skip, take) = PageOf(query, errors);
        ConsultationState? state = null;
        if (query["state"].ToString() is { Length: > 0 } text)
        {
            state = Enum.GetValues<ConsultationState>().Select(s => (ConsultationState?)s)
                .FirstOrDefault(s => JsonNamingPolicy.KebabCaseLower.ConvertName(s!.Value.ToString()) == text.Trim());
            if (state is null)
            {
                errors["state"] = ["Use requested, active, ended, declined, expired or cancelled."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await store.QueryAsync(new ConsultationQuery
        {
            UserId = NonEmpty(query["userId"]), AstrologerId = NonEmpty(query["astrologerId"]), State = state, Skip = skip, Take = take,
        }, context.RequestAborted);
        return Results.Ok(new ConsultationListResponse<AdminConsultationResponse>([.. page.Items.Select(AdminConsultationResponse.Of)], page.Total));
    }

    // 200 with the consultation; 404 when it is not the caller's to act on; 409 with the current state when the state does not allow it.
    private static async Task<IResult> ActAsync(HttpContext context, Func<Task<ConsultationResult>> action)
    {
        var result = await action();
        return result.Outcome switch
        {
            ConsultationOutcome.Done => Results.Ok(ConsultationResponse.Of(result.Consultation!)),
            ConsultationOutcome.NotFound => Results.NotFound(),
            _ when result.Consultation is { } current => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed in this state",
                detail: result.Outcome == ConsultationOutcome.AstrologerUnavailable
                    ? "Your profile is not active, so you cannot take consultations."
                    : $"The consultation is {Kebab(current.State)}.",
                extensions: new Dictionary<string, object?> { ["state"] = Kebab(current.State) }),
            _ => Results.NotFound(),
        };
    }

    private static string Kebab(ConsultationState state) => JsonNamingPolicy.KebabCaseLower.ConvertName(state.ToString());

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static (int Skip, int Take) PageOf(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var page = Positive(query["page"], 1, int.MaxValue / MaxPageSize, "page", "page must be a whole number from 1.", errors);
        var size = Positive(query["pageSize"], DefaultPageSize, MaxPageSize, "pageSize", $"pageSize must be a whole number from 1 to {MaxPageSize}.", errors);
        return ((page - 1) * size, size);
    }

    private static int Positive(string? text, int fallback, int max, string field, string message, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        errors[field] = [message];
        return fallback;
    }
}
