using Microsoft.Extensions.Logging.Abstractions;
using StarSync.Engine.Storage.Lite;
using StarSync.Engine.Wallet;
using StarSync.Web.Wallet;

namespace StarSync.Web.Tests.Wallet;

/// <summary>The balance feed over a real LiteDB ledger: news only when a posting was written.</summary>
public sealed class WalletBalanceFeedTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starsync-tests", Guid.NewGuid().ToString("N"));
    private readonly LiteStore _store;
    private readonly WalletBalanceFeed _feed = new(NullLogger<WalletBalanceFeed>.Instance);
    private readonly NotifyingLedgerStore _ledger;

    public WalletBalanceFeedTests()
    {
        _store = new LiteStore(_folder);
        _ledger = new NotifyingLedgerStore(LiteStorage.Open(_store, TimeProvider.System).Ledger, _feed);
    }

    private static NewPosting Adjustment(string key, string accountId, long amount) => new()
    {
        IdempotencyKey = key,
        Reference = "test",
        Actor = "admin-1",
        Entries =
        [
            new NewLedgerEntry(LedgerAccounts.Wallet(accountId), amount, LedgerEntryKind.Adjustment),
            new NewLedgerEntry(LedgerAccounts.PlatformAdjustments, -amount, LedgerEntryKind.Adjustment),
        ],
    };

    [Fact]
    public async Task A_written_posting_tells_each_moved_account_once_and_a_repeat_or_refusal_says_nothing()
    {
        var wallet = new List<string>();
        var platform = new List<string>();
        var other = new List<string>();
        using var walletSubscription = _feed.Subscribe(LedgerAccounts.Wallet("a"), () => wallet.Add("changed"));
        using var platformSubscription = _feed.Subscribe(LedgerAccounts.PlatformAdjustments, () => platform.Add("changed"));
        using var otherSubscription = _feed.Subscribe(LedgerAccounts.Wallet("b"), () => other.Add("changed"));

        var posted = await _ledger.PostAsync(Adjustment("k1", "a", 50_000));
        var repeated = await _ledger.PostAsync(Adjustment("k1", "a", 50_000));
        var refused = await _ledger.PostAsync(Adjustment("k2", "a", -90_000));

        Assert.Equal(PostingOutcome.Posted, posted.Outcome);
        Assert.Equal(PostingOutcome.Repeated, repeated.Outcome);
        Assert.Equal(PostingOutcome.InsufficientFunds, refused.Outcome);
        Assert.Single(wallet);
        Assert.Single(platform);
        Assert.Empty(other);
        Assert.Equal(50_000, (await _ledger.GetBalanceAsync(LedgerAccounts.Wallet("a"))).Balance);
    }

    [Fact]
    public async Task A_disposed_subscription_hears_nothing_more()
    {
        var heard = 0;
        var subscription = _feed.Subscribe(LedgerAccounts.Wallet("c"), () => heard++);
        await _ledger.PostAsync(Adjustment("c1", "c", 1_000));
        Assert.Equal(1, _feed.SubscriberCount(LedgerAccounts.Wallet("c")));

        subscription.Dispose();
        await _ledger.PostAsync(Adjustment("c2", "c", 1_000));

        Assert.Equal(1, heard);
        Assert.Equal(0, _feed.SubscriberCount(LedgerAccounts.Wallet("c")));
    }

    [Fact]
    public async Task A_failing_subscriber_neither_fails_the_posting_nor_silences_the_others()
    {
        var heard = 0;
        using var failing = _feed.Subscribe(LedgerAccounts.Wallet("d"), () => throw new InvalidOperationException("broken component"));
        using var working = _feed.Subscribe(LedgerAccounts.Wallet("d"), () => heard++);

        var posted = await _ledger.PostAsync(Adjustment("d1", "d", 2_000));

        Assert.Equal(PostingOutcome.Posted, posted.Outcome);
        Assert.Equal(1, heard);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
