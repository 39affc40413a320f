namespace StarSync.Engine.Wallet;

/// <summary>One leg of a posting to write: an amount in minor units (signed) on one ledger account.</summary>
public sealed record NewLedgerEntry(string AccountId, long Amount, LedgerEntryKind Kind);

/// <summary>
/// A posting to write: entries that sum to zero, in one currency, written all or nothing under one
/// idempotency key (<c>stripe:&lt;checkout session&gt;</c>, <c>consult:&lt;id&gt;:&lt;minute&gt;</c>,
/// <c>admin:&lt;adminId&gt;:&lt;clientKey&gt;</c>, …).
/// </summary>
public sealed record NewPosting
{
    public required string IdempotencyKey { get; init; }

    /// <summary>ISO 4217 code; every entry is in it.</summary>
    public string Currency { get; init; } = Money.DefaultCurrency;

    /// <summary>What the money is for, shown to people: a top-up id, a consultation id, a payout reference.</summary>
    public required string Reference { get; init; }

    /// <summary>Who caused it: an account id, or "system".</summary>
    public required string Actor { get; init; }

    public required IReadOnlyList<NewLedgerEntry> Entries { get; init; }

    /// <summary>Throws unless the posting is well formed: a key, two or more non-zero entries summing to zero, distinct accounts.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(IdempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(Reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(Actor);
        Money.RequireCurrency(Currency);
        if (Entries is null || Entries.Count < 2)
        {
            throw new ArgumentException("A posting has at least two entries.", nameof(Entries));
        }

        long sum = 0;
        foreach (var entry in Entries)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(entry.AccountId);
            if (entry.Amount == 0)
            {
                throw new ArgumentException("An entry moves a non-zero amount.", nameof(Entries));
            }

            sum = checked(sum + entry.Amount);
        }

        if (sum != 0)
        {
            throw new ArgumentException($"A posting's entries sum to zero; these sum to {sum}.", nameof(Entries));
        }

        if (Entries.Select(e => e.AccountId).Distinct(StringComparer.Ordinal).Count() != Entries.Count)
        {
            throw new ArgumentException("Each account appears once in a posting.", nameof(Entries));
        }
    }
}

/// <summary>One written ledger entry.</summary>
/// <param name="Id">Store-assigned id.</param>
/// <param name="PostingId">The posting it belongs to (all its entries were written together).</param>
/// <param name="AccountId">The ledger account (<see cref="LedgerAccounts"/>).</param>
/// <param name="Amount">Signed minor units: positive credits the account.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Kind">Why the money moved.</param>
/// <param name="Reference">What it is for (top-up id, consultation id, …).</param>
/// <param name="BalanceAfter">The account's balance right after this entry.</param>
/// <param name="CreatedAt">When the posting was written (UTC, millisecond precision).</param>
/// <param name="Actor">Who caused it.</param>
public sealed record LedgerEntry(
    string Id,
    string PostingId,
    string AccountId,
    long Amount,
    string Currency,
    LedgerEntryKind Kind,
    string Reference,
    long BalanceAfter,
    DateTimeOffset CreatedAt,
    string Actor);

/// <summary>A written posting.</summary>
public sealed record Posting(string Id, string IdempotencyKey, string Reference, string Actor, DateTimeOffset CreatedAt, IReadOnlyList<LedgerEntry> Entries);

/// <summary>What happened to a posting request.</summary>
public enum PostingOutcome
{
    /// <summary>Written now.</summary>
    Posted,

    /// <summary>The key was already used: <see cref="PostingResult.Posting"/> is the first posting, nothing changed.</summary>
    Repeated,

    /// <summary>Refused: a wallet would go below zero (or stay below zero after a chargeback). Nothing changed.</summary>
    InsufficientFunds,
}

/// <summary>The answer to a posting request.</summary>
/// <param name="Outcome">Whether it was written, repeated, or refused.</param>
/// <param name="Posting">The posting under the key (null only when refused).</param>
/// <param name="ShortAccountId">When refused: the wallet that could not pay.</param>
public sealed record PostingResult(PostingOutcome Outcome, Posting? Posting, string? ShortAccountId = null)
{
    public bool Succeeded => Outcome is PostingOutcome.Posted or PostingOutcome.Repeated;
}

/// <summary>A ledger account's balance.</summary>
/// <param name="AccountId">The ledger account.</param>
/// <param name="Balance">Signed minor units; a wallet is negative only after a chargeback.</param>
/// <param name="Currency">ISO 4217 code.</param>
public sealed record LedgerBalance(string AccountId, long Balance, string Currency)
{
    /// <summary>A wallet below zero cannot pay for anything until it is settled.</summary>
    public bool SpendingBlocked => LedgerAccounts.IsWallet(AccountId) && Balance < 0;
}

/// <summary>A stored balance that disagrees with the sum of its account's entries.</summary>
public sealed record BalanceDiscrepancy(string AccountId, long StoredBalance, long EntrySum);

/// <summary>A filter over one ledger account's entries, newest first.</summary>
public sealed record LedgerQuery
{
    public required string AccountId { get; init; }

    public LedgerEntryKind? Kind { get; init; }

    /// <summary>Entries at or after this instant (UTC).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries strictly before this instant (UTC).</summary>
    public DateTimeOffset? To { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}
