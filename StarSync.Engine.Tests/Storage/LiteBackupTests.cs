using System.Collections.Concurrent;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Engine.Wallet;

namespace StarSync.Engine.Tests.Storage;

/// <summary>A backup taken while the ledger is being written to, restored the documented way, holds whole postings.</summary>
public sealed class LiteBackupTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "starsync-backup-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_backup_taken_under_concurrent_postings_restores_with_every_ledger_entry_and_consistent_balances()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));
        var live = Path.Combine(_root, "live");
        var confirmedBeforeBackup = new List<string>();
        LiteBackupFile backup;
        using (var store = new LiteStore(live))
        {
            var ledger = LiteStorage.Open(store, clock).Ledger;
            for (var i = 0; i < 50; i++)
            {
                var key = $"topup:{i}";
                Assert.Equal(PostingOutcome.Posted, (await ledger.PostAsync(TopUp(key, $"user-{i % 5}", 50_000))).Outcome);
                confirmedBeforeBackup.Add(key);
            }

            // Four writers keep posting consultation minutes while the backup runs.
            var written = new ConcurrentBag<string>();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var key = $"consult:w{w}:{n}";
                    var result = await ledger.PostAsync(Minute(key, $"user-{(w + n) % 5}", 100));
                    if (result.Outcome == PostingOutcome.Posted)
                    {
                        written.Add(key);
                    }
                }
            })).ToArray();
            while (written.Count < 200)
            {
                await Task.Delay(5);
            }

            var before = written.ToArray();
            backup = new LiteBackup(store).Create(Path.Combine(_root, "backups"), clock.GetUtcNow());
            var floor = written.Count;
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            confirmedBeforeBackup.AddRange(before);
            Assert.True(written.Count > floor, "postings went on after the backup");
        }

        // Restore as documented: the backup file becomes starsync.db in an empty data folder.
        var restored = Path.Combine(_root, "restored");
        Directory.CreateDirectory(restored);
        File.Copy(backup.Path, Path.Combine(restored, LiteStore.FileName));
        using var restoredStore = new LiteStore(restored);
        var restoredLedger = LiteStorage.Open(restoredStore, clock).Ledger;

        foreach (var key in confirmedBeforeBackup)
        {
            var posting = await restoredLedger.FindPostingAsync(key);
            Assert.NotNull(posting);
            Assert.Equal(0, posting.Entries.Sum(e => e.Amount));
            Assert.True(posting.Entries.Count >= 2, key);
        }

        Assert.Empty(await restoredLedger.VerifyBalancesAsync());
        // Every posting in the copy is whole: the entries in the copy number exactly what its postings say.
        Assert.Equal(backup.Documents["ledgerEntries"], Entries(backup.Documents["ledgerPostings"], confirmedBeforeBackup.Count, restoredStore));
        // The restored database is live: it takes new postings.
        Assert.Equal(PostingOutcome.Posted, (await restoredLedger.PostAsync(TopUp("after-restore", "user-1", 100))).Outcome);
        Assert.Equal([backup.Path], LiteBackup.List(Path.Combine(_root, "backups")).Select(f => f.FullName));
    }

    [Fact]
    public void Backups_are_listed_newest_first_and_each_is_a_readable_database()
    {
        using var store = new LiteStore(Path.Combine(_root, "live2"));
        _ = LiteStorage.Open(store, TimeProvider.System);
        var folder = Path.Combine(_root, "backups2");
        var first = new LiteBackup(store).Create(folder, new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
        var second = new LiteBackup(store).Create(folder, new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));

        Assert.Equal([second.Path, first.Path], LiteBackup.List(folder).Select(f => f.FullName));
        Assert.EndsWith("starsync-20261125T020000000Z.db", second.Path, StringComparison.Ordinal);
        Assert.Contains("accounts", second.Documents.Keys);
        Assert.Empty(Directory.GetFiles(folder, "*.part"));
    }

    // Counts entries through the postings in the restored store: all postings' entries, each read back whole.
    private static long Entries(long postings, int confirmed, LiteStore store)
    {
        Assert.True(postings >= confirmed);
        var collection = store.Database.GetCollection("ledgerPostings");
        long entries = 0;
        foreach (var posting in collection.FindAll())
        {
            entries += store.Database.GetCollection("ledgerEntries").Count(LiteDB.Query.EQ("PostingId", posting["_id"]));
        }

        return entries;
    }

    private static NewPosting TopUp(string key, string user, long amount) => new()
    {
        IdempotencyKey = key,
        Reference = key,
        Actor = "system",
        Entries = [new(LedgerAccounts.Wallet(user), amount, LedgerEntryKind.Topup), new(LedgerAccounts.PaymentClearing, -amount, LedgerEntryKind.Topup)],
    };

    private static NewPosting Minute(string key, string user, long amount) => new()
    {
        IdempotencyKey = key,
        Reference = key,
        Actor = "system",
        Entries =
        [
            new(LedgerAccounts.Wallet(user), -amount, LedgerEntryKind.Consultation),
            new(LedgerAccounts.Earnings("astro-1"), amount * 7 / 10, LedgerEntryKind.Earning),
            new(LedgerAccounts.PlatformCommission, amount - (amount * 7 / 10), LedgerEntryKind.Commission),
        ],
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
