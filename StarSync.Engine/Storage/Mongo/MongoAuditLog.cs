using MongoDB.Driver;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="IAuditLog"/> on MongoDB; ids are ObjectIds, and "newest first" is descending time, then descending id.
/// </summary>
public sealed class MongoAuditLog(MongoStore store, TimeProvider clock) : IAuditLog
{
    private static readonly FilterDefinitionBuilder<MongoAuditDocument> Filter = Builders<MongoAuditDocument>.Filter;

    private readonly IMongoCollection<MongoAuditDocument> _entries = (store ?? throw new ArgumentNullException(nameof(store))).AuditLog;
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public async Task<AuditEntry> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Kind, nameof(entry));
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Actor, nameof(entry));
        var document = new MongoAuditDocument
        {
            At = StoredTime.From(_clock.GetUtcNow()),
            Kind = entry.Kind,
            Actor = entry.Actor,
            AccountId = entry.AccountId,
            Detail = entry.Detail,
        };
        // The driver assigns the ObjectId before sending.
        await _entries.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToEntry(document);
    }

    public async Task<Page<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Paging.Require(query.Skip, query.Take);
        var filter = QueryFilter(query);
        var total = await _entries.CountDocumentsAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false);
        var documents = await _entries.Find(filter)
            .Sort(Builders<MongoAuditDocument>.Sort.Descending(x => x.At).Descending(x => x.Id))
            .Skip(query.Skip)
            .Limit(query.Take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<AuditEntry>(documents.ConvertAll(ToEntry), total, query.Skip, query.Take);
    }

    internal static FilterDefinition<MongoAuditDocument> QueryFilter(AuditQuery query)
    {
        var filter = Filter.Empty;
        if (query.Kind is { } kind)
        {
            filter &= Filter.Eq(x => x.Kind, kind);
        }

        if (query.Actor is { } actor)
        {
            filter &= Filter.Eq(x => x.Actor, actor);
        }

        if (query.AccountId is { } accountId)
        {
            filter &= Filter.Eq(x => x.AccountId, accountId);
        }

        if (query.From is { } from)
        {
            filter &= Filter.Gte(x => x.At, StoredTime.From(from));
        }

        if (query.To is { } to)
        {
            filter &= Filter.Lt(x => x.At, StoredTime.From(to));
        }

        return filter;
    }

    private static AuditEntry ToEntry(MongoAuditDocument d) => new(d.Id.ToString(), StoredTime.Read(d.At), d.Kind, d.Actor, d.AccountId, d.Detail);
}
