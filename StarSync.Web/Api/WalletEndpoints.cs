using System.Globalization;
using System.Text.Json;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Auth;
using StarSync.Web.Payments;
using StarSync.Web.Wallet;

namespace StarSync.Web.Api;

public sealed record WalletResponse(long Balance, string Currency);

public sealed record WalletTransaction(string Id, LedgerEntryKind Kind, long Amount, long BalanceAfter, string Reference, DateTime CreatedAt);

public sealed record WalletTransactionsResponse(IReadOnlyList<WalletTransaction> Items, long Total);

/// <summary>The body of a checkout request; the amount is read as raw JSON so each kind of bad value gets its own message.</summary>
public sealed record CheckoutRequest(JsonElement? Amount);

public sealed record CheckoutResponse(string TopUpId, string CheckoutUrl, long ChargeAmount, long CreditAmount);

public sealed record TopUpResponse(string Id, TopUpState State, long CreditAmount, long TaxAmount, long ChargeAmount, string Currency, string Provider, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record TopUpTermsResponse(long MinimumAmount, long MaximumAmount, IReadOnlyList<long> Presets, bool TaxEnabled, int TaxBasisPoints, string Currency, bool Sandbox);

public sealed record AdjustmentRequest(JsonElement? Amount, string? Reason, string? IdempotencyKey);

public sealed record AdjustmentResponse(long Balance, string Currency);

/// <summary>The signed-in person's wallet (balance, transactions, top-ups) and admins' wallet adjustments.</summary>
public static class WalletEndpoints
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapWalletEndpoints(this IEndpointRouteBuilder routes)
    {
        var wallet = routes.MapGroup("/api/v1/wallet").WithTags("Wallet").RequireAuthorization(Policies.User);
        wallet.MapGet("/", BalanceAsync).Produces<WalletResponse>().WithSummary("The wallet's balance in minor units (paise).");
        wallet.MapGet("/transactions", TransactionsAsync).Produces<WalletTransactionsResponse>().ProducesValidationProblem()
            .WithSummary("The wallet's entries, newest first (page from 1, pageSize 1–100, default 20).");
        wallet.MapGet("/terms", Terms).Produces<TopUpTermsResponse>().WithSummary("Top-up presets, limits and tax, in minor units.");
        wallet.MapPost("/checkout", CheckoutAsync).Accepts<CheckoutRequest>("application/json").Produces<CheckoutResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Start a top-up: amount is the wallet credit in minor units (whole rupees); tax, when on, is added to the charge.");
        wallet.MapGet("/topups/{id}", TopUpAsync).Produces<TopUpResponse>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("One of your top-ups and its state (pending, credited, failed, expired, cancelled, review).");

        routes.MapPost("/api/v1/admin/users/{id}/wallet/adjustments", AdjustAsync).WithTags("Admin").RequireAuthorization(Policies.Admin)
            .Accepts<AdjustmentRequest>("application/json").Produces<AdjustmentResponse>().ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Credit (positive) or debit (negative) a wallet with a reason; a repeated idempotencyKey changes nothing.");
        return routes;
    }

    private static string Me(HttpContext context) => StarSyncClaims.AccountIdOf(context.User)!;

    private static async Task<IResult> BalanceAsync(HttpContext context, WalletService wallets)
    {
        var balance = await wallets.GetBalanceAsync(Me(context), context.RequestAborted);
        return Results.Ok(new WalletResponse(balance.Balance, balance.Currency));
    }

    private static async Task<IResult> TransactionsAsync(HttpContext context, WalletService wallets, string? page, string? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var pageNumber = ParsePositive(page, 1, int.MaxValue / MaxPageSize, "page", "page must be a whole number from 1.", errors);
        var size = ParsePositive(pageSize, DefaultPageSize, MaxPageSize, "pageSize", $"pageSize must be a whole number from 1 to {MaxPageSize}.", errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var entries = await wallets.GetTransactionsAsync(Me(context), (pageNumber - 1) * size, size, context.RequestAborted);
        return Results.Ok(new WalletTransactionsResponse(
            [.. entries.Items.Select(e => new WalletTransaction(e.Id, e.Kind, e.Amount, e.BalanceAfter, e.Reference, e.CreatedAt.UtcDateTime))], entries.Total));
    }

    private static IResult Terms(WalletService wallets)
    {
        var terms = wallets.Terms;
        return Results.Ok(new TopUpTermsResponse(terms.MinimumCredit, terms.MaximumCredit, terms.Presets, terms.TaxEnabled, terms.TaxBasisPoints, terms.Currency, wallets.IsSandbox));
    }

    private static async Task<IResult> CheckoutAsync(HttpContext context, WalletService wallets, IConfiguration configuration)
    {
        if (!wallets.CanTopUp)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Top-ups are unavailable",
                detail: "Card payments are not configured on this server.");
        }

        var (body, problem) = await JsonBody.ReadAsync<CheckoutRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (WholeAmount(body!.Amount, out var amount) is { } amountProblem)
        {
            return Problems.Validation("amount", amountProblem);
        }

        if (wallets.Terms.Problem(amount) is { } termsProblem)
        {
            return Problems.Validation("amount", termsProblem);
        }

        try
        {
            var started = await wallets.StartCheckoutAsync(Me(context), amount, new CheckoutReturnLinks(AppBase(context, configuration)), context.RequestAborted);
            return Results.Created($"/api/v1/wallet/topups/{started.TopUp.Id}",
                new CheckoutResponse(started.TopUp.Id, started.CheckoutUrl, started.TopUp.ChargeAmount, started.TopUp.CreditAmount));
        }
        catch (CheckoutGatewayException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The payment provider did not answer", detail: e.Message);
        }
    }

    private static async Task<IResult> TopUpAsync(HttpContext context, WalletService wallets, string id)
    {
        var topUp = await wallets.GetTopUpAsync(Me(context), id, context.RequestAborted);
        return topUp is null
            ? Results.NotFound()
            : Results.Ok(new TopUpResponse(topUp.Id, topUp.State, topUp.CreditAmount, topUp.TaxAmount, topUp.ChargeAmount, topUp.Currency, topUp.Provider, topUp.CreatedAt.UtcDateTime, topUp.UpdatedAt.UtcDateTime));
    }

    private static async Task<IResult> AdjustAsync(HttpContext context, WalletService wallets, string id)
    {
        var (body, problem) = await JsonBody.ReadAsync<AdjustmentRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (WholeAmount(body!.Amount, out var amount) is { } amountProblem)
        {
            errors["amount"] = [amountProblem];
        }
        else if (amount == 0)
        {
            errors["amount"] = ["The amount must not be zero: positive credits the wallet, negative debits it."];
        }
        else if (Math.Abs(amount) > 100_000_000 * Money.MinorPerMajor)
        {
            errors["amount"] = ["The amount is too large."];
        }

        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Trim().Length > 500)
        {
            errors["reason"] = ["A reason of 1 to 500 characters is required."];
        }

        if (string.IsNullOrWhiteSpace(body.IdempotencyKey) || body.IdempotencyKey.Length > 100)
        {
            errors["idempotencyKey"] = ["An idempotencyKey of 1 to 100 characters is required; repeat it to retry safely."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await wallets.AdjustAsync(Me(context), id, amount, body.Reason!.Trim(), body.IdempotencyKey!, context.RequestAborted);
        return result.Outcome switch
        {
            AdjustmentOutcome.UnknownAccount => Results.NotFound(),
            AdjustmentOutcome.InsufficientFunds => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Insufficient funds",
                detail: string.Create(CultureInfo.InvariantCulture, $"The debit would overdraw the wallet (balance {result.Balance} {result.Currency}).")),
            _ => Results.Ok(new AdjustmentResponse(result.Balance, result.Currency)),
        };
    }

    /// <summary>Why <paramref name="value"/> is not an integer amount in minor units, or null when it is.</summary>
    internal static string? WholeAmount(JsonElement? value, out long amount)
    {
        amount = 0;
        if (value is not { ValueKind: JsonValueKind.Number } number)
        {
            return value is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }
                ? "The amount is required, in minor units (paise)."
                : "The amount must be a number, in minor units (paise).";
        }

        if (number.TryGetInt64(out amount))
        {
            return null;
        }

        return number.TryGetDecimal(out var exact) && exact != decimal.Truncate(exact)
            ? "The amount must be whole paise (no fraction)."
            : "The amount is too large.";
    }

    private static int ParsePositive(string? text, int fallback, int max, string field, string message, Dictionary<string, string[]> errors)
    {
        if (text is null)
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

    // Where Stripe sends the payer back: the configured public address, else the address this request came to.
    private static Uri AppBase(HttpContext context, IConfiguration configuration) =>
        configuration["STARSYNC_PUBLIC_URL"] is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var uri)
            ? uri
            : new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/");
}
