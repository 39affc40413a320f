using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>
/// The account change feed within one process (embedded mode, where one process owns the database): the account
/// store publishes after each committed change and every open subscription receives it.
/// </summary>
public sealed class InProcessAccountChangeFeed : IAccountChangeFeed
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();

    /// <inheritdoc />
    public Task<IAccountChangeSubscription> SubscribeAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var subscription = new Subscription(this);
        _subscriptions.TryAdd(subscription, 0);
        return Task.FromResult<IAccountChangeSubscription>(subscription);
    }

    /// <summary>Delivers <paramref name="revocation"/> to every open subscription. Never blocks the publisher.</summary>
    public void Publish(SessionRevoked revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        foreach (var subscription in _subscriptions.Keys)
        {
            // Unbounded: a slow reader costs memory, never a lost or delayed sign-in elsewhere.
            subscription.Channel.Writer.TryWrite(revocation);
        }
    }

    private sealed class Subscription(InProcessAccountChangeFeed feed) : IAccountChangeSubscription
    {
        public Channel<SessionRevoked> Channel { get; } =
            System.Threading.Channels.Channel.CreateUnbounded<SessionRevoked>(new UnboundedChannelOptions { SingleReader = true });

        public async IAsyncEnumerable<SessionRevoked> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var revocation in Channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return revocation;
            }
        }

        public ValueTask DisposeAsync()
        {
            feed._subscriptions.TryRemove(this, out _);
            Channel.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
