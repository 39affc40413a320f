using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Engine.Tests.Storage;

// The ledger's half of the storage contract. Every test uses its own wallets, earnings accounts and keys; the platform
// accounts are shared by all tests, so they are only ever compared with themselves before and after.
public abstract partial class StorageContractTests
{
    private const long MinutePrice = 100;
    private const long AstrologerShare = 70;
    private const long CommissionShare = 30;

    private ILedgerStore Ledger => Ports.Ledger;

    /// <summary>Overwrites the stored balance document of <paramref name="accountId"/>, bypassing the store.</summary>
    protected abstract Task TamperWithStoredBalanceAsync(string accountId, long balance);

    [SkippableFact]
    public async Task A_thousand_concurrent_debits_succeed_exactly_as_far_as_the_balance_covers()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        var earnings = LedgerAccounts.Earnings("astro-" + Unique());
        var consultation = "c-" + Unique();
        await PostAsync(Topup(wallet, 370 * MinutePrice));
        var commissionBefore = (await Ledger.GetBalanceAsync(LedgerAccounts.PlatformCommission)).Balance;

        var results = Concurrently.Run(1000, i => Ledger.PostAsync(Minute(consultation, i, wallet, earnings)));

        Assert.Equal(370, results.Count(r => r.Outcome == PostingOutcome.Posted));
        Assert.All(results.Where(r => r.Outcome != PostingOutcome.Posted), r =>
        {
            Assert.Equal(PostingOutcome.InsufficientFunds, r.Outcome);
            Assert.Equal(wallet, r.ShortAccountId);
            Assert.Null(r.Posting);
        });
        Assert.Equal(new LedgerBalance(wallet, 0, "INR"), await Ledger.GetBalanceAsync(wallet));
        Assert.Equal(370 * AstrologerShare, (await Ledger.GetBalanceAsync(earnings)).Balance);
        Assert.Equal(commissionBefore + (370 * CommissionShare), (await Ledger.GetBalanceAsync(LedgerAccounts.PlatformCommission)).Balance);

