using StarSync.Engine.Payments;

namespace StarSync.Web.Payments;

/// <summary>A checkout session as the payment provider describes it.</summary>
/// <param name="SessionId">The provider's checkout session id.</param>
/// <param name="TopUpId">Our top-up id as the session carries it (client reference / metadata), if any.</param>
/// <param name="Status">"open", "complete" or "expired".</param>
/// <param name="PaymentStatus">"paid", "unpaid" or "no_payment_required".</param>
/// <param name="AmountTotal">What the payer pays, in minor units.</param>
/// <param name="Currency">ISO 4217 code, any case.</param>
/// <param name="PaymentIntentId">The provider's payment, once there is one.</param>
public sealed record CheckoutSessionFacts(string SessionId, string? TopUpId, string Status, string PaymentStatus, long? AmountTotal, string? Currency, string? PaymentIntentId)
{
    public bool IsPaid => PaymentStatus == "paid";
}

/// <summary>A created checkout session: its id and where the payer goes to pay.</summary>
public sealed record CreatedCheckout(string SessionId, string Url);

/// <summary>Where a payer is returned after paying or cancelling.</summary>
public sealed record CheckoutReturn(Uri Success, Uri Cancel);

/// <summary>The payment provider behind top-ups: Stripe Checkout or the in-app sandbox.</summary>
public interface ICheckoutGateway
{
    /// <summary>"stripe" or "sandbox": stored on each top-up and used in its ledger key.</summary>
    string Provider { get; }

    /// <summary>Creates the checkout session for a pending top-up (its id is the idempotency key).</summary>
    Task<CreatedCheckout> CreateSessionAsync(TopUp topUp, CheckoutReturn returnTo, CancellationToken cancellationToken);

    /// <summary>The session as the provider sees it now, or null when the provider does not know it.</summary>
    Task<CheckoutSessionFacts?> GetSessionAsync(TopUp topUp, CancellationToken cancellationToken);

    /// <summary>Ends an open session so it can no longer be paid; false when it cannot be ended (already paid).</summary>
    Task<bool> ExpireSessionAsync(TopUp topUp, CancellationToken cancellationToken);
}

/// <summary>A provider call that failed (network, refusal): the top-up could not be started or checked.</summary>
public sealed class CheckoutGatewayException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The gateway when payments are off: nothing can be started, and there is nothing to ask.</summary>
public sealed class NoCheckout : ICheckoutGateway
{
    public string Provider => "none";

    public Task<CreatedCheckout> CreateSessionAsync(TopUp topUp, CheckoutReturn returnTo, CancellationToken cancellationToken) =>
        throw new CheckoutGatewayException("Card payments are not configured on this server.");

    public Task<CheckoutSessionFacts?> GetSessionAsync(TopUp topUp, CancellationToken cancellationToken) => Task.FromResult<CheckoutSessionFacts?>(null);

    public Task<bool> ExpireSessionAsync(TopUp topUp, CancellationToken cancellationToken) => Task.FromResult(true);
}
