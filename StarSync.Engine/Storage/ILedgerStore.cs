using StarSync.Engine.Wallet;

namespace StarSync.Engine.Storage;

/// <summary>The double-entry ledger: postings, entries and the cached balance of every ledger account.</summary>
/// <remarks>
/// Atomicity: a posting's entries, the balances they change and its idempotency key are written in one
/// atomic step, or not at all. A wallet (<see cref="LedgerAccounts.IsWallet"/>) never goes below zero except
/// through a <see cref="LedgerEntryKind.Chargeback"/> entry; any other posting that would leave a wallet below
/// zero is refused. A repeated idempotency key returns the first posting and writes nothing, also when the
/// two requests race.
/// </remarks>
public interface ILedgerStore
{
    /// <summary>Writes <paramref name="posting"/> (validated first) unless its key was used or a wallet cannot pay.</summary>
    Task<PostingResult> PostAsync(NewPosting posting, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes several postings, each as <see cref="PostAsync"/> would and each all or nothing on its own: one that is
    /// refused or repeated leaves the others alone. The results are in the order of <paramref name="postings"/>. A
    /// malformed posting throws before any is written. An adapter may write them together (the embedded store in one
    /// transaction); by default they go one by one.
    /// </summary>
    async Task<IReadOnlyList<PostingResult>> PostManyAsync(IReadOnlyList<NewPosting> postings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postings);
        foreach (var posting in postings)
        {
            // All checked first: a malformed one throws before any is written.
            ArgumentNullException.ThrowIfNull(posting);
            posting.Validate();
        }

        var results = new PostingResult[postings.Count];
        for (var i = 0; i < postings.Count; i++)
        {
            results[i] = await PostAsync(postings[i], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>The posting written under <paramref name="idempotencyKey"/>, if any.</summary>
    Task<Posting?> FindPostingAsync(string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>The account's cached balance (zero in the default currency for an account with no entries).</summary>
    Task<LedgerBalance> GetBalanceAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>One account's entries matching <paramref name="query"/>, newest first.</summary>
    Task<Page<LedgerEntry>> QueryEntriesAsync(LedgerQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recomputes every account's balance from its entries and returns each account whose cached balance
    /// disagrees (empty when the ledger is consistent). Reads everything: for the scheduled check, not probes.
    /// </summary>
    Task<IReadOnlyList<BalanceDiscrepancy>> VerifyBalancesAsync(CancellationToken cancellationToken = default);
}
