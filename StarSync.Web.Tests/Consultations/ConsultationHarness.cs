using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Consultations;
using StarSync.Engine.Platform;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Engine.Wallet;
using StarSync.Web.Consultations;

namespace StarSync.Web.Tests.Consultations;

/// <summary>A clock that moves only when a test moves it.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);

    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _utcTicks, at.UtcTicks);
}

/// <summary>
/// One "server" over a real LiteDB file: the consultation service, meter, presence and billing loop. A second node
/// (or the same node after a restart) is another <see cref="Node"/> over the same <see cref="StoragePorts"/>.
/// </summary>
public sealed class ConsultationNode
{
    public ConsultationNode(StoragePorts ports, TimeProvider clock, BillingOptions options)
    {
        var billing = Options.Create(options);
        Events = new ConsultationEvents(NullLogger<ConsultationEvents>.Instance);
        Presence = new ConsultationPresence(ports.Consultations, Events);
        Audit = new ConsultationAudit(ports.AuditLog, NullLogger<ConsultationAudit>.Instance);
        Meter = new ConsultationMeter(ports.Consultations, ports.Ledger, Events, Audit, billing, NullLogger<ConsultationMeter>.Instance);
        Service = new ConsultationService(ports.Consultations, ports.Ledger, ports.AstrologerProfiles, ports.PlatformSettings, Meter, Presence, Events, Audit, billing, clock, NullLogger<ConsultationService>.Instance);
        Billing = new ConsultationBilling(ports.Consultations, ports.Ledger, Meter, Presence, Events, Audit, billing, clock, NullLogger<ConsultationBilling>.Instance);
    }

    public ConsultationEvents Events { get; }

    public ConsultationAudit Audit { get; }

    public ConsultationPresence Presence { get; }

    public ConsultationMeter Meter { get; }

    public ConsultationService Service { get; }

    public ConsultationBilling Billing { get; }
}

/// <summary>A LiteDB file, a manual clock at <see cref="T0"/>, and one node; deleted on dispose.</summary>
public sealed class ConsultationHarness : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starsync-consult-" + Guid.NewGuid().ToString("N"));
    private readonly LiteStore _store;

    /// <param name="options">Billing options (defaults otherwise).</param>
    /// <param name="realTime">Run stores and nodes on the system clock (for the running loop), not on <see cref="Clock"/>.</param>
    public ConsultationHarness(BillingOptions? options = null, bool realTime = false)
    {
        _store = new LiteStore(_folder);
        Time = realTime ? TimeProvider.System : Clock;
        Ports = LiteStorage.Open(_store, Time);
        Options = options ?? new BillingOptions();
        Node = NewNode();
    }

    /// <summary>The clock the stores and nodes run on: <see cref="Clock"/>, or the system clock.</summary>
    public TimeProvider Time { get; }

    public ManualClock Clock { get; } = new(T0);

    public StoragePorts Ports { get; }

    public BillingOptions Options { get; }

    public ConsultationNode Node { get; private set; }

    public ConsultationService Service => Node.Service;

    public ConsultationNode NewNode() => new(Ports, Time, Options);

    /// <summary>Forgets the running node (a crash) and starts a fresh one over the same database.</summary>
    public ConsultationNode Restart() => Node = NewNode();

    public async Task<string> AstrologerAsync(long rate = 1_000)
    {
        var id = "astro-" + Guid.NewGuid().ToString("N")[..8];
        await Ports.AstrologerProfiles.CreateAsync(id, new AstrologerDetails
        {
            DisplayName = "Pandit " + id,
            Languages = ["Hindi"],
            Expertise = ["Vedic"],
            MinRatePerMinute = 1,
            MaxRatePerMinute = 100_000,
            RatePerMinute = rate,
        });
        return id;
    }

    public async Task<string> UserAsync(long walletBalance)
    {
        var id = "user-" + Guid.NewGuid().ToString("N")[..8];
        if (walletBalance > 0)
        {
            var posted = await Ports.Ledger.PostAsync(new NewPosting
            {
                IdempotencyKey = "test-topup:" + id,
                Reference = "topup-" + id,
                Actor = "test",
                Entries = [new NewLedgerEntry(LedgerAccounts.Wallet(id), walletBalance, LedgerEntryKind.Topup), new NewLedgerEntry(LedgerAccounts.PaymentClearing, -walletBalance, LedgerEntryKind.Topup)],
            });
            Assert.Equal(PostingOutcome.Posted, posted.Outcome);
        }

        return id;
    }

    public Task SaveSettingsAsync(PlatformSettings settings) => Ports.PlatformSettings.SaveAsync(settings, "admin-1");

    /// <summary>Requests and accepts at the clock's time; minute 1 is billed by the accept.</summary>
    public async Task<Consultation> StartAsync(string userId, string astrologerId)
    {
        var requested = await Service.RequestAsync(userId, astrologerId);
        Assert.Equal(ConsultationOutcome.Done, requested.Outcome);
        var accepted = await Service.AcceptAsync(astrologerId, requested.Consultation!.Id);
        Assert.Equal(ConsultationOutcome.Done, accepted.Outcome);
        return accepted.Consultation!;
    }

    /// <summary>Runs the billing loop every <paramref name="step"/> up to and including <paramref name="until"/> (from T0).</summary>
    public async Task TickUntilAsync(TimeSpan until, TimeSpan? step = null, ConsultationNode? node = null)
    {
        var every = step ?? TimeSpan.FromSeconds(1);
        while (Clock.GetUtcNow() + every <= T0 + until)
        {
            Clock.Advance(every);
            await (node ?? Node).Billing.TickAsync();
        }

        if (Clock.GetUtcNow() < T0 + until)
        {
            Clock.Set(T0 + until);
            await (node ?? Node).Billing.TickAsync();
        }
    }

    public async Task<long> BalanceAsync(string ledgerAccount) => (await Ports.Ledger.GetBalanceAsync(ledgerAccount)).Balance;

    public async Task<Consultation> GetAsync(string id) => (await Ports.Consultations.GetAsync(id))!;

    /// <summary>Wallet, earnings, commission and promotions balances, and the ledger proven consistent.</summary>
    public async Task AssertMoneyAsync(string userId, string astrologerId, long wallet, long earnings, long commission, long promotions = 0)
    {
        Assert.Equal(wallet, await BalanceAsync(LedgerAccounts.Wallet(userId)));
        Assert.Equal(earnings, await BalanceAsync(LedgerAccounts.Earnings(astrologerId)));
        Assert.Equal(commission, await BalanceAsync(LedgerAccounts.PlatformCommission));
        Assert.Equal(promotions, await BalanceAsync(LedgerAccounts.PlatformPromotions));
        Assert.Empty(await Ports.Ledger.VerifyBalancesAsync());
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
