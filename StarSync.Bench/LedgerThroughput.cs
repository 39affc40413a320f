using System.Diagnostics;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Engine.Wallet;

namespace StarSync.Bench;

/// <summary>
/// Load driver: sustained ledger postings per second on the embedded LiteDB store with concurrent writers, each posting
/// consultation minutes (wallet −100, astrologer earnings +70, platform commission +30) under unique keys, every one
/// its own atomic posting; and the latency of one posting, alone and under that load. Ends with the consistency
/// check over everything written, which must find nothing.
/// </summary>
public static class LedgerThroughput
{
    private const int Wallets = 256;
    private const int Astrologers = 32;

    public static async Task RunAsync(int writers = 8, double seconds = 5)
    {
        var folder = Path.Combine(Path.GetTempPath(), "starsync-ledger-bench-" + Guid.NewGuid().ToString("N"));
        using (var store = new LiteStore(folder))
        {
            var ledger = LiteStorage.Open(store, TimeProvider.System).Ledger;
            for (var w = 0; w < Wallets; w++)
            {
                await ledger.PostAsync(new NewPosting
                {
                    IdempotencyKey = $"stripe:bench-{w}",
                    Reference = "bench",
                    Actor = "bench",
                    Entries = [new(LedgerAccounts.Wallet($"u{w}"), 1_000_000_000, LedgerEntryKind.Topup), new(LedgerAccounts.PaymentClearing, -1_000_000_000, LedgerEntryKind.Topup)],
                });
            }

            _ = Run(ledger, "warm-up", writers, TimeSpan.FromSeconds(1));
            Report("1 writer", Run(ledger, "single", 1, TimeSpan.FromSeconds(seconds)));
            Report($"{writers} concurrent writer(s)", Run(ledger, "load", writers, TimeSpan.FromSeconds(seconds)));

            var started = Stopwatch.GetTimestamp();
            var discrepancies = await ledger.VerifyBalancesAsync();
            var entries = store.Database.GetCollection("ledgerEntries").LongCount();
            Console.WriteLine($"Consistency check over {entries:N0} entries: {discrepancies.Count} discrepancies, {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms; file {new FileInfo(store.FilePath).Length / 1024 / 1024} MiB");
        }

        Directory.Delete(folder, recursive: true);
    }

    private static Measurement Run(ILedgerStore ledger, string phase, int writers, TimeSpan duration)
    {
        var latencies = new List<double>[writers];
        var refused = 0;
        using var start = new Barrier(writers + 1);
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            var mine = latencies[w] = new List<double>(200_000);
            start.SignalAndWait();
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            for (var n = 0; ; n++)
            {
                var before = Stopwatch.GetTimestamp();
                if (before >= until)
                {
                    break;
                }

                var wallet = LedgerAccounts.Wallet($"u{((n * writers) + w) % Wallets}");
                var result = ledger.PostAsync(new NewPosting
                {
                    IdempotencyKey = $"consult:{phase}-{w}:{n}",
                    Reference = $"{phase}-{w}",
                    Actor = "system",
                    Entries =
                    [
                        new(wallet, -100, LedgerEntryKind.Consultation),
                        new(LedgerAccounts.Earnings($"a{n % Astrologers}"), 70, LedgerEntryKind.Earning),
                        new(LedgerAccounts.PlatformCommission, 30, LedgerEntryKind.Commission),
                    ],
                }).GetAwaiter().GetResult();
                mine.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
                if (result.Outcome != PostingOutcome.Posted)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        start.SignalAndWait();
        var began = Stopwatch.GetTimestamp();
        threads.ForEach(t => t.Join());
        var elapsed = Stopwatch.GetElapsedTime(began);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return refused == 0 ? new Measurement(all, elapsed, cpu) : throw new InvalidOperationException($"{refused} postings were not posted.");
    }

    private static void Report(string what, Measurement m)
    {
        double P(double p) => m.Latencies[Math.Min(m.Latencies.Count - 1, (int)Math.Ceiling(p * m.Latencies.Count) - 1)];
        Console.WriteLine(
            $"Ledger postings, {what}: {m.Latencies.Count / m.Elapsed.TotalSeconds:N0} postings/s ({m.Latencies.Count:N0} in {m.Elapsed.TotalSeconds:F1} s); " +
            $"latency p50={P(0.50):F3} ms, p95={P(0.95):F3} ms, p99={P(0.99):F3} ms, max={m.Latencies[^1]:F3} ms; " +
            $"CPU {m.Cpu.TotalMilliseconds * 1000 / m.Latencies.Count:F0} µs per posting (all threads of the process)");
    }

    // Cpu: the whole process's processor time over the phase; on a shared machine it says more than wall-clock rates.
    private sealed record Measurement(List<double> Latencies, TimeSpan Elapsed, TimeSpan Cpu);
}
