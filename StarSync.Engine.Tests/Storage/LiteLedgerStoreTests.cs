using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Engine.Wallet;

namespace StarSync.Engine.Tests.Storage;

/// <summary>
/// What the LiteDB ledger keeps in memory (the posting lock, committed balances, the next entry id) belongs to the
/// database, not to one store object, and is rebuilt from the file after a restart.
/// </summary>
public sealed class LiteLedgerStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starsync-ledger-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Two_ledger_stores_over_one_database_share_one_lock_and_one_view_of_the_balances()
    {
        using var store = new LiteStore(_folder);
        var first = LiteStorage.Open(store, TimeProvider.System).Ledger;
        var second = LiteStorage.Open(store, TimeProvider.System).Ledger;
        Assert.Equal(PostingOutcome.Posted, (await first.PostAsync(Topup("wallet:u1", 5_000))).Outcome);

        var results = Concurrently.Run(200, i => (i % 2 == 0 ? first : second).PostAsync(Minute("wallet:u1", i)));

        Assert.Equal(50, results.Count(r => r.Outcome == PostingOutcome.Posted));
        Assert.Equal(150, results.Count(r => r.Outcome == PostingOutcome.InsufficientFunds));
        Assert.Equal(0, (await second.GetBalanceAsync("wallet:u1")).Balance);
        Assert.Equal(50 * 70, (await first.GetBalanceAsync("earnings:a1")).Balance);
        Assert.Empty(await first.VerifyBalancesAsync());
    }

    [Fact]
    public async Task After_a_restart_balances_and_entry_ids_carry_on_from_the_file()
    {
        long lastId;
        using (var store = new LiteStore(_folder))
        {
            var ledger = LiteStorage.Open(store, TimeProvider.System).Ledger;
            await ledger.PostAsync(Topup("wallet:u1", 1_000));
            lastId = long.Parse((await ledger.PostAsync(Minute("wallet:u1", 1))).Posting!.Entries[^1].Id, System.Globalization.CultureInfo.InvariantCulture);
        }

        using (var store = new LiteStore(_folder))
        {
            var ledger = LiteStorage.Open(store, TimeProvider.System).Ledger;
            var next = await ledger.PostAsync(Minute("wallet:u1", 2));
            var repeated = await ledger.PostAsync(Minute("wallet:u1", 1));

            Assert.Equal(PostingOutcome.Posted, next.Outcome);
            Assert.Equal(PostingOutcome.Repeated, repeated.Outcome);
            Assert.Equal([lastId + 1, lastId + 2, lastId + 3], next.Posting!.Entries.Select(e => long.Parse(e.Id, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal([800L, 140L], next.Posting.Entries.Take(2).Select(e => e.BalanceAfter));
            Assert.Equal(800, (await ledger.GetBalanceAsync("wallet:u1")).Balance);
            Assert.Empty(await ledger.VerifyBalancesAsync());
        }
    }

    [Fact]
    public async Task Account_ids_differing_only_in_case_are_refused_in_one_posting_because_the_file_holds_them_as_one()
    {
        using var store = new LiteStore(_folder);
        var ledger = LiteStorage.Open(store, TimeProvider.System).Ledger;
        var posting = new NewPosting
        {
            IdempotencyKey = "admin:a1:case",
            Reference = "correction",
            Actor = "a1",
            Entries = [new("earnings:A1", 100, LedgerEntryKind.Adjustment), new("earnings:a1", -100, LedgerEntryKind.Adjustment)],
        };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => ledger.PostAsync(posting));

        Assert.Contains("differing only in case", refused.Message);
        Assert.Null(await ledger.FindPostingAsync("admin:a1:case"));
        Assert.Equal(0, (await ledger.GetBalanceAsync("earnings:a1")).Balance);
    }

    [Fact]
    public async Task Postings_queued_behind_the_gate_are_written_together_and_each_keeps_its_own_outcome()
    {
        using var store = new LiteStore(_folder);
        var ledger = LiteStorage.Open(store, TimeProvider.System).Ledger;
        await ledger.PostAsync(Topup("wallet:u1", 250));
        await ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = "usd:opening",
            Reference = "opening",
            Actor = "system",
            Currency = "USD",
            Entries = [new("wallet:usd", 500, LedgerEntryKind.Adjustment), new("clearing:usd", -500, LedgerEntryKind.Adjustment)],
        });

        // Hold the gate while 12 writers queue, so the next holder finds all 12 and writes them as one batch: three
        // minutes of which the wallet pays two, the same key three times, a posting in the wrong currency, and five
        // top-ups of other wallets.
        var postings = new Func<int, NewPosting>[]
        {
            i => Minute("wallet:u1", 1), i => Minute("wallet:u1", 2), i => Minute("wallet:u1", 3),
            i => Minute("wallet:u2", 7), i => Minute("wallet:u2", 7), i => Minute("wallet:u2", 7),
            i => Topup("wallet:usd", 100),
            i => Topup($"wallet:t{i}", 100 * i), i => Topup($"wallet:t{i}", 100 * i), i => Topup($"wallet:t{i}", 100 * i),
            i => Topup($"wallet:t{i}", 100 * i), i => Topup($"wallet:t{i}", 100 * i),
        };
        await ledger.PostAsync(Topup("wallet:u2", 100));
        var outcomes = new Task<PostingResult>[postings.Length];
        lock (store.LedgerState.Gate)
        {
            for (var i = 0; i < postings.Length; i++)
            {
                var posting = postings[i](i);
                var outcome = new TaskCompletionSource<PostingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                new Thread(() =>
                {
                    try
                    {
                        outcome.SetResult(ledger.PostAsync(posting).GetAwaiter().GetResult());
                    }
                    catch (Exception e)
                    {
                        outcome.SetException(e);
                    }
                }).Start();
                outcomes[i] = outcome.Task;
            }

            SpinWait.SpinUntil(() => store.LedgerState.QueuedCount == postings.Length, TimeSpan.FromSeconds(10));
            Assert.Equal(postings.Length, store.LedgerState.QueuedCount);
        }

        var minutes = await Task.WhenAll(outcomes[..3]);
        Assert.Equal(2, minutes.Count(r => r.Outcome == PostingOutcome.Posted));
        Assert.Equal(1, minutes.Count(r => r.Outcome == PostingOutcome.InsufficientFunds && r.ShortAccountId == "wallet:u1"));
        Assert.Equal(50, (await ledger.GetBalanceAsync("wallet:u1")).Balance);

        var sameKey = await Task.WhenAll(outcomes[3..6]);
        Assert.Single(sameKey, r => r.Outcome == PostingOutcome.Posted);
        Assert.Equal(2, sameKey.Count(r => r.Outcome == PostingOutcome.Repeated));
        Assert.Single(sameKey.Select(r => r.Posting!.Id).Distinct());
        Assert.Equal(0, (await ledger.GetBalanceAsync("wallet:u2")).Balance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => outcomes[6]);
        Assert.Equal(500, (await ledger.GetBalanceAsync("wallet:usd")).Balance);

        for (var i = 7; i < postings.Length; i++)
        {
            Assert.Equal(PostingOutcome.Posted, (await outcomes[i]).Outcome);
            Assert.Equal(100 * i, (await ledger.GetBalanceAsync($"wallet:t{i}")).Balance);
        }

        // Entry ids carry on without gaps across the batch, every balance agrees with its entries, and the clearing
        // account took each batch top-up in turn.
        var written = minutes.Concat(sameKey).Concat(await Task.WhenAll(outcomes[7..]))
            .Where(r => r.Outcome == PostingOutcome.Posted).SelectMany(r => r.Posting!.Entries)
            .Select(e => long.Parse(e.Id, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(written.Count, written.Distinct().Count());
        Assert.Equal(written[^1] - written[0] + 1, written.Count);
        Assert.Empty(await ledger.VerifyBalancesAsync());
    }

    [Fact]
    public async Task A_batch_written_together_is_read_back_whole_after_a_restart()
    {
        using (var store = new LiteStore(_folder))
        {
            var ledger = LiteStorage.Open(store, TimeProvider.System).Ledger;
            await ledger.PostAsync(Topup("wallet:u1", 10_000));
            var results = Concurrently.Run(64, i => ledger.PostAsync(Minute("wallet:u1", i + 1)));
            Assert.All(results, r => Assert.Equal(PostingOutcome.Posted, r.Outcome));
        }

        using (var store = new LiteStore(_folder))
        {
            var ledger = LiteStorage.Open(store, TimeProvider.System).Ledger;
            Assert.Equal(10_000 - (64 * 100), (await ledger.GetBalanceAsync("wallet:u1")).Balance);
            Assert.Equal(64 * 70, (await ledger.GetBalanceAsync("earnings:a1")).Balance);
            Assert.Equal(PostingOutcome.Repeated, (await ledger.PostAsync(Minute("wallet:u1", 64))).Outcome);
            Assert.Empty(await ledger.VerifyBalancesAsync());
        }
    }

    [Fact]
    public async Task A_batch_holding_keys_already_stored_answers_them_as_repeated_and_writes_the_rest()
    {
        using var store = new LiteStore(_folder);
        var ledger = LiteStorage.Open(store, TimeProvider.System).Ledger;
        await ledger.PostAsync(Topup("wallet:u1", 200));
        var first = await ledger.PostAsync(Minute("wallet:u1", 1));
        var second = await ledger.PostAsync(Minute("wallet:u1", 2));
        Assert.Equal(0, (await ledger.GetBalanceAsync("wallet:u1")).Balance);

        // Queued behind the held gate, so they are decided as one batch: a stored key the wallet could still pay for
        // after a new top-up (caught by the unique index at insert, and the batch decided again), a stored key the wallet
        // could not pay for now (never inserted, so looked up), and a new minute the new top-up covers.
        var postings = new[] { Topup("wallet:u1", 100), Minute("wallet:u1", 1), Minute("wallet:u1", 2), Minute("wallet:u1", 3) };
        var outcomes = new Task<PostingResult>[postings.Length];
        lock (store.LedgerState.Gate)
        {
            for (var i = 0; i < postings.Length; i++)
            {
                var posting = postings[i];
                var outcome = new TaskCompletionSource<PostingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                new Thread(() =>
                {
                    try
                    {
                        outcome.SetResult(ledger.PostAsync(posting).GetAwaiter().GetResult());
                    }
                    catch (Exception e)
                    {
                        outcome.SetException(e);
                    }
                }).Start();
                outcomes[i] = outcome.Task;
                // One at a time, so the queue holds them in this order.
                SpinWait.SpinUntil(() => store.LedgerState.QueuedCount == i + 1, TimeSpan.FromSeconds(10));
            }

            Assert.Equal(postings.Length, store.LedgerState.QueuedCount);
        }

        var results = await Task.WhenAll(outcomes);
        Assert.Equal(PostingOutcome.Posted, results[0].Outcome);
        Assert.Equal(PostingOutcome.Repeated, results[1].Outcome);
        Assert.Equal(first.Posting!.Id, results[1].Posting!.Id);
        Assert.Equal(PostingOutcome.Repeated, results[2].Outcome);
        Assert.Equal(second.Posting!.Id, results[2].Posting!.Id);
        Assert.Equal(PostingOutcome.Posted, results[3].Outcome);
        Assert.Equal(0, (await ledger.GetBalanceAsync("wallet:u1")).Balance);
        Assert.Equal(3 * 70, (await ledger.GetBalanceAsync("earnings:a1")).Balance);
        Assert.Empty(await ledger.VerifyBalancesAsync());
    }

    [Fact]
    public async Task A_file_written_before_entries_were_chained_is_chained_on_open_and_reads_and_posts_as_before()
    {
        Page<LedgerEntry> walletPage, earningsPage, refunds;
        using (var store = new LiteStore(_folder))
        {
            var ledger = LiteStorage.Open(store, TimeProvider.System).Ledger;
            await ledger.PostAsync(Topup("wallet:u1", 1_000));
            await ledger.PostAsync(Topup("wallet:u2", 500));
            for (var minute = 1; minute <= 6; minute++)
            {
                await ledger.PostAsync(Minute(minute % 2 == 0 ? "wallet:u1" : "wallet:u2", minute));
            }

            await ledger.PostAsync(new NewPosting
            {
                IdempotencyKey = "refund:c1:6",
                Reference = "c1",
                Actor = "system",
                Entries = [new("wallet:u1", 100, LedgerEntryKind.Refund), new("earnings:a1", -100, LedgerEntryKind.Refund)],
            });
            walletPage = await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "wallet:u1", Take = 10 });
            earningsPage = await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "earnings:a1", Skip = 2, Take = 3 });
            refunds = await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "earnings:a1", Kind = LedgerEntryKind.Refund });

            // Back to the format the ledger wrote before: no chain on entries or balances, an index on AccountId instead.
            var entries = store.Database.GetCollection(LiteCollections.LedgerEntries);
            var all = entries.FindAll().ToList();
            Assert.Contains(all, e => e.ContainsKey("PreviousId"));
            all.ForEach(e => e.Remove("PreviousId"));
            entries.Update(all);
            var balances = store.Database.GetCollection(LiteCollections.LedgerBalances);
            var stored = balances.FindAll().ToList();
            stored.ForEach(b => { b.Remove("LastEntryId"); b.Remove("EntryCount"); });
            balances.Update(stored);
            entries.EnsureIndex("AccountId", "$.AccountId");
        }

        using (var store = new LiteStore(_folder))
        {
            var ledger = LiteStorage.Open(store, TimeProvider.System).Ledger;

            Assert.DoesNotContain(store.Database.GetCollection("$indexes").FindAll(), i => i["collection"].AsString == LiteCollections.LedgerEntries && i["name"].AsString == "AccountId");
            Assert.Equal(walletPage, await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "wallet:u1", Take = 10 }), PageComparer);
            Assert.Equal(earningsPage, await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "earnings:a1", Skip = 2, Take = 3 }), PageComparer);
            Assert.Equal(refunds, await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "earnings:a1", Kind = LedgerEntryKind.Refund }), PageComparer);
            Assert.Equal((5L, 7L), (walletPage.Total, earningsPage.Total));
            Assert.Empty(await ledger.VerifyBalancesAsync());

            // New postings carry the chain on from the old entries.
            var next = await ledger.PostAsync(Minute("wallet:u1", 7));
            var page = await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "wallet:u1", Take = 10 });
            Assert.Equal(PostingOutcome.Posted, next.Outcome);
            Assert.Equal(6, page.Total);
            Assert.Equal(walletPage.Items.Prepend(next.Posting!.Entries[0]), page.Items);
            Assert.Equal(8, (await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "earnings:a1" })).Total);
            Assert.Equal(PostingOutcome.Repeated, (await ledger.PostAsync(Minute("wallet:u2", 5))).Outcome);
            Assert.Equal(1_000 - 300 + 100 - 100, (await ledger.GetBalanceAsync("wallet:u1")).Balance);
            Assert.Empty(await ledger.VerifyBalancesAsync());
        }
    }

    [Fact]
    public async Task Entry_pages_follow_each_account_s_chain_also_across_batches_written_together()
    {
        using var store = new LiteStore(_folder);
        var ledger = LiteStorage.Open(store, TimeProvider.System).Ledger;
        await ledger.PostAsync(Topup("wallet:u1", 100_000));
        var results = Concurrently.Run(40, i => ledger.PostAsync(Minute("wallet:u1", i + 1)));
        Assert.All(results, r => Assert.Equal(PostingOutcome.Posted, r.Outcome));

        // Newest first is descending entry id, whichever batch wrote an entry; the pages join up without gap or overlap.
        var written = results.Select(r => r.Posting!.Entries[1]).OrderByDescending(e => long.Parse(e.Id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var pages = new List<LedgerEntry>();
        for (var skip = 0; skip < 40; skip += 7)
        {
            var page = await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "earnings:a1", Skip = skip, Take = 7 });
            Assert.Equal(40, page.Total);
            pages.AddRange(page.Items);
        }

        Assert.Equal(written, pages);
        Assert.Empty((await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "earnings:a1", Skip = 40, Take = 7 })).Items);
        Assert.Equal(0, (await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = "earnings:nobody" })).Total);
    }

    // Pages as records compare their item lists by reference; these compare what they hold.
    private static readonly IEqualityComparer<Page<LedgerEntry>> PageComparer = EqualityComparer<Page<LedgerEntry>>.Create(
        (a, b) => a is not null && b is not null && a.Items.SequenceEqual(b.Items) && (a.Total, a.Skip, a.Take) == (b.Total, b.Skip, b.Take),
        p => p.Items.Count);

    private static NewPosting Topup(string wallet, long amount) => new()
    {
        IdempotencyKey = "stripe:cs_" + Guid.NewGuid().ToString("N"),
        Reference = "topup",
        Actor = "system",
        Entries = [new(wallet, amount, LedgerEntryKind.Topup), new(LedgerAccounts.PaymentClearing, -amount, LedgerEntryKind.Topup)],
    };

    private static NewPosting Minute(string wallet, int minute) => new()
    {
        IdempotencyKey = $"consult:c1:{minute}",
        Reference = "c1",
        Actor = "system",
        Entries =
        [
            new(wallet, -100, LedgerEntryKind.Consultation),
            new("earnings:a1", 70, LedgerEntryKind.Earning),
            new(LedgerAccounts.PlatformCommission, 30, LedgerEntryKind.Commission),
        ],
    };
}
