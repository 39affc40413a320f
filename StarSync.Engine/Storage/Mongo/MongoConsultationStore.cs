using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using StarSync.Engine.Consultations;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="IConsultationStore"/> on MongoDB: one document per consultation. The compare-and-set is one
/// <c>ReplaceOne</c> filtered on id, version and state; one open consultation per user is a unique index on
/// <c>openSlot</c>; the billing heartbeat is one document moved forward with a filtered upsert.
/// </summary>
public sealed class MongoConsultationStore(MongoStore store, TimeProvider clock) : IConsultationStore
{
    internal const string CollectionName = "consultations";
    internal const string HeartbeatCollectionName = "consultationHeartbeat";
    internal const string HeartbeatId = "billing";

    private static readonly FilterDefinitionBuilder<MongoConsultationDocument> Filter = Builders<MongoConsultationDocument>.Filter;

    private readonly IMongoCollection<MongoConsultationDocument> _consultations = Collection(store ?? throw new ArgumentNullException(nameof(store)));
    private readonly IMongoCollection<MongoHeartbeatDocument> _heartbeat = store.Database.GetCollection<MongoHeartbeatDocument>(HeartbeatCollectionName);
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    internal static IMongoCollection<MongoConsultationDocument> Collection(MongoStore store) =>
        store.Database.GetCollection<MongoConsultationDocument>(CollectionName);

    internal static CreateIndexModel<MongoConsultationDocument>[] Indexes { get; } =
    [
        new(Builders<MongoConsultationDocument>.IndexKeys.Ascending(x => x.OpenSlot), new CreateIndexOptions { Name = "open_slot", Unique = true }),
        new(Builders<MongoConsultationDocument>.IndexKeys.Ascending(x => x.State).Ascending(x => x.RequestedAt), new CreateIndexOptions { Name = "state_requested" }),
        new(Builders<MongoConsultationDocument>.IndexKeys.Ascending(x => x.UserId).Descending(x => x.Id), new CreateIndexOptions { Name = "user" }),
        new(Builders<MongoConsultationDocument>.IndexKeys.Ascending(x => x.AstrologerId).Descending(x => x.Id), new CreateIndexOptions { Name = "astrologer" }),
    ];

    public async Task<Consultation?> CreateAsync(NewConsultation request, CancellationToken cancellationToken = default)
    {
        var consultation = ConsultationDocuments.New(request, _clock);
        try
        {
            await _consultations.InsertOneAsync(ToDocument(consultation), cancellationToken: cancellationToken).ConfigureAwait(false);
            return consultation;
        }
        catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
        {
            return null;
        }
    }

