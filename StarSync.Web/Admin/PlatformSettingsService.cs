using System.Globalization;
using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Platform;
using StarSync.Engine.Storage;
using StarSync.Web.Payments;

namespace StarSync.Web.Admin;

/// <summary>The outcome of saving the platform settings.</summary>
public enum SettingsSaveStatus
{
    Saved,
    Invalid,

    /// <summary>Someone saved in between; reload and try again.</summary>
    Conflict,
}

public sealed record SettingsSave(SettingsSaveStatus Status, PlatformSettings Settings, Dictionary<string, string[]> Errors);

/// <summary>
/// The platform settings in force. Reads are served from a copy this node refreshes after its own saves and every
/// <see cref="AdminOptions.SettingsRefresh"/> (for saves on other nodes). Until an admin saves, the defaults apply,
/// with the top-up limits and tax taken from the payments configuration (<c>Payments:*</c>).
/// </summary>
public sealed class PlatformSettingsService(
    IPlatformSettingsStore store,
    IAuditLog audit,
    PaymentsSettings payments,
    IOptions<AdminOptions> options,
    ILogger<PlatformSettingsService> logger) : BackgroundService
{
    private PlatformSettings? _current;

    /// <summary>The built-in defaults, with the configured top-up limits and tax.</summary>
    public PlatformSettings Defaults { get; } = new()
    {
        MinimumTopUp = payments.MinimumTopUpRupees * Engine.Wallet.Money.MinorPerMajor,
        MaximumTopUp = payments.MaximumTopUpRupees * Engine.Wallet.Money.MinorPerMajor,
        TaxEnabled = payments.GstEnabled,
        TaxBasisPoints = payments.GstBasisPoints,
    };

    /// <summary>The settings in force on this node.</summary>
    public PlatformSettings Current => Volatile.Read(ref _current) ?? Load();

    /// <summary>Reads the store now (the settings page shows what is saved, not this node's copy).</summary>
    public async Task<PlatformSettings> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var fresh = await store.GetAsync(cancellationToken) ?? Defaults;
        Volatile.Write(ref _current, fresh);
        return fresh;
    }

    /// <summary>Saves over the version the admin read; audits every changed field.</summary>
    public async Task<SettingsSave> SaveAsync(PlatformSettings settings, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            return new SettingsSave(SettingsSaveStatus.Invalid, settings, problems);
        }

        var before = await store.GetAsync(cancellationToken) ?? Defaults;
        var saved = await store.SaveAsync(settings, actor, cancellationToken);
        if (saved is null)
        {
            var now = await RefreshAsync(cancellationToken);
            return new SettingsSave(SettingsSaveStatus.Conflict, now,
                new() { ["version"] = ["Someone else saved the settings meanwhile. Review their values and save again."] });
        }

        Volatile.Write(ref _current, saved);
        await audit.AppendAsync(new NewAuditEntry("settings.changed", actor, null,
            string.Create(CultureInfo.InvariantCulture, $"version {saved.Version}: {Describe(before, saved)}")), cancellationToken);
        return new SettingsSave(SettingsSaveStatus.Saved, saved, []);
    }

    /// <summary>"commission 3000 → 2500 bp; tax on" for the audit line.</summary>
    public static string Describe(PlatformSettings before, PlatformSettings after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<string>();
        void Compare<T>(string name, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {a} → {b}"));
            }
        }

        Compare("commissionBasisPoints", before.CommissionBasisPoints, after.CommissionBasisPoints);
        Compare("minRatePerMinute", before.MinRatePerMinute, after.MinRatePerMinute);
        Compare("maxRatePerMinute", before.MaxRatePerMinute, after.MaxRatePerMinute);
        Compare("minimumBalanceMinutes", before.MinimumBalanceMinutes, after.MinimumBalanceMinutes);
        Compare("freeFirstConsultation", before.FreeFirstConsultation, after.FreeFirstConsultation);
        Compare("freeFirstConsultationMinutes", before.FreeFirstConsultationMinutes, after.FreeFirstConsultationMinutes);
        Compare("minimumTopUp", before.MinimumTopUp, after.MinimumTopUp);
        Compare("maximumTopUp", before.MaximumTopUp, after.MaximumTopUp);
        Compare("taxEnabled", before.TaxEnabled, after.TaxEnabled);
        Compare("taxBasisPoints", before.TaxBasisPoints, after.TaxBasisPoints);
        Compare("taxLabel", before.TaxLabel, after.TaxLabel);
        return changes.Count == 0 ? "no changes" : string.Join("; ", changes);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SettingsRefresh);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not refresh the platform settings; keeping the last ones read.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private PlatformSettings Load()
    {
        // First use before the refresher ran: one synchronous read at start-up.
        var loaded = store.GetAsync().GetAwaiter().GetResult() ?? Defaults;
        Volatile.Write(ref _current, loaded);
        return loaded;
    }
}

/// <summary>Top-up limits and the tax line from the platform settings (the presets stay those configured, within the limits).</summary>
public sealed class PlatformTopUpTerms(PaymentsSettings payments, PlatformSettingsService settings) : TopUpTerms(payments)
{
    private readonly IReadOnlyList<long> _presets = [.. payments.PresetRupees.Select(r => r * Engine.Wallet.Money.MinorPerMajor)];

    public override TopUpTermsSnapshot Current
    {
        get
        {
            var s = settings.Current;
            var presets = _presets.Where(p => p >= s.MinimumTopUp && p <= s.MaximumTopUp).ToList();
            return new TopUpTermsSnapshot(s.MinimumTopUp, s.MaximumTopUp, presets, s.TaxEnabled, s.TaxBasisPoints, PaymentsSettings.Currency);
        }
    }
}
