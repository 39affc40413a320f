namespace StarSync.Engine.Payments;

/// <summary>Where a top-up is in its life. Stored and sent as kebab-case strings.</summary>
public enum TopUpState
{
    /// <summary>Created; the card has not been charged as far as we know.</summary>
    Pending,

    /// <summary>Paid and credited to the wallet (exactly once, under the checkout session's ledger key).</summary>
    Credited,

    /// <summary>The payment provider said the (delayed) payment failed.</summary>
    Failed,

    /// <summary>The checkout session expired unpaid.</summary>
    Expired,

    /// <summary>The payer cancelled the checkout.</summary>
    Cancelled,

    /// <summary>Something did not add up (the amount paid differs from the amount asked): nothing credited; a person looks.</summary>
    Review,
}

/// <summary>A wallet top-up: what the card pays and what the wallet gets, in minor units (paise).</summary>
/// <param name="Id">Store-assigned id; also the checkout's client reference and idempotency key.</param>
/// <param name="AccountId">The sign-in account whose wallet is credited.</param>
/// <param name="Provider">"stripe" or "sandbox".</param>
/// <param name="ChargeAmount">What the card pays: <paramref name="CreditAmount"/> plus <paramref name="TaxAmount"/>.</param>
/// <param name="CreditAmount">What the wallet gets.</param>
/// <param name="TaxAmount">Tax added on top (zero when tax is off).</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="State">Where it is.</param>
/// <param name="CheckoutSessionId">The provider's checkout session, once created.</param>
/// <param name="CheckoutUrl">Where the payer pays, once created.</param>
/// <param name="PaymentIntentId">The provider's payment, once known (refunds and disputes name it).</param>
/// <param name="StateReason">Why it is in its state (for review, failure, closing).</param>
/// <param name="RefundedAmount">Charge minor units refunded so far (cumulative, as the provider reports it).</param>
/// <param name="DisputedAmount">Charge minor units taken back by disputes.</param>
/// <param name="CreatedAt">UTC, millisecond precision.</param>
/// <param name="UpdatedAt">The last change (UTC).</param>
public sealed record TopUp(
    string Id,
    string AccountId,
    string Provider,
    long ChargeAmount,
    long CreditAmount,
    long TaxAmount,
    string Currency,
    TopUpState State,
    string? CheckoutSessionId,
    string? CheckoutUrl,
    string? PaymentIntentId,
    string? StateReason,
    long RefundedAmount,
    long DisputedAmount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A top-up to create (always <see cref="TopUpState.Pending"/>).</summary>
public sealed record NewTopUp
{
    public required string AccountId { get; init; }

    public required string Provider { get; init; }

    public required long ChargeAmount { get; init; }

    public required long CreditAmount { get; init; }

    public long TaxAmount { get; init; }

    public string Currency { get; init; } = Wallet.Money.DefaultCurrency;

    /// <summary>Throws unless the amounts are positive and charge = credit + tax.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(AccountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(Provider);
        Wallet.Money.RequireCurrency(Currency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CreditAmount);
        ArgumentOutOfRangeException.ThrowIfNegative(TaxAmount);
        if (ChargeAmount != checked(CreditAmount + TaxAmount))
        {
            throw new ArgumentException("The charge is the credit plus the tax.", nameof(ChargeAmount));
        }
    }
}

/// <summary>What a state change also records.</summary>
/// <param name="Reason">Why (stored as <see cref="TopUp.StateReason"/>).</param>
/// <param name="PaymentIntentId">The provider's payment, when the change learns it.</param>
public sealed record TopUpTransition(string? Reason = null, string? PaymentIntentId = null);

/// <summary>Which money-back counter a reversal moves.</summary>
public enum TopUpReversal
{
    Refund,
    Dispute,
}

/// <summary>A webhook event seen once: recorded by the provider's event id.</summary>
/// <param name="EventId">The provider's event id (unique).</param>
/// <param name="Type">The event type, such as "checkout.session.completed".</param>
/// <param name="ObjectId">The object it is about (checkout session, charge, dispute).</param>
/// <param name="Outcome">What handling it did, in a few words.</param>
/// <param name="ReceivedAt">When it was recorded (UTC, millisecond precision).</param>
public sealed record WebhookEventRecord(string EventId, string Type, string? ObjectId, string Outcome, DateTimeOffset ReceivedAt);
