using StarSync.Engine.Payments;

namespace StarSync.Engine.Storage;

/// <summary>Wallet top-ups and their states.</summary>
/// <remarks>
/// Atomicity: every change is one conditional single-document update (compare-and-set): a state change happens
/// only from the state the caller names, so two racing handlers of the same payment cannot both move it. The ledger
/// posting a top-up causes lives in <see cref="ILedgerStore"/> under its own idempotency key; this store only records
/// where the top-up is.
/// </remarks>
public interface ITopUpStore
{
    /// <summary>Creates a <see cref="TopUpState.Pending"/> top-up (validated first) stamped with the store's clock.</summary>
    Task<TopUp> CreateAsync(NewTopUp topUp, CancellationToken cancellationToken = default);

    Task<TopUp?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<TopUp?> FindByCheckoutSessionAsync(string checkoutSessionId, CancellationToken cancellationToken = default);

    Task<TopUp?> FindByPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the checkout session of a pending top-up that has none yet; returns the top-up as it is afterwards
    /// (null when unknown). A second call with a different session leaves the first in place.
    /// </summary>
    Task<TopUp?> AttachCheckoutAsync(string id, string checkoutSessionId, string checkoutUrl, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the top-up from <paramref name="expected"/> to <paramref name="target"/>; returns the changed top-up, or null when
    /// it was not in <paramref name="expected"/> (or does not exist) and nothing changed.
    /// </summary>
    Task<TopUp?> TransitionAsync(string id, TopUpState expected, TopUpState target, TopUpTransition details, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the refunded or disputed total from <paramref name="expected"/> to <paramref name="updated"/>; returns the
    /// changed top-up, or null when the stored total was not <paramref name="expected"/>.
    /// </summary>
    Task<TopUp?> CompareAndSetReversalAsync(string id, TopUpReversal reversal, long expected, long updated, CancellationToken cancellationToken = default);

    /// <summary>Pending top-ups created before <paramref name="createdBefore"/>, oldest first.</summary>
    Task<IReadOnlyList<TopUp>> ListPendingAsync(DateTimeOffset createdBefore, int take, CancellationToken cancellationToken = default);

    /// <summary>One account's top-ups, newest first.</summary>
    Task<Page<TopUp>> ListByAccountAsync(string accountId, int skip, int take, CancellationToken cancellationToken = default);
}

/// <summary>Payment-provider webhook events already handled, by event id.</summary>
/// <remarks>Atomicity: <see cref="TryRecordAsync"/> is one insert on a unique key: of racing inserts of one id, one wins.</remarks>
public interface IWebhookEventStore
{
    /// <summary>Records the event unless its id is already recorded; true when this call recorded it.</summary>
    Task<bool> TryRecordAsync(string eventId, string type, string? objectId, string outcome, CancellationToken cancellationToken = default);

    Task<WebhookEventRecord?> FindAsync(string eventId, CancellationToken cancellationToken = default);
}
