using StarSync.Engine.Wallet;

namespace StarSync.Engine.Storage;

/// <summary>The ledger rules both adapters apply identically, kept in one place so they cannot drift.</summary>
internal static class LedgerRules
{
    // Version 7: time-ordered, so new ids land at the end of the primary index.
    public static string NewPostingId() => Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// Whether <paramref name="entry"/> may only be written if its account can cover it: a wallet debit of any kind
    /// but a chargeback. Credits are always allowed, also to a wallet a chargeback left below zero, so a top-up can
    /// settle it part by part.
    /// </summary>
    public static bool NeedsCover(NewLedgerEntry entry) =>
        entry.Amount < 0 && entry.Kind != LedgerEntryKind.Chargeback && LedgerAccounts.IsWallet(entry.AccountId);

    public static void Require(LedgerQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.AccountId, nameof(query));
        Paging.Require(query.Skip, query.Take);
    }

    public static InvalidOperationException CurrencyMismatch(string accountId, string held, string posted) =>
        new($"Ledger account '{accountId}' holds {held}; a posting in {posted} cannot touch it.");
}
