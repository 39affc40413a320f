using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using StarSync.Engine.Reviews;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="IReportStore"/> on MongoDB: one document per report, a unique index on "target|reporter", and resolution
/// as one guarded <c>FindOneAndUpdate</c> (only while open).
/// </summary>
public sealed class MongoReportStore(MongoStore store, TimeProvider clock) : IReportStore
{
    internal const string CollectionName = "reports";

    private static readonly FilterDefinitionBuilder<MongoReportDocument> Filter = Builders<MongoReportDocument>.Filter;

    private readonly IMongoCollection<MongoReportDocument> _reports = Collection(store ?? throw new ArgumentNullException(nameof(store)));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    internal static IMongoCollection<MongoReportDocument> Collection(MongoStore store) =>
        store.Database.GetCollection<MongoReportDocument>(CollectionName);

    internal static CreateIndexModel<MongoReportDocument>[] Indexes { get; } =
    [
        new(Builders<MongoReportDocument>.IndexKeys.Ascending(x => x.Dedup), new CreateIndexOptions { Name = "target_reporter_unique", Unique = true }),
        new(Builders<MongoReportDocument>.IndexKeys.Ascending(x => x.Status).Descending(x => x.Id), new CreateIndexOptions { Name = "status_id" }),
    ];

    public async Task<Report?> CreateAsync(NewReport report, CancellationToken cancellationToken = default)
    {
        var created = ReportDocuments.New(report, _clock);
        try
        {
            await _reports.InsertOneAsync(ToDocument(created), cancellationToken: cancellationToken).ConfigureAwait(false);
            return created;
        }
        catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
        {
            return null;
        }
    }

    public async Task<Report?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var d = await _reports.Find(Filter.Eq(x => x.Id, id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return d is null ? null : ToReport(d);
    }

    public async Task<Page<Report>> ListAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Paging.Require(query.Skip, query.Take);
        var filter = ListFilter(query.Status);
        var total = await _reports.CountDocumentsAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false);
        // "open" sorts before "resolved"; ids are version-7 GUIDs, so descending id is newest first.
        var documents = await _reports.Find(filter).Sort(ListOrder).Skip(query.Skip).Limit(query.Take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<Report>(documents.ConvertAll(ToReport), total, query.Skip, query.Take);
    }

    public async Task<Report?> ResolveAsync(string id, string adminId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(adminId);
        var d = await _reports.FindOneAndUpdateAsync(ResolveFilter(id), ResolveUpdate(adminId, StoredTime.From(_clock.GetUtcNow())),
            new FindOneAndUpdateOptions<MongoReportDocument> { ReturnDocument = ReturnDocument.After }, cancellationToken).ConfigureAwait(false);
        return d is null ? null : ToReport(d);
    }

    internal static SortDefinition<MongoReportDocument> ListOrder { get; } =
        Builders<MongoReportDocument>.Sort.Ascending(x => x.Status).Descending(x => x.Id);

    internal static FilterDefinition<MongoReportDocument> ListFilter(ReportStatus? status) =>
        status is { } s ? Filter.Eq(x => x.Status, StoredName.Of(s)) : Filter.Empty;

    internal static FilterDefinition<MongoReportDocument> ResolveFilter(string id) =>
        Filter.Eq(x => x.Id, id) & Filter.Eq(x => x.Status, StoredName.Of(ReportStatus.Open));

    internal static UpdateDefinition<MongoReportDocument> ResolveUpdate(string adminId, DateTime at) =>
        Builders<MongoReportDocument>.Update.Set(x => x.Status, StoredName.Of(ReportStatus.Resolved)).Set(x => x.ResolvedAt, at).Set(x => x.ResolvedBy, adminId);

    private static MongoReportDocument ToDocument(Report r) => new()
    {
        Id = r.Id,
        Dedup = ReportDocuments.Dedup(r),
        Kind = StoredName.Of(r.Kind),
        ReviewId = r.ReviewId,
        ConsultationId = r.ConsultationId,
        Seq = r.Seq,
        ReporterId = r.ReporterId,
        Reason = r.Reason,
        Status = StoredName.Of(r.Status),
        CreatedAt = StoredTime.From(r.CreatedAt),
        ResolvedAt = StoredTime.From(r.ResolvedAt),
        ResolvedBy = r.ResolvedBy,
    };

    private static Report ToReport(MongoReportDocument d) => new()
    {
        Id = d.Id,
        Kind = StoredName.Parse<ReportKind>(d.Kind),
        ReviewId = d.ReviewId,
        ConsultationId = d.ConsultationId,
        Seq = d.Seq,
        ReporterId = d.ReporterId,
        Reason = d.Reason,
        Status = StoredName.Parse<ReportStatus>(d.Status),
        CreatedAt = StoredTime.Read(d.CreatedAt),
        ResolvedAt = StoredTime.Read(d.ResolvedAt),
        ResolvedBy = d.ResolvedBy,
    };
}

[BsonIgnoreExtraElements]
internal sealed class MongoReportDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    // "<target>|<reporter>": unique, so a reporter reports a target once.
    [BsonElement("dedup")]
    public string Dedup { get; set; } = "";

    [BsonElement("kind")]
    public string Kind { get; set; } = "";

    [BsonElement("reviewId")]
    public string? ReviewId { get; set; }

    [BsonElement("consultationId")]
    public string ConsultationId { get; set; } = "";

    [BsonElement("seq")]
    public long? Seq { get; set; }

    [BsonElement("reporterId")]
    public string ReporterId { get; set; } = "";

    [BsonElement("reason")]
    public string Reason { get; set; } = "";

    [BsonElement("status")]
    public string Status { get; set; } = "";

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    [BsonElement("resolvedAt")]
    public DateTime? ResolvedAt { get; set; }

    [BsonElement("resolvedBy")]
    public string? ResolvedBy { get; set; }
}
