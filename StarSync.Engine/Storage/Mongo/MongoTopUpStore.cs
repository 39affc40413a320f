using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using StarSync.Engine.Payments;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="ITopUpStore"/> on MongoDB. Every change is one guarded <c>FindOneAndUpdate</c> whose filter names the
/// state (or total) the caller expects, so racing handlers cannot both move a top-up.
/// </summary>
public sealed class MongoTopUpStore(MongoStore store, TimeProvider clock) : ITopUpStore
{
    internal const string CollectionName = "topUps";
    private static readonly FilterDefinitionBuilder<MongoTopUpDocument> Filter = Builders<MongoTopUpDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoTopUpDocument> Update = Builders<MongoTopUpDocument>.Update;
    private static readonly FindOneAndUpdateOptions<MongoTopUpDocument> ReturnAfter = new() { ReturnDocument = ReturnDocument.After };

    private readonly IMongoCollection<MongoTopUpDocument> _topUps = Collection(store);
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>The indexes lookups rely on; the session and payment ones are unique where set.</summary>
    public static async Task EnsureIndexesAsync(MongoStore store, CancellationToken cancellationToken = default)
    {
        await Collection(store).Indexes.CreateManyAsync(
        [
            new(Builders<MongoTopUpDocument>.IndexKeys.Ascending(x => x.CheckoutSessionId),
                new CreateIndexOptions<MongoTopUpDocument> { Name = "checkoutSession_unique", Unique = true, PartialFilterExpression = Filter.Type(x => x.CheckoutSessionId, MongoDB.Bson.BsonType.String) }),
            new(Builders<MongoTopUpDocument>.IndexKeys.Ascending(x => x.PaymentIntentId),
                new CreateIndexOptions<MongoTopUpDocument> { Name = "paymentIntent", PartialFilterExpression = Filter.Type(x => x.PaymentIntentId, MongoDB.Bson.BsonType.String) }),
            new(Builders<MongoTopUpDocument>.IndexKeys.Ascending(x => x.AccountId).Descending(x => x.CreatedAt), new CreateIndexOptions { Name = "account_createdAt" }),
            new(Builders<MongoTopUpDocument>.IndexKeys.Ascending(x => x.State).Ascending(x => x.CreatedAt), new CreateIndexOptions { Name = "state_createdAt" }),
        ], cancellationToken).ConfigureAwait(false);
    }

    public async Task<TopUp> CreateAsync(NewTopUp topUp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topUp);
        topUp.Validate();
        var now = StoredTime.From(_clock.GetUtcNow());
        var document = new MongoTopUpDocument
        {
            Id = TopUpIds.New(),
            AccountId = topUp.AccountId,
            Provider = topUp.Provider,
            ChargeAmount = topUp.ChargeAmount,
            CreditAmount = topUp.CreditAmount,
            TaxAmount = topUp.TaxAmount,
            Currency = topUp.Currency,
            State = StoredName.Of(TopUpState.Pending),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await _topUps.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToTopUp(document);
    }

    public Task<TopUp?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        FindOneAsync(Filter.Eq(x => x.Id, id ?? throw new ArgumentNullException(nameof(id))), cancellationToken);

    public Task<TopUp?> FindByCheckoutSessionAsync(string checkoutSessionId, CancellationToken cancellationToken = default) =>
        FindOneAsync(Filter.Eq(x => x.CheckoutSessionId, checkoutSessionId ?? throw new ArgumentNullException(nameof(checkoutSessionId))), cancellationToken);

