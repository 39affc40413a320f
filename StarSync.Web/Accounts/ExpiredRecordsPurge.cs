using StarSync.Engine.Storage;

namespace StarSync.Web.Accounts;

/// <summary>
/// Once an hour, removes refresh tokens, single-use links and sign-in throttle entries that can no longer matter
/// (expired more than a day ago), so those collections stay small.
/// </summary>
public sealed class ExpiredRecordsPurge(
    IRefreshTokenStore refreshTokens,
    ISingleUseTokenStore singleUseTokens,
    ISignInThrottle throttle,
    TimeProvider clock,
    ILogger<ExpiredRecordsPurge> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await PurgeOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Purging expired tokens failed; trying again in an hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(1);
        return await refreshTokens.PurgeExpiredAsync(cutoff, cancellationToken)
            + await singleUseTokens.PurgeExpiredAsync(cutoff, cancellationToken)
            + await throttle.PurgeAsync(cutoff, cancellationToken);
    }
}
