using System.Globalization;
using StarSync.Engine.Accounts;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Payments;

/// <summary>What fulfilment did.</summary>
public enum FulfilmentOutcome
{
    /// <summary>The wallet was credited by this call.</summary>
    Credited,

    /// <summary>The wallet had already been credited for this session: nothing changed.</summary>
    AlreadyCredited,

    /// <summary>The session is not paid yet (a delayed payment method): nothing credited.</summary>
    AwaitingPayment,

    /// <summary>Something did not add up: the top-up is flagged for review and nothing was credited.</summary>
    Review,

    /// <summary>No top-up of ours matches.</summary>
    UnknownTopUp,

    /// <summary>The top-up was closed (expired, failed, cancelled) by this call.</summary>
    Closed,

    /// <summary>The top-up was not pending, so it was left as it is.</summary>
    Unchanged,

    /// <summary>Money went back to the card (refund) or was taken back (dispute): a matching debit was posted.</summary>
    Reversed,
}

/// <summary>The answer of a fulfilment step: what happened and the top-up as it is now.</summary>
public sealed record FulfilmentResult(FulfilmentOutcome Outcome, TopUp? TopUp, string? Detail = null);

/// <summary>
/// The one path that moves a top-up and its money, for Stripe webhooks, the return page, the reconciliation and the
/// sandbox alike. Idempotent: the credit is a ledger posting under <c>&lt;provider&gt;:&lt;checkout session&gt;</c>
/// (written at most once, even by racing callers), and state changes are compare-and-set. The posting is written
/// before the state changes, so a crash in between leaves a pending top-up that the next attempt completes.
/// </summary>
public sealed class TopUpFulfilment(ITopUpStore topUps, ILedgerStore ledger, IAuditLog audit, ILogger<TopUpFulfilment> logger)
{
    /// <summary>Applies a session's state: paid → credit once; amount differs → review; unpaid → wait.</summary>
    public async Task<FulfilmentResult> ApplySessionAsync(CheckoutSessionFacts session, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var topUp = await FindAsync(session, cancellationToken);
        if (topUp is null)
        {
            return new FulfilmentResult(FulfilmentOutcome.UnknownTopUp, null, $"no top-up for checkout session {session.SessionId}");
        }

        if (topUp.State == TopUpState.Credited)
        {
            return new FulfilmentResult(FulfilmentOutcome.AlreadyCredited, topUp);
        }

        if (session.Status == "expired")
        {
            return await CloseAsync(topUp, TopUpState.Expired, "The checkout session expired unpaid.", actor, cancellationToken);
        }

        if (!session.IsPaid)
        {
            return new FulfilmentResult(FulfilmentOutcome.AwaitingPayment, topUp, $"payment status '{session.PaymentStatus}'");
        }

        if (session.AmountTotal != topUp.ChargeAmount || !string.Equals(session.Currency, topUp.Currency, StringComparison.OrdinalIgnoreCase))
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"Paid {session.AmountTotal?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} {session.Currency?.ToUpperInvariant()} but the top-up charges {topUp.ChargeAmount} {topUp.Currency}.");
            return await FlagForReviewAsync(topUp, reason, actor, cancellationToken);
        }

        if (topUp.State != TopUpState.Pending)
        {
            // Paid after we closed it (or while under review): the money is at the provider, so a person decides.
            return topUp.State == TopUpState.Review
                ? new FulfilmentResult(FulfilmentOutcome.Review, topUp, topUp.StateReason)
                : await FlagForReviewAsync(topUp, $"Paid after the top-up was {topUp.State.ToString().ToLowerInvariant()}.", actor, cancellationToken, topUp.State);
        }

        var entries = new List<NewLedgerEntry>
        {
            new(LedgerAccounts.Wallet(topUp.AccountId), topUp.CreditAmount, LedgerEntryKind.Topup),
            new(LedgerAccounts.PaymentClearing, -topUp.ChargeAmount, LedgerEntryKind.Topup),
        };
        if (topUp.TaxAmount > 0)
        {
            entries.Add(new NewLedgerEntry(LedgerAccounts.TaxPayable, topUp.TaxAmount, LedgerEntryKind.Topup));
        }

        var posted = await ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = CreditKey(topUp.Provider, session.SessionId),
            Currency = topUp.Currency,
            Reference = topUp.Id,
            Actor = actor,
            Entries = entries,
        }, cancellationToken);
        if (!posted.Succeeded)
        {
            throw new InvalidOperationException($"The ledger refused the credit of top-up {topUp.Id}: {posted.Outcome}.");
        }

        var credited = await topUps.TransitionAsync(topUp.Id, TopUpState.Pending, TopUpState.Credited, new TopUpTransition("Paid.", session.PaymentIntentId), cancellationToken);
        if (credited is null)
        {
            // Another caller moved it first (it credited under the same key, which wrote nothing twice).
            var now = await topUps.GetAsync(topUp.Id, cancellationToken);
            return new FulfilmentResult(now?.State == TopUpState.Credited ? FulfilmentOutcome.AlreadyCredited : FulfilmentOutcome.Unchanged, now);
        }

        await AuditAsync("topup.credited", actor, credited, string.Create(CultureInfo.InvariantCulture,
            $"{credited.Id}: pending → credited; wallet +{credited.CreditAmount}, charged {credited.ChargeAmount} {credited.Currency} (session {session.SessionId})"), cancellationToken);
        return new FulfilmentResult(FulfilmentOutcome.Credited, credited);
    }

    /// <summary>Closes a pending top-up (expired, failed, cancelled); anything else is left as it is.</summary>
    public async Task<FulfilmentResult> CloseAsync(TopUp topUp, TopUpState closed, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topUp);
        if (closed is not (TopUpState.Expired or TopUpState.Failed or TopUpState.Cancelled))
        {
            throw new ArgumentOutOfRangeException(nameof(closed), closed, "A top-up closes as expired, failed or cancelled.");
        }

        var changed = await topUps.TransitionAsync(topUp.Id, TopUpState.Pending, closed, new TopUpTransition(reason), cancellationToken);
        if (changed is null)
        {
            return new FulfilmentResult(FulfilmentOutcome.Unchanged, await topUps.GetAsync(topUp.Id, cancellationToken));
        }

        await AuditAsync("topup." + closed.ToString().ToLowerInvariant(), actor, changed, $"{changed.Id}: pending → {closed.ToString().ToLowerInvariant()}; {reason}", cancellationToken);
        return new FulfilmentResult(FulfilmentOutcome.Closed, changed);
    }

    /// <summary>A failed delayed payment for the session closes its top-up.</summary>
    public async Task<FulfilmentResult> FailSessionAsync(CheckoutSessionFacts session, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var topUp = await FindAsync(session, cancellationToken);
        return topUp is null
            ? new FulfilmentResult(FulfilmentOutcome.UnknownTopUp, null, $"no top-up for checkout session {session.SessionId}")
            : await CloseAsync(topUp, TopUpState.Failed, reason, actor, cancellationToken);
    }

    /// <summary>
    /// A refund at the provider: <paramref name="refundedTotal"/> is the charge's cumulative refunded amount. The part
    /// not yet debited is taken from the wallet (in proportion to credit and tax); when the wallet cannot cover it,
    /// the debit is a chargeback entry, which takes the wallet below zero and blocks spending until it is settled.
    /// </summary>
    public async Task<FulfilmentResult> RefundAsync(string chargeId, string paymentIntentId, long refundedTotal, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chargeId);
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentIntentId);
        var topUp = await topUps.FindByPaymentIntentAsync(paymentIntentId, cancellationToken);
        if (topUp is null)
        {
            return new FulfilmentResult(FulfilmentOutcome.UnknownTopUp, null, $"no top-up for payment {paymentIntentId}");
        }

        if (topUp.State != TopUpState.Credited)
        {
            return new FulfilmentResult(FulfilmentOutcome.Unchanged, topUp, $"refund of a top-up that is {topUp.State.ToString().ToLowerInvariant()}: nothing to debit");
        }

        refundedTotal = Math.Min(refundedTotal, topUp.ChargeAmount);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var before = topUp.RefundedAmount;
            if (refundedTotal <= before)
            {
                return new FulfilmentResult(FulfilmentOutcome.Unchanged, topUp, "refund already applied");
            }

            // Claim the step first, so that of two racing handlers of different totals only one debits each paisa.
            var claimed = await topUps.CompareAndSetReversalAsync(topUp.Id, TopUpReversal.Refund, before, refundedTotal, cancellationToken);
            if (claimed is null)
            {
                topUp = await topUps.GetAsync(topUp.Id, cancellationToken) ?? topUp;
                continue;
            }

            try
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"{topUp.Provider}:refund:{chargeId}:{refundedTotal}");
                var (posting, _) = await ReverseAsync(claimed, key, refundedTotal - before, LedgerEntryKind.Refund, actor, cancellationToken);
                await AuditAsync("topup.refunded", actor, claimed, string.Create(CultureInfo.InvariantCulture,
                    $"{claimed.Id}: charge {chargeId} refunded {refundedTotal - before} (total {refundedTotal}); wallet {posting}"), cancellationToken);
                return new FulfilmentResult(FulfilmentOutcome.Reversed, claimed);
            }
            catch
            {
                // Give the claim back so the provider's retry debits it.
                await topUps.CompareAndSetReversalAsync(topUp.Id, TopUpReversal.Refund, refundedTotal, before, CancellationToken.None);
                throw;
            }
        }

        throw new InvalidOperationException($"Refund of top-up {topUp.Id} kept losing races.");
    }

    /// <summary>A dispute opened at the provider: the disputed amount is taken back as a chargeback (may go below zero).</summary>
    public async Task<FulfilmentResult> DisputeAsync(string disputeId, string paymentIntentId, long amount, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disputeId);
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentIntentId);
        var topUp = await topUps.FindByPaymentIntentAsync(paymentIntentId, cancellationToken);
        if (topUp is null)
        {
            return new FulfilmentResult(FulfilmentOutcome.UnknownTopUp, null, $"no top-up for payment {paymentIntentId}");
        }

        if (topUp.State != TopUpState.Credited)
        {
            return new FulfilmentResult(FulfilmentOutcome.Unchanged, topUp, $"dispute on a top-up that is {topUp.State.ToString().ToLowerInvariant()}: nothing to debit");
        }

        amount = Math.Min(amount, topUp.ChargeAmount);
        var key = $"{topUp.Provider}:dispute:{disputeId}";
        if (await ledger.FindPostingAsync(key, cancellationToken) is not null)
        {
            return new FulfilmentResult(FulfilmentOutcome.Unchanged, topUp, "dispute already applied");
        }

        var (posting, postedNow) = await ReverseAsync(topUp, key, amount, LedgerEntryKind.Chargeback, actor, cancellationToken);
        if (!postedNow)
        {
            // A racing copy of this dispute posted it first; that copy records the total and the audit entry.
            return new FulfilmentResult(FulfilmentOutcome.Unchanged, topUp, "dispute already applied");
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            if (await topUps.CompareAndSetReversalAsync(topUp.Id, TopUpReversal.Dispute, topUp.DisputedAmount, topUp.DisputedAmount + amount, cancellationToken) is { } updated)
            {
                topUp = updated;
                break;
            }

            topUp = await topUps.GetAsync(topUp.Id, cancellationToken) ?? topUp;
        }

        await AuditAsync("topup.disputed", actor, topUp, string.Create(CultureInfo.InvariantCulture,
            $"{topUp.Id}: dispute {disputeId} took back {amount}; wallet {posting}"), cancellationToken);
        return new FulfilmentResult(FulfilmentOutcome.Reversed, topUp);
    }

    /// <summary>The credit's ledger key: <c>stripe:&lt;checkout session id&gt;</c> (or <c>sandbox:…</c>).</summary>
    public static string CreditKey(string provider, string sessionId) => $"{provider}:{sessionId}";

    // Debits `chargePart` of the charge back: the wallet loses the credit's share, tax payable the tax's share, and the
    // clearing account gets the whole part back. A refund the wallet cannot cover becomes a chargeback entry.
    private async Task<(string Summary, bool PostedNow)> ReverseAsync(TopUp topUp, string key, long chargePart, LedgerEntryKind kind, string actor, CancellationToken cancellationToken)
    {
        var walletPart = chargePart == topUp.ChargeAmount ? topUp.CreditAmount : chargePart * topUp.CreditAmount / topUp.ChargeAmount;
        var taxPart = chargePart - walletPart;
        NewPosting Posting(LedgerEntryKind walletKind)
        {
            var entries = new List<NewLedgerEntry>
            {
                new(LedgerAccounts.Wallet(topUp.AccountId), -walletPart, walletKind),
                new(LedgerAccounts.PaymentClearing, chargePart, kind),
            };
            if (taxPart > 0)
            {
                entries.Add(new NewLedgerEntry(LedgerAccounts.TaxPayable, -taxPart, kind));
            }

            return new NewPosting { IdempotencyKey = key, Currency = topUp.Currency, Reference = topUp.Id, Actor = actor, Entries = entries };
        }

        var result = await ledger.PostAsync(Posting(kind), cancellationToken);
        if (result.Outcome == PostingOutcome.InsufficientFunds && kind != LedgerEntryKind.Chargeback)
        {
            logger.LogWarning("Top-up {TopUpId}: the wallet cannot cover a refund of {Amount}; posting it as a chargeback.", topUp.Id, walletPart);
            result = await ledger.PostAsync(Posting(LedgerEntryKind.Chargeback), cancellationToken);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The ledger refused the reversal {key}: {result.Outcome}.");
        }

        var walletEntry = result.Posting!.Entries.Single(e => e.AccountId == LedgerAccounts.Wallet(topUp.AccountId));
        return (string.Create(CultureInfo.InvariantCulture, $"{walletEntry.Amount} as {walletEntry.Kind.ToString().ToLowerInvariant()}, balance {walletEntry.BalanceAfter}"),
            result.Outcome == PostingOutcome.Posted);
    }

    private async Task<TopUp?> FindAsync(CheckoutSessionFacts session, CancellationToken cancellationToken)
    {
        if (await topUps.FindByCheckoutSessionAsync(session.SessionId, cancellationToken) is { } bySession)
        {
            return bySession;
        }

        // The provider created the session but we crashed before recording it: adopt it if the top-up has none.
        if (session.TopUpId is { } id && await topUps.GetAsync(id, cancellationToken) is { CheckoutSessionId: null } byReference)
        {
            logger.LogInformation("Top-up {TopUpId} adopts checkout session {SessionId} named by its reference.", id, session.SessionId);
            var attached = await topUps.AttachCheckoutAsync(id, session.SessionId, "(created before a restart)", cancellationToken);
            return attached?.CheckoutSessionId == session.SessionId ? attached : null;
        }

        return null;
    }

    private async Task<FulfilmentResult> FlagForReviewAsync(TopUp topUp, string reason, string actor, CancellationToken cancellationToken, TopUpState from = TopUpState.Pending)
    {
        var flagged = await topUps.TransitionAsync(topUp.Id, from, TopUpState.Review, new TopUpTransition(reason), cancellationToken);
        if (flagged is not null)
        {
            logger.LogWarning("Top-up {TopUpId} flagged for review: {Reason}", topUp.Id, reason);
            await AuditAsync("topup.review", actor, flagged, $"{flagged.Id}: {from.ToString().ToLowerInvariant()} → review; nothing credited; {reason}", cancellationToken);
        }

        return new FulfilmentResult(FulfilmentOutcome.Review, flagged ?? await topUps.GetAsync(topUp.Id, cancellationToken), reason);
    }

    private async Task AuditAsync(string kind, string actor, TopUp topUp, string detail, CancellationToken cancellationToken) =>
        await audit.AppendAsync(new NewAuditEntry(kind, actor, topUp.AccountId, detail), cancellationToken);
}
