using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using StarSync.Engine.Reviews;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="IReviewStore"/> on MongoDB: one document per review (unique index on the consultation) and one summary
/// document per astrologer. After a change, the summary is refreshed in three steps that need no transaction:
/// <list type="number">
/// <item>increment the summary's <c>revision</c> (one atomic <c>$inc</c>) and read the new value r: every change
/// that took a revision up to r was stored before it took it;</item>
/// <item>recount the astrologer's visible reviews (one aggregation): the recount includes at least changes 1..r;</item>
/// <item>write the recount only if the summary's <c>countedRevision</c> is still below r (a guarded update).</item>
/// </list>
/// So an older recount never overwrites a newer one, and the writer holding the highest revision leaves a recount that
/// includes every change: concurrent reviews lose no count, across any number of app nodes.
/// </summary>
public sealed class MongoReviewStore(MongoStore store, TimeProvider clock) : IReviewStore
{
    internal const string CollectionName = "reviews";
    internal const string SummaryCollectionName = "reviewSummaries";

    private static readonly FilterDefinitionBuilder<MongoReviewDocument> Filter = Builders<MongoReviewDocument>.Filter;
    private static readonly FilterDefinitionBuilder<MongoReviewSummaryDocument> SummaryFilter = Builders<MongoReviewSummaryDocument>.Filter;
    private static readonly FindOneAndUpdateOptions<MongoReviewDocument> ReturnAfter = new() { ReturnDocument = ReturnDocument.After };

    private readonly IMongoCollection<MongoReviewDocument> _reviews = Collection(store ?? throw new ArgumentNullException(nameof(store)));
    private readonly IMongoCollection<MongoReviewSummaryDocument> _summaries = Summaries(store);
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    internal static IMongoCollection<MongoReviewDocument> Collection(MongoStore store) =>
        store.Database.GetCollection<MongoReviewDocument>(CollectionName);

    internal static IMongoCollection<MongoReviewSummaryDocument> Summaries(MongoStore store) =>
        store.Database.GetCollection<MongoReviewSummaryDocument>(SummaryCollectionName);

    internal static CreateIndexModel<MongoReviewDocument>[] Indexes { get; } =
    [
        new(Builders<MongoReviewDocument>.IndexKeys.Ascending(x => x.ConsultationId), new CreateIndexOptions { Name = "consultation_unique", Unique = true }),
        new(Builders<MongoReviewDocument>.IndexKeys.Ascending(x => x.AstrologerId).Ascending(x => x.Hidden).Descending(x => x.Id), new CreateIndexOptions { Name = "astrologer_hidden_id" }),
    ];

