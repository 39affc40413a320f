using LiteDB;
using StarSync.Engine.Payments;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="ITopUpStore"/> on the embedded LiteDB file. Every change is one conditional
/// <c>UpdateMany(x =&gt; new T { … }, predicate)</c>, atomic within the process that owns the file.
/// </summary>
public sealed class LiteTopUpStore : ITopUpStore
{
    internal const string CollectionName = "topUps";
    private static readonly string PendingState = StoredName.Of(TopUpState.Pending);

    private readonly ILiteCollection<LiteTopUpDocument> _topUps;
    private readonly TimeProvider _clock;

    /// <summary>Opens the collection and ensures its indexes (session, payment, account, state and time).</summary>
    public LiteTopUpStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        // Map the document once here, at start-up, on one thread (see LiteDocuments.CreateMapper).
        _ = store.Database.Mapper.ToDocument(new LiteTopUpDocument());
        _topUps = store.Database.GetCollection<LiteTopUpDocument>(CollectionName);
        _topUps.EnsureIndex(x => x.CheckoutSessionId);
        _topUps.EnsureIndex(x => x.PaymentIntentId);
        _topUps.EnsureIndex(x => x.AccountId);
        _topUps.EnsureIndex(x => x.State);
    }

    public Task<TopUp> CreateAsync(NewTopUp topUp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topUp);
        topUp.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        var document = new LiteTopUpDocument
        {
            Id = TopUpIds.New(),
            AccountId = topUp.AccountId,
            Provider = topUp.Provider,
            ChargeAmount = topUp.ChargeAmount,
            CreditAmount = topUp.CreditAmount,
            TaxAmount = topUp.TaxAmount,
            Currency = topUp.Currency,
            State = PendingState,
            CreatedAt = now,
            UpdatedAt = now,
        };
        _topUps.Insert(document);
        return Task.FromResult(ToTopUp(document));
    }

    public Task<TopUp?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(id));
    }

    public Task<TopUp?> FindByCheckoutSessionAsync(string checkoutSessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkoutSessionId);
        cancellationToken.ThrowIfCancellationRequested();
        var found = _topUps.FindOne(x => x.CheckoutSessionId == checkoutSessionId);
        return Task.FromResult(found is null ? null : ToTopUp(found));
    }

    public Task<TopUp?> FindByPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paymentIntentId);
        cancellationToken.ThrowIfCancellationRequested();
        var found = _topUps.FindOne(x => x.PaymentIntentId == paymentIntentId);
        return Task.FromResult(found is null ? null : ToTopUp(found));
    }

    public Task<TopUp?> AttachCheckoutAsync(string id, string checkoutSessionId, string checkoutUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkoutSessionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkoutUrl);
        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        _topUps.UpdateMany(
            x => new LiteTopUpDocument { CheckoutSessionId = checkoutSessionId, CheckoutUrl = checkoutUrl, UpdatedAt = now },
            x => x.Id == id && x.CheckoutSessionId == null);
        return Task.FromResult(Read(id));
    }

    public Task<TopUp?> TransitionAsync(string id, TopUpState expected, TopUpState target, TopUpTransition details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(details);
        cancellationToken.ThrowIfCancellationRequested();
        var fromState = StoredName.Of(expected);
        var toState = StoredName.Of(target);
        var reason = details.Reason;
        var now = StoredTime.From(_clock.GetUtcNow());
        var changed = details.PaymentIntentId is { } paymentIntent
            ? _topUps.UpdateMany(
                x => new LiteTopUpDocument { State = toState, StateReason = reason, PaymentIntentId = paymentIntent, UpdatedAt = now },
                x => x.Id == id && x.State == fromState)
            : _topUps.UpdateMany(
                x => new LiteTopUpDocument { State = toState, StateReason = reason, UpdatedAt = now },
                x => x.Id == id && x.State == fromState);
        return Task.FromResult(changed == 1 ? Read(id) : null);
    }

    public Task<TopUp?> CompareAndSetReversalAsync(string id, TopUpReversal reversal, long expected, long updated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfNegative(updated);
        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        var changed = reversal == TopUpReversal.Refund
            ? _topUps.UpdateMany(x => new LiteTopUpDocument { RefundedAmount = updated, UpdatedAt = now }, x => x.Id == id && x.RefundedAmount == expected)
            : _topUps.UpdateMany(x => new LiteTopUpDocument { DisputedAmount = updated, UpdatedAt = now }, x => x.Id == id && x.DisputedAmount == expected);
        return Task.FromResult(changed == 1 ? Read(id) : null);
    }

    public Task<IReadOnlyList<TopUp>> ListPendingAsync(DateTimeOffset createdBefore, int take, CancellationToken cancellationToken = default)
    {
        Paging.Require(0, take);
        cancellationToken.ThrowIfCancellationRequested();
        var before = StoredTime.From(createdBefore);
        var found = _topUps.Query()
            .Where(x => x.State == PendingState && x.CreatedAt < before)
            .OrderBy(x => x.CreatedAt)
            .Limit(take)
            .ToList();
        return Task.FromResult<IReadOnlyList<TopUp>>(found.ConvertAll(ToTopUp));
    }

    public Task<Page<TopUp>> ListByAccountAsync(string accountId, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        Paging.Require(skip, take);
        cancellationToken.ThrowIfCancellationRequested();
        var query = _topUps.Query().Where(x => x.AccountId == accountId);
        var total = query.LongCount();
        var items = query.OrderByDescending(x => x.CreatedAt).Skip(skip).Limit(take).ToList();
        return Task.FromResult(new Page<TopUp>(items.ConvertAll(ToTopUp), total, skip, take));
    }

    private TopUp? Read(string id) => _topUps.FindById(id) is { } document ? ToTopUp(document) : null;

    private static TopUp ToTopUp(LiteTopUpDocument d) => new(
        d.Id, d.AccountId, d.Provider, d.ChargeAmount, d.CreditAmount, d.TaxAmount, d.Currency, StoredName.Parse<TopUpState>(d.State),
        d.CheckoutSessionId, d.CheckoutUrl, d.PaymentIntentId, d.StateReason, d.RefundedAmount, d.DisputedAmount,
        StoredTime.Read(d.CreatedAt), StoredTime.Read(d.UpdatedAt));
}

