using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Auth;
using StarSync.Web.Components.Layout;
using StarSync.Web.Wallet;

namespace StarSync.Web.Tests.Components.Layout;

/// <summary>The app bar's balance: news from the feed, the 30 s backstop, and letting go when disposed.</summary>
public sealed class WalletBalanceChipTests : MudComponentTest
{
    private const string AccountId = "acc-1";
    private readonly BalanceLedger _ledger = new();
    private readonly WalletBalanceFeed _feed = new(NullLogger<WalletBalanceFeed>.Instance);
    private readonly RecordingClock _clock = new();

    public WalletBalanceChipTests()
    {
        Services.AddSingleton<ILedgerStore>(_ledger);
        Services.AddSingleton(_feed);
        Services.AddSingleton<TimeProvider>(_clock);
    }

    private void SignIn(string role = "User")
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("Meera Iyer");
        authorization.SetRoles(role);
        authorization.SetClaims(new Claim(StarSyncClaims.AccountId, AccountId));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void A_posting_on_the_feed_updates_the_balance_in_place()
    {
        SignIn();
        _ledger.Balance = 12_000;
        var chip = Render<WalletBalanceChip>();
        Assert.Equal("₹120", chip.Find("[data-testid='appbar-balance']").TextContent.Trim());

        _ledger.Balance = 62_000;
        _feed.Publish([LedgerAccounts.Wallet(AccountId)]);

        chip.WaitForAssertion(() => Assert.Equal("₹620", chip.Find("[data-testid='appbar-balance']").TextContent.Trim()));
        Assert.Equal("wallet", chip.Find("a").GetAttribute("href"));
        Assert.Equal("Wallet balance ₹620", chip.Find("a").GetAttribute("aria-label"));
    }

    [Fact]
    public void Without_news_the_backstop_timer_rereads_every_30_seconds()
    {
        SignIn();
        var chip = Render<WalletBalanceChip>();
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)), (_clock.DueTime, _clock.Period));

        _ledger.Balance = 100_000;
        _clock.Fire();

        chip.WaitForAssertion(() => Assert.Equal("₹1,000", chip.Find("[data-testid='appbar-balance']").TextContent.Trim()));
    }

    [Fact]
    public async Task Leaving_the_page_drops_the_subscription_and_the_timer()
    {
        SignIn();
        Render<WalletBalanceChip>();
        Assert.Equal(1, _feed.SubscriberCount(LedgerAccounts.Wallet(AccountId)));

        await DisposeComponentsAsync();

        Assert.Equal(0, _feed.SubscriberCount(LedgerAccounts.Wallet(AccountId)));
        Assert.True(_clock.TimerDisposed);
    }

    [Fact]
    public void Astrologers_and_visitors_see_no_wallet_balance()
    {
        SignIn("Astrologer");
        var chip = Render<WalletBalanceChip>();

        Assert.Empty(chip.FindAll("[data-testid='appbar-balance']"));
        Assert.Equal(0, _feed.SubscriberCount(LedgerAccounts.Wallet(AccountId)));
    }

    private sealed class BalanceLedger : ILedgerStore
    {
        public long Balance { get; set; }

        public Task<LedgerBalance> GetBalanceAsync(string accountId, CancellationToken cancellationToken = default) =>
            Task.FromResult(new LedgerBalance(accountId, Balance, Money.DefaultCurrency));

        public Task<PostingResult> PostAsync(NewPosting posting, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Posting?> FindPostingAsync(string idempotencyKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Page<LedgerEntry>> QueryEntriesAsync(LedgerQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<BalanceDiscrepancy>> VerifyBalancesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    /// <summary>Records the one timer the chip creates and fires it on demand.</summary>
    private sealed class RecordingClock : TimeProvider
    {
        private TimerCallback? _callback;
        private object? _state;

        public TimeSpan DueTime { get; private set; }

        public TimeSpan Period { get; private set; }

        public bool TimerDisposed { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            (_callback, _state, DueTime, Period) = (callback, state, dueTime, period);
            return new Timer(this);
        }

        public void Fire() => _callback!(_state);

        private sealed class Timer(RecordingClock clock) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose() => clock.TimerDisposed = true;

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
