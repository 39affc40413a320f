namespace StarSync.Engine.Wallet;

/// <summary>
/// The ledger's account ids. A ledger account is not a sign-in account: every person may own several
/// (a user's wallet; an astrologer's earnings and paid-out totals), and the platform owns the rest.
/// </summary>
/// <remarks>
/// Only wallets are held to "never below zero" (<see cref="IsWallet"/>); the platform's accounts are the other
/// side of every posting and go negative by design (the payment clearing account is minus everything ever
/// paid in by card).
/// </remarks>
public static class LedgerAccounts
{
    private const string WalletPrefix = "wallet:";

    /// <summary>Card money in flight between the payment provider and wallets.</summary>
    public const string PaymentClearing = "platform:payment-clearing";

    /// <summary>The platform's commission on consultation minutes.</summary>
    public const string PlatformCommission = "platform:commission";

    /// <summary>What the platform spends on promotions (free minutes).</summary>
    public const string PlatformPromotions = "platform:promotions";

    /// <summary>The other side of admin adjustments.</summary>
    public const string PlatformAdjustments = "platform:adjustments";

    /// <summary>Tax (GST) collected on top-ups and owed to the tax authority.</summary>
    public const string TaxPayable = "platform:tax-payable";

    /// <summary>Bank transfers made to astrologers outside the app.</summary>
    public const string PayoutClearing = "platform:payout-clearing";

    /// <summary>A user's prepaid wallet.</summary>
    public static string Wallet(string accountId) => WalletPrefix + Require(accountId);

    /// <summary>An astrologer's unpaid earnings.</summary>
    public static string Earnings(string astrologerId) => "earnings:" + Require(astrologerId);

    /// <summary>Whether <paramref name="ledgerAccountId"/> is a user wallet (held to "never below zero").</summary>
    public static bool IsWallet(string ledgerAccountId) => ledgerAccountId.StartsWith(WalletPrefix, StringComparison.Ordinal);

    private static string Require(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return id;
    }
}