/// <summary>
/// <see cref="IWebhookEventStore"/> on the embedded LiteDB file: the event id is the primary key, so of racing inserts
/// one wins and the others meet LiteDB's duplicate-key error.
/// </summary>
public sealed class LiteWebhookEventStore : IWebhookEventStore
{
    internal const string CollectionName = "webhookEvents";

    private readonly ILiteCollection<LiteWebhookEventDocument> _events;
    private readonly TimeProvider _clock;

    public LiteWebhookEventStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _ = store.Database.Mapper.ToDocument(new LiteWebhookEventDocument());
        _events = store.Database.GetCollection<LiteWebhookEventDocument>(CollectionName);
        LiteCollections.EnsureCreated(store.Database, CollectionName);
    }

    public Task<bool> TryRecordAsync(string eventId, string type, string? objectId, string outcome, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(outcome);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            _events.Insert(new LiteWebhookEventDocument
            {
                Id = eventId,
                Type = type,
                ObjectId = objectId,
                Outcome = outcome,
                ReceivedAt = StoredTime.From(_clock.GetUtcNow()),
            });
            return Task.FromResult(true);
        }
        catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
        {
            return Task.FromResult(false);
        }
    }

    public Task<WebhookEventRecord?> FindAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        cancellationToken.ThrowIfCancellationRequested();
        var d = _events.FindById(eventId);
        return Task.FromResult(d is null ? null : new WebhookEventRecord(d.Id, d.Type, d.ObjectId, d.Outcome, StoredTime.Read(d.ReceivedAt)));
    }
}

internal sealed class LiteTopUpDocument
{
    public string Id { get; set; } = "";

    public string AccountId { get; set; } = "";

    public string Provider { get; set; } = "";

    public long ChargeAmount { get; set; }

    public long CreditAmount { get; set; }

    public long TaxAmount { get; set; }

    public string Currency { get; set; } = "";

    public string State { get; set; } = "";

    public string? CheckoutSessionId { get; set; }

    public string? CheckoutUrl { get; set; }

    public string? PaymentIntentId { get; set; }

    public string? StateReason { get; set; }

    public long RefundedAmount { get; set; }

    public long DisputedAmount { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class LiteWebhookEventDocument
{
    public string Id { get; set; } = "";

    public string Type { get; set; } = "";

    public string? ObjectId { get; set; }

    public string Outcome { get; set; } = "";

    public DateTime ReceivedAt { get; set; }
}
