using System.Globalization;
using LiteDB;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="IAuditLog"/> on the embedded LiteDB file. Ids are LiteDB's increasing Int64 auto-ids, so "newest first"
/// is descending id order (append order, which follows the clock).
/// </summary>
public sealed class LiteAuditLog : IAuditLog
{
    private readonly ILiteCollection<LiteAuditDocument> _entries;
    private readonly TimeProvider _clock;

    /// <summary>Opens the collection and ensures its indexes (kind, actor, account, time).</summary>
    public LiteAuditLog(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _entries = store.Database.GetCollection<LiteAuditDocument>(LiteCollections.AuditLog, BsonAutoId.Int64);
        _entries.EnsureIndex(x => x.Kind);
        _entries.EnsureIndex(x => x.Actor);
        _entries.EnsureIndex(x => x.AccountId);
        _entries.EnsureIndex(x => x.At);
    }

    public Task<AuditEntry> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Kind, nameof(entry));
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Actor, nameof(entry));
        cancellationToken.ThrowIfCancellationRequested();
        var document = new LiteAuditDocument
        {
            At = StoredTime.From(_clock.GetUtcNow()),
            Kind = entry.Kind,
            Actor = entry.Actor,
            AccountId = entry.AccountId,
            Detail = entry.Detail,
        };
        _entries.Insert(document);
        return Task.FromResult(ToEntry(document));
    }

    public Task<Page<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Paging.Require(query.Skip, query.Take);
        cancellationToken.ThrowIfCancellationRequested();
        var found = _entries.Query();
        if (query.Kind is { } kind)
        {
            found = found.Where(x => x.Kind == kind);
        }

        if (query.Actor is { } actor)
        {
            found = found.Where(x => x.Actor == actor);
        }

        if (query.AccountId is { } accountId)
        {
            found = found.Where(x => x.AccountId == accountId);
        }

        if (query.From is { } from)
        {
            var since = StoredTime.From(from);
            found = found.Where(x => x.At >= since);
        }

        if (query.To is { } to)
        {
            var before = StoredTime.From(to);
            found = found.Where(x => x.At < before);
        }

        var total = found.LongCount();
        var items = found.OrderByDescending(x => x.Id).Skip(query.Skip).Limit(query.Take).ToList();
        return Task.FromResult(new Page<AuditEntry>(items.ConvertAll(ToEntry), total, query.Skip, query.Take));
    }

    private static AuditEntry ToEntry(LiteAuditDocument d) => new(
        d.Id.ToString(CultureInfo.InvariantCulture), StoredTime.Read(d.At), d.Kind, d.Actor, d.AccountId, d.Detail);
}
