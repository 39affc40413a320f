using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Engine.Wallet;
using StarSync.Web.Tests.Infrastructure;
using StarSync.Web.Wallet;

namespace StarSync.Web.Tests.Wallet;

public sealed class LedgerConsistencyCheckTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starsync-ledger-check-" + Guid.NewGuid().ToString("N"));
    private readonly SteppingClock _clock = new(Now, TimeSpan.FromMilliseconds(250));
    private readonly LiteStore _store;
    private readonly StoragePorts _ports;
    private readonly LedgerConsistency _consistency = new();
    private readonly CapturingLogger _log = new();
    private readonly LedgerConsistencyCheck _check;

    public LedgerConsistencyCheckTests()
    {
        _store = new LiteStore(_folder);
        _ports = LiteStorage.Open(_store, _clock);
        _check = new LedgerConsistencyCheck(_ports.Ledger, _ports.AuditLog, _consistency, Options.Create(new LedgerCheckOptions()), _clock, _log);
    }

    public void Dispose()
    {
        _check.Dispose();
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_consistent_ledger_is_recorded_as_consistent_with_when_and_how_long()
    {
        await TopupAsync("wallet:u1", 500);
        Assert.Null(_consistency.Last);

        var result = await _check.RunOnceAsync();

        Assert.Same(result, _consistency.Last);
        Assert.Equal(Now, result.RanAt);
        Assert.Equal(TimeSpan.FromMilliseconds(250), result.Duration);
        Assert.Empty(result.Discrepancies);
        Assert.True(result.Consistent);
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(0, (await _ports.AuditLog.QueryAsync(new AuditQuery { Kind = LedgerConsistencyCheck.AuditKind })).Total);
    }

    [Fact]
    public async Task A_tampered_balance_is_recorded_logged_as_a_warning_and_audited()
    {
        await TopupAsync("wallet:u1", 500);
        await TopupAsync("wallet:u2", 300);
        var balances = _store.Database.GetCollection("ledgerBalances");
        var tampered = balances.FindById("wallet:u2");
        tampered["Balance"] = 9_999L;
        Assert.True(balances.Update(tampered));

        var result = await _check.RunOnceAsync();

        Assert.False(result.Consistent);
        Assert.Equal([new BalanceDiscrepancy("wallet:u2", 9_999, 300)], result.Discrepancies);
        Assert.Same(result, _consistency.Last);
        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("Ledger inconsistent: 1 stored balance(s) differ from the sum of their entries: wallet:u2 stored 9999, entries 300", warning.Message);
        var audit = Assert.Single((await _ports.AuditLog.QueryAsync(new AuditQuery { Kind = LedgerConsistencyCheck.AuditKind })).Items);
        Assert.Equal(("system", "1 account(s): wallet:u2 stored 9999, entries 300", Now), (audit.Actor, audit.Detail, audit.At));
    }

    [Fact]
    public async Task The_app_runs_the_check_after_start_and_again_every_interval()
    {
        using var factory = new StarSyncAppFactory();
        factory.Settings["LedgerCheck:FirstRunDelay"] = "00:00:00";
        factory.Settings["LedgerCheck:Interval"] = "00:00:00.300";
        var consistency = factory.Services.GetRequiredService<LedgerConsistency>();

        var first = await WaitForAsync(() => consistency.Last);
        var second = await WaitForAsync(() => consistency.Last is { } last && last.RanAt > first.RanAt ? last : null);
        var third = await WaitForAsync(() => consistency.Last is { } last && last.RanAt > second.RanAt ? last : null);

        Assert.All([first, second, third], run => Assert.True(run.Consistent));
        // The timer ticks every 300 ms from just before the first run; a tick missed on a busy machine fires at once
        // (so two runs can be close together), but the third run cannot come before the second tick.
        Assert.InRange(third.RanAt - first.RanAt, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(20));
        Assert.Same(factory.Services.GetRequiredService<LedgerConsistencyCheck>(), factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<LedgerConsistencyCheck>().Single());
    }

    private async Task TopupAsync(string wallet, long amount)
    {
        var result = await _ports.Ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = "stripe:cs_" + Guid.NewGuid().ToString("N"),
            Reference = "topup",
            Actor = "system",
            Entries = [new(wallet, amount, LedgerEntryKind.Topup), new(LedgerAccounts.PaymentClearing, -amount, LedgerEntryKind.Topup)],
        });
        Assert.Equal(PostingOutcome.Posted, result.Outcome);
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The ledger check did not report in time.");
    }

    // Stands still, except that each timestamp read moves on by one step: every run takes exactly one step.
    private sealed class SteppingClock(DateTimeOffset now, TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override DateTimeOffset GetUtcNow() => now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }

    private sealed class CapturingLogger : ILogger<LedgerConsistencyCheck>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