        var walletEntries = await AllEntriesAsync(wallet);
        Assert.Equal(371, walletEntries.Count);
        Assert.Equal(0, walletEntries.Sum(e => e.Amount));
        Assert.Equal(370 * AstrologerShare, (await AllEntriesAsync(earnings)).Sum(e => e.Amount));
        // Newest first, each balance exactly one minute below the one before it: never negative, nothing skipped.
        Assert.Equal(
            Enumerable.Range(0, 371).Select(k => k * MinutePrice),
            walletEntries.Select(e => e.BalanceAfter));
        Assert.Empty(await Ledger.VerifyBalancesAsync());
    }

    [SkippableFact]
    public async Task A_repeated_idempotency_key_under_concurrency_posts_once()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        var topup = Topup(wallet, 500);

        var results = Concurrently.Run(20, _ => Ledger.PostAsync(topup));

        var posted = Assert.Single(results, r => r.Outcome == PostingOutcome.Posted).Posting!;
        Assert.Equal(19, results.Count(r => r.Outcome == PostingOutcome.Repeated));
        Assert.All(results, r => AssertSamePosting(posted, r.Posting));
        Assert.Equal(500, (await Ledger.GetBalanceAsync(wallet)).Balance);
        Assert.Single((await Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = wallet })).Items);
        AssertSamePosting(posted, await Ledger.FindPostingAsync(topup.IdempotencyKey));

        var again = await Ledger.PostAsync(topup with { Reference = "another top-up" });
        Assert.Equal(PostingOutcome.Repeated, again.Outcome);
        AssertSamePosting(posted, again.Posting);
        Assert.Equal(500, (await Ledger.GetBalanceAsync(wallet)).Balance);
    }

    [SkippableFact]
    public async Task Idempotency_keys_that_differ_only_in_case_are_different_postings()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        var session = "stripe:cs_test_a1B2c3" + Unique();
        var upper = Topup(wallet, 300) with { IdempotencyKey = session.ToUpperInvariant() };
        var lower = Topup(wallet, 200) with { IdempotencyKey = session.ToLowerInvariant() };

        Assert.Equal(PostingOutcome.Posted, (await Ledger.PostAsync(upper)).Outcome);
        Assert.Equal(PostingOutcome.Posted, (await Ledger.PostAsync(lower)).Outcome);

        Assert.Equal(500, (await Ledger.GetBalanceAsync(wallet)).Balance);
        Assert.Equal(300, (await Ledger.FindPostingAsync(upper.IdempotencyKey))!.Entries[0].Amount);
        Assert.Equal(200, (await Ledger.FindPostingAsync(lower.IdempotencyKey))!.Entries[0].Amount);
    }

    [SkippableFact]
    public async Task A_posting_is_written_whole_with_the_clock_s_time_and_read_back_by_its_key()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        Clock.Advance(TimeSpan.FromTicks(12_345));
        var topup = Topup(wallet, 50_000);

        var result = await Ledger.PostAsync(topup);

        Assert.Equal(PostingOutcome.Posted, result.Outcome);
        var posting = result.Posting!;
        var at = Start.AddTicks(12_345 - (12_345 % TimeSpan.TicksPerMillisecond));
        Assert.Equal(topup.IdempotencyKey, posting.IdempotencyKey);
        Assert.Equal(("topup-1", "system", at), (posting.Reference, posting.Actor, posting.CreatedAt));
        Assert.Equal(2, posting.Entries.Count);
        Assert.Equal(
            new LedgerEntry(posting.Entries[0].Id, posting.Id, wallet, 50_000, "INR", LedgerEntryKind.Topup, "topup-1", 50_000, at, "system"),
            posting.Entries[0]);
        Assert.Equal((LedgerAccounts.PaymentClearing, -50_000L, LedgerEntryKind.Topup), (posting.Entries[1].AccountId, posting.Entries[1].Amount, posting.Entries[1].Kind));
        Assert.NotEqual(posting.Entries[0].Id, posting.Entries[1].Id);
        AssertSamePosting(posting, await Ledger.FindPostingAsync(topup.IdempotencyKey));
        Assert.Null(await Ledger.FindPostingAsync("stripe:cs_never_" + Unique()));
        Assert.Equal(new LedgerBalance(wallet, 50_000, "INR"), await Ledger.GetBalanceAsync(wallet));
        Assert.Equal(new LedgerBalance("wallet:nobody-" + wallet, 0, "INR"), await Ledger.GetBalanceAsync("wallet:nobody-" + wallet));
    }

    [SkippableFact]
    public async Task Malformed_postings_are_refused_and_write_nothing()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        var earnings = LedgerAccounts.Earnings("astro-" + Unique());
        var key = "admin:a1:" + Unique();
        NewPosting With(params NewLedgerEntry[] entries) => new() { IdempotencyKey = key, Reference = "adjustment", Actor = "a1", Entries = entries };

        var unbalanced = With(new(wallet, 100, LedgerEntryKind.Adjustment), new(LedgerAccounts.PlatformAdjustments, -90, LedgerEntryKind.Adjustment));
        var single = With(new NewLedgerEntry(wallet, 100, LedgerEntryKind.Adjustment));
        var zero = With(new(wallet, 0, LedgerEntryKind.Adjustment), new(earnings, 0, LedgerEntryKind.Adjustment));
        var zeroLeg = With(new(wallet, 100, LedgerEntryKind.Adjustment), new(earnings, 0, LedgerEntryKind.Adjustment), new(LedgerAccounts.PlatformAdjustments, -100, LedgerEntryKind.Adjustment));
        var duplicate = With(new(wallet, 100, LedgerEntryKind.Adjustment), new(wallet, -100, LedgerEntryKind.Adjustment));
        var badCurrency = With(new(wallet, 100, LedgerEntryKind.Adjustment), new(LedgerAccounts.PlatformAdjustments, -100, LedgerEntryKind.Adjustment)) with { Currency = "inr" };
        var noKey = With(new(wallet, 100, LedgerEntryKind.Adjustment), new(LedgerAccounts.PlatformAdjustments, -100, LedgerEntryKind.Adjustment)) with { IdempotencyKey = " " };

        Assert.Contains("sum to 10", (await Assert.ThrowsAsync<ArgumentException>(() => Ledger.PostAsync(unbalanced))).Message);
        Assert.Contains("at least two", (await Assert.ThrowsAsync<ArgumentException>(() => Ledger.PostAsync(single))).Message);
        Assert.Contains("non-zero", (await Assert.ThrowsAsync<ArgumentException>(() => Ledger.PostAsync(zero))).Message);
        Assert.Contains("non-zero", (await Assert.ThrowsAsync<ArgumentException>(() => Ledger.PostAsync(zeroLeg))).Message);
        Assert.Contains("once", (await Assert.ThrowsAsync<ArgumentException>(() => Ledger.PostAsync(duplicate))).Message);
        Assert.Contains("ISO 4217", (await Assert.ThrowsAsync<ArgumentException>(() => Ledger.PostAsync(badCurrency))).Message);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Ledger.PostAsync(noKey));

        Assert.Null(await Ledger.FindPostingAsync(key));
        Assert.Equal(0, (await Ledger.GetBalanceAsync(wallet)).Balance);
        Assert.Equal(0, (await Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = wallet })).Total);
    }

    [SkippableFact]
    public async Task An_account_keeps_the_currency_of_its_first_posting()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        await PostAsync(Topup(wallet, 1_000));

        var dollars = Topup(wallet, 1_000) with { Currency = "USD" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Ledger.PostAsync(dollars));
        Assert.Null(await Ledger.FindPostingAsync(dollars.IdempotencyKey));
        Assert.Equal(new LedgerBalance(wallet, 1_000, "INR"), await Ledger.GetBalanceAsync(wallet));
    }

    [SkippableFact]
    public async Task A_wallet_without_enough_money_refuses_the_debit_and_nothing_moves()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        var earnings = LedgerAccounts.Earnings("astro-" + Unique());
        var empty = Minute("c-" + Unique(), 1, wallet, earnings);

        Assert.Equal(new PostingResult(PostingOutcome.InsufficientFunds, null, wallet), await Ledger.PostAsync(empty));
        await PostAsync(Topup(wallet, 150));
        Assert.Equal(PostingOutcome.Posted, (await Ledger.PostAsync(empty)).Outcome);
        var second = Minute("c-" + Unique(), 2, wallet, earnings);
        Assert.Equal(new PostingResult(PostingOutcome.InsufficientFunds, null, wallet), await Ledger.PostAsync(second));

        Assert.Equal(50, (await Ledger.GetBalanceAsync(wallet)).Balance);
        Assert.Equal(AstrologerShare, (await Ledger.GetBalanceAsync(earnings)).Balance);
        Assert.Null(await Ledger.FindPostingAsync(second.IdempotencyKey));
        // A refused key is not used up: once the money is there, the same request goes through.
        await PostAsync(Topup(wallet, 50));
        Assert.Equal(PostingOutcome.Posted, (await Ledger.PostAsync(second)).Outcome);
        Assert.Equal(0, (await Ledger.GetBalanceAsync(wallet)).Balance);
    }

    [SkippableFact]
    public async Task Postings_written_together_are_each_decided_alone_in_order()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        var earnings = LedgerAccounts.Earnings("astro-" + Unique());
        var consultation = "c-" + Unique();
        await PostAsync(Topup(wallet, 2 * MinutePrice));
        var earlier = await Ledger.PostAsync(Minute(consultation, 1, wallet, earnings));
        Assert.Equal(PostingOutcome.Posted, earlier.Outcome);

        // Minute 1 again (already stored), minute 2 (paid), minute 3 (no money left), minute 2 again (in the same call).
        var results = await Ledger.PostManyAsync([
            Minute(consultation, 1, wallet, earnings),
            Minute(consultation, 2, wallet, earnings),
            Minute(consultation, 3, wallet, earnings),
            Minute(consultation, 2, wallet, earnings),
        ]);

        Assert.Equal([PostingOutcome.Repeated, PostingOutcome.Posted, PostingOutcome.InsufficientFunds, PostingOutcome.Repeated], results.Select(r => r.Outcome));
        AssertSamePosting(earlier.Posting!, results[0].Posting);
        AssertSamePosting(results[1].Posting!, results[3].Posting);
        Assert.Equal(0, results[1].Posting!.Entries.Single(e => e.AccountId == wallet).BalanceAfter);
        Assert.Equal(wallet, results[2].ShortAccountId);
        Assert.Equal(0, (await Ledger.GetBalanceAsync(wallet)).Balance);
        Assert.Equal(2 * AstrologerShare, (await Ledger.GetBalanceAsync(earnings)).Balance);
        Assert.Null(await Ledger.FindPostingAsync(Minute(consultation, 3, wallet, earnings).IdempotencyKey));
        Assert.Empty(await Ledger.PostManyAsync([]));
    }

    [SkippableFact]
    public async Task A_malformed_posting_among_others_written_together_writes_none_of_them()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        var good = Topup(wallet, 500);
        var unbalanced = Topup(LedgerAccounts.Wallet("user-" + Unique()), 500) with
        {
            Entries = [new NewLedgerEntry(LedgerAccounts.Wallet("user-" + Unique()), 500, LedgerEntryKind.Topup)],
        };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Ledger.PostManyAsync([good, unbalanced]));

        Assert.Null(await Ledger.FindPostingAsync(good.IdempotencyKey));
        Assert.Equal(0, (await Ledger.GetBalanceAsync(wallet)).Balance);
    }

    [SkippableFact]
    public async Task A_chargeback_may_take_a_wallet_negative_and_then_every_debit_is_refused_until_credits_settle_it()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        var earnings = LedgerAccounts.Earnings("astro-" + Unique());
        var consultation = "c-" + Unique();
        var card = await PostAsync(Topup(wallet, 1_000));
        for (var minute = 0; minute < 8; minute++)
        {
            await PostAsync(Minute(consultation, minute, wallet, earnings));
        }

        var chargeback = await Ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = "chargeback:" + card.IdempotencyKey,
            Reference = card.Reference,
            Actor = "system",
            Entries = [new(wallet, -1_000, LedgerEntryKind.Chargeback), new(LedgerAccounts.PaymentClearing, 1_000, LedgerEntryKind.Chargeback)],
        });

        Assert.Equal(PostingOutcome.Posted, chargeback.Outcome);
        Assert.Equal(-800, chargeback.Posting!.Entries[0].BalanceAfter);
        var blocked = await Ledger.GetBalanceAsync(wallet);
        Assert.Equal(-800, blocked.Balance);
        Assert.True(blocked.SpendingBlocked);
        Assert.Equal(PostingOutcome.InsufficientFunds, (await Ledger.PostAsync(Minute(consultation, 100, wallet, earnings))).Outcome);
        // Adjustments and refunds are held to the same rule as minutes: only a chargeback goes below zero.
        Assert.Equal(PostingOutcome.InsufficientFunds, (await Ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = "admin:a1:" + Unique(),
            Reference = "correction",
            Actor = "a1",
            Entries = [new(wallet, -1, LedgerEntryKind.Adjustment), new(LedgerAccounts.PlatformAdjustments, 1, LedgerEntryKind.Adjustment)],
        })).Outcome);

        await PostAsync(Topup(wallet, 500));
        Assert.Equal(-300, (await Ledger.GetBalanceAsync(wallet)).Balance);
        Assert.Equal(PostingOutcome.InsufficientFunds, (await Ledger.PostAsync(Minute(consultation, 101, wallet, earnings))).Outcome);
        await PostAsync(Topup(wallet, 300));
        Assert.Equal(new LedgerBalance(wallet, 0, "INR"), await Ledger.GetBalanceAsync(wallet));
        Assert.False((await Ledger.GetBalanceAsync(wallet)).SpendingBlocked);
        Assert.Equal(PostingOutcome.InsufficientFunds, (await Ledger.PostAsync(Minute(consultation, 102, wallet, earnings))).Outcome);
        await PostAsync(Topup(wallet, 500));
        Assert.Equal(PostingOutcome.Posted, (await Ledger.PostAsync(Minute(consultation, 103, wallet, earnings))).Outcome);
        Assert.Equal(400, (await Ledger.GetBalanceAsync(wallet)).Balance);
    }

    [SkippableFact]
    public async Task Each_entry_carries_its_account_s_balance_right_after_it()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        var earnings = LedgerAccounts.Earnings("astro-" + Unique());
        var consultation = "c-" + Unique();
        var commission = (await Ledger.GetBalanceAsync(LedgerAccounts.PlatformCommission)).Balance;

        var topup = await PostAsync(Topup(wallet, 1_000));
        var minutes = new List<Posting>();
        for (var minute = 1; minute <= 3; minute++)
        {
            minutes.Add(await PostAsync(Minute(consultation, minute, wallet, earnings)));
        }

        var refund = await PostAsync(new NewPosting
        {
            IdempotencyKey = $"refund:{consultation}:3",
            Reference = consultation,
            Actor = "system",
            Entries = [new(wallet, 100, LedgerEntryKind.Refund), new(earnings, -70, LedgerEntryKind.Refund), new(LedgerAccounts.PlatformCommission, -30, LedgerEntryKind.Refund)],
        });

        Assert.Equal(1_000, topup.Entries[0].BalanceAfter);
        Assert.Equal([900L, 800L, 700L], minutes.Select(p => p.Entries[0].BalanceAfter));
        Assert.Equal([70L, 140L, 210L], minutes.Select(p => p.Entries[1].BalanceAfter));
        Assert.Equal([commission + 30, commission + 60, commission + 90], minutes.Select(p => p.Entries[2].BalanceAfter));
        Assert.Equal([800L, 140L, commission + 60], refund.Entries.Select(e => e.BalanceAfter));
        Assert.Equal([800L, 700L, 800L, 900L, 1_000L], (await AllEntriesAsync(wallet)).Select(e => e.BalanceAfter));
        Assert.Equal(800, (await Ledger.GetBalanceAsync(wallet)).Balance);
    }

    [SkippableFact]
    public async Task Entries_are_queried_per_account_newest_first_by_kind_and_time_in_pages()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        var earnings = LedgerAccounts.Earnings("astro-" + Unique());
        var consultation = "c-" + Unique();
        var topup = (await PostAsync(Topup(wallet, 1_000))).Entries[0];
        var minutes = new List<LedgerEntry>();
        for (var minute = 1; minute <= 5; minute++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            minutes.Add((await PostAsync(Minute(consultation, minute, wallet, earnings))).Entries[0]);
        }

        Clock.Advance(TimeSpan.FromMinutes(1));
        var refund = (await PostAsync(new NewPosting
        {
            IdempotencyKey = $"refund:{consultation}:5",
            Reference = consultation,
            Actor = "system",
            Entries = [new(wallet, 100, LedgerEntryKind.Refund), new(earnings, -100, LedgerEntryKind.Refund)],
        })).Entries[0];

        var newestFirst = new[] { refund, minutes[4], minutes[3], minutes[2], minutes[1], minutes[0], topup };
        var first = await Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = wallet, Take = 3 });
        var second = await Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = wallet, Skip = 3, Take = 3 });
        var third = await Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = wallet, Skip = 6, Take = 3 });
        Assert.Equal(newestFirst[..3], first.Items);
        Assert.Equal(newestFirst[3..6], second.Items);
        Assert.Equal(newestFirst[6..], third.Items);
        Assert.Equal((7L, true), (first.Total, first.HasMore));
        Assert.Equal((7L, false), (third.Total, third.HasMore));

        var consultations = await Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = wallet, Kind = LedgerEntryKind.Consultation });
        Assert.Equal(minutes.AsEnumerable().Reverse(), consultations.Items);
        // Minutes 2 and 3 were written at Start+2 and Start+3; To is exclusive.
        var window = await Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = wallet, From = Start.AddMinutes(2), To = Start.AddMinutes(4) });
        Assert.Equal([minutes[2], minutes[1]], window.Items);
        Assert.Equal(2, window.Total);
        var earned = await Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = earnings, Kind = LedgerEntryKind.Earning, Take = 2 });
        Assert.Equal((5L, 2), (earned.Total, earned.Items.Count));
        Assert.All(earned.Items, e => Assert.Equal((earnings, AstrologerShare), (e.AccountId, e.Amount)));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = wallet, Take = 201 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "" }));
    }

    [SkippableFact]
    public async Task Verifying_balances_finds_nothing_in_a_consistent_ledger_and_reports_a_tampered_balance()
    {
        var wallet = LedgerAccounts.Wallet("user-" + Unique());
        var earnings = LedgerAccounts.Earnings("astro-" + Unique());
        await PostAsync(Topup(wallet, 700));
        await PostAsync(Minute("c-" + Unique(), 1, wallet, earnings));

        Assert.Empty(await Ledger.VerifyBalancesAsync());

        await TamperWithStoredBalanceAsync(wallet, 5_600);
        try
        {
            Assert.Equal([new BalanceDiscrepancy(wallet, 5_600, 600)], await Ledger.VerifyBalancesAsync());
            Assert.Equal(5_600, (await Ledger.GetBalanceAsync(wallet)).Balance);
        }
        finally
        {
            await TamperWithStoredBalanceAsync(wallet, 600);
        }

        Assert.Empty(await Ledger.VerifyBalancesAsync());
    }

    // ---- ledger helpers ----

    // Posting holds its entries in a list, which records compare by reference.
    private static void AssertSamePosting(Posting expected, Posting? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Entries = Array.Empty<LedgerEntry>() }, actual with { Entries = Array.Empty<LedgerEntry>() });
        Assert.Equal(expected.Entries, actual.Entries);
    }

    private static NewPosting Topup(string wallet, long amount) => new()
    {
        IdempotencyKey = "stripe:cs_test_" + Unique(),
        Reference = "topup-1",
        Actor = "system",
        Entries = [new(wallet, amount, LedgerEntryKind.Topup), new(LedgerAccounts.PaymentClearing, -amount, LedgerEntryKind.Topup)],
    };

    private static NewPosting Minute(string consultation, int minute, string wallet, string earnings) => new()
    {
        IdempotencyKey = $"consult:{consultation}:{minute}",
        Reference = consultation,
        Actor = "system",
        Entries =
        [
            new(wallet, -MinutePrice, LedgerEntryKind.Consultation),
            new(earnings, AstrologerShare, LedgerEntryKind.Earning),
            new(LedgerAccounts.PlatformCommission, CommissionShare, LedgerEntryKind.Commission),
        ],
    };

    private async Task<Posting> PostAsync(NewPosting posting)
    {
        var result = await Ledger.PostAsync(posting);
        Assert.Equal(PostingOutcome.Posted, result.Outcome);
        return result.Posting!;
    }

    private async Task<List<LedgerEntry>> AllEntriesAsync(string accountId)
    {
        var all = new List<LedgerEntry>();
        Page<LedgerEntry> page;
        do
        {
            page = await Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = accountId, Skip = all.Count, Take = Paging.MaxTake });
            all.AddRange(page.Items);
        }
        while (page.HasMore);
        return all;
    }
}
