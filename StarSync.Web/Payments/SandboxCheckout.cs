using StarSync.Engine.Payments;
using StarSync.Engine.Storage;

namespace StarSync.Web.Payments;

/// <summary>
/// The in-app test checkout (sandbox mode only): the "session" is the top-up itself, the checkout URL an in-app page
/// marked "Test payment — no money moves". Paying and cancelling go through <see cref="TopUpFulfilment"/>, the code a
/// Stripe webhook runs.
/// </summary>
public sealed class SandboxCheckout(ITopUpStore topUps, TopUpFulfilment fulfilment) : ICheckoutGateway
{
    private const string SessionPrefix = "sandbox_cs_";

    public string Provider => "sandbox";

    /// <summary>The in-app page where a sandbox top-up is paid.</summary>
    public static string PagePath(string topUpId) => "/wallet/sandbox-checkout/" + Uri.EscapeDataString(topUpId);

    public Task<CreatedCheckout> CreateSessionAsync(TopUp topUp, CheckoutReturn returnTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topUp);
        ArgumentNullException.ThrowIfNull(returnTo);
        var url = new Uri(returnTo.Success, PagePath(topUp.Id));
        return Task.FromResult(new CreatedCheckout(SessionPrefix + topUp.Id[3..], url.ToString()));
    }

    // The sandbox has no provider to ask: an unpaid sandbox session is simply open.
    public Task<CheckoutSessionFacts?> GetSessionAsync(TopUp topUp, CancellationToken cancellationToken) =>
        Task.FromResult<CheckoutSessionFacts?>(topUp?.CheckoutSessionId is { } session
            ? new CheckoutSessionFacts(session, topUp.Id, "open", "unpaid", topUp.ChargeAmount, topUp.Currency, null)
            : null);

    public Task<bool> ExpireSessionAsync(TopUp topUp, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>"Pay" on the test page: the owner's pending top-up is paid in full, through the webhook's fulfilment.</summary>
    public async Task<FulfilmentResult> PayAsync(string topUpId, string accountId, CancellationToken cancellationToken = default)
    {
        var topUp = await OwnedAsync(topUpId, accountId, cancellationToken);
        if (topUp?.CheckoutSessionId is null)
        {
            return new FulfilmentResult(FulfilmentOutcome.UnknownTopUp, null);
        }

        var paid = new CheckoutSessionFacts(topUp.CheckoutSessionId, topUp.Id, "complete", "paid", topUp.ChargeAmount, topUp.Currency, "sandbox_pi_" + topUp.Id[3..]);
        return await fulfilment.ApplySessionAsync(paid, accountId, cancellationToken);
    }

    /// <summary>"Cancel" on the test page: the owner's pending top-up is closed, nothing credited.</summary>
    public async Task<FulfilmentResult> CancelAsync(string topUpId, string accountId, CancellationToken cancellationToken = default)
    {
        var topUp = await OwnedAsync(topUpId, accountId, cancellationToken);
        return topUp is null
            ? new FulfilmentResult(FulfilmentOutcome.UnknownTopUp, null)
            : await fulfilment.CloseAsync(topUp, TopUpState.Cancelled, "Cancelled on the test checkout.", accountId, cancellationToken);
    }

    private async Task<TopUp?> OwnedAsync(string topUpId, string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topUpId);
        ArgumentNullException.ThrowIfNull(accountId);
        var topUp = await topUps.GetAsync(topUpId, cancellationToken);
        return topUp is not null && topUp.AccountId == accountId && topUp.Provider == Provider ? topUp : null;
    }
}
