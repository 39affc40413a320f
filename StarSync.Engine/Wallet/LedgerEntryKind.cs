namespace StarSync.Engine.Wallet;

/// <summary>Why money moved. Stored and sent as kebab-case strings ("topup", "chargeback", …).</summary>
public enum LedgerEntryKind
{
    /// <summary>A card top-up credited to a wallet (and the matching debit of the payment clearing account).</summary>
    Topup,

    /// <summary>A consultation minute paid from a user's wallet.</summary>
    Consultation,

    /// <summary>An astrologer's share of a consultation minute.</summary>
    Earning,

    /// <summary>The platform's share of a consultation minute.</summary>
    Commission,

    /// <summary>Money given back: an undelivered minute, or a top-up refunded by card.</summary>
    Refund,

    /// <summary>Platform-funded credit, such as free first-consultation minutes.</summary>
    Promotion,

    /// <summary>A correction made by an admin, with a stated reason.</summary>
    Adjustment,

    /// <summary>Earnings paid out to an astrologer's bank account.</summary>
    Payout,

    /// <summary>A card dispute: the only kind allowed to take a wallet below zero (which then blocks spending).</summary>
    Chargeback,
}
