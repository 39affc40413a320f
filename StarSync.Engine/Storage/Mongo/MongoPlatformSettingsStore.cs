using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using StarSync.Engine.Platform;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="IPlatformSettingsStore"/> on MongoDB: one document under a fixed <c>_id</c>; a save is a replace
/// filtered on the version read (or an insert for the first save, refused by the <c>_id</c> if another got there).
/// </summary>
public sealed class MongoPlatformSettingsStore(MongoStore store, TimeProvider clock) : IPlatformSettingsStore
{
    internal const string CollectionName = "platformSettings";
    internal const string DocumentId = "platform";

    private static readonly FilterDefinitionBuilder<MongoPlatformSettingsDocument> Filter = Builders<MongoPlatformSettingsDocument>.Filter;

    private readonly IMongoCollection<MongoPlatformSettingsDocument> _settings =
        (store ?? throw new ArgumentNullException(nameof(store))).Database.GetCollection<MongoPlatformSettingsDocument>(CollectionName);

    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public async Task<PlatformSettings?> GetAsync(CancellationToken cancellationToken = default)
    {
        var document = await _settings.Find(Filter.Eq(x => x.Id, DocumentId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : ToSettings(document);
    }

    public async Task<PlatformSettings?> SaveAsync(PlatformSettings settings, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(problems.First().Value[0], problems.First().Key);
        }

        var document = ToDocument(settings with { TaxLabel = settings.TaxLabel.Trim() }, actor, StoredTime.From(_clock.GetUtcNow()));
        if (settings.Version == 0)
        {
            try
            {
                await _settings.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
                return ToSettings(document);
            }
            catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
            {
                return null;
            }
        }

        var result = await _settings.ReplaceOneAsync(SaveFilter(settings.Version), document, cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.MatchedCount == 1 ? ToSettings(document) : null;
    }

    /// <summary>The document, only while its version is still <paramref name="expectedVersion"/>.</summary>
    internal static FilterDefinition<MongoPlatformSettingsDocument> SaveFilter(long expectedVersion) =>
        Filter.Eq(x => x.Id, DocumentId) & Filter.Eq(x => x.Version, expectedVersion);

    private static MongoPlatformSettingsDocument ToDocument(PlatformSettings s, string actor, DateTime now) => new()
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

    private static PlatformSettings ToSettings(MongoPlatformSettingsDocument d) => new()
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

[BsonIgnoreExtraElements]
internal sealed class MongoPlatformSettingsDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("version")]
    public long Version { get; set; }

    [BsonElement("commissionBasisPoints")]
    public int CommissionBasisPoints { get; set; }

    [BsonElement("minRatePerMinute")]
    public long MinRatePerMinute { get; set; }

    [BsonElement("maxRatePerMinute")]
    public long MaxRatePerMinute { get; set; }

    [BsonElement("minimumBalanceMinutes")]
    public int MinimumBalanceMinutes { get; set; }

    [BsonElement("freeFirstConsultation")]
    public bool FreeFirstConsultation { get; set; }

    [BsonElement("freeFirstConsultationMinutes")]
    public int FreeFirstConsultationMinutes { get; set; }

    [BsonElement("minimumTopUp")]
    public long MinimumTopUp { get; set; }

    [BsonElement("maximumTopUp")]
    public long MaximumTopUp { get; set; }

    [BsonElement("taxEnabled")]
    public bool TaxEnabled { get; set; }

    [BsonElement("taxBasisPoints")]
    public int TaxBasisPoints { get; set; }

    [BsonElement("taxLabel")]
    public string TaxLabel { get; set; } = "";

    [BsonElement("updatedAt")]
    public DateTime UpdatedAt { get; set; }

    [BsonElement("updatedBy")]
    public string? UpdatedBy { get; set; }
}