    public async Task<Review?> CreateAsync(NewReview review, CancellationToken cancellationToken = default)
    {
        var created = ReviewDocuments.New(review, _clock);
        try
        {
            await _reviews.InsertOneAsync(ToDocument(created), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
        {
            return null;
        }

        await RefreshSummaryAsync(created.AstrologerId, cancellationToken).ConfigureAwait(false);
        return created;
    }

    public async Task<Review?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var d = await _reviews.Find(Filter.Eq(x => x.Id, id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return d is null ? null : ToReview(d);
    }

    public async Task<Review?> FindByConsultationAsync(string consultationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consultationId);
        var d = await _reviews.Find(Filter.Eq(x => x.ConsultationId, consultationId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return d is null ? null : ToReview(d);
    }

    public async Task<Review?> EditAsync(string id, int rating, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var (stars, body) = ReviewDocuments.Checked(rating, text);
        var d = await _reviews.FindOneAndUpdateAsync(Filter.Eq(x => x.Id, id), EditUpdate(stars, body, StoredTime.From(_clock.GetUtcNow())), ReturnAfter, cancellationToken).ConfigureAwait(false);
        if (d is null)
        {
            return null;
        }

        await RefreshSummaryAsync(d.AstrologerId, cancellationToken).ConfigureAwait(false);
        return ToReview(d);
    }

    public async Task<Review?> ReplyAsync(string id, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var reply = ReviewDocuments.CheckedReply(text);
        var d = await _reviews.FindOneAndUpdateAsync(ReplyFilter(id), ReplyUpdate(reply, StoredTime.From(_clock.GetUtcNow())), ReturnAfter, cancellationToken).ConfigureAwait(false);
        return d is null ? null : ToReview(d);
    }

    public async Task<Review?> SetHiddenAsync(string id, bool hidden, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var d = await _reviews.FindOneAndUpdateAsync(Filter.Eq(x => x.Id, id), Builders<MongoReviewDocument>.Update.Set(x => x.Hidden, hidden), ReturnAfter, cancellationToken).ConfigureAwait(false);
        if (d is null)
        {
            return null;
        }

        await RefreshSummaryAsync(d.AstrologerId, cancellationToken).ConfigureAwait(false);
        return ToReview(d);
    }

    public async Task<Page<Review>> ListByAstrologerAsync(string astrologerId, bool includeHidden, int skip, int take, CancellationToken cancellationToken = default)
    {
        ReviewDocuments.RequireList(astrologerId, skip, take);
        var filter = ListFilter(astrologerId, includeHidden);
        var total = await _reviews.CountDocumentsAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Ids are version-7 GUIDs: descending id is newest first.
        var documents = await _reviews.Find(filter).Sort(Builders<MongoReviewDocument>.Sort.Descending(x => x.Id)).Skip(skip).Limit(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<Review>(documents.ConvertAll(ToReview), total, skip, take);
    }

    public async Task<ReviewSummary> SummaryAsync(string astrologerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(astrologerId);
        var s = await _summaries.Find(SummaryFilter.Eq(x => x.Id, astrologerId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return s is null ? ReviewSummary.None : new ReviewSummary(s.Count, s.RatingSum);
    }

    public async Task<IReadOnlyDictionary<string, ReviewSummary>> SummariesAsync(IReadOnlyCollection<string> astrologerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(astrologerIds);
        var result = new Dictionary<string, ReviewSummary>(StringComparer.Ordinal);
        if (astrologerIds.Count == 0)
        {
            return result;
        }

        var found = await _summaries.Find(SummaryFilter.In(x => x.Id, astrologerIds.Distinct(StringComparer.Ordinal)) & SummaryFilter.Gt(x => x.Count, 0))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var s in found)
        {
            result[s.Id] = new ReviewSummary(s.Count, s.RatingSum);
        }

        return result;
    }

    private async Task RefreshSummaryAsync(string astrologerId, CancellationToken cancellationToken)
    {
        var ticket = await _summaries.FindOneAndUpdateAsync(
            SummaryFilter.Eq(x => x.Id, astrologerId), RevisionUpdate(),
            new FindOneAndUpdateOptions<MongoReviewSummaryDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After },
            cancellationToken).ConfigureAwait(false);
        var counted = await _reviews.Aggregate()
            .Match(ListFilter(astrologerId, includeHidden: false))
            .Group(new BsonDocument { { "_id", BsonNull.Value }, { "count", new BsonDocument("$sum", 1) }, { "sum", new BsonDocument("$sum", new BsonDocument("$toLong", "$rating")) } })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var count = counted?["count"].ToInt32() ?? 0;
        var sum = counted?["sum"].ToInt64() ?? 0;
        await _summaries.UpdateOneAsync(CountedBefore(astrologerId, ticket.Revision), CountUpdate(ticket.Revision, count, sum), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    internal static FilterDefinition<MongoReviewDocument> ListFilter(string astrologerId, bool includeHidden) =>
        includeHidden ? Filter.Eq(x => x.AstrologerId, astrologerId) : Filter.Eq(x => x.AstrologerId, astrologerId) & Filter.Eq(x => x.Hidden, false);

    /// <summary>Only a review without a reply takes one.</summary>
    internal static FilterDefinition<MongoReviewDocument> ReplyFilter(string id) => Filter.Eq(x => x.Id, id) & Filter.Eq(x => x.ReplyText, null);

    internal static UpdateDefinition<MongoReviewDocument> ReplyUpdate(string text, DateTime at) =>
        Builders<MongoReviewDocument>.Update.Set(x => x.ReplyText, text).Set(x => x.ReplyAt, at);

    internal static UpdateDefinition<MongoReviewDocument> EditUpdate(int rating, string text, DateTime at) =>
        Builders<MongoReviewDocument>.Update.Set(x => x.Rating, rating).Set(x => x.Text, text).Set(x => x.EditedAt, at);

    /// <summary>Takes the next revision; a new summary starts at revision 1, counted at 0.</summary>
    internal static UpdateDefinition<MongoReviewSummaryDocument> RevisionUpdate() =>
        Builders<MongoReviewSummaryDocument>.Update.Inc(x => x.Revision, 1L).SetOnInsert(x => x.CountedRevision, 0L).SetOnInsert(x => x.Count, 0).SetOnInsert(x => x.RatingSum, 0L);

    /// <summary>The summary, only while no recount of <paramref name="revision"/> or later has been written.</summary>
    internal static FilterDefinition<MongoReviewSummaryDocument> CountedBefore(string astrologerId, long revision) =>
        SummaryFilter.Eq(x => x.Id, astrologerId) & SummaryFilter.Lt(x => x.CountedRevision, revision);

    internal static UpdateDefinition<MongoReviewSummaryDocument> CountUpdate(long revision, int count, long sum) =>
        Builders<MongoReviewSummaryDocument>.Update.Set(x => x.CountedRevision, revision).Set(x => x.Count, count).Set(x => x.RatingSum, sum);

    private static MongoReviewDocument ToDocument(Review r) => new()
    {
        Id = r.Id,
        ConsultationId = r.ConsultationId,
        UserId = r.UserId,
        AstrologerId = r.AstrologerId,
        Rating = r.Rating,
        Text = r.Text,
        CreatedAt = StoredTime.From(r.CreatedAt),
        EditedAt = StoredTime.From(r.EditedAt),
        ReplyText = r.Reply?.Text,
        ReplyAt = StoredTime.From(r.Reply?.CreatedAt),
        Hidden = r.Hidden,
    };

    private static Review ToReview(MongoReviewDocument d) => new()
    {
        Id = d.Id,
        ConsultationId = d.ConsultationId,
        UserId = d.UserId,
        AstrologerId = d.AstrologerId,
        Rating = d.Rating,
        Text = d.Text,
        CreatedAt = StoredTime.Read(d.CreatedAt),
        EditedAt = StoredTime.Read(d.EditedAt),
        Reply = d is { ReplyText: { } text, ReplyAt: { } at } ? new ReviewReply(text, StoredTime.Read(at)) : null,
        Hidden = d.Hidden,
    };
}

[BsonIgnoreExtraElements]
internal sealed class MongoReviewDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("consultationId")]
    public string ConsultationId { get; set; } = "";

    [BsonElement("userId")]
    public string UserId { get; set; } = "";

    [BsonElement("astrologerId")]
    public string AstrologerId { get; set; } = "";

    [BsonElement("rating")]
    public int Rating { get; set; }

    [BsonElement("text")]
    public string Text { get; set; } = "";

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    [BsonElement("editedAt")]
    public DateTime? EditedAt { get; set; }

    [BsonElement("replyText")]
    public string? ReplyText { get; set; }

    [BsonElement("replyAt")]
    public DateTime? ReplyAt { get; set; }

    [BsonElement("hidden")]
    public bool Hidden { get; set; }
}

[BsonIgnoreExtraElements]
internal sealed class MongoReviewSummaryDocument
{
    // The astrologer's account id.
    [BsonId]
    public string Id { get; set; } = "";

    // Taken by every change (atomic $inc).
    [BsonElement("revision")]
    public long Revision { get; set; }

    // The revision the stored figures were counted at.
    [BsonElement("countedRevision")]
    public long CountedRevision { get; set; }

    [BsonElement("count")]
    public int Count { get; set; }

    [BsonElement("ratingSum")]
    public long RatingSum { get; set; }
}
