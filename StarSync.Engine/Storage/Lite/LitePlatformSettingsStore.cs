using LiteDB;
using StarSync.Engine.Platform;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="IPlatformSettingsStore"/> on the embedded LiteDB file: one document under a fixed id; saves are a
/// conditional update on the version (or an insert for the first save).
/// </summary>
public sealed class LitePlatformSettingsStore : IPlatformSettingsStore
{
    internal const string Collection = "platformSettings";
    private const string DocumentId = "platform";

    private readonly ILiteCollection<LitePlatformSettingsDocument> _settings;
    private readonly TimeProvider _clock;

    public LitePlatformSettingsStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _ = store.Database.Mapper.ToDocument(new LitePlatformSettingsDocument());
        _settings = store.Database.GetCollection<LitePlatformSettingsDocument>(Collection);
        LiteCollections.EnsureCreated(store.Database, Collection);
    }

    public Task<PlatformSettings?> GetAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = _settings.FindById(DocumentId);
        return Task.FromResult(document is null ? null : ToSettings(document));
    }

    public Task<PlatformSettings?> SaveAsync(PlatformSettings settings, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(problems.First().Value[0], problems.First().Key);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var document = ToDocument(settings with { TaxLabel = settings.TaxLabel.Trim() }, actor, StoredTime.From(_clock.GetUtcNow()));
        if (settings.Version == 0)
        {
            try
            {
                _settings.Insert(document);
                return Task.FromResult<PlatformSettings?>(ToSettings(document));
            }
            catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
            {
                return Task.FromResult<PlatformSettings?>(null);
            }
        }

        var expected = settings.Version;
        var d = document;
        var changed = _settings.UpdateMany(
            x => new LitePlatformSettingsDocument
            {
                Version = d.Version,
                CommissionBasisPoints = d.CommissionBasisPoints,
                MinRatePerMinute = d.MinRatePerMinute,
                MaxRatePerMinute = d.MaxRatePerMinute,
                MinimumBalanceMinutes = d.MinimumBalanceMinutes,
                FreeFirstConsultation = d.FreeFirstConsultation,
                FreeFirstConsultationMinutes = d.FreeFirstConsultationMinutes,
                MinimumTopUp = d.MinimumTopUp,
                MaximumTopUp = d.MaximumTopUp,
                TaxEnabled = d.TaxEnabled,
                TaxBasisPoints = d.TaxBasisPoints,
                TaxLabel = d.TaxLabel,
                UpdatedAt = d.UpdatedAt,
                UpdatedBy = d.UpdatedBy,
            },
            x => x.Id == DocumentId && x.Version == expected);
        return Task.FromResult(changed == 1 ? ToSettings(document) : null);
    }

    private static LitePlatformSettingsDocument ToDocument(PlatformSettings s, string actor, DateTime now) => new()
    {
        Id = DocumentId,
        Version = s.Version + 1,
        CommissionBasisPoints = s.CommissionBasisPoints,
        MinRatePerMinute = s.MinRatePerMinute,
        MaxRatePerMinute = s.MaxRatePerMinute,
        MinimumBalanceMinutes = s.MinimumBalanceMinutes,
        FreeFirstConsultation = s.FreeFirstConsultation,
        FreeFirstConsultationMinutes = s.FreeFirstConsultationMinutes,
        MinimumTopUp = s.MinimumTopUp,
        MaximumTopUp = s.MaximumTopUp,
        TaxEnabled = s.TaxEnabled,
        TaxBasisPoints = s.TaxBasisPoints,
        TaxLabel = s.TaxLabel,
        UpdatedAt = now,
        UpdatedBy = actor,
    };

    private static PlatformSettings ToSettings(LitePlatformSettingsDocument d) => new()
    {
        Version = d.Version,
        CommissionBasisPoints = d.CommissionBasisPoints,
        MinRatePerMinute = d.MinRatePerMinute,
        MaxRatePerMinute = d.MaxRatePerMinute,
        MinimumBalanceMinutes = d.MinimumBalanceMinutes,
        FreeFirstConsultation = d.FreeFirstConsultation,
        FreeFirstConsultationMinutes = d.FreeFirstConsultationMinutes,
        MinimumTopUp = d.MinimumTopUp,
        MaximumTopUp = d.MaximumTopUp,
        TaxEnabled = d.TaxEnabled,
        TaxBasisPoints = d.TaxBasisPoints,
        TaxLabel = d.TaxLabel,
        UpdatedAt = StoredTime.Read(d.UpdatedAt),
        UpdatedBy = d.UpdatedBy,
    };
}

internal sealed class LitePlatformSettingsDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public int CommissionBasisPoints { get; set; }

    public long MinRatePerMinute { get; set; }

    public long MaxRatePerMinute { get; set; }

    public int MinimumBalanceMinutes { get; set; }

    public bool FreeFirstConsultation { get; set; }

    public int FreeFirstConsultationMinutes { get; set; }

    public long MinimumTopUp { get; set; }

    public long MaximumTopUp { get; set; }

    public bool TaxEnabled { get; set; }

    public int TaxBasisPoints { get; set; }

    public string TaxLabel { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
