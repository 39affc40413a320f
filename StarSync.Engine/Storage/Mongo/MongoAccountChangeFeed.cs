using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="IAccountChangeFeed"/> as a MongoDB change stream on the accounts collection (so it needs a replica set),
/// filtered to the updates that wrote <c>lastRevocation</c>. Every node subscribes and sees every revocation. The
/// driver resumes the stream once by itself after a transient error; a subscriber whose stream ends opens a new
/// subscription (events in between are covered by the per-request session check).
/// </summary>
public sealed class MongoAccountChangeFeed(MongoStore store) : IAccountChangeFeed
{
    private readonly IMongoCollection<BsonDocument> _accounts =
        (store ?? throw new ArgumentNullException(nameof(store))).Database.GetCollection<BsonDocument>(MongoCollections.Accounts);

    /// <inheritdoc />
    public async Task<IAccountChangeSubscription> SubscribeAsync(CancellationToken cancellationToken = default)
    {
        // The cursor is open when WatchAsync returns: from then on every matching change is delivered.
        var cursor = await _accounts.WatchAsync(RevocationPipeline(), new ChangeStreamOptions(), cancellationToken).ConfigureAwait(false);
        return new Subscription(cursor);
    }

    /// <summary>Only updates that set <c>lastRevocation</c>; each such update ended exactly one session.</summary>
    internal static PipelineDefinition<ChangeStreamDocument<BsonDocument>, ChangeStreamDocument<BsonDocument>> RevocationPipeline() =>
        new EmptyPipelineDefinition<ChangeStreamDocument<BsonDocument>>().Match(new BsonDocument
        {
            { "operationType", "update" },
            { "updateDescription.updatedFields.lastRevocation", new BsonDocument("$exists", true) },
        });

    /// <summary>
    /// The revocation a raw change event describes, or null for any other event. The stores always set
    /// <c>lastRevocation</c> as a whole (never field by field), so it appears whole in <c>updatedFields</c>.
    /// </summary>
    internal static SessionRevoked? ToRevocation(BsonDocument change)
    {
        if (change.GetValue("operationType", BsonNull.Value) != "update"
            || change.GetValue("documentKey", BsonNull.Value) is not BsonDocument key
            || change.GetValue("updateDescription", BsonNull.Value) is not BsonDocument description
            || description.GetValue("updatedFields", BsonNull.Value) is not BsonDocument updated
            || updated.GetValue("lastRevocation", BsonNull.Value) is not BsonDocument revocation)
        {
            return null;
        }

        return new SessionRevoked(
            key["_id"].AsString,
            revocation["sessionId"].AsString,
            StoredName.Parse<SessionEndReason>(revocation["reason"].AsString),
            StoredTime.Read(revocation["at"].ToUniversalTime()));
    }

    private sealed class Subscription(IChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor) : IAccountChangeSubscription
    {
        public async IAsyncEnumerable<SessionRevoked> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            while (await cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var change in cursor.Current)
                {
                    if (ToRevocation(change.BackingDocument) is { } revocation)
                    {
                        yield return revocation;
                    }
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            cursor.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
