using System.Globalization;
using StarSync.Engine.Accounts;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Payments;

namespace StarSync.Web.Wallet;

/// <summary>A started checkout: the pending top-up and where the payer goes.</summary>
public sealed record CheckoutStarted(TopUp TopUp, string CheckoutUrl);

/// <summary>What an admin adjustment did.</summary>
public enum AdjustmentOutcome
{
    Applied,
    Repeated,
    InsufficientFunds,
    UnknownAccount,
}

/// <summary>An admin adjustment's answer: what happened and the wallet's balance now.</summary>
public sealed record AdjustmentResult(AdjustmentOutcome Outcome, long Balance, string Currency);

/// <summary>
/// A person's wallet: balance, transactions, top-ups (checkout creation, the return page's refresh, cancel) and admin
/// adjustments. The pages and the API both stand on this.
/// </summary>
public sealed class WalletService(
    ILedgerStore ledger,
    ITopUpStore topUps,
    IAccountStore accounts,
    IAuditLog audit,
    ICheckoutGateway gateway,
    TopUpFulfilment fulfilment,
    TopUpTerms terms,
    ILogger<WalletService> logger)
{
    /// <summary>The terms in force (limits, presets, tax).</summary>
    public TopUpTermsSnapshot Terms => terms.Current;

    /// <summary>Whether payments run in the sandbox (no money moves).</summary>
    public bool IsSandbox => gateway.Provider == "sandbox";

    /// <summary>Whether top-ups can be started at all (false when payments are off).</summary>
    public bool CanTopUp => gateway is not NoCheckout;

    public Task<LedgerBalance> GetBalanceAsync(string accountId, CancellationToken cancellationToken = default) =>
        ledger.GetBalanceAsync(LedgerAccounts.Wallet(accountId), cancellationToken);

    /// <summary>The wallet's entries, newest first.</summary>
    public Task<Page<LedgerEntry>> GetTransactionsAsync(string accountId, int skip, int take, CancellationToken cancellationToken = default) =>
        ledger.QueryEntriesAsync(new LedgerQuery { AccountId = LedgerAccounts.Wallet(accountId), Skip = skip, Take = take }, cancellationToken);

    /// <summary>The account's top-ups, newest first.</summary>
    public Task<Page<TopUp>> GetTopUpsAsync(string accountId, int skip, int take, CancellationToken cancellationToken = default) =>
        topUps.ListByAccountAsync(accountId, skip, take, cancellationToken);

    /// <summary>
    /// Creates a pending top-up for <paramref name="creditAmount"/> (minor units, already checked against
    /// <see cref="Terms"/>) and its checkout session. Throws <see cref="CheckoutGatewayException"/> when the provider
    /// refuses; the top-up is then closed as failed.
    /// </summary>
    public async Task<CheckoutStarted> StartCheckoutAsync(string accountId, long creditAmount, CheckoutReturnLinks links, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentNullException.ThrowIfNull(links);
        if (!CanTopUp)
        {
            throw new InvalidOperationException("Card payments are not configured on this server.");
        }

        var current = terms.Current;
        if (current.Problem(creditAmount) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(creditAmount), creditAmount, problem);
        }

        var quote = current.Quote(creditAmount);
        var topUp = await topUps.CreateAsync(new NewTopUp
        {
            AccountId = accountId,
            Provider = gateway.Provider,
            CreditAmount = quote.CreditAmount,
            TaxAmount = quote.TaxAmount,
            ChargeAmount = quote.ChargeAmount,
            Currency = quote.Currency,
        }, cancellationToken);
        await audit.AppendAsync(new NewAuditEntry("topup.created", accountId, accountId, string.Create(CultureInfo.InvariantCulture,
            $"{topUp.Id}: pending; credit {topUp.CreditAmount}, tax {topUp.TaxAmount}, charge {topUp.ChargeAmount} {topUp.Currency} via {topUp.Provider}")), cancellationToken);

        CreatedCheckout created;
        try
        {
            created = await gateway.CreateSessionAsync(topUp, links.For(topUp.Id), cancellationToken);
        }
        catch (CheckoutGatewayException e)
        {
            logger.LogWarning(e, "Checkout for top-up {TopUpId} could not be created.", topUp.Id);
            await fulfilment.CloseAsync(topUp, TopUpState.Failed, e.Message, "system", CancellationToken.None);
            throw;
        }

        var attached = await topUps.AttachCheckoutAsync(topUp.Id, created.SessionId, created.Url, cancellationToken) ?? topUp;
        return new CheckoutStarted(attached, created.Url);
    }

    /// <summary>The account's own top-up, or null (also for someone else's).</summary>
    public async Task<TopUp?> GetTopUpAsync(string accountId, string topUpId, CancellationToken cancellationToken = default)
    {
        var topUp = await topUps.GetAsync(topUpId, cancellationToken);
        return topUp?.AccountId == accountId ? topUp : null;
    }

    /// <summary>
    /// For the return page: asks the provider about the account's pending top-up and runs the same idempotent
    /// fulfilment a webhook would. Returns the top-up as it is afterwards.
    /// </summary>
    public async Task<TopUp?> RefreshTopUpAsync(string accountId, string topUpId, CancellationToken cancellationToken = default)
    {
        var topUp = await GetTopUpAsync(accountId, topUpId, cancellationToken);
        if (topUp is not { State: TopUpState.Pending } || topUp.Provider != gateway.Provider)
        {
            return topUp;
        }

        try
        {
            if (await gateway.GetSessionAsync(topUp, cancellationToken) is { } session && (session.IsPaid || session.Status == "expired"))
            {
                return (await fulfilment.ApplySessionAsync(session, accountId, cancellationToken)).TopUp ?? topUp;
            }
        }
        catch (CheckoutGatewayException e)
        {
            // The webhook will still come; the page keeps showing "processing".
            logger.LogInformation(e, "Could not ask the provider about top-up {TopUpId}.", topUp.Id);
        }

        return topUp;
    }

    /// <summary>For the cancel return: ends the session at the provider (unless it was paid) and closes the top-up.</summary>
    public async Task<TopUp?> CancelTopUpAsync(string accountId, string topUpId, CancellationToken cancellationToken = default)
    {
        var topUp = await GetTopUpAsync(accountId, topUpId, cancellationToken);
        if (topUp is not { State: TopUpState.Pending } || topUp.Provider != gateway.Provider)
        {
            return topUp;
        }

        try
        {
            if (!await gateway.ExpireSessionAsync(topUp, cancellationToken))
            {
                return await RefreshTopUpAsync(accountId, topUpId, cancellationToken);
            }
        }
        catch (CheckoutGatewayException e)
        {
            logger.LogInformation(e, "Could not end the checkout session of top-up {TopUpId}.", topUp.Id);
            return topUp;
        }

        return (await fulfilment.CloseAsync(topUp, TopUpState.Cancelled, "The payer cancelled the checkout.", accountId, cancellationToken)).TopUp;
    }

    /// <summary>
    /// An admin's credit (positive) or debit (negative) of a wallet under the key <c>admin:&lt;adminId&gt;:&lt;clientKey&gt;</c>:
    /// a repeated key changes nothing and answers the balance; a debit never overdraws.
    /// </summary>
    public async Task<AdjustmentResult> AdjustAsync(string adminId, string accountId, long amount, string reason, string clientKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(adminId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientKey);
        var wallet = LedgerAccounts.Wallet(accountId);
        if (await accounts.FindByIdAsync(accountId, cancellationToken) is null)
        {
            return new AdjustmentResult(AdjustmentOutcome.UnknownAccount, 0, Money.DefaultCurrency);
        }

        var result = await ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = $"admin:{adminId}:{clientKey}",
            Reference = reason,
            Actor = adminId,
            Entries =
            [
                new NewLedgerEntry(wallet, amount, LedgerEntryKind.Adjustment),
                new NewLedgerEntry(LedgerAccounts.PlatformAdjustments, -amount, LedgerEntryKind.Adjustment),
            ],
        }, cancellationToken);
        var balance = await ledger.GetBalanceAsync(wallet, cancellationToken);
        var outcome = result.Outcome switch
        {
            PostingOutcome.Posted => AdjustmentOutcome.Applied,
            PostingOutcome.Repeated => AdjustmentOutcome.Repeated,
            _ => AdjustmentOutcome.InsufficientFunds,
        };
        await audit.AppendAsync(new NewAuditEntry(
            outcome == AdjustmentOutcome.InsufficientFunds ? "wallet.adjustment-refused" : "wallet.adjusted",
            adminId,
            accountId,
            string.Create(CultureInfo.InvariantCulture, $"{amount} {balance.Currency} ({JsonName(outcome)}; key {clientKey}; balance {balance.Balance}): {reason}")), cancellationToken);
        return new AdjustmentResult(outcome, balance.Balance, balance.Currency);
    }

    private static string JsonName(AdjustmentOutcome outcome) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(outcome.ToString());
}

/// <summary>Where a payer comes back to: the top-up's own page, with the session id (success) or a cancel flag.</summary>
/// <param name="AppBase">The app's public address (STARSYNC_PUBLIC_URL, else the request's).</param>
public sealed record CheckoutReturnLinks(Uri AppBase)
{
    public CheckoutReturn For(string topUpId)
    {
        var page = new Uri(AppBase, "/wallet/topups/" + Uri.EscapeDataString(topUpId));
        // Stripe replaces {CHECKOUT_SESSION_ID} itself; the braces must reach it unescaped.
        return new CheckoutReturn(new Uri(page + "?session_id={CHECKOUT_SESSION_ID}"), new Uri(page + "?cancelled=true"));
    }
}
