using LiteDB;
using StarSync.Engine.Consultations;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="IConsultationStore"/> on the embedded LiteDB file: one document per consultation. The compare-and-set reads
/// the document and writes the next version under one lock, which every change to a consultation takes (the file
/// belongs to this process alone, so an in-process lock is enough); the one-open-consultation-per-user rule is a
/// unique index on <c>OpenSlot</c>.
/// </summary>
public sealed class LiteConsultationStore : IConsultationStore
{
    internal const string Collection = "consultations";
    internal const string HeartbeatCollection = "consultationHeartbeat";
    private const string HeartbeatId = "billing";

    private readonly ILiteCollection<LiteConsultationDocument> _consultations;
    private readonly ILiteCollection<LiteHeartbeatDocument> _heartbeat;
    private readonly TimeProvider _clock;
    private readonly LiteDatabase _database;

    // Taken by every read-then-write of a consultation (compare-and-set, counting minutes).
    private readonly object _writeGate = new();

    /// <summary>Opens the collections and ensures the indexes (unique open slot, state, user, astrologer).</summary>
    public LiteConsultationStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        // Map the types once here, on one thread (see LiteDocuments.CreateMapper for why).
        _ = store.Database.Mapper.ToDocument(new LiteConsultationDocument());
        _ = store.Database.Mapper.ToDocument(new LiteHeartbeatDocument());
        _database = store.Database;
        _consultations = store.Database.GetCollection<LiteConsultationDocument>(Collection);
        _heartbeat = store.Database.GetCollection<LiteHeartbeatDocument>(HeartbeatCollection);
        LiteCollections.EnsureCreated(store.Database, HeartbeatCollection);
        _consultations.EnsureIndex(x => x.OpenSlot, unique: true);
        _consultations.EnsureIndex(x => x.State);
        _consultations.EnsureIndex(x => x.UserId);
        _consultations.EnsureIndex(x => x.AstrologerId);
    }

    public Task<Consultation?> CreateAsync(NewConsultation request, CancellationToken cancellationToken = default)
    {
        var consultation = ConsultationDocuments.New(request, _clock);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            _consultations.Insert(ToDocument(consultation));
            return Task.FromResult<Consultation?>(consultation);
        }
        catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
        {
            return Task.FromResult<Consultation?>(null);
        }
    }

    public Task<Consultation?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        cancellationToken.ThrowIfCancellationRequested();
        var document = _consultations.FindById(id);
        return Task.FromResult(document is null ? null : ToConsultation(document));
    }

    public Task<Consultation?> ReplaceAsync(Consultation expected, Consultation replacement, CancellationToken cancellationToken = default)
    {
        ConsultationStoreExtensions.RequireReplaceable(expected, replacement);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeGate)
        {
            var current = _consultations.FindById(expected.Id);
            if (current is null || current.Version != expected.Version || current.State != StoredName.Of(expected.State))
            {
                return Task.FromResult<Consultation?>(null);
            }

            return Task.FromResult<Consultation?>(Write(current, replacement));
        }
    }

    /// <summary>
    /// All the minutes in one transaction, each checked against the document as stored: the billing loop counts every
    /// minute due at once this way, one commit for all of them instead of one each.
    /// </summary>
    public Task<IReadOnlyList<Consultation?>> RecordMinutesAsync(IReadOnlyList<BilledMinute> minutes, DateTimeOffset at, TimeSpan minuteLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = new Consultation?[minutes.Count];
        if (minutes.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<Consultation?>>(stored);
        }

        var active = StoredName.Of(ConsultationState.Active);
        lock (_writeGate)
        {
            // Synchronously, under the gate: a LiteDB transaction belongs to the thread that began it.
            if (!_database.BeginTrans())
            {
                throw new InvalidOperationException("A LiteDB transaction is already open on this thread.");
            }

            var open = true;
            try
            {
                for (var i = 0; i < minutes.Count; i++)
                {
                    var (id, minute, charge) = minutes[i];
                    var current = _consultations.FindById(id);
                    if (current is null || current.State != active || current.BilledMinutes != minute - 1)
                    {
                        continue;
                    }

                    stored[i] = Write(current, ConsultationLifecycle.Billed(ToConsultation(current), minute, charge, at, minuteLength));
                }

                open = !_database.Commit();
                if (open)
                {
                    throw new InvalidOperationException("The LiteDB transaction was not committed.");
                }
            }
            finally
            {
                if (open)
                {
                    _database.Rollback();
                }
            }
        }

        return Task.FromResult<IReadOnlyList<Consultation?>>(stored);
    }

    // Under the gate, after the caller checked `current` is what it expected: the next version, keeping what never
    // changes (id, parties, request time) from the stored document.
    private Consultation Write(LiteConsultationDocument current, Consultation replacement)
    {
        var stored = ConsultationDocuments.Stored(replacement with { Version = current.Version + 1 });
        var document = ToDocument(stored);
        document.UserId = current.UserId;
        document.AstrologerId = current.AstrologerId;
        document.RequestedAt = current.RequestedAt;
        if (!_consultations.Update(document))
        {
            throw new InvalidOperationException($"Consultation {current.Id} was read but could not be updated.");
        }

        return stored;
    }

    public Task<Page<Consultation>> QueryAsync(ConsultationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Paging.Require(query.Skip, query.Take);
        cancellationToken.ThrowIfCancellationRequested();
        var found = _consultations.Query();
        if (query.UserId is { } userId)
        {
            found = found.Where(x => x.UserId == userId);
        }

        if (query.AstrologerId is { } astrologerId)
        {
            found = found.Where(x => x.AstrologerId == astrologerId);
        }

        if (query.State is { } state)
        {
            var stored = StoredName.Of(state);
            found = found.Where(x => x.State == stored);
        }

        if (query.RequestedBefore is { } before)
        {
            var limit = StoredTime.From(before);
            found = found.Where(x => x.RequestedAt < limit);
        }

        if (query.Accepted is { } accepted)
        {
            found = accepted ? found.Where(x => x.AcceptedAt != null) : found.Where(x => x.AcceptedAt == null);
        }

        // BSON orders null before every date, so "before" alone would also match never-accepted consultations.
        if (query.AcceptedFrom is { } acceptedFrom)
        {
            var since = StoredTime.From(acceptedFrom);
            found = found.Where(x => x.AcceptedAt != null && x.AcceptedAt >= since);
        }

        if (query.AcceptedBefore is { } acceptedBefore)
        {
            var until = StoredTime.From(acceptedBefore);
            found = found.Where(x => x.AcceptedAt != null && x.AcceptedAt < until);
        }

        var total = found.LongCount();
        // Ids are version-7 GUIDs: descending id is newest request first.
        var items = found.OrderByDescending(x => x.Id).Skip(query.Skip).Limit(query.Take).ToList();
        return Task.FromResult(new Page<Consultation>(items.ConvertAll(ToConsultation), total, query.Skip, query.Take));
    }

    public Task BeatAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stamp = StoredTime.From(at);
        // Never moves back: a slower node's late write must not hide a newer beat.
        if (_heartbeat.UpdateMany(x => new LiteHeartbeatDocument { At = stamp }, x => x.Id == HeartbeatId && x.At < stamp) == 0)
        {
            try
            {
                _heartbeat.Insert(new LiteHeartbeatDocument { Id = HeartbeatId, At = stamp });
            }
            catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
            {
                // It exists and is already at or after this beat.
            }
        }

        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> LastBeatAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(StoredTime.Read(_heartbeat.FindById(HeartbeatId)?.At));
    }

    private static LiteConsultationDocument ToDocument(Consultation c) => new()
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


    private static Consultation ToConsultation(LiteConsultationDocument d) => new()
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

internal sealed class LiteConsultationDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string UserId { get; set; } = "";

    public string AstrologerId { get; set; } = "";

    public string? BirthProfileId { get; set; }

    public string State { get; set; } = "";

    // "open:<userId>" while requested or active, "closed:<id>" after: unique, so a user has one open consultation.
    public string OpenSlot { get; set; } = "";

    public DateTime RequestedAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public long RatePerMinute { get; set; }

    public int CommissionBasisPoints { get; set; }

    public string Currency { get; set; } = "";

    public int BilledMinutes { get; set; }

    public long Charged { get; set; }

    public long Refunded { get; set; }

    public int PromotionalMinutes { get; set; }

    public string FirstMinute { get; set; } = "";

    public string? EndedBy { get; set; }

    public string? EndReason { get; set; }

    public DateTime? AstrologerFirstMessageAt { get; set; }

    public DateTime? LastBilledAt { get; set; }

    public DateTime? NextMinuteDueAt { get; set; }

    public DateTime? PausedAt { get; set; }
}

internal sealed class LiteHeartbeatDocument
{
    public string Id { get; set; } = "";

    public DateTime At { get; set; }
}
