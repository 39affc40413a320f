using System.Globalization;
using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Wallet;

/// <summary>When the ledger consistency check runs (configuration section <c>LedgerCheck</c>).</summary>
public sealed class LedgerCheckOptions
{
    public const string Section = "LedgerCheck";

    /// <summary>Time between runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Time from start-up to the first run: soon, but not while the app is still warming up.</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Proves on a schedule that every cached balance equals the sum of its account's entries
/// (<see cref="ILedgerStore.VerifyBalancesAsync"/>), keeps the last result in <see cref="LedgerConsistency"/>, and on
/// any discrepancy logs a warning and appends a <c>ledger.inconsistent</c> audit entry. It reads the whole ledger,
/// which is why it is scheduled and not part of the readiness probe.
/// </summary>
public sealed class LedgerConsistencyCheck(
    ILedgerStore ledger,
    IAuditLog auditLog,
    LedgerConsistency consistency,
    IOptions<LedgerCheckOptions> options,
    TimeProvider clock,
    ILogger<LedgerConsistencyCheck> logger) : BackgroundService
{
    public const string AuditKind = "ledger.inconsistent";

    // The audit detail names this many accounts at most; the log line and the health page have them all.
    private const int AccountsInAuditDetail = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await Task.Delay(settings.FirstRunDelay, clock, stoppingToken);
        using var timer = new PeriodicTimer(settings.Interval, clock);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs the check now, records the result and reports any discrepancy.</summary>
    public async Task<LedgerCheckResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var ranAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        LedgerCheckResult result;
        try
        {
            var found = await ledger.VerifyBalancesAsync(cancellationToken);
            result = new LedgerCheckResult(ranAt, clock.GetElapsedTime(started), found);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The ledger consistency check could not finish.");
            result = new LedgerCheckResult(ranAt, clock.GetElapsedTime(started), [], e.Message);
        }

        consistency.Record(result);
        if (result.Discrepancies.Count > 0)
        {
            logger.LogWarning(
                "Ledger inconsistent: {Count} stored balance(s) differ from the sum of their entries: {Accounts}",
                result.Discrepancies.Count, Describe(result.Discrepancies));
            await auditLog.AppendAsync(
                new NewAuditEntry(AuditKind, "system", Detail: $"{result.Discrepancies.Count} account(s): {Describe(result.Discrepancies.Take(AccountsInAuditDetail))}"),
                cancellationToken);
        }
        else if (result.Failure is null)
        {
            logger.LogInformation("Ledger consistent (checked in {Ms} ms).", (long)result.Duration.TotalMilliseconds);
        }

        return result;
    }

    private static string Describe(IEnumerable<BalanceDiscrepancy> discrepancies) => string.Join(
        "; ",
        discrepancies.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.AccountId} stored {d.StoredBalance}, entries {d.EntrySum}")));
}

/// <summary>Registers the scheduled ledger check.</summary>
public static class LedgerConsistencySetup
{
    /// <summary>Adds <see cref="LedgerConsistency"/> and the <see cref="LedgerConsistencyCheck"/> hosted service, options from <c>LedgerCheck</c>.</summary>
    public static IServiceCollection AddLedgerConsistencyCheck(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LedgerCheckOptions>().Bind(configuration.GetSection(LedgerCheckOptions.Section))
            .Validate(o => o.Interval > TimeSpan.Zero, "LedgerCheck:Interval must be positive.")
            .Validate(o => o.FirstRunDelay >= TimeSpan.Zero, "LedgerCheck:FirstRunDelay must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<LedgerConsistency>();
        services.AddSingleton<LedgerConsistencyCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerConsistencyCheck>());
        return services;
    }
}
