using StarSync.Engine.Storage;

namespace StarSync.Web.Auth;

/// <summary>
/// Listens to the account change feed for the life of the app: each revocation evicts the cached session check and
/// cuts off the session's live circuits on this node. Resubscribes after a failure (the feed is at most once; the
/// per-request checks and the circuits' periodic re-check cover what a gap misses).
/// </summary>
public sealed class SessionRevocationListener(
    IAccountChangeFeed feed,
    IAccountStore accounts,
    SessionValidation validation,
    SessionCircuitRegistry registry,
    ILogger<SessionRevocationListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first subscription is open (start-up waits for it, so no early revocation is missed).</summary>
    public Task Subscribed => _subscribed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var subscription = await feed.SubscribeAsync(stoppingToken);
                _subscribed.TrySetResult();
                await foreach (var revoked in subscription.ReadAllAsync(stoppingToken))
                {
                    validation.Revoke(revoked.SessionId);
                    var account = await accounts.FindByIdAsync(revoked.AccountId, stoppingToken);
                    var url = SignedOutReason.NoticeUrl(SignedOutReason.From(revoked.Reason), account?.ActiveSession);
                    await registry.RevokeAsync(revoked, url);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The account change feed failed; resubscribing in 1 s.");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
