using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>
/// The stream of "session S of account A is no longer valid" events, for closing live circuits and evicting cached
/// session checks on every node.
/// </summary>
/// <remarks>
/// Embedded mode: an in-process bus fed by the account store after each committed change
/// (<see cref="InProcessAccountChangeFeed"/>). MongoDB: a change stream on the accounts collection, which needs a
/// replica set; every node sees every revocation, including its own. Delivery is at most once per subscription:
/// a subscriber that falls behind or reconnects may miss events, which is why the web layer also re-checks
/// <see cref="IAccountStore.IsActiveSessionAsync"/> on every request and periodically on live circuits.
/// </remarks>
public interface IAccountChangeFeed
{
    /// <summary>
    /// Opens a subscription. Every revocation committed after the returned task completes is delivered to it, in
    /// commit order for any one account.
    /// </summary>
    Task<IAccountChangeSubscription> SubscribeAsync(CancellationToken cancellationToken = default);
}

/// <summary>An open subscription to the <see cref="IAccountChangeFeed"/>; dispose it to stop.</summary>
public interface IAccountChangeSubscription : IAsyncDisposable
{
    /// <summary>The revocations, as they happen, until the subscription is disposed or the token is cancelled.</summary>
    IAsyncEnumerable<SessionRevoked> ReadAllAsync(CancellationToken cancellationToken = default);
}
