using NodaTime;
using StarSync.Engine.Storage;

namespace StarSync.Engine.Wallet;

/// <summary>
/// Paying astrologers: a payout moves unpaid earnings to the payout clearing account once the bank transfer has
/// been made outside the app, under the transfer's reference, and a statement lists one astrologer's earnings
/// account over a calendar month.
/// </summary>
/// <remarks>
/// Months and periods are calendar days in the platform's zone (<see cref="PlatformZone"/>), where the marketplace
/// keeps its books; instants are stored in UTC.
/// </remarks>
public static class AstrologerPayouts
{
    /// <summary>The zone that decides which day and month an entry falls in.</summary>
    public static readonly DateTimeZone PlatformZone = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    /// <summary>The longest bank reference accepted.</summary>
    public const int MaxReferenceLength = 64;

    /// <summary>
    /// The posting for a payout of <paramref name="amount"/> paise to <paramref name="astrologerId"/>. Its key is
    /// the astrologer and the bank reference, so recording the same transfer twice writes it once.
    /// </summary>
    public static NewPosting Posting(string astrologerId, long amount, string bankReference, string adminId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(astrologerId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var reference = NormalizeReference(bankReference);
        return new NewPosting
        {
            IdempotencyKey = $"payout:{astrologerId}:{reference}",
            Reference = reference,
            Actor = adminId,
            Entries =
            [
                new NewLedgerEntry(LedgerAccounts.Earnings(astrologerId), -amount, LedgerEntryKind.Payout),
                new NewLedgerEntry(LedgerAccounts.PayoutClearing, amount, LedgerEntryKind.Payout),
            ],
        };
    }

    /// <summary>The bank reference trimmed; throws when it is empty, too long or has control characters.</summary>
    public static string NormalizeReference(string? bankReference)
    {
        var reference = bankReference?.Trim() ?? "";
        if (reference.Length == 0 || reference.Length > MaxReferenceLength || reference.Any(char.IsControl))
        {
            throw new ArgumentException($"A bank reference is 1 to {MaxReferenceLength} printable characters.", nameof(bankReference));
        }

        return reference;
    }

    /// <summary>The UTC instants that bound the days <paramref name="from"/>..<paramref name="to"/> (inclusive) in the platform's zone.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Bounds(LocalDate from, LocalDate to)
    {
        if (to < from)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(to));
        }

        return (from.AtStartOfDayInZone(PlatformZone).ToDateTimeOffset().ToUniversalTime(),
                to.PlusDays(1).AtStartOfDayInZone(PlatformZone).ToDateTimeOffset().ToUniversalTime());
    }

    /// <summary>Every entry of one ledger account in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public static async Task<IReadOnlyList<LedgerEntry>> EntriesAsync(ILedgerStore ledger, string accountId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var all = new List<LedgerEntry>();
        for (var skip = 0; ; skip += Paging.MaxTake)
        {
            var page = await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = accountId, From = from, To = to, Skip = skip, Take = Paging.MaxTake }, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            if (!page.HasMore)
            {
                break;
            }
        }

        all.Reverse();
        return all;
    }
}

/// <summary>One astrologer's money over a period.</summary>
/// <param name="Earned">Earnings in the period, less minutes refunded in it.</param>
/// <param name="PaidOut">Payouts recorded in the period.</param>
/// <param name="Unpaid">Unpaid earnings now (the earnings account's balance).</param>
public sealed record EarningsSummary(long Earned, long PaidOut, long Unpaid)
{
    /// <summary>Sums a period's entries of one earnings account.</summary>
    public static EarningsSummary Of(IEnumerable<LedgerEntry> periodEntries, long unpaidNow)
    {
        ArgumentNullException.ThrowIfNull(periodEntries);
        long earned = 0, paid = 0;
        foreach (var entry in periodEntries)
        {
            if (entry.Kind == LedgerEntryKind.Payout)
            {
                paid -= entry.Amount;
            }
            else
            {
                earned += entry.Amount;
            }
        }

        return new EarningsSummary(earned, paid, unpaidNow);
    }
}
