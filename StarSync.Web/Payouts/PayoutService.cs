using NodaTime;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Payouts;

/// <summary>One astrologer's line in the payouts report.</summary>
public sealed record AstrologerEarnings(string AstrologerId, string Name, AccountStatus Status, EarningsSummary Summary);

/// <summary>What recording a payout came to.</summary>
public enum PayoutOutcome
{
    Recorded,

    /// <summary>The same bank reference was recorded before for this astrologer; nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>The amount is more than the astrologer's unpaid earnings.</summary>
    MoreThanUnpaid,

    /// <summary>No astrologer account has this id.</summary>
    NotAnAstrologer,
}

/// <summary>
/// Paying astrologers their earnings: the per-period report, recording a bank transfer as a payout posting, and
/// the monthly statement. Deactivated and deleted astrologers stay in the report while they have unpaid earnings.
/// </summary>
public sealed class PayoutService(IAccountStore accounts, ILedgerStore ledger, IAuditLog audit) : IDisposable
{
    // Payouts are checked against the unpaid balance and then posted; one at a time on this node, so two admins
    // paying the same astrologer at once cannot both pass the check. (Earnings accounts are not held to zero by
    // the ledger, which guards wallets only.)
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>Every astrologer's earnings over the days <paramref name="from"/>..<paramref name="to"/> (platform zone).</summary>
    /// <remarks>Astrologers who are deleted and owe nothing and earned nothing in the period are left out.</remarks>
    public async Task<IReadOnlyList<AstrologerEarnings>> ReportAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default)
    {
        var (start, end) = AstrologerPayouts.Bounds(from, to);
        var rows = new List<AstrologerEarnings>();
        await foreach (var astrologer in AstrologersAsync(cancellationToken))
        {
            var entries = await AstrologerPayouts.EntriesAsync(ledger, LedgerAccounts.Earnings(astrologer.Id), start, end, cancellationToken);
            var unpaid = (await ledger.GetBalanceAsync(LedgerAccounts.Earnings(astrologer.Id), cancellationToken)).Balance;
            var summary = EarningsSummary.Of(entries, unpaid);
            if (astrologer.Status == AccountStatus.Deleted && summary is { Earned: 0, PaidOut: 0, Unpaid: 0 })
            {
                continue;
            }

            rows.Add(new AstrologerEarnings(astrologer.Id, DisplayName(astrologer), astrologer.Status, summary));
        }

        return rows.OrderByDescending(r => r.Summary.Unpaid).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Records a bank transfer of <paramref name="amount"/> paise to the astrologer, under its bank reference.</summary>
    /// <exception cref="ArgumentException">The reference is empty, too long or not printable.</exception>
    public async Task<(PayoutOutcome Outcome, long Unpaid)> RecordAsync(string adminId, string astrologerId, long amount, string? bankReference, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var reference = AstrologerPayouts.NormalizeReference(bankReference);
        var astrologer = await accounts.FindByIdAsync(astrologerId, cancellationToken);
        if (astrologer is not { Role: AccountRole.Astrologer })
        {
            return (PayoutOutcome.NotAnAstrologer, 0);
        }

        var earnings = LedgerAccounts.Earnings(astrologerId);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var posting = AstrologerPayouts.Posting(astrologerId, amount, reference, adminId);
            if (await ledger.FindPostingAsync(posting.IdempotencyKey, cancellationToken) is not null)
            {
                return (PayoutOutcome.AlreadyRecorded, (await ledger.GetBalanceAsync(earnings, cancellationToken)).Balance);
            }

            var unpaid = (await ledger.GetBalanceAsync(earnings, cancellationToken)).Balance;
            if (amount > unpaid)
            {
                return (PayoutOutcome.MoreThanUnpaid, unpaid);
            }

            var result = await ledger.PostAsync(posting, cancellationToken);
            var after = (await ledger.GetBalanceAsync(earnings, cancellationToken)).Balance;
            if (result.Outcome == PostingOutcome.Repeated)
            {
                return (PayoutOutcome.AlreadyRecorded, after);
            }

            await audit.AppendAsync(new NewAuditEntry("payout.recorded", adminId, astrologerId, $"{Money.Format(amount)} under bank reference {reference}; unpaid now {Money.Format(after)}"), cancellationToken);
            return (PayoutOutcome.Recorded, after);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The astrologer's statement for <paramref name="month"/> as CSV, or null when there is no such astrologer.</summary>
    public async Task<(string FileName, string Csv)?> StatementAsync(string astrologerId, YearMonth month, CancellationToken cancellationToken = default)
    {
        var astrologer = await accounts.FindByIdAsync(astrologerId, cancellationToken);
        if (astrologer is not { Role: AccountRole.Astrologer })
        {
            return null;
        }

        var account = LedgerAccounts.Earnings(astrologerId);
        var (start, end) = AstrologerPayouts.Bounds(month.OnDayOfMonth(1), month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)));
        var entries = await AstrologerPayouts.EntriesAsync(ledger, account, start, end, cancellationToken);
        // The opening balance is what the entries themselves say: before the month's first entry, or after the last
        // entry before the month when the month has none.
        var opening = entries is [var first, ..]
            ? first.BalanceAfter - first.Amount
            : (await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = account, To = start, Take = 1 }, cancellationToken)).Items is [var last]
                ? last.BalanceAfter
                : 0;
        var csv = EarningsStatement.Csv(DisplayName(astrologer), month, opening, entries);
        return ($"starsync-earnings-{astrologerId}-{month.Year:0000}-{month.Month:00}.csv", csv);
    }

    // A deleted astrologer's name is scrubbed; the id's tail tells tombstones apart in the report.
    private static string DisplayName(Account account) =>
        account.Status == AccountStatus.Deleted ? $"Former astrologer {account.Id[^Math.Min(4, account.Id.Length)..].ToUpperInvariant()}" : account.Name;

    private async IAsyncEnumerable<Account> AstrologersAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var skip = 0; ; skip += Paging.MaxTake)
        {
            var page = await accounts.ListAsync(new AccountQuery { Role = AccountRole.Astrologer, Skip = skip, Take = Paging.MaxTake }, cancellationToken);
            foreach (var account in page.Items)
            {
                yield return account;
            }

            if (!page.HasMore)
            {
                yield break;
            }
        }
    }
}
