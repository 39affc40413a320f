using StarSync.Engine.Payments;
using StarSync.Engine.Storage;

namespace StarSync.Web.Payments;

/// <summary>
/// Every <see cref="PaymentsSettings.ReconcileEvery"/>, asks the provider about top-ups pending for longer than
/// <see cref="PaymentsSettings.ReconcileAfter"/> (a lost webhook, a payer who closed the tab) and fulfils or closes
/// them through <see cref="TopUpFulfilment"/>. Sessions Stripe still holds open are left for their expiry event.
/// </summary>
public sealed class TopUpReconciliation(
    ITopUpStore topUps, ICheckoutGateway gateway, TopUpFulfilment fulfilment, PaymentsSettings settings, TimeProvider clock, ILogger<TopUpReconciliation> logger)
    : BackgroundService
{
    private const string Actor = "system:reconciliation";

    /// <summary>One pass; returns how many top-ups it moved.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var moved = 0;
        var stale = await topUps.ListPendingAsync(clock.GetUtcNow() - settings.ReconcileAfter, 100, cancellationToken);
        foreach (var topUp in stale)
        {
            try
            {
                var result = await ReconcileAsync(topUp, cancellationToken);
                if (result.Outcome is FulfilmentOutcome.Credited or FulfilmentOutcome.Closed or FulfilmentOutcome.Review)
                {
                    moved++;
                }
            }
            catch (CheckoutGatewayException e)
            {
                logger.LogWarning(e, "Reconciliation could not ask about top-up {TopUpId}; it stays pending.", topUp.Id);
            }
        }

        return moved;
    }

    private async Task<FulfilmentResult> ReconcileAsync(TopUp topUp, CancellationToken cancellationToken)
    {
        if (topUp.CheckoutSessionId is null)
        {
            return await fulfilment.CloseAsync(topUp, TopUpState.Failed, "No checkout session was ever created.", Actor, cancellationToken);
        }

        if (topUp.Provider != gateway.Provider)
        {
            return await fulfilment.CloseAsync(topUp, TopUpState.Expired, $"Made in {topUp.Provider} mode, which is no longer in use.", Actor, cancellationToken);
        }

        if (gateway.Provider == "sandbox")
        {
            return await fulfilment.CloseAsync(topUp, TopUpState.Expired, "The test checkout was never paid.", Actor, cancellationToken);
        }

        var session = await gateway.GetSessionAsync(topUp, cancellationToken);
        if (session is null)
        {
            return await fulfilment.CloseAsync(topUp, TopUpState.Expired, "Stripe does not know the checkout session.", Actor, cancellationToken);
        }

        return session.IsPaid || session.Status == "expired"
            ? await fulfilment.ApplySessionAsync(session, Actor, cancellationToken)
            : new FulfilmentResult(FulfilmentOutcome.AwaitingPayment, topUp);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.ReconcileEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var moved = await RunOnceAsync(stoppingToken);
                if (moved > 0)
                {
                    logger.LogInformation("Reconciliation settled {Count} pending top-ups.", moved);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Top-up reconciliation failed; it runs again in {Interval}.", settings.ReconcileEvery);
            }
        }
    }
}