    public async Task<Consultation?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var document = await _consultations.Find(Filter.Eq(x => x.Id, id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : ToConsultation(document);
    }

    public async Task<Consultation?> ReplaceAsync(Consultation expected, Consultation replacement, CancellationToken cancellationToken = default)
    {
        ConsultationStoreExtensions.RequireReplaceable(expected, replacement);
        var stored = ConsultationDocuments.Stored(replacement with { Version = expected.Version + 1 });
        var result = await _consultations.ReplaceOneAsync(ReplaceFilter(expected), ToDocument(stored), cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.MatchedCount == 1 ? stored : null;
    }

    /// <summary>The consultation, only while it still has the version and state the caller read.</summary>
    internal static FilterDefinition<MongoConsultationDocument> ReplaceFilter(Consultation expected) =>
        Filter.Eq(x => x.Id, expected.Id) & Filter.Eq(x => x.Version, expected.Version) & Filter.Eq(x => x.State, StoredName.Of(expected.State));

    public async Task<Page<Consultation>> QueryAsync(ConsultationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Paging.Require(query.Skip, query.Take);
        var filter = QueryFilter(query);
        var total = await _consultations.CountDocumentsAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false);
        var documents = await _consultations.Find(filter)
            .Sort(Builders<MongoConsultationDocument>.Sort.Descending(x => x.Id))
            .Skip(query.Skip).Limit(query.Take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<Consultation>(documents.ConvertAll(ToConsultation), total, query.Skip, query.Take);
    }

    internal static FilterDefinition<MongoConsultationDocument> QueryFilter(ConsultationQuery query)
    {
        var filter = Filter.Empty;
        if (query.UserId is { } userId)
        {
            filter &= Filter.Eq(x => x.UserId, userId);
        }

        if (query.AstrologerId is { } astrologerId)
        {
            filter &= Filter.Eq(x => x.AstrologerId, astrologerId);
        }

        if (query.State is { } state)
        {
            filter &= Filter.Eq(x => x.State, StoredName.Of(state));
        }

        if (query.RequestedBefore is { } before)
        {
            filter &= Filter.Lt(x => x.RequestedAt, StoredTime.From(before));
        }

        if (query.Accepted is { } accepted)
        {
            filter &= accepted ? Filter.Ne(x => x.AcceptedAt, null) : Filter.Eq(x => x.AcceptedAt, null);
        }

        // $gte / $lt on a date never match null or a missing field, so never-accepted consultations drop out.
        if (query.AcceptedFrom is { } acceptedFrom)
        {
            filter &= Filter.Gte(x => x.AcceptedAt, StoredTime.From(acceptedFrom));
        }

        if (query.AcceptedBefore is { } acceptedBefore)
        {
            filter &= Filter.Lt(x => x.AcceptedAt, StoredTime.From(acceptedBefore));
        }

        return filter;
    }

    public async Task BeatAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var stamp = StoredTime.From(at);
        try
        {
            // Moves forward only; when the document is at or after this beat the filter misses and the upsert's
            // insert hits the _id, which is the "nothing to do" answer.
            await _heartbeat.UpdateOneAsync(
                Builders<MongoHeartbeatDocument>.Filter.Eq(x => x.Id, HeartbeatId) & Builders<MongoHeartbeatDocument>.Filter.Lt(x => x.At, stamp),
                Builders<MongoHeartbeatDocument>.Update.Set(x => x.At, stamp),
                new UpdateOptions { IsUpsert = true },
                cancellationToken).ConfigureAwait(false);
        }
        catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
        {
            // Already at or after this beat.
        }
    }

    public async Task<DateTimeOffset?> LastBeatAsync(CancellationToken cancellationToken = default)
    {
        var document = await _heartbeat.Find(Builders<MongoHeartbeatDocument>.Filter.Eq(x => x.Id, HeartbeatId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : StoredTime.Read(document.At);
    }


    private static MongoConsultationDocument ToDocument(Consultation c) => new()
    {
        Id = c.Id,
        Version = c.Version,
        UserId = c.UserId,
        AstrologerId = c.AstrologerId,
        BirthProfileId = c.BirthProfileId,
        State = StoredName.Of(c.State),
        OpenSlot = ConsultationStoreExtensions.OpenSlot(c),
        RequestedAt = StoredTime.From(c.RequestedAt),
        AcceptedAt = StoredTime.From(c.AcceptedAt),
        EndedAt = StoredTime.From(c.EndedAt),
        RatePerMinute = c.RatePerMinute,
        CommissionBasisPoints = c.CommissionBasisPoints,
        Currency = c.Currency,
        BilledMinutes = c.BilledMinutes,
        Charged = c.Charged,
        Refunded = c.Refunded,
        PromotionalMinutes = c.PromotionalMinutes,
        FirstMinute = StoredName.Of(c.FirstMinute),
        EndedBy = c.EndedBy is { } by ? StoredName.Of(by) : null,
        EndReason = c.EndReason is { } reason ? StoredName.Of(reason) : null,
        AstrologerFirstMessageAt = StoredTime.From(c.AstrologerFirstMessageAt),
        LastBilledAt = StoredTime.From(c.LastBilledAt),
        NextMinuteDueAt = StoredTime.From(c.NextMinuteDueAt),
        PausedAt = StoredTime.From(c.PausedAt),
    };

    private static Consultation ToConsultation(MongoConsultationDocument d) => new()
    {
        Id = d.Id,
        Version = d.Version,
        UserId = d.UserId,
        AstrologerId = d.AstrologerId,
        BirthProfileId = d.BirthProfileId,
        State = StoredName.Parse<ConsultationState>(d.State),
        RequestedAt = StoredTime.Read(d.RequestedAt),
        AcceptedAt = StoredTime.Read(d.AcceptedAt),
        EndedAt = StoredTime.Read(d.EndedAt),
        RatePerMinute = d.RatePerMinute,
        CommissionBasisPoints = d.CommissionBasisPoints,
        Currency = d.Currency,
        BilledMinutes = d.BilledMinutes,
        Charged = d.Charged,
        Refunded = d.Refunded,
        PromotionalMinutes = d.PromotionalMinutes,
        FirstMinute = StoredName.Parse<FirstMinuteOutcome>(d.FirstMinute),
        EndedBy = d.EndedBy is { } by ? StoredName.Parse<ConsultationParty>(by) : null,
        EndReason = d.EndReason is { } reason ? StoredName.Parse<ConsultationEndReason>(reason) : null,
        AstrologerFirstMessageAt = StoredTime.Read(d.AstrologerFirstMessageAt),
        LastBilledAt = StoredTime.Read(d.LastBilledAt),
        NextMinuteDueAt = StoredTime.Read(d.NextMinuteDueAt),
        PausedAt = StoredTime.Read(d.PausedAt),
    };
}

[BsonIgnoreExtraElements]
internal sealed class MongoConsultationDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("version")]
    public long Version { get; set; }

    [BsonElement("userId")]
    public string UserId { get; set; } = "";

    [BsonElement("astrologerId")]
    public string AstrologerId { get; set; } = "";

    [BsonElement("birthProfileId")]
    public string? BirthProfileId { get; set; }

    [BsonElement("state")]
    public string State { get; set; } = "";

    // "open:<userId>" while requested or active, "closed:<id>" after: unique, so a user has one open consultation.
    [BsonElement("openSlot")]
    public string OpenSlot { get; set; } = "";

    [BsonElement("requestedAt")]
    public DateTime RequestedAt { get; set; }

    [BsonElement("acceptedAt")]
    public DateTime? AcceptedAt { get; set; }

    [BsonElement("endedAt")]
    public DateTime? EndedAt { get; set; }

    [BsonElement("ratePerMinute")]
    public long RatePerMinute { get; set; }

    [BsonElement("commissionBasisPoints")]
    public int CommissionBasisPoints { get; set; }

    [BsonElement("currency")]
    public string Currency { get; set; } = "";

    [BsonElement("billedMinutes")]
    public int BilledMinutes { get; set; }

    [BsonElement("charged")]
    public long Charged { get; set; }

    [BsonElement("refunded")]
    public long Refunded { get; set; }

    [BsonElement("promotionalMinutes")]
    public int PromotionalMinutes { get; set; }

    [BsonElement("firstMinute")]
    public string FirstMinute { get; set; } = "";

    [BsonElement("endedBy")]
    public string? EndedBy { get; set; }

    [BsonElement("endReason")]
    public string? EndReason { get; set; }

    [BsonElement("astrologerFirstMessageAt")]
    public DateTime? AstrologerFirstMessageAt { get; set; }

    [BsonElement("lastBilledAt")]
    public DateTime? LastBilledAt { get; set; }

    [BsonElement("nextMinuteDueAt")]
    public DateTime? NextMinuteDueAt { get; set; }

    [BsonElement("pausedAt")]
    public DateTime? PausedAt { get; set; }
}

[BsonIgnoreExtraElements]
internal sealed class MongoHeartbeatDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("at")]
    public DateTime At { get; set; }
}
