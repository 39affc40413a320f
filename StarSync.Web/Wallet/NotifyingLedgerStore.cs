using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Wallet;

/// <summary>
/// The ledger store with news: after a posting is written (<see cref="PostingOutcome.Posted"/>) it publishes the
/// accounts it moved on the <see cref="WalletBalanceFeed"/>. A repeated key or a refused posting changed nothing, so
/// it says nothing. Everything else is the store underneath, unchanged.
/// </summary>
public sealed class NotifyingLedgerStore(ILedgerStore inner, WalletBalanceFeed feed) : ILedgerStore
{
    public async Task<PostingResult> PostAsync(NewPosting posting, CancellationToken cancellationToken = default)
    {
        var result = await inner.PostAsync(posting, cancellationToken);
        if (result is { Outcome: PostingOutcome.Posted, Posting: { } written })
        {
            feed.Publish(written.Entries.Select(e => e.AccountId));
        }

        return result;
    }

    public async Task<IReadOnlyList<PostingResult>> PostManyAsync(IReadOnlyList<NewPosting> postings, CancellationToken cancellationToken = default)
    {
        var results = await inner.PostManyAsync(postings, cancellationToken);
        var moved = results.Where(r => r.Outcome == PostingOutcome.Posted).SelectMany(r => r.Posting!.Entries.Select(e => e.AccountId)).ToList();
        if (moved.Count > 0)
        {
            feed.Publish(moved);
        }

        return results;
    }

    public Task<Posting?> FindPostingAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        inner.FindPostingAsync(idempotencyKey, cancellationToken);

    public Task<LedgerBalance> GetBalanceAsync(string accountId, CancellationToken cancellationToken = default) =>
        inner.GetBalanceAsync(accountId, cancellationToken);

    public Task<Page<LedgerEntry>> QueryEntriesAsync(LedgerQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryEntriesAsync(query, cancellationToken);

    public Task<IReadOnlyList<BalanceDiscrepancy>> VerifyBalancesAsync(CancellationToken cancellationToken = default) =>
        inner.VerifyBalancesAsync(cancellationToken);
}

/// <summary>Registers the balance feed and puts <see cref="NotifyingLedgerStore"/> over the registered ledger store.</summary>
public static class WalletBalanceFeedSetup
{
    /// <summary>Call after the storage ports are registered.</summary>
    public static IServiceCollection AddWalletBalanceFeed(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var real = services.LastOrDefault(d => d.ServiceType == typeof(ILedgerStore))
            ?? throw new InvalidOperationException("Register the ledger store before the wallet balance feed.");
        services.Remove(real);
        services.AddSingleton<WalletBalanceFeed>();
        services.AddSingleton<ILedgerStore>(sp => new NotifyingLedgerStore(Resolve(real, sp), sp.GetRequiredService<WalletBalanceFeed>()));
        return services;
    }

    private static ILedgerStore Resolve(ServiceDescriptor real, IServiceProvider services) => (ILedgerStore)(
        real.ImplementationInstance
        ?? real.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, real.ImplementationType!));
}
