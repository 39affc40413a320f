using LiteDB;
using StarSync.Engine.Reviews;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="IReviewStore"/> on the embedded LiteDB file: one document per review (unique index on the consultation)
/// and one summary document per astrologer. A change and the recount of its astrologer's summary run under one lock
/// of this store (the process owns the file, so the lock serialises every writer): the summary written is always a
/// recount made after the change.
/// </summary>
public sealed class LiteReviewStore : IReviewStore
{
    internal const string Collection = "reviews";
    internal const string SummaryCollection = "reviewSummaries";

    private readonly ILiteCollection<LiteReviewDocument> _reviews;
    private readonly ILiteCollection<LiteReviewSummaryDocument> _summaries;
    private readonly TimeProvider _clock;
    private readonly Lock _write = new();

    /// <summary>Opens the collections and ensures the indexes (unique consultation, astrologer).</summary>
    public LiteReviewStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        // Map the types once here, on one thread (see LiteDocuments.CreateMapper for why).
        _ = store.Database.Mapper.ToDocument(new LiteReviewDocument());
        _ = store.Database.Mapper.ToDocument(new LiteReviewSummaryDocument());
        _reviews = store.Database.GetCollection<LiteReviewDocument>(Collection);
        _summaries = store.Database.GetCollection<LiteReviewSummaryDocument>(SummaryCollection);
        LiteCollections.EnsureCreated(store.Database, SummaryCollection);
        _reviews.EnsureIndex(x => x.ConsultationId, unique: true);
        _reviews.EnsureIndex(x => x.AstrologerId);
    }

    public Task<Review?> CreateAsync(NewReview review, CancellationToken cancellationToken = default)
    {
        var created = ReviewDocuments.New(review, _clock);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_write)
        {
            try
            {
                _reviews.Insert(ToDocument(created));
            }
            catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
            {
                return Task.FromResult<Review?>(null);
            }

            Recount(created.AstrologerId);
            return Task.FromResult<Review?>(created);
        }
    }

    public Task<Review?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_reviews.FindById(id) is { } d ? ToReview(d) : null);
    }

    public Task<Review?> FindByConsultationAsync(string consultationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consultationId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_reviews.FindOne(x => x.ConsultationId == consultationId) is { } d ? ToReview(d) : null);
    }

    public Task<Review?> EditAsync(string id, int rating, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var (stars, body) = ReviewDocuments.Checked(rating, text);
        cancellationToken.ThrowIfCancellationRequested();
        DateTime? now = StoredTime.From(_clock.GetUtcNow());
        lock (_write)
        {
            if (_reviews.UpdateMany(x => new LiteReviewDocument { Rating = stars, Text = body, EditedAt = now }, x => x.Id == id) == 0)
            {
                return Task.FromResult<Review?>(null);
            }

            var stored = ToReview(_reviews.FindById(id));
            Recount(stored.AstrologerId);
            return Task.FromResult<Review?>(stored);
        }
    }

    public Task<Review?> ReplyAsync(string id, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var reply = ReviewDocuments.CheckedReply(text);
        cancellationToken.ThrowIfCancellationRequested();
        DateTime? now = StoredTime.From(_clock.GetUtcNow());
        var changed = _reviews.UpdateMany(x => new LiteReviewDocument { ReplyText = reply, ReplyAt = now }, x => x.Id == id && x.ReplyText == null);
        return Task.FromResult(changed == 1 ? ToReview(_reviews.FindById(id)) : null);
    }

    public Task<Review?> SetHiddenAsync(string id, bool hidden, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_write)
        {
            if (_reviews.UpdateMany(x => new LiteReviewDocument { Hidden = hidden }, x => x.Id == id) == 0)
            {
                return Task.FromResult<Review?>(null);
            }

            var stored = ToReview(_reviews.FindById(id));
            Recount(stored.AstrologerId);
            return Task.FromResult<Review?>(stored);
        }
    }

    public Task<Page<Review>> ListByAstrologerAsync(string astrologerId, bool includeHidden, int skip, int take, CancellationToken cancellationToken = default)
    {
        ReviewDocuments.RequireList(astrologerId, skip, take);
        cancellationToken.ThrowIfCancellationRequested();
        var found = _reviews.Query().Where(x => x.AstrologerId == astrologerId);
        if (!includeHidden)
        {
            found = found.Where(x => x.Hidden == false);
        }

        var total = found.LongCount();
        // Ids are version-7 GUIDs: descending id is newest first, ties in the same millisecond included.
        var items = found.OrderByDescending(x => x.Id).Skip(skip).Limit(take).ToList();
        return Task.FromResult(new Page<Review>(items.ConvertAll(ToReview), total, skip, take));
    }

    public Task<ReviewSummary> SummaryAsync(string astrologerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(astrologerId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_summaries.FindById(astrologerId) is { } s ? new ReviewSummary(s.Count, s.RatingSum) : ReviewSummary.None);
    }

    public Task<IReadOnlyDictionary<string, ReviewSummary>> SummariesAsync(IReadOnlyCollection<string> astrologerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(astrologerIds);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new Dictionary<string, ReviewSummary>(StringComparer.Ordinal);
        if (astrologerIds.Count > 0)
        {
            var ids = astrologerIds.Distinct(StringComparer.Ordinal).Select(id => new BsonValue(id)).ToArray();
            foreach (var s in _summaries.Find(Query.In("_id", ids)))
            {
                if (s.Count > 0)
                {
                    result[s.Id] = new ReviewSummary(s.Count, s.RatingSum);
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, ReviewSummary>>(result);
    }

    // Called under _write, after the change: the summary is a recount of what is stored now.
    private void Recount(string astrologerId)
    {
        var ratings = _reviews.Query().Where(x => x.AstrologerId == astrologerId && x.Hidden == false).Select(x => x.Rating).ToList();
        _summaries.Upsert(new LiteReviewSummaryDocument { Id = astrologerId, Count = ratings.Count, RatingSum = ratings.Sum(r => (long)r) });
    }

    private static LiteReviewDocument ToDocument(Review r) => new()
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

    private static Review ToReview(LiteReviewDocument d) => new()
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

internal sealed class LiteReviewDocument
{
    public string Id { get; set; } = "";

    public string ConsultationId { get; set; } = "";

    public string UserId { get; set; } = "";

    public string AstrologerId { get; set; } = "";

    public int Rating { get; set; }

    public string Text { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? EditedAt { get; set; }

    public string? ReplyText { get; set; }

    public DateTime? ReplyAt { get; set; }

    public bool Hidden { get; set; }
}

internal sealed class LiteReviewSummaryDocument
{
    // The astrologer's account id.
    public string Id { get; set; } = "";

    public int Count { get; set; }

    public long RatingSum { get; set; }
}
