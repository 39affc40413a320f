using StarSync.Engine.Wallet;

namespace StarSync.Web.Wallet;

/// <summary>The outcome of one run of the ledger consistency check.</summary>
/// <param name="RanAt">When the run started (UTC).</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Discrepancies">Accounts whose stored balance disagrees with their entries (empty when consistent).</param>
/// <param name="Failure">Why the run could not finish (the store did not answer), or null.</param>
public sealed record LedgerCheckResult(DateTimeOffset RanAt, TimeSpan Duration, IReadOnlyList<BalanceDiscrepancy> Discrepancies, string? Failure = null)
{
    /// <summary>The run finished and every stored balance equals the sum of its entries.</summary>
    public bool Consistent => Failure is null && Discrepancies.Count == 0;
}

/// <summary>
/// The last result of the scheduled ledger check (<see cref="LedgerConsistencyCheck"/>), kept for the admin health
/// page. A singleton; null until the first run has finished.
/// </summary>
public sealed class LedgerConsistency
{
    private LedgerCheckResult? _last;

    /// <summary>The most recent run, or null before the first one finished.</summary>
    public LedgerCheckResult? Last => Volatile.Read(ref _last);

    internal void Record(LedgerCheckResult result) => Volatile.Write(ref _last, result ?? throw new ArgumentNullException(nameof(result)));
}
