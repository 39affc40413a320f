using NodaTime;
using StarSync.Engine.Storage.Lite;
using StarSync.Engine.Tests.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Engine.Tests.Wallet;

public sealed class PayoutsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starsync-payout-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_payout_moves_earnings_to_payout_clearing_under_the_bank_reference()
    {
        var posting = AstrologerPayouts.Posting("astro-7", 125_000, "  NEFT-2026-1130-0042 ", "admin-1");

        Assert.Equal("payout:astro-7:NEFT-2026-1130-0042", posting.IdempotencyKey);
        Assert.Equal("NEFT-2026-1130-0042", posting.Reference);
        Assert.Equal("admin-1", posting.Actor);
        Assert.Equal(
            [new NewLedgerEntry("earnings:astro-7", -125_000, LedgerEntryKind.Payout), new NewLedgerEntry("platform:payout-clearing", 125_000, LedgerEntryKind.Payout)],
            posting.Entries);
        posting.Validate();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\tinside")]
    [InlineData("x1234567890123456789012345678901234567890123456789012345678901234")]
    public void A_bank_reference_is_required_printable_and_short(string reference)
    {
        Assert.Throws<ArgumentException>(() => AstrologerPayouts.Posting("astro-7", 100, reference, "admin-1"));
    }

    [Fact]
    public void Zero_or_negative_payouts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AstrologerPayouts.Posting("astro-7", 0, "ref", "admin-1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => AstrologerPayouts.Posting("astro-7", -5, "ref", "admin-1"));
    }

    [Fact]
    public void A_period_is_whole_days_in_india_time()
    {
        var (from, to) = AstrologerPayouts.Bounds(new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30));

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 18, 30, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 18, 30, 0, TimeSpan.Zero), to);
        Assert.Throws<ArgumentException>(() => AstrologerPayouts.Bounds(new LocalDate(2026, 11, 2), new LocalDate(2026, 11, 1)));
    }

    [Fact]
    public async Task A_month_of_minutes_refunds_and_a_payout_sums_and_prints_on_a_real_ledger()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 10, 31, 18, 0, 0, TimeSpan.Zero)); // 23:30 IST, 31 October
        using var store = new LiteStore(_folder);
        var ledger = LiteStorage.Open(store, clock).Ledger;
        await ledger.PostAsync(TopUp("user-1", 100_000));
        await ledger.PostAsync(Minute("c0:1", 3_000)); // October: before the month
        clock.Advance(TimeSpan.FromHours(1)); // 00:30 IST, 1 November
        await ledger.PostAsync(Minute("c1:1", 3_000));
        await ledger.PostAsync(Minute("c1:2", 3_000));
        await ledger.PostAsync(Refund("c1:1", 3_000));
        clock.Advance(TimeSpan.FromDays(3));
        await ledger.PostAsync(AstrologerPayouts.Posting("astro-1", 2_100, "=HYPERLINK(\"http://x\")", "admin-1"));

        var (from, to) = AstrologerPayouts.Bounds(new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30));
        var entries = await AstrologerPayouts.EntriesAsync(ledger, LedgerAccounts.Earnings("astro-1"), from, to);
        var unpaid = (await ledger.GetBalanceAsync(LedgerAccounts.Earnings("astro-1"))).Balance;
        var summary = EarningsSummary.Of(entries, unpaid);

        // 70% of ₹30 a minute: 2,100 paise each; one of the two November minutes refunded; one payout of 2,100.
        Assert.Equal(new EarningsSummary(Earned: 2_100, PaidOut: 2_100, Unpaid: 2_100), summary);
        var csv = EarningsStatement.Csv("Pandit Ravi", new YearMonth(2026, 11), opening: 2_100, entries);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Earnings statement,Pandit Ravi,2026-11,,,", lines[0]);
        Assert.Equal("2026-11-01 00:00,opening balance,,,21.00,", lines[2]);
        Assert.StartsWith("2026-11-01 00:30,earning,c1,21.00,42.00,", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("2026-11-01 00:30,refund,c1,-21.00,42.00,", lines[5], StringComparison.Ordinal);
        // A reference that a spreadsheet would run as a formula is written as text.
        Assert.StartsWith("2026-11-04 00:30,payout,\"'=HYPERLINK(\"\"http://x\"\")\",-21.00,21.00,", lines[6], StringComparison.Ordinal);
        Assert.Equal("2026-11-30 23:59,closing balance,,,21.00,", lines[7]);
    }

    private static NewPosting TopUp(string user, long amount) => new()
    {
        IdempotencyKey = $"topup:{user}", Reference = "t", Actor = "system",
        Entries = [new(LedgerAccounts.Wallet(user), amount, LedgerEntryKind.Topup), new(LedgerAccounts.PaymentClearing, -amount, LedgerEntryKind.Topup)],
    };

    private static NewPosting Minute(string key, long rate) => new()
    {
        IdempotencyKey = $"consult:{key}", Reference = key.Split(':')[0], Actor = "system",
        Entries =
        [
            new(LedgerAccounts.Wallet("user-1"), -rate, LedgerEntryKind.Consultation),
            new(LedgerAccounts.Earnings("astro-1"), rate * 7 / 10, LedgerEntryKind.Earning),
            new(LedgerAccounts.PlatformCommission, rate - (rate * 7 / 10), LedgerEntryKind.Commission),
        ],
    };

    private static NewPosting Refund(string key, long rate) => new()
    {
        IdempotencyKey = $"refund:{key}", Reference = key.Split(':')[0], Actor = "system",
        Entries =
        [
            new(LedgerAccounts.Wallet("user-1"), rate, LedgerEntryKind.Refund),
            new(LedgerAccounts.Earnings("astro-1"), -(rate * 7 / 10), LedgerEntryKind.Refund),
            new(LedgerAccounts.PlatformCommission, -(rate - (rate * 7 / 10)), LedgerEntryKind.Refund),
        ],
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
