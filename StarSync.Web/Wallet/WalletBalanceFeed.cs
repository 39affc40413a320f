namespace StarSync.Web.Wallet;

/// <summary>
/// In-process news of balance changes: <see cref="NotifyingLedgerStore"/> publishes the ledger accounts a written
/// posting moved, and components showing a balance (the app bar's wallet chip) subscribe to their own account.
/// </summary>
/// <remarks>
/// Per node: a posting written on another node (several app nodes on MongoDB) is not seen here, so subscribers also
/// re-read on a slow timer. Handlers run on the publisher's thread and must be quick (a Blazor component only
/// schedules a re-render through <c>InvokeAsync</c>); a throwing handler is logged and never fails the posting.
/// </remarks>
public sealed class WalletBalanceFeed(ILogger<WalletBalanceFeed> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Subscription>> _byAccount = new(StringComparer.Ordinal);

    /// <summary>Calls <paramref name="changed"/> after each posting that moves <paramref name="ledgerAccountId"/>, until disposed.</summary>
    public IDisposable Subscribe(string ledgerAccountId, Action changed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ledgerAccountId);
        ArgumentNullException.ThrowIfNull(changed);
        var subscription = new Subscription(this, ledgerAccountId, changed);
        lock (_gate)
        {
            if (!_byAccount.TryGetValue(ledgerAccountId, out var list))
            {
                _byAccount[ledgerAccountId] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    /// <summary>How many live subscriptions an account has (for tests and diagnostics).</summary>
    public int SubscriberCount(string ledgerAccountId)
    {
        lock (_gate)
        {
            return _byAccount.TryGetValue(ledgerAccountId, out var list) ? list.Count : 0;
        }
    }

    /// <summary>Tells every subscriber of the given accounts that their balance changed.</summary>
    public void Publish(IEnumerable<string> ledgerAccountIds)
    {
        ArgumentNullException.ThrowIfNull(ledgerAccountIds);
        List<Subscription> due = [];
        lock (_gate)
        {
            foreach (var id in ledgerAccountIds.Distinct(StringComparer.Ordinal))
            {
                if (_byAccount.TryGetValue(id, out var list))
                {
                    due.AddRange(list);
                }
            }
        }

        foreach (var subscription in due)
        {
            try
            {
                subscription.Changed();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A balance subscriber of {LedgerAccount} failed.", subscription.AccountId);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            if (_byAccount.TryGetValue(subscription.AccountId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _byAccount.Remove(subscription.AccountId);
            }
        }
    }

    private sealed class Subscription(WalletBalanceFeed feed, string accountId, Action changed) : IDisposable
    {
        public string AccountId => accountId;

        public Action Changed => changed;

        public void Dispose() => feed.Remove(this);
    }
}