    public Task<TopUp?> FindByPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken = default) =>
        FindOneAsync(Filter.Eq(x => x.PaymentIntentId, paymentIntentId ?? throw new ArgumentNullException(nameof(paymentIntentId))), cancellationToken);

    public async Task<TopUp?> AttachCheckoutAsync(string id, string checkoutSessionId, string checkoutUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkoutSessionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkoutUrl);
        var now = StoredTime.From(_clock.GetUtcNow());
        await _topUps.UpdateOneAsync(
            AttachFilter(id),
            Update.Set(x => x.CheckoutSessionId, checkoutSessionId).Set(x => x.CheckoutUrl, checkoutUrl).Set(x => x.UpdatedAt, now),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TopUp?> TransitionAsync(string id, TopUpState expected, TopUpState target, TopUpTransition details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(details);
        var changed = await _topUps.FindOneAndUpdateAsync(
            TransitionFilter(id, expected), TransitionUpdate(target, details, StoredTime.From(_clock.GetUtcNow())), ReturnAfter, cancellationToken).ConfigureAwait(false);
        return changed is null ? null : ToTopUp(changed);
    }

    public async Task<TopUp?> CompareAndSetReversalAsync(string id, TopUpReversal reversal, long expected, long updated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfNegative(updated);
        var now = StoredTime.From(_clock.GetUtcNow());
        var changed = reversal == TopUpReversal.Refund
            ? await _topUps.FindOneAndUpdateAsync(
                Filter.Eq(x => x.Id, id) & Filter.Eq(x => x.RefundedAmount, expected),
                Update.Set(x => x.RefundedAmount, updated).Set(x => x.UpdatedAt, now), ReturnAfter, cancellationToken).ConfigureAwait(false)
            : await _topUps.FindOneAndUpdateAsync(
                Filter.Eq(x => x.Id, id) & Filter.Eq(x => x.DisputedAmount, expected),
                Update.Set(x => x.DisputedAmount, updated).Set(x => x.UpdatedAt, now), ReturnAfter, cancellationToken).ConfigureAwait(false);
        return changed is null ? null : ToTopUp(changed);
    }

    public async Task<IReadOnlyList<TopUp>> ListPendingAsync(DateTimeOffset createdBefore, int take, CancellationToken cancellationToken = default)
    {
        Paging.Require(0, take);
        var found = await _topUps.Find(PendingFilter(createdBefore)).Sort(Builders<MongoTopUpDocument>.Sort.Ascending(x => x.CreatedAt))
            .Limit(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return found.ConvertAll(ToTopUp);
    }

    public async Task<Page<TopUp>> ListByAccountAsync(string accountId, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        Paging.Require(skip, take);
        var filter = Filter.Eq(x => x.AccountId, accountId);
        var total = await _topUps.CountDocumentsAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false);
        var items = await _topUps.Find(filter).Sort(Builders<MongoTopUpDocument>.Sort.Descending(x => x.CreatedAt))
            .Skip(skip).Limit(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<TopUp>(items.ConvertAll(ToTopUp), total, skip, take);
    }

    internal static FilterDefinition<MongoTopUpDocument> AttachFilter(string id) => Filter.Eq(x => x.Id, id) & Filter.Eq(x => x.CheckoutSessionId, null);

    internal static FilterDefinition<MongoTopUpDocument> TransitionFilter(string id, TopUpState expected) =>
        Filter.Eq(x => x.Id, id) & Filter.Eq(x => x.State, StoredName.Of(expected));

    internal static UpdateDefinition<MongoTopUpDocument> TransitionUpdate(TopUpState target, TopUpTransition details, DateTime now)
    {
        var update = Update.Set(x => x.State, StoredName.Of(target)).Set(x => x.StateReason, details.Reason).Set(x => x.UpdatedAt, now);
        return details.PaymentIntentId is { } paymentIntent ? update.Set(x => x.PaymentIntentId, paymentIntent) : update;
    }

    internal static FilterDefinition<MongoTopUpDocument> PendingFilter(DateTimeOffset createdBefore) =>
        Filter.Eq(x => x.State, StoredName.Of(TopUpState.Pending)) & Filter.Lt(x => x.CreatedAt, StoredTime.From(createdBefore));

    private static IMongoCollection<MongoTopUpDocument> Collection(MongoStore store) =>
        (store ?? throw new ArgumentNullException(nameof(store))).Database.GetCollection<MongoTopUpDocument>(CollectionName);

    private async Task<TopUp?> FindOneAsync(FilterDefinition<MongoTopUpDocument> filter, CancellationToken cancellationToken)
    {
        var found = await _topUps.Find(filter).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return found is null ? null : ToTopUp(found);
    }

    private static TopUp ToTopUp(MongoTopUpDocument d) => new(
        d.Id, d.AccountId, d.Provider, d.ChargeAmount, d.CreditAmount, d.TaxAmount, d.Currency, StoredName.Parse<TopUpState>(d.State),
        d.CheckoutSessionId, d.CheckoutUrl, d.PaymentIntentId, d.StateReason, d.RefundedAmount, d.DisputedAmount,
        StoredTime.Read(d.CreatedAt), StoredTime.Read(d.UpdatedAt));
}

/// <summary><see cref="IWebhookEventStore"/> on MongoDB: the event id is <c>_id</c>, so of racing inserts one wins.</summary>
public sealed class MongoWebhookEventStore(MongoStore store, TimeProvider clock) : IWebhookEventStore
{
    internal const string CollectionName = "webhookEvents";

    private readonly IMongoCollection<MongoWebhookEventDocument> _events =
        (store ?? throw new ArgumentNullException(nameof(store))).Database.GetCollection<MongoWebhookEventDocument>(CollectionName);

    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public async Task<bool> TryRecordAsync(string eventId, string type, string? objectId, string outcome, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(outcome);
        try
        {
            await _events.InsertOneAsync(
                new MongoWebhookEventDocument { Id = eventId, Type = type, ObjectId = objectId, Outcome = outcome, ReceivedAt = StoredTime.From(_clock.GetUtcNow()) },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
        {
            return false;
        }
    }

    public async Task<WebhookEventRecord?> FindAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var d = await _events.Find(Builders<MongoWebhookEventDocument>.Filter.Eq(x => x.Id, eventId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return d is null ? null : new WebhookEventRecord(d.Id, d.Type, d.ObjectId, d.Outcome, StoredTime.Read(d.ReceivedAt));
    }
}

[BsonIgnoreExtraElements]
internal sealed class MongoTopUpDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("accountId")]
    public string AccountId { get; set; } = "";

    [BsonElement("provider")]
    public string Provider { get; set; } = "";

    [BsonElement("chargeAmount")]
    public long ChargeAmount { get; set; }

    [BsonElement("creditAmount")]
    public long CreditAmount { get; set; }

    [BsonElement("taxAmount")]
    public long TaxAmount { get; set; }

    [BsonElement("currency")]
    public string Currency { get; set; } = "";

    [BsonElement("state")]
    public string State { get; set; } = "";

    [BsonElement("checkoutSessionId")]
    public string? CheckoutSessionId { get; set; }

    [BsonElement("checkoutUrl")]
    public string? CheckoutUrl { get; set; }

    [BsonElement("paymentIntentId")]
    public string? PaymentIntentId { get; set; }

    [BsonElement("stateReason")]
    public string? StateReason { get; set; }

    [BsonElement("refundedAmount")]
    public long RefundedAmount { get; set; }

    [BsonElement("disputedAmount")]
    public long DisputedAmount { get; set; }

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    [BsonElement("updatedAt")]
    public DateTime UpdatedAt { get; set; }
}

[BsonIgnoreExtraElements]
internal sealed class MongoWebhookEventDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("type")]
    public string Type { get; set; } = "";

    [BsonElement("objectId")]
    public string? ObjectId { get; set; }

    [BsonElement("outcome")]
    public string Outcome { get; set; } = "";

    [BsonElement("receivedAt")]
    public DateTime ReceivedAt { get; set; }
}
