using System.Globalization;
using StarSync.Engine.Wallet;

namespace StarSync.Engine.Consultations;

/// <summary>
/// The ledger postings of a consultation, built by pure functions. Each minute is one posting under
/// <c>consult:&lt;id&gt;:&lt;n&gt;</c>, so however often it is attempted it is written once.
/// </summary>
public static class ConsultationPostings
{
    /// <summary>Who billing postings are written by.</summary>
    public const string SystemActor = "system";

    /// <summary>The idempotency key of minute <paramref name="minute"/> (1-based).</summary>
    public static string MinuteKey(string consultationId, int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"consult:{consultationId}:{minute}");

    /// <summary>The idempotency key of the refund of minute <paramref name="minute"/>.</summary>
    public static string RefundKey(string consultationId, int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"refund:{consultationId}:{minute}");

    /// <summary>
    /// Minute <paramref name="minute"/> at the consultation's copied rate and commission: the user's wallet pays the
    /// rate (kind consultation), or, for a promotional minute, <see cref="LedgerAccounts.PlatformPromotions"/> does
    /// (kind promotion); either way the astrologer earns their share and the platform its commission
    /// (<see cref="MinuteSplit"/>). A zero share (0 % or 100 % commission) is left out.
    /// </summary>
    public static NewPosting Minute(Consultation c, int minute)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentOutOfRangeException.ThrowIfLessThan(minute, 1);
        var split = MinuteSplit.Of(c.RatePerMinute, c.CommissionBasisPoints);
        var entries = new List<NewLedgerEntry>
        {
            c.IsPromotional(minute)
                ? new NewLedgerEntry(LedgerAccounts.PlatformPromotions, -split.Rate, LedgerEntryKind.Promotion)
                : new NewLedgerEntry(LedgerAccounts.Wallet(c.UserId), -split.Rate, LedgerEntryKind.Consultation),
        };
        if (split.Earning > 0)
        {
            entries.Add(new NewLedgerEntry(LedgerAccounts.Earnings(c.AstrologerId), split.Earning, LedgerEntryKind.Earning));
        }

        if (split.Commission > 0)
        {
            entries.Add(new NewLedgerEntry(LedgerAccounts.PlatformCommission, split.Commission, LedgerEntryKind.Commission));
        }

        return new NewPosting
        {
            IdempotencyKey = MinuteKey(c.Id, minute),
            Currency = c.Currency,
            Reference = c.Id,
            Actor = SystemActor,
            Entries = entries,
        };
    }

    /// <summary>
    /// The refund of a minute: every entry of its posting reversed (kind refund), under
    /// <c>refund:&lt;id&gt;:&lt;n&gt;</c> — the wallet (or the promotions account) gets the rate back, and the earning and
    /// commission are taken back.
    /// </summary>
    /// <param name="minutePosting">The minute's posting as written (<see cref="MinuteKey"/>).</param>
    public static NewPosting Refund(Consultation c, int minute, Posting minutePosting)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(minutePosting);
        if (minutePosting.IdempotencyKey != MinuteKey(c.Id, minute))
        {
            throw new ArgumentException($"Posting {minutePosting.IdempotencyKey} is not minute {minute} of consultation {c.Id}.", nameof(minutePosting));
        }

        return new NewPosting
        {
            IdempotencyKey = RefundKey(c.Id, minute),
            Currency = minutePosting.Entries[0].Currency,
            Reference = c.Id,
            Actor = SystemActor,
            Entries = [.. minutePosting.Entries.Select(e => new NewLedgerEntry(e.AccountId, -e.Amount, LedgerEntryKind.Refund))],
        };
    }

    /// <summary>What a refund posting gives back to the user's wallet (0 when the minute was promotional).</summary>
    public static long WalletAmount(Consultation c, NewPosting posting)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(posting);
        var wallet = LedgerAccounts.Wallet(c.UserId);
        return posting.Entries.Where(e => e.AccountId == wallet).Sum(e => e.Amount);
    }
}
